/**
 * The in-memory model of a published report that every reader produces: the
 * department, the year, and its tables with every printed cell, in the
 * canonical layout of the 2020 template (row keys and column numbers of the
 * ten tables `report` prints), whatever layout the report used.
 *
 * A printed cell keeps its text, its value in fen, the half of its printed
 * step (the amounts that print as it lie within it), and where in the input
 * it was read.
 *
 * @module
 */
import type { TableId } from "../tables/table.js";

/** The formats a report is read from. */
export type ReportFormat = "json" | "text" | "pipe";

/** Where a printed cell sits, in the canonical layout. */
export interface CellAddress {
  /** T1 … T10. */
  readonly table: TableId;
  /**
   * The row: `line N` in Tables 1 and 4 (the 行次 of the 2020 template), the
   * functional code or `合计` in Tables 2, 3, 5, 8 and 9, the economic code or
   * the total's label in Table 6, `三公` in Table 7, the line id or `合计` in
   * Table 10.
   */
  readonly row: string;
  /**
   * The column: the 栏次 of the 2020 template (`"1"` …), or `opening`,
   * `receipts`, `closing` for the balance columns some templates print in
   * Table 9.
   */
  readonly column: string;
}

/** One printed cell. */
export interface PrintedCell {
  /** Where it is. */
  readonly address: CellAddress;
  /** The text as printed; empty for a blank cell. */
  readonly text: string;
  /** The printed value in fen (0 for a blank cell). */
  readonly fen: number;
  /** Half of the printed step in fen: 5,000 for two decimals of 万元. */
  readonly halfStepFen: number;
  /** Whether the cell is blank (read as zero). */
  readonly blank: boolean;
  /** Where in the input it was read, e.g. `line 212` or `tables[1].rows[3].cells.2`. */
  readonly source: string;
}

/** One row of a published table. */
export interface PublishedRow {
  /** The canonical row key (see {@link CellAddress.row}). */
  readonly key: string;
  /** The 行次 of the 2020 template (Tables 1 and 4), else null. */
  readonly line: number | null;
  /** The classification code (functional, or economic in Table 6), else null. */
  readonly code: string | null;
  /** The label as printed. */
  readonly label: string;
  /** Printed cells by canonical column. */
  readonly cells: Readonly<Record<string, PrintedCell>>;
  /** Where in the input the row was read. */
  readonly source: string;
}

/** One published table. */
export interface PublishedTable {
  /** T1 … T10. */
  readonly id: TableId;
  /** The title as printed. */
  readonly title: string;
  /** Which layout of the table the report used, in words. */
  readonly layout: string;
  /** Rows in printed order. */
  readonly rows: readonly PublishedRow[];
}

/** A published report as read, in the canonical layout. */
export interface PublishedReport {
  /** Tags the model (a report JSON object has no `kind`). */
  readonly kind: "publishedReport";
  /** The format it was read from. */
  readonly format: ReportFormat;
  /** The department's name. */
  readonly department: string;
  /** The year. */
  readonly year: number;
  /** The tables it prints, in order. */
  readonly tables: readonly PublishedTable[];
}

/**
 * A cell address as one string, `T2|2013701|1`.
 *
 * @param address - the address
 * @returns its key
 */
export function addressKey(address: CellAddress): string {
  return `${address.table}|${address.row}|${address.column}`;
}

/**
 * The address in words, for messages: `T2 2013701 column 1`.
 *
 * @param address - the address
 * @returns the words
 */
export function describeAddress(address: CellAddress): string {
  return `${address.table} ${address.row} column ${address.column}`;
}

/**
 * The amounts in fen that print as a cell: each cell is rounded on its own,
 * half away from zero, so a cell printed x (step s = 2 × half) holds an
 * amount in [x − s/2, x + s/2) for x > 0, (x − s/2, x + s/2] for x < 0 and
 * (−s/2, s/2) for x = 0.
 *
 * @param cell - the printed value and its half step
 * @returns the least and greatest amounts, fen
 */
export function windowOf(cell: { readonly fen: number; readonly halfStepFen: number }): { readonly lo: number; readonly hi: number } {
  const { fen, halfStepFen: half } = cell;
  if (fen > 0) return { lo: fen - half, hi: fen + half - 1 };
  if (fen < 0) return { lo: fen - half + 1, hi: fen + half };
  return { lo: -half + 1, hi: half - 1 };
}

/**
 * Every printed cell of a report.
 *
 * @param report - the report
 * @returns the cells, table by table, row by row
 */
export function printedCells(report: PublishedReport): PrintedCell[] {
  const cells: PrintedCell[] = [];
  for (const table of report.tables) for (const row of table.rows) cells.push(...Object.values(row.cells));
  return cells;
}
