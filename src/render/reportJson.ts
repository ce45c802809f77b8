/**
 * A report as the published JSON: amounts in 万元 as strings with two
 * decimals, each cell rounded on its own from its exact fen — the shape of
 * `golden/guangzhou-cac-2020.tables.json`, which `import` reads back.
 *
 * @module
 */
import { fenToWan } from "../money/decimal.js";
import type { Report } from "../tables/report.js";
import type { Table, TableId, TableRow } from "../tables/table.js";

/** One row of a published table. */
export interface RowJson {
  /** The 行次 (Tables 1 and 4), else null. */
  readonly line: number | null;
  /** The classification code, else null. */
  readonly code: string | null;
  /** The row's label as printed. */
  readonly label: string;
  /** 万元 with two decimals (e.g. `"7443.88"`), keyed by 栏次; a blank cell has no key. */
  readonly cells: Readonly<Record<string, string>>;
}

/** One published table. */
export interface TableJson {
  /** T1 … T10. */
  readonly id: TableId;
  /** The printed title. */
  readonly title: string;
  /** Column titles keyed by 栏次. */
  readonly columns: Readonly<Record<string, string>>;
  /** Rows in printed order. */
  readonly rows: readonly RowJson[];
}

/** A published report: the department's tables of one year, in 万元. */
export interface ReportJson {
  /** The department's name. */
  readonly department: string;
  /** The year. */
  readonly year: number;
  /** Always 万元: every amount is in units of ten thousand yuan. */
  readonly unit: "万元";
  /** The tables. */
  readonly tables: readonly TableJson[];
}

/**
 * A row as published: each cell rounded on its own.
 *
 * @param row - a row with exact fen
 * @returns the row in 万元; blank cells stay absent
 */
export function rowToJson(row: TableRow): RowJson {
  const cells: Record<string, string> = {};
  for (const [column, amountFen] of Object.entries(row.cells)) cells[column] = fenToWan(amountFen);
  return { line: row.line, code: row.code, label: row.label, cells };
}

/**
 * A table as published.
 *
 * @param table - a table with exact fen
 * @returns the table in 万元, keys in the golden file's order
 */
export function tableToJson(table: Table): TableJson {
  return { id: table.id, title: table.title, columns: { ...table.columns }, rows: table.rows.map(rowToJson) };
}

/**
 * A report as published: `{department, year, unit: "万元", tables}`, every
 * cell a two-decimal string rounded half away from zero from its own exact
 * fen total (never a sum of rounded cells), without thousands separators.
 *
 * @param report - a report with exact fen, e.g. `ledger.report(2020)`
 * @returns the report in the golden file's shape and key order
 *
 * @example
 * ```ts
 * const json = reportToJson(ledger.report(2020));
 * json.tables[0]?.rows[0]?.cells["1"]; // "15731.43"
 * ```
 */
export function reportToJson(report: Report): ReportJson {
  return { department: report.department, year: report.year, unit: "万元", tables: report.tables.map(tableToJson) };
}

/**
 * A report as JSON text, laid out as the golden file is (one-space indent),
 * with a final newline.
 *
 * @param report - a report with exact fen
 * @returns the JSON text
 */
export function renderReportJson(report: Report): string {
  return `${JSON.stringify(reportToJson(report), null, 1)}\n`;
}
