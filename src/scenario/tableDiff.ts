/**
 * Tables compared cell by cell, and tables added cell by cell.
 *
 * Every table is linear in the aggregate: the tables of a ledger plus a
 * scenario's events are the ledger's tables plus the tables of the
 * scenario's events alone, cell by cell. {@link addTables} is that sum, the
 * fast path of a scenario's diff; the tables built from scratch give the
 * same changes.
 *
 * A row is known by its 行次, code and label; a blank cell (no key) counts
 * as zero.
 *
 * @module
 */
import { addFen } from "../money/fen.js";
import type { Table, TableId, TableRow } from "../tables/table.js";

/** One cell of a table, baseline against scenario, exact fen. */
export interface CellChange {
  /** T1 … T10. */
  readonly table: TableId;
  /** The row's 行次 (Tables 1 and 4), else null. */
  readonly line: number | null;
  /** The row's classification code, else null. */
  readonly code: string | null;
  /** The row's label. */
  readonly label: string;
  /** The column's 栏次. */
  readonly column: string;
  /** The baseline's amount, fen. */
  readonly baselineFen: number;
  /** The scenario's amount, fen. */
  readonly scenarioFen: number;
  /** scenario − baseline, fen. */
  readonly deltaFen: number;
}

/** Options of {@link diffTables}. */
export interface DiffOptions {
  /** List every cell, changed or not (default: only the changed ones). */
  readonly all?: boolean;
}

/**
 * The key of a row within its table.
 *
 * @param row - a row
 * @returns a string naming it
 */
export function rowKey(row: Pick<TableRow, "line" | "code" | "label">): string {
  return `${row.line ?? ""}\u001f${row.code ?? ""}\u001f${row.label}`;
}

/**
 * The rows of two versions of a table, merged in printed order: the first's
 * rows in their order, and rows only the second has inserted where their
 * code sorts among the coded rows (classification rows print in code order;
 * the other rows are fixed by the template, so both versions have them).
 *
 * @param first - a table's rows
 * @param second - the same table's rows in another version
 * @returns each row key once, with the rows of each version that have it
 */
export function unionRows(first: readonly TableRow[], second: readonly TableRow[]): { readonly key: string; readonly first?: TableRow; readonly second?: TableRow }[] {
  const merged: { key: string; first?: TableRow; second?: TableRow }[] = first.map((row) => ({ key: rowKey(row), first: row }));
  const at = new Map(merged.map((entry, index) => [entry.key, index]));
  const extra: TableRow[] = [];
  for (const row of second) {
    const index = at.get(rowKey(row));
    if (index === undefined) extra.push(row);
    else (merged[index] as { second?: TableRow }).second = row;
  }
  if (extra.length === 0) return merged;
  extra.sort((a, b) => compareCodes(a.code, b.code));
  const result: { key: string; first?: TableRow; second?: TableRow }[] = [];
  let next = 0;
  for (const entry of merged) {
    const code = entry.first?.code ?? null;
    while (code !== null && next < extra.length && compareCodes((extra[next] as TableRow).code, code) < 0) {
      const row = extra[next++] as TableRow;
      result.push({ key: rowKey(row), second: row });
    }
    result.push(entry);
  }
  for (; next < extra.length; next++) {
    const row = extra[next] as TableRow;
    result.push({ key: rowKey(row), second: row });
  }
  return result;
}

