/**
 * The cells a ledger prints, addressed as a published report's cells are
 * (table, canonical row, canonical column), so that every cell a report
 * printed can be compared with the ledger's projection of the imported
 * events — including the balance columns some templates print in Table 9,
 * which the 2020 template does not.
 *
 * @module
 */
import type { Catalog } from "../catalog/catalog.js";
import type { Ledger } from "../ledger/ledger.js";
import { balanceMovements } from "../projections/balances.js";
import type { Table } from "../tables/table.js";
import { addressKey, windowOf, type PrintedCell, type PublishedReport } from "./publishedReport.js";

function rowKey(table: Table, index: number, catalog: Catalog): string | null {
  const row = table.rows[index];
  if (row === undefined) return null;
  switch (table.id) {
    case "T1":
    case "T4":
      return row.line === null ? null : `line ${row.line}`;
    case "T6":
      return row.code ?? row.label;
    case "T7":
      return "三公";
    case "T10":
      return index === 0 ? "合计" : (catalog.nonTaxLines[index - 1]?.id ?? null);
    default:
      return row.code ?? "合计";
  }
}

/**
 * Every cell a ledger prints for a year, by address key (`T2|2013701|1`).
 *
 * @param ledger - the ledger
 * @param year - the year
 * @returns exact fen by address key
 */
export function projectedCells(ledger: Ledger, year: number): Map<string, number> {
  const cells = new Map<string, number>();
  for (const table of ledger.tables(year)) {
    table.rows.forEach((row, index) => {
      const key = rowKey(table, index, ledger.catalog);
      if (key === null) return;
      for (const [column, fen] of Object.entries(row.cells)) cells.set(addressKey({ table: table.id, row: key, column }), fen);
    });
  }
  const aggregate = ledger.aggregate().years.get(year);
  if (aggregate !== undefined) {
    const add = (row: string, column: string, fen: number): void => {
      const key = addressKey({ table: "T9", row, column });
      cells.set(key, (cells.get(key) ?? 0) + fen);
    };
    for (const m of balanceMovements(aggregate)) {
      if (m.fund !== "stateCapital") continue;
      for (const row of ["合计", m.functional.slice(0, 3), m.functional.slice(0, 5), m.functional]) {
        add(row, "opening", m.openingCarriedFen);
        add(row, "receipts", m.receiptsFen);
        add(row, "closing", m.closingCarriedFen);
      }
    }
  }
  return cells;
}

/** A printed cell the projection does not print back. */
export interface Mismatch {
  /** The printed cell. */
  readonly cell: PrintedCell;
  /** What the projection holds there, fen (0 where it prints no such cell). */
  readonly projectedFen: number;
}

/**
 * The printed cells a projection does not print back.
 *
 * @param report - the report
 * @param projected - the projection's cells by address key
 * @param skip - address keys not to compare (cells set aside)
 * @returns the cells whose projected amount does not round to the print
 */
export function unreproducedCells(report: PublishedReport, projected: ReadonlyMap<string, number>, skip: ReadonlySet<string> = new Set()): Mismatch[] {
  const mismatches: Mismatch[] = [];
  for (const table of report.tables) {
    for (const row of table.rows) {
      for (const cell of Object.values(row.cells)) {
        const key = addressKey(cell.address);
        if (skip.has(key)) continue;
        const fen = projected.get(key) ?? 0;
        const window = windowOf(cell);
        if (fen < window.lo || fen > window.hi) mismatches.push({ cell, projectedFen: fen });
      }
    }
  }
  return mismatches;
}
