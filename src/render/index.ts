/**
 * Renderers of the published tables: aligned text (CJK-aware), Markdown,
 * CSV and the report JSON. Pure: no I/O, no clock, no randomness; they run
 * in a browser as well as in Node.
 *
 * @module
 */
export { characterWidth, displayWidth, padEndToWidth, padStartToWidth } from "./displayWidth.js";
export type { DisplayWidthOptions } from "./displayWidth.js";
export { renderReportJson, reportToJson, rowToJson, tableToJson } from "./reportJson.js";
export type { ReportJson, RowJson, TableJson } from "./reportJson.js";
export { renderReportText, renderTableText } from "./text.js";
export type { TextOptions } from "./text.js";
export { escapeMarkdownCell, renderReportMarkdown, renderTableMarkdown } from "./markdown.js";
export { csvField, renderReportCsv, renderTableCsv } from "./csv.js";
export type { CsvOptions } from "./csv.js";