function compareCodes(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function columnsOf(first: TableRow | undefined, second: TableRow | undefined): string[] {
  const columns = new Set<string>([...Object.keys(first?.cells ?? {}), ...Object.keys(second?.cells ?? {})]);
  return [...columns].sort((a, b) => Number(a) - Number(b));
}

/**
 * Adds two sets of tables cell by cell (the same tables, e.g. a ledger's and
 * those of a scenario's own events). A cell present in either is present in
 * the sum.
 *
 * @param left - tables
 * @param right - the same tables, in the same order
 * @returns their sum, in the left's order
 * @throws Error when the two sets are not the same tables
 */
export function addTables(left: readonly Table[], right: readonly Table[]): Table[] {
  if (left.length !== right.length || left.some((table, index) => table.id !== right[index]?.id)) {
    throw new Error("addTables: the two sets must hold the same tables in the same order");
  }
  return left.map((table, index) => {
    const other = right[index] as Table;
    const rows = unionRows(table.rows, other.rows).map(({ first, second }) => {
      const row = (first ?? second) as TableRow;
      const cells: Record<string, number> = {};
      for (const column of columnsOf(first, second)) cells[column] = addFen(first?.cells[column] ?? 0, second?.cells[column] ?? 0);
      return { line: row.line, code: row.code, label: row.label, cells };
    });
    return { id: table.id, title: table.title, columns: table.columns, rows };
  });
}

/**
 * Every cell of two versions of the same tables, baseline against scenario:
 * only the changed cells unless `all`.
 *
 * @param baseline - the baseline's tables
 * @param scenario - the scenario's tables (the same ids, in any order)
 * @param options - `all` to list unchanged cells too
 * @returns the cells in table order, then row order, then column order
 */
export function diffTables(baseline: readonly Table[], scenario: readonly Table[], options: DiffOptions = {}): CellChange[] {
  const byId = new Map(scenario.map((table) => [table.id, table]));
  const changes: CellChange[] = [];
  for (const table of baseline) {
    const other = byId.get(table.id);
    for (const { first, second } of unionRows(table.rows, other?.rows ?? [])) {
      const row = (first ?? second) as TableRow;
      for (const column of columnsOf(first, second)) {
        const baselineFen = first?.cells[column] ?? 0;
        const scenarioFen = second?.cells[column] ?? 0;
        const deltaFen = addFen(scenarioFen, -baselineFen);
        if (deltaFen === 0 && options.all !== true) continue;
        changes.push({ table: table.id, line: row.line, code: row.code, label: row.label, column, baselineFen, scenarioFen, deltaFen });
      }
    }
  }
  return changes;
}

/** Row positions of a table by row key, computed once per table object. */
const rowPositions = new WeakMap<Table, Map<string, number>>();

function positionsOf(table: Table): Map<string, number> {
  let found = rowPositions.get(table);
  if (found === undefined) {
    found = new Map(table.rows.map((row, index) => [rowKey(row), index]));
    rowPositions.set(table, found);
  }
  return found;
}

/**
 * The changed cells of a baseline plus a delta — the tables of the events a
 * scenario added alone — without building the summed tables: a changed cell
 * is exactly a non-zero cell of the delta, so only the delta's rows are
 * read. Equal to `diffTables(baseline, addTables(baseline, delta))`, in the
 * same order.
 *
 * @param baseline - the baseline's tables (their row positions are cached per table object)
 * @param delta - the tables of the scenario's own events, the same ids in the same order
 * @returns the changed cells in table, row and column order
 * @throws Error when the two sets are not the same tables
 */
export function diffDelta(baseline: readonly Table[], delta: readonly Table[]): CellChange[] {
  if (baseline.length !== delta.length || baseline.some((table, index) => table.id !== delta[index]?.id)) {
    throw new Error("diffDelta: the two sets must hold the same tables in the same order");
  }
  const changes: CellChange[] = [];
  baseline.forEach((table, index) => {
    const positions = positionsOf(table);
    const entries: { readonly at: number; readonly inserted: boolean; readonly code: string | null; readonly changes: CellChange[] }[] = [];
    for (const row of (delta[index] as Table).rows) {
      const position = positions.get(rowKey(row));
      const base = position === undefined ? undefined : table.rows[position];
      const own: CellChange[] = [];
      for (const column of Object.keys(row.cells).sort((a, b) => Number(a) - Number(b))) {
        const deltaFen = row.cells[column] ?? 0;
        if (deltaFen === 0) continue;
        const baselineFen = base?.cells[column] ?? 0;
        own.push({ table: table.id, line: row.line, code: row.code, label: row.label, column, baselineFen, scenarioFen: addFen(baselineFen, deltaFen), deltaFen });
      }
      if (own.length === 0) continue;
      if (position !== undefined) {
        entries.push({ at: position, inserted: false, code: row.code, changes: own });
        continue;
      }
      // A row the baseline does not print goes before the first coded row whose code sorts after it (as unionRows places it).
      let at = table.rows.length;
      if (row.code !== null) {
        const found = table.rows.findIndex((other) => other.code !== null && compareCodes(row.code, other.code) < 0);
        if (found !== -1) at = found;
      }
      entries.push({ at, inserted: true, code: row.code, changes: own });
    }
    entries.sort((a, b) => a.at - b.at || (a.inserted === b.inserted ? compareCodes(a.code, b.code) : a.inserted ? -1 : 1));
    for (const entry of entries) changes.push(...entry.changes);
  });
  return changes;
}
