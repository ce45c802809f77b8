/**
 * Reads the report JSON — the shape of the golden file and of
 * `fundledger report --format json`: `{department, year, unit: "万元",
 * tables: [{id, title, columns, rows: [{line, code, label, cells}]}]}`,
 * cells keyed by 栏次, values as strings. Every field is checked; a wrong one
 * is named by its path.
 *
 * @module
 */
import { TABLE_IDS, type TableId } from "../tables/table.js";
import { inputIssue, nonEmpty, type ImportIssue, type ImportResultOf } from "./importIssues.js";
import type { RawReport, RawRow, RawTable } from "./rawReport.js";

/** Most tables and rows a report JSON may hold (a bound on work). */
const TABLES_MAX = 100;
const ROWS_MAX = 200_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Column keys in 栏次 order (numeric keys first, by number). */
function columnOrder(keys: readonly string[]): string[] {
  return [...keys].sort((a, b) => {
    const na = Number(a);
    const nb = Number(b);
    if (Number.isInteger(na) && Number.isInteger(nb)) return na - nb;
    if (Number.isInteger(na)) return -1;
    if (Number.isInteger(nb)) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

/**
 * Reads a parsed report JSON value.
 *
 * @param value - the parsed JSON
 * @returns the tables as texts, or the issues naming each wrong field
 */
export function readReportJsonValue(value: unknown): ImportResultOf<RawReport> {
  const issues: ImportIssue[] = [];
  const shape = (path: string, rule: string): void => {
    issues.push(inputIssue("invalid_shape", `${path}: ${rule}`, { source: path }));
  };
  if (!isRecord(value)) {
    return { ok: false, issues: [inputIssue("invalid_shape", "report: a report is an object {department, year, unit, tables}", { source: "report" })] };
  }
  const department = value["department"];
  if (department !== undefined && typeof department !== "string") shape("department", "must be a string");
  const year = value["year"];
  if (year !== undefined && (typeof year !== "number" || !Number.isInteger(year))) shape("year", "must be an integer");
  const unit = value["unit"];
  if (unit !== undefined && unit !== "万元") shape("unit", `must be "万元" (amounts in units of ten thousand yuan), not ${JSON.stringify(unit)}`);
  const tablesValue = value["tables"];
  const tables: RawTable[] = [];
  if (!Array.isArray(tablesValue)) shape("tables", "must be an array of tables");
  else if (tablesValue.length > TABLES_MAX) shape("tables", `holds at most ${TABLES_MAX} tables`);
  else {
    let rowsSeen = 0;
    tablesValue.forEach((tableValue: unknown, t: number) => {
      const at = `tables[${t}]`;
      if (!isRecord(tableValue)) return shape(at, "a table is an object {id, title, columns, rows}");
      const id = tableValue["id"];
      if (typeof id !== "string" || !(TABLE_IDS as readonly string[]).includes(id)) {
        issues.push(inputIssue("unknown_table", `${at}.id: ${JSON.stringify(id)} is not a table (T1 … T10)`, { source: `${at}.id` }));
        return;
      }
      const tableId = id as TableId;
      const title = tableValue["title"];
      if (title !== undefined && typeof title !== "string") shape(`${at}.title`, "must be a string");
      const columns = tableValue["columns"];
      let columnKeys: string[] = [];
      let columnTitles: string[] | null = null;
      if (columns !== undefined) {
        if (!isRecord(columns) || Object.values(columns).some((c) => typeof c !== "string")) shape(`${at}.columns`, "must map 栏次 to column titles (strings)");
        else {
          columnKeys = columnOrder(Object.keys(columns));
          columnTitles = columnKeys.map((key) => columns[key] as string);
        }
      }
      const rowsValue = tableValue["rows"];
      if (!Array.isArray(rowsValue)) return shape(`${at}.rows`, "must be an array of rows");
      rowsSeen += rowsValue.length;
      if (rowsSeen > ROWS_MAX) return shape(`${at}.rows`, `a report holds at most ${ROWS_MAX} rows`);
      const rows: RawRow[] = [];
      rowsValue.forEach((rowValue: unknown, r: number) => {
        const rowAt = `${at}.rows[${r}]`;
        if (!isRecord(rowValue)) return shape(rowAt, "a row is an object {line, code, label, cells}");
        const code = rowValue["code"];
        const label = rowValue["label"];
        const cells = rowValue["cells"];
        const line = rowValue["line"];
        if (code !== null && code !== undefined && typeof code !== "string") return shape(`${rowAt}.code`, "must be a string or null");
        if (label !== undefined && typeof label !== "string") return shape(`${rowAt}.label`, "must be a string");
        if (line !== null && line !== undefined && (typeof line !== "number" || !Number.isInteger(line))) return shape(`${rowAt}.line`, "must be an integer or null");
        if (!isRecord(cells)) return shape(`${rowAt}.cells`, "must map 栏次 to amounts (strings)");
        for (const [key, cell] of Object.entries(cells)) {
          if (typeof cell !== "string") {
            issues.push(
              inputIssue("not_a_number", `${rowAt}.cells.${key}: ${JSON.stringify(cell)} is not an amount text (cells are strings such as "12.34")`, {
                table: tableId,
                column: key,
                source: `${rowAt}.cells.${key}`,
              }),
            );
            return;
          }
        }
        const keys = Object.keys(cells);
        if (keys.length === 0) return; // a blank row (Tables 1 and 4 print empty lines)
        const text = (key: string): string | null => (Object.hasOwn(cells, key) ? (cells[key] as string) : null);
        let side: RawRow["side"] = null;
        let values: (string | null)[];
        if (tableId === "T1" || tableId === "T4") {
          const income = Object.hasOwn(cells, "1");
          const spending = keys.some((key) => key !== "1");
          if (income && spending) return shape(`${rowAt}.cells`, "a row of Table 1 or 4 is on the income side (column 1) or the spending side, not both");
          side = income ? "income" : "spending";
          values = income ? [text("1")] : tableId === "T1" ? [text("2")] : ["2", "3", "4", "5"].map(text);
          const unknown = keys.find((key) => !["1", "2", "3", "4", "5"].includes(key) || (tableId === "T1" && key !== "1" && key !== "2"));
          if (unknown !== undefined) return shape(`${rowAt}.cells.${unknown}`, `${tableId} has no column ${unknown}`);
        } else {
          const order = columnKeys.length > 0 ? columnKeys : columnOrder(keys);
          const unknown = keys.find((key) => !order.includes(key));
          if (unknown !== undefined) return shape(`${rowAt}.cells.${unknown}`, `${tableId} has no column ${unknown}`);
          values = order.map(text);
        }
        rows.push({ side, code: typeof code === "string" ? code : "", label: typeof label === "string" ? label : "", values, source: rowAt });
      });
      tables.push({ id: tableId, title: typeof title === "string" ? title : tableId, columnTitles, rows, source: at });
    });
  }
  const problems = nonEmpty(issues);
  if (problems !== null) return { ok: false, issues: problems };
  return {
    ok: true,
    value: { format: "json", department: typeof department === "string" ? department : null, year: typeof year === "number" ? year : null, tables },
  };
}

/**
 * Parses and reads report JSON text.
 *
 * @param text - the JSON text
 * @returns the tables as texts, or the issues
 */
export function readReportJsonText(text: string): ImportResultOf<RawReport> {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, "")) as unknown;
  } catch (error) {
    return { ok: false, issues: [inputIssue("invalid_json", `not valid JSON (${error instanceof Error ? error.message : String(error)})`)] };
  }
  return readReportJsonValue(value);
}
