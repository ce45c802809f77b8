/**
 * Reads the text layout of a published report (the reference department's
 * `…final-accounts.txt`): each table under its title line, split across
 * pages that repeat the title and the header rows, cells separated by tabs,
 * amounts with thousands separators. Tables 1 and 4 print the income side
 * and the spending side on one line, Table 6 the personnel and the public
 * expenses; each line is split into one row per side. A note (`注：`) or the
 * next part of the report (`第三部分`) ends a table.
 *
 * @module
 */
import type { TableId } from "../tables/table.js";
import { inputIssue, nonEmpty, type ImportIssue, type ImportResultOf } from "./importIssues.js";
import { compact, tableOfTitle } from "./labels.js";
import { looksLikeAmount } from "./printedAmount.js";
import type { RawReport, RawRow, RawTable } from "./rawReport.js";

/** Most lines a text layout may hold (a bound on work). */
const LINES_MAX = 1_000_000;
/** Most cells a row may hold. */
const CELLS_MAX = 64;

/** Cells of one printed line of each table: [side-left width, side-right width] for two-sided tables. */
const TWO_SIDED: Partial<Readonly<Record<TableId, readonly [number, number]>>> = { T1: [3, 3], T4: [3, 6], T6: [3, 3] };

interface TableState {
  readonly id: TableId;
  readonly title: string;
  readonly source: string;
  readonly rows: RawRow[];
  readonly header: string[][];
  headerDone: boolean;
  noted: boolean;
  /** The printed total row, to drop its repetition on every page. */
  total: string | null;
}

/** Whether a row is the 栏次 row: `栏次` first, or the column numbers 1 … n. */
function isColumnNumberRow(cells: readonly string[]): boolean {
  const filled = cells.map(compact).filter((cell) => cell !== "");
  if (filled.length === 0) return false;
  if ((filled[0] ?? "").startsWith("栏次")) return true;
  return filled.every((cell, index) => cell === String(index + 1));
}

/**
 * Titles of the value columns from the header rows: each column's texts from
 * top to bottom, an empty upper cell taking the group title to its left
 * when a lower row names the column.
 */
function columnTitles(header: readonly (readonly string[])[], skip: number): string[] | null {
  if (header.length === 0) return null;
  const width = Math.max(...header.map((row) => row.length));
  const filled = header.map((row) => ({ out: Array.from({ length: width }, (_, j) => compact(row[j] ?? "")) }));
  const titles: string[] = [];
  for (let j = skip; j < width; j++) {
    const parts: string[] = [];
    filled.forEach(({ out }, r) => {
      let cell = out[j] ?? "";
      const below = filled.slice(r + 1).some((lower) => (lower.out[j] ?? "") !== "");
      if (cell === "" && below) {
        for (let k = j - 1; k >= skip; k--) {
          // A group of a row above that starts between here and there ends the inheritance.
          if (filled.slice(0, r).some((upper) => (upper.out[k + 1] ?? "") !== "")) break;
          const left = out[k] ?? "";
          if (left !== "") {
            cell = left;
            break;
          }
        }
      }
      if (cell !== "" && !/^栏次/.test(cell) && !/^\d+$/.test(cell)) parts.push(cell);
    });
    titles.push(parts.join("·"));
  }
  return titles;
}

function splitRow(state: TableState, cells: string[], source: string, issues: ImportIssue[]): void {
  const sides = TWO_SIDED[state.id];
  if (sides !== undefined) {
    const [left, right] = sides;
    if (cells.length > left + right) {
      issues.push(
        inputIssue("wrong_cell_count", `${state.id} (${source}): the line has ${cells.length} cells where the table has ${left + right}`, { table: state.id, source }),
      );
      return;
    }
    const all = [...cells, ...new Array<string>(left + right - cells.length).fill("")];
    const parts: (readonly [RawRow["side"], string[]])[] = [
      [state.id === "T6" ? null : "income", all.slice(0, left)],
      [state.id === "T6" ? null : "spending", all.slice(left)],
    ];
    for (const [side, part] of parts) {
      if (part.every((cell) => cell === "" || /^\d+$/.test(cell))) continue; // nothing, or a line number alone
      if (state.id === "T6") state.rows.push({ side, code: compact(part[0] ?? ""), label: part[1] ?? "", values: part.slice(2), source });
      else state.rows.push({ side, code: "", label: part[0] ?? "", values: part.slice(2), source });
    }
    return;
  }
  if (state.id === "T7") {
    state.rows.push({ side: null, code: "", label: "“三公”经费", values: cells, source });
    return;
  }
  if (state.id === "T10") {
    state.rows.push({ side: null, code: "", label: cells[0] ?? "", values: cells.slice(1), source });
    return;
  }
  const code = compact(cells[0] ?? "");
  const row: RawRow = { side: null, code, label: cells[1] ?? "", values: cells.slice(2), source };
  if (code === "" && compact(row.label) === "合计") {
    const text = row.values.join("\t");
    if (state.total === text) return; // the total repeated at the top of a page
    state.total = text;
  }
  state.rows.push(row);
}

