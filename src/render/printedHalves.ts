/**
 * The tables the report prints in two halves side by side: Table 1 and
 * Table 4 (income on the left, expenditure on the right, line i beside line
 * i + n/2) and Table 6 (人员经费 on the left, 公用经费 on the right). The
 * data keeps one list of rows; this module pairs them back for print.
 *
 * @module
 */
import { PERSONNEL_ECONOMIC_CLASSES } from "../catalog/catalog.js";
import type { Table, TableId, TableRow } from "../tables/table.js";

/** One half of a two-sided table. */
export interface Half {
  /** What the half holds, printed above it (收入, 支出, 人员经费 …). */
  readonly heading: string;
  /** Its rows, aligned with the other half's (null where a side has no row). */
  readonly rows: readonly (TableRow | null)[];
  /** The 栏次 of the amounts it prints. */
  readonly columns: readonly string[];
}

/** The two halves, with rows of equal count. */
export type Halves = readonly [Half, Half];

/** Splits a table into halves, or says it cannot (null). */
type Splitter = (table: Table) => Halves | null;

/**
 * Pairs line i with line i + n/2 (n lines in all, numbered 1 … n). The
 * columns of a half are those its rows carry; the halves must not share one.
 */
function halvesByLine(left: string, right: string): Splitter {
  return (table) => {
    const count = table.rows.length;
    if (count === 0 || count % 2 !== 0) return null;
    const byLine = new Map<number, TableRow>();
    for (const row of table.rows) if (row.line !== null) byLine.set(row.line, row);
    const half = count / 2;
    const leftRows: TableRow[] = [];
    const rightRows: TableRow[] = [];
    for (let line = 1; line <= half; line++) {
      const l = byLine.get(line);
      const r = byLine.get(line + half);
      if (l === undefined || r === undefined) return null;
      leftRows.push(l);
      rightRows.push(r);
    }
    const leftColumns = columnsCarried(table, leftRows);
    const rightColumns = columnsCarried(table, rightRows);
    const shared = leftColumns.some((column) => rightColumns.includes(column));
    if (shared || leftColumns.length + rightColumns.length !== Object.keys(table.columns).length) return null;
    return [
      { heading: left, rows: leftRows, columns: leftColumns },
      { heading: right, rows: rightRows, columns: rightColumns },
    ];
  };
}

/**
 * Personnel economic codes (301, 303 and their 款) on the left, the other
 * codes on the right, each in its own order; rows without a code are the
 * halves' totals, alternately left and right, on the last lines.
 */
function halvesByEconomicClass(left: string, right: string): Splitter {
  return (table) => {
    const leftBody: TableRow[] = [];
    const rightBody: TableRow[] = [];
    const totals: TableRow[] = [];
    for (const row of table.rows) {
      if (row.code === null) totals.push(row);
      else if (PERSONNEL_ECONOMIC_CLASSES.includes(row.code.slice(0, 3))) leftBody.push(row);
      else rightBody.push(row);
    }
    const leftRows: (TableRow | null)[] = [];
    const rightRows: (TableRow | null)[] = [];
    const bodyCount = Math.max(leftBody.length, rightBody.length);
    for (let index = 0; index < bodyCount; index++) {
      leftRows.push(leftBody[index] ?? null);
      rightRows.push(rightBody[index] ?? null);
    }
    for (let index = 0; index < totals.length; index += 2) {
      leftRows.push(totals[index] ?? null);
      rightRows.push(totals[index + 1] ?? null);
    }
    const columns = Object.keys(table.columns);
    return [
      { heading: left, rows: leftRows, columns },
      { heading: right, rows: rightRows, columns },
    ];
  };
}

function columnsCarried(table: Table, rows: readonly TableRow[]): string[] {
  return Object.keys(table.columns).filter((column) => rows.some((row) => column in row.cells));
}

const SPLITTERS: Partial<Record<TableId, Splitter>> = {
  T1: halvesByLine("收入", "支出"),
  T4: halvesByLine("收入", "支出"),
  T6: halvesByEconomicClass("人员经费", "公用经费"),
};

/**
 * The two halves a table is printed in, side by side.
 *
 * @param table - a table
 * @returns the halves, or null for a table printed as one list (or whose
 *   rows do not fit its two-sided layout)
 */
export function printedHalves(table: Table): Halves | null {
  const split = SPLITTERS[table.id];
  return split === undefined ? null : split(table);
}
