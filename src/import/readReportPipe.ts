/**
 * Reads a pipe-separated transcription of a report (as in
 * `examples/shanghai-putuo-shehuigongzuobu-2024.txt`, part A): a section
 * `[T1 收入支出决算总表]` per table, comment lines `# …` (the income and
 * spending halves of Tables 1 and 4, column titles, a note that a table is
 * empty), and rows of cells separated by `|`, a row whose first cell is empty
 * being a total. Only part A is read when the file has parts.
 *
 * @module
 */
import { TABLE_IDS, type TableId } from "../tables/table.js";
import { inputIssue, nonEmpty, type ImportIssue, type ImportResultOf } from "./importIssues.js";
import { compact } from "./labels.js";
import type { RawReport, RawRow, RawTable } from "./rawReport.js";

/** Most lines a transcription may hold (a bound on work). */
const LINES_MAX = 1_000_000;

interface Section {
  readonly id: TableId;
  readonly title: string;
  readonly source: string;
  readonly rows: RawRow[];
  side: RawRow["side"];
  titles: string[] | null;
  empty: boolean;
}

/** Titles of Table 7's twelve columns from a note like `column groups as printed: A | B … ; each split 预算数/决算数`. */
function threePublicTitles(comment: string): string[] | null {
  const match = /column groups[^:：]*[:：](.*)$/i.exec(comment);
  if (match === null) return null;
  const [groupText, splitText = ""] = (match[1] ?? "").split(";");
  const groups = (groupText ?? "").split("|").map((group) => group.trim()).filter((group) => group !== "");
  if (groups.length !== 6) return null;
  const split = /each split\s*(预算数)\s*\/\s*(决算数)/.exec(splitText);
  if (split !== null) return groups.flatMap((group) => [`预算数·${group}`, `决算数·${group}`]);
  return [...groups.map((group) => `预算数·${group}`), ...groups.map((group) => `决算数·${group}`)];
}

/**
 * Reads a pipe-separated transcription.
 *
 * @param text - the whole text
 * @returns the tables as texts, or the issues
 */
export function readReportPipe(text: string): ImportResultOf<RawReport> {
  const issues: ImportIssue[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines.length > LINES_MAX) {
    return { ok: false, issues: [inputIssue("input_too_large", `the text has ${lines.length} lines; a report has at most ${LINES_MAX}`)] };
  }
  const hasParts = lines.some((line) => /PART A\b/.test(line));
  let inPartA = !hasParts;
  let department: string | null = null;
  let year: number | null = null;
  const sections: Section[] = [];
  let current: Section | null = null;
  lines.forEach((line, index) => {
    const source = `line ${index + 1}`;
    const trimmed = line.trim();
    if (/PART A\b/.test(trimmed)) {
      inPartA = true;
      return;
    }
    if (/PART [B-Z]\b/.test(trimmed) && hasParts) {
      inPartA = false;
      current = null;
      return;
    }
    if (trimmed.startsWith("#") && current === null) {
      const title = /^#\s*TITLE\s*[:：]\s*(.+)$/i.exec(trimmed);
      if (title !== null) {
        const name = (title[1] ?? "").trim();
        const match = /^(.*?)\s*((?:19|20)\d{2})\s*年度?\s*部门决算\s*$/.exec(name);
        if (match !== null) {
          department = (match[1] ?? "").trim() || null;
          year = Number(match[2]);
        } else department = name;
      }
      const fiscal = /fiscal year\s+((?:19|20)\d{2})/i.exec(trimmed);
      if (fiscal !== null && year === null) year = Number(fiscal[1]);
      return;
    }
    if (!inPartA || trimmed === "") return;
    const header = /^\[(T\d{1,2})\b\s*([^\]]*)\]/.exec(trimmed);
    if (header !== null) {
      const id = header[1] as string;
      if (!(TABLE_IDS as readonly string[]).includes(id)) {
        issues.push(inputIssue("unknown_table", `${source}: [${id}] is not a table (T1 … T10)`, { source }));
        current = null;
        return;
      }
      current = { id: id as TableId, title: (header[2] ?? "").trim() || id, source, rows: [], side: null, titles: null, empty: false };
      sections.push(current);
      return;
    }
    const section: Section | null = current;
    if (section === null) return;
    if (trimmed.startsWith("#")) {
      const comment = trimmed.replace(/^#\s*/, "");
      if (/^收入/.test(comment)) section.side = "income";
      else if (/^支出/.test(comment)) section.side = "spending";
      if (/\((?:no rows|no values)/i.test(comment) || /本表无数据|无数据/.test(comment)) section.empty = true;
      if (section.id === "T7") {
        const titles = threePublicTitles(comment);
        if (titles !== null) section.titles = titles;
      } else {
        const body = comment.replace(/^(?:columns|收入|支出)\s*[:：]\s*/i, "");
        const parts = body.split("|").map((part) => part.trim());
        if (parts.length >= 3) {
          const skip = section.id === "T10" || section.id === "T1" || section.id === "T4" ? 1 : 2;
          section.titles = parts.slice(skip);
        }
      }
      return;
    }
    if (!trimmed.includes("|")) {
      issues.push(inputIssue("wrong_cell_count", `${section.id} (${source}): ${JSON.stringify(trimmed.slice(0, 40))} is not a row of cells separated by |`, { table: section.id, source }));
      return;
    }
    const cells = line.split("|").map((cell) => cell.trim());
    switch (section.id) {
      case "T1":
      case "T4":
        section.rows.push({ side: section.side ?? "income", code: "", label: cells[0] ?? "", values: cells.slice(1), source });
        return;
      case "T7":
        section.rows.push({ side: null, code: "", label: "“三公”经费", values: cells, source });
        return;
      case "T10":
        section.rows.push({ side: null, code: "", label: cells[0] ?? "", values: cells.slice(1), source });
        return;
      default:
        section.rows.push({ side: null, code: compact(cells[0] ?? ""), label: cells[1] ?? "", values: cells.slice(2), source });
    }
  });
  const tables: RawTable[] = [];
  for (const section of sections) {
    if (section.rows.length === 0 && !section.empty) {
      issues.push(
        inputIssue("truncated_table", `${section.id} (${section.source}) has no rows and no note that it is empty: is the transcription cut off?`, {
          table: section.id,
          source: section.source,
        }),
      );
      continue;
    }
    tables.push({ id: section.id, title: section.title, columnTitles: section.titles, rows: section.rows, source: section.source });
  }
  const problems = nonEmpty(issues);
  if (problems !== null) return { ok: false, issues: problems };
  return { ok: true, value: { format: "pipe", department, year, tables } };
}
