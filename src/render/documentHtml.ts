/**
 * The complete final-accounts document as one self-contained HTML page: the
 * five parts with their sections, the ten tables with amounts in 万元
 * right-aligned, the generated explanations, the self-evaluation grids, the
 * glossary and the closing remark. Every text is escaped.
 *
 * @module
 */
import { formatWan } from "../money/decimal.js";
import type { DocumentBlock } from "../narrative/explanations.js";
import type { Table } from "../tables/table.js";
import type { DocumentContent, FinalAccountsDocument } from "./document.js";

const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Escapes text for HTML content and attribute values.
 *
 * @param text - any text
 * @returns the text with `& < > " '` escaped
 *
 * @example
 * ```ts
 * escapeHtml("<b>"); // "&lt;b&gt;"
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/**
 * Renders one of the ten tables as an HTML table: 行次 and code where the
 * table has them, amounts in 万元 with thousands separators.
 *
 * @param table - a table with exact fen
 * @returns the `<table>` element
 */
export function renderTableHtml(table: Table): string {
  const hasLine = table.rows.some((row) => row.line !== null);
  const hasCode = table.rows.some((row) => row.code !== null);
  const columns = Object.keys(table.columns);
  const head = [
    ...(hasLine ? ["行次"] : []),
    ...(hasCode ? ["科目编码"] : []),
    hasCode ? "科目名称" : "项目",
    ...columns.map((column) => `${table.columns[column] ?? ""} (${column})`),
  ];
  const rows = table.rows.map((row) => {
    const cells = [
      ...(hasLine ? [`<td class="num">${row.line === null ? "" : String(row.line)}</td>`] : []),
      ...(hasCode ? [`<td>${escapeHtml(row.code ?? "")}</td>`] : []),
      `<td>${escapeHtml(row.label)}</td>`,
      ...columns.map((column) => {
        const amountFen = row.cells[column];
        return `<td class="num">${amountFen === undefined ? "" : formatWan(amountFen)}</td>`;
      }),
    ];
    return `<tr>${cells.join("")}</tr>`;
  });
  return [
    `<table>`,
    `<caption>${escapeHtml(`${table.id} ${table.title}`)}</caption>`,
    `<thead><tr>${head.map((text) => `<th>${escapeHtml(text)}</th>`).join("")}</tr></thead>`,
    `<tbody>`,
    ...rows,
    `</tbody>`,
    `</table>`,
  ].join("\n");
}

function gridHtml(block: Extract<DocumentBlock, { kind: "grid" }>): string {
  return [
    `<table class="grid">`,
    `<caption>${escapeHtml(block.caption)}</caption>`,
    `<thead><tr>${block.columns.map((text) => `<th>${escapeHtml(text)}</th>`).join("")}</tr></thead>`,
    `<tbody>`,
    ...block.rows.map((row) => `<tr>${row.map((text) => `<td>${escapeHtml(text)}</td>`).join("")}</tr>`),
    `</tbody>`,
    `</table>`,
  ].join("\n");
}

function blockHtml(block: DocumentContent): string {
  switch (block.kind) {
    case "heading": {
      const level = block.level + 1;
      return `<h${level}>${escapeHtml(block.text)}</h${level}>`;
    }
    case "paragraph":
      return `<p>${escapeHtml(block.text)}</p>`;
    case "list":
      return `<ol>\n${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join("\n")}\n</ol>`;
    case "grid":
      return gridHtml(block);
    case "table":
      return renderTableHtml(block.table);
  }
}

const STYLE = [
  "body { font-family: system-ui, 'Noto Sans SC', 'PingFang SC', sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.7; }",
  "table { border-collapse: collapse; margin: 1rem 0; font-size: 0.9rem; }",
  "caption { font-weight: bold; text-align: left; padding: 0.25rem 0; }",
  "th, td { border: 1px solid #999; padding: 0.2rem 0.5rem; vertical-align: top; }",
  "td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }",
  ".remark { font-size: 0.9rem; color: #444; }",
].join("\n");

/**
 * Renders the complete document as a self-contained HTML page.
 *
 * @param document - the document's content (see {@link finalAccountsDocument})
 * @returns the HTML, ending with a line feed
 */
export function renderDocumentHtml(document: FinalAccountsDocument): string {
  const lines = [
    "<!DOCTYPE html>",
    `<html lang="zh-CN">`,
    "<head>",
    `<meta charset="utf-8">`,
    `<title>${escapeHtml(document.title)}</title>`,
    `<style>\n${STYLE}\n</style>`,
    "</head>",
    "<body>",
    `<h1>${escapeHtml(document.title)}</h1>`,
    `<nav>\n<h2>目录</h2>\n<ol>\n${document.parts.map((part) => `<li>${escapeHtml(part.title)}</li>`).join("\n")}\n</ol>\n</nav>`,
  ];
  for (const part of document.parts) {
    lines.push("<section>", `<h2>${escapeHtml(part.title)}</h2>`);
    for (const block of part.blocks) lines.push(blockHtml(block));
    lines.push("</section>");
  }
  lines.push(`<p class="remark">${escapeHtml(document.remark)}</p>`, "</body>", "</html>");
  return `${lines.join("\n")}\n`;
}
