/**
 * Tables as GitHub-flavoured Markdown pipe tables: one row per table row,
 * with its 行次 and code where the table has them, amounts in 万元 with
 * thousands separators, right-aligned.
 *
 * @module
 */
import { formatWan } from "../money/decimal.js";
import type { Report } from "../tables/report.js";
import type { Table } from "../tables/table.js";

/** Characters that would end a cell or start inline markup. */
const MARKDOWN_SPECIAL = /[\\|*_`[\]<>~#]/g;

/**
 * Escapes text for one cell of a pipe table: backslashes and pipes (which
 * would end the cell) and the characters of inline markup get a backslash;
 * line breaks become spaces.
 *
 * @param text - the cell's text
 * @returns text that renders as itself inside one cell
 *
 * @example
 * ```ts
 * escapeMarkdownCell("a|b"); // "a\\|b"
 * ```
 */
export function escapeMarkdownCell(text: string): string {
  return text.replace(/\r\n|\r|\n/g, " ").replace(MARKDOWN_SPECIAL, (character) => `\\${character}`);
}

function pipeRow(cells: readonly string[]): string {
  return `| ${cells.join(" | ")} |`;
}

/**
 * Renders one table as a Markdown heading and pipe table.
 *
 * @param table - a table with exact fen
 * @returns the Markdown, ending with a line feed
 *
 * @example
 * ```ts
 * renderTableMarkdown(table);
 * // ### T7 一般公共预算财政拨款“三公”经费支出决算表
 * //
 * // | 项目 | 预算数·合计 (1) | … |
 * // | :--- | ---: | … |
 * ```
 */
export function renderTableMarkdown(table: Table): string {
  const hasLine = table.rows.some((row) => row.line !== null);
  const hasCode = table.rows.some((row) => row.code !== null);
  const columns = Object.keys(table.columns);
  const headings: string[] = [];
  const rule: string[] = [];
  if (hasLine) {
    headings.push("行次");
    rule.push("---:");
  }
  if (hasCode) {
    headings.push("科目编码");
    rule.push(":---");
  }
  headings.push(hasCode ? "科目名称" : "项目");
  rule.push(":---");
  for (const column of columns) {
    headings.push(escapeMarkdownCell(`${table.columns[column] ?? ""} (${column})`));
    rule.push("---:");
  }
  const lines = [`### ${table.id} ${escapeMarkdownCell(table.title)}`, "", pipeRow(headings), pipeRow(rule)];
  for (const row of table.rows) {
    const cells: string[] = [];
    if (hasLine) cells.push(row.line === null ? "" : String(row.line));
    if (hasCode) cells.push(escapeMarkdownCell(row.code ?? ""));
    cells.push(escapeMarkdownCell(row.label));
    for (const column of columns) {
      const amountFen = row.cells[column];
      cells.push(amountFen === undefined ? "" : formatWan(amountFen));
    }
    lines.push(pipeRow(cells));
  }
  return lines.map((line) => `${line}\n`).join("");
}

/**
 * Renders a report as Markdown: a heading with the department, year and
 * unit, then each table.
 *
 * @param report - a report with exact fen
 * @returns the Markdown, ending with a line feed
 */
export function renderReportMarkdown(report: Report): string {
  const heading = `## ${escapeMarkdownCell(report.department)} ${report.year} 年部门决算表\n\n单位：万元\n`;
  return [heading, ...report.tables.map(renderTableMarkdown)].join("\n");
}
