/**
 * What a reader hands on before the layout is interpreted: tables of rows of
 * texts, in the order and layout the report printed them. Table 1, 4 and 6
 * print two sides on one line; readers split them into one row per side.
 *
 * @module
 */
import type { TableId } from "../tables/table.js";
import type { ReportFormat } from "./publishedReport.js";

/** One printed row, as texts. */
export interface RawRow {
  /** The side of a two-sided table (Tables 1 and 4: income or spending), else null. */
  readonly side: "income" | "spending" | null;
  /** The classification code as printed (spaces removed), or empty. */
  readonly code: string;
  /** The label as printed. */
  readonly label: string;
  /**
   * The value cells in printed order: a text (empty for a blank cell), or
   * null where the report has no cell at all (a key absent from report JSON).
   */
  readonly values: readonly (string | null)[];
  /** Where in the input, e.g. `line 212`. */
  readonly source: string;
}

/** One printed table, as texts. */
export interface RawTable {
  /** T1 … T10. */
  readonly id: TableId;
  /** The title as printed. */
  readonly title: string;
  /** Titles of the value columns when the report names them, else null. */
  readonly columnTitles: readonly string[] | null;
  /** Rows in printed order. */
  readonly rows: readonly RawRow[];
  /** Where in the input the table starts. */
  readonly source: string;
}

/** A report as texts. */
export interface RawReport {
  /** The format it was read from. */
  readonly format: ReportFormat;
  /** The department, when printed. */
  readonly department: string | null;
  /** The year, when printed. */
  readonly year: number | null;
  /** The tables in printed order. */
  readonly tables: readonly RawTable[];
}
