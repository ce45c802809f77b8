/**
 * Tables as CSV (RFC 4180): one section per table, each with its own header
 * line `table,line,code,label,<column titles>`, amounts in 万元 as plain
 * two-decimal strings (no thousands separators), each rounded on its own
 * from exact fen. Sections of a report are separated by an empty line.
 *
 * @module
 */
import { fenToWan } from "../money/decimal.js";
import type { Report } from "../tables/report.js";
import type { Table } from "../tables/table.js";

/** Options of the CSV renderers. */
export interface CsvOptions {
  /** The record separator: CRLF as RFC 4180 says (the default), or LF. */
  readonly lineEnding?: "\r\n" | "\n";
}

/**
 * Quotes one field as RFC 4180 requires: a field holding a comma, a double
 * quote, CR or LF is enclosed in double quotes, its quotes doubled; any other
 * field is written as is.
 *
 * @param text - the field
 * @returns the field as written in a record
 *
 * @example
 * ```ts
 * csvField("a,b");      // "\"a,b\""
 * csvField("“三公”");   // "“三公”" (only ASCII quotes are special)
 * csvField("say \"hi\""); // "\"say \"\"hi\"\"\""
 * ```
 */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function record(fields: readonly string[]): string {
  return fields.map(csvField).join(",");
}

/**
 * Renders one table as a CSV section: a header line, then one record per row
 * (`T2,,20137,网信事务,…`). Blank cells are empty fields.
 *
 * @param table - a table with exact fen
 * @param options - the line ending
 * @returns the records, each ended by the line ending
 */
export function renderTableCsv(table: Table, options: CsvOptions = {}): string {
  const end = options.lineEnding ?? "\r\n";
  const columns = Object.keys(table.columns);
  const records = [record(["table", "line", "code", "label", ...columns.map((column) => table.columns[column] ?? "")])];
  for (const row of table.rows) {
    const amounts = columns.map((column) => {
      const amountFen = row.cells[column];
      return amountFen === undefined ? "" : fenToWan(amountFen);
    });
    records.push(record([table.id, row.line === null ? "" : String(row.line), row.code ?? "", row.label, ...amounts]));
  }
  return records.map((line) => line + end).join("");
}

/**
 * Renders a report's tables as CSV sections separated by an empty line.
 *
 * @param report - a report with exact fen
 * @param options - the line ending
 * @returns the CSV text
 */
export function renderReportCsv(report: Report, options: CsvOptions = {}): string {
  const end = options.lineEnding ?? "\r\n";
  return report.tables.map((table) => renderTableCsv(table, options)).join(end);
}