/**
 * Reads a report in the text layout.
 *
 * @param text - the whole text
 * @returns the tables as texts, or the issues
 */
export function readReportText(text: string): ImportResultOf<RawReport> {
  const issues: ImportIssue[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines.length > LINES_MAX) {
    return { ok: false, issues: [inputIssue("input_too_large", `the text has ${lines.length} lines; a report has at most ${LINES_MAX}`)] };
  }
  let department: string | null = null;
  let year: number | null = null;
  const states = new Map<TableId, TableState>();
  const order: TableState[] = [];
  let current: TableState | null = null;
  lines.forEach((line, index) => {
    const source = `line ${index + 1}`;
    const trimmed = line.trim();
    if (trimmed === "") return;
    const squeezed = compact(trimmed);
    if (department === null) {
      const match = /^部门[:：](.+)$/.exec(squeezed);
      if (match !== null) department = trimmed.replace(/^部门\s*[:：]\s*/, "").trim();
    }
    if (year === null && states.size === 0) {
      const match = /((?:19|20)\d{2})年/.exec(squeezed);
      if (match !== null && /决算/.test(squeezed)) year = Number(match[1]);
    }
    if (/^第[一二三四五六七八九十]+部分/.test(squeezed)) {
      current = null;
      return;
    }
    const titled = line.includes("\t") ? null : tableOfTitle(trimmed);
    if (titled !== null) {
      let state = states.get(titled);
      if (state === undefined) {
        state = { id: titled, title: trimmed, source, rows: [], header: [], headerDone: false, noted: false, total: null };
        states.set(titled, state);
        order.push(state);
      } else if (state.headerDone) {
        state.headerDone = false;
      }
      current = state;
      return;
    }
    const state: TableState | null = current;
    if (state === null) return;
    if (/^(注|说明)[:：\d]/.test(squeezed) || /^本表本年度无/.test(squeezed)) {
      state.noted = true;
      if (/^(注|说明)/.test(squeezed)) current = null;
      return;
    }
    if (!line.includes("\t")) return; // 部门：…, 单位：万元, 表 1
    const cells = line.split("\t").map((cell) => cell.trim());
    if (cells.length > CELLS_MAX) {
      issues.push(inputIssue("wrong_cell_count", `${state.id} (${source}): a line of ${cells.length} cells is not a row of a table`, { table: state.id, source }));
      return;
    }
    if (!state.headerDone) {
      if (isColumnNumberRow(cells)) {
        state.headerDone = true;
        return;
      }
      if (!cells.some(looksLikeAmount)) {
        if (state.rows.length === 0) state.header.push(cells);
        return;
      }
      state.headerDone = true;
    }
    if (isColumnNumberRow(cells)) return;
    splitRow(state, cells, source, issues);
  });
  const tables: RawTable[] = [];
  for (const state of order) {
    if (state.rows.length === 0 && !state.noted) {
      issues.push(
        inputIssue("truncated_table", `${state.id} (${state.source}) has a title${state.header.length > 0 ? " and header rows" : ""} but no rows, and no note says it is empty: is the text cut off?`, {
          table: state.id,
          source: state.source,
        }),
      );
      continue;
    }
    const skip = TWO_SIDED[state.id] !== undefined ? 0 : state.id === "T7" ? 0 : state.id === "T10" ? 1 : 2;
    tables.push({ id: state.id, title: state.title, columnTitles: columnTitles(state.header, skip), rows: state.rows, source: state.source });
  }
  const problems = nonEmpty(issues);
  if (problems !== null) return { ok: false, issues: problems };
  return { ok: true, value: { format: "text", department, year, tables } };
}
