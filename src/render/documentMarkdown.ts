/**
 * The complete final-accounts document as Markdown: a title, a table of
 * contents, the five parts with their sections, the ten tables as pipe
 * tables, the generated explanations, the self-evaluation grids, the
 * glossary and the closing remark.
 *
 * @module
 */
import type { DocumentBlock } from "../narrative/explanations.js";
import type { DocumentContent, FinalAccountsDocument } from "./document.js";
import { escapeMarkdownCell, renderTableMarkdown } from "./markdown.js";

function pipeRow(cells: readonly string[]): string {
  return `| ${cells.join(" | ")} |`;
}

function gridMarkdown(block: Extract<DocumentBlock, { kind: "grid" }>): string {
  const lines = [`**${escapeMarkdownCell(block.caption)}**`, "", pipeRow(block.columns.map(escapeMarkdownCell)), pipeRow(block.columns.map(() => ":---"))];
  for (const row of block.rows) lines.push(pipeRow(row.map(escapeMarkdownCell)));
  return lines.join("\n");
}

function blockMarkdown(block: DocumentContent): string {
  switch (block.kind) {
    case "heading":
      return `${"#".repeat(block.level + 1)} ${escapeMarkdownCell(block.text)}`;
    case "paragraph":
      return escapeMarkdownCell(block.text);
    case "list":
      return block.items.map((item, index) => `${index + 1}. ${escapeMarkdownCell(item)}`).join("\n");
    case "grid":
      return gridMarkdown(block);
    case "table":
      return renderTableMarkdown(block.table).trimEnd();
  }
}

/**
 * Renders the complete document as Markdown.
 *
 * @param document - the document's content (see {@link finalAccountsDocument})
 * @returns the Markdown, ending with a line feed
 *
 * @example
 * ```ts
 * renderDocumentMarkdown(finalAccountsDocument(ledger, 2020, { profile, notes }));
 * // # 2020年…部门决算
 * ```
 */
export function renderDocumentMarkdown(document: FinalAccountsDocument): string {
  const sections = [`# ${escapeMarkdownCell(document.title)}`, `## 目录\n\n${document.parts.map((part) => `- ${escapeMarkdownCell(part.title)}`).join("\n")}`];
  for (const part of document.parts) {
    sections.push(`## ${escapeMarkdownCell(part.title)}`);
    for (const block of part.blocks) sections.push(blockMarkdown(block));
  }
  sections.push(escapeMarkdownCell(document.remark));
  return `${sections.join("\n\n")}\n`;
}
