/**
 * The import of published reports: readers of the three formats into one
 * model, calibration of fen-level amounts, and the events that print every
 * published cell back. See docs/import.md.
 *
 * @module
 */
export { importReport, safeImportReport } from "./importReport.js";
export type { Discrepancy, ImportOptions, ImportResult } from "./importReport.js";
export { INPUT_CHARACTERS_MAX, detectReportFormat, readReport, safeReadReport } from "./readReport.js";
export type { ReadReportOptions } from "./readReport.js";
export { ImportError } from "./importIssues.js";
export type { CalibrationIssue, IdentityIssue, ImportIssue, ImportIssues, ImportResultOf, InputIssue, InputIssueCode } from "./importIssues.js";
export { addressKey, describeAddress, printedCells, windowOf } from "./publishedReport.js";
export type { CellAddress, PrintedCell, PublishedReport, PublishedRow, PublishedTable, ReportFormat } from "./publishedReport.js";
export { readPrintedAmount } from "./printedAmount.js";
export type { PrintedAmount } from "./printedAmount.js";
export { projectedCells, unreproducedCells } from "./projectedCells.js";
export type { Mismatch } from "./projectedCells.js";
export { DEFAULT_ECONOMIC, MOVED_BUDGET_FEN } from "./importEvents.js";
export { transport } from "./transport.js";
export type { TransportCell } from "./transport.js";
