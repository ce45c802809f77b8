/**
 * What can go wrong when a report is imported, as data: every issue has a
 * `code`, a message in words naming where it is, and the fields of its case.
 * The `safe*` functions return them; the throwing ones wrap them in one
 * {@link ImportError}.
 *
 * @module
 */
import type { TableId } from "../tables/table.js";
import type { CellAddress } from "./publishedReport.js";

/** Codes of the issues of reading a report. */
export type InputIssueCode =
  /** The input is larger than an import reads. */
  | "input_too_large"
  /** Neither report JSON, nor a text layout, nor a pipe transcription. */
  | "unknown_format"
  /** JSON that does not parse. */
  | "invalid_json"
  /** JSON whose shape is not a report's. */
  | "invalid_shape"
  /** No table was found. */
  | "no_tables"
  /** A table id or title that is not one of the ten. */
  | "unknown_table"
  /** A table printed twice. */
  | "duplicate_table"
  /** A table that stops before its rows. */
  | "truncated_table"
  /** A row with more or fewer cells than its table. */
  | "wrong_cell_count"
  /** A cell that is not an amount. */
  | "not_a_number"
  /** A row printed twice. */
  | "duplicate_row"
  /** A row whose label is not one the table has. */
  | "unknown_row"
  /** A classification code that is not one (wrong length, not digits, no line in Tables 1 and 4). */
  | "invalid_code"
  /** The year is not printed and not given. */
  | "no_year"
  /** An amount too large to be summed exactly. */
  | "amount_too_large";

/** A problem with the input itself. */
export interface InputIssue {
  /** What is wrong. */
  readonly code: InputIssueCode;
  /** The problem in words, with where it is. */
  readonly message: string;
  /** The table, when known. */
  readonly table?: TableId;
  /** The row (code, label or line), when known. */
  readonly row?: string;
  /** The column, when known. */
  readonly column?: string;
  /** Where in the input (`line 212`, `tables[3].rows[2]`), when known. */
  readonly source?: string;
}

/** An identity of the accounts that the printed figures break beyond rounding. */
export interface IdentityIssue {
  /** Always `identity_fails`. */
  readonly code: "identity_fails";
  /** The identity, the cells and the amount, in words. */
  readonly message: string;
  /** A short name of the identity, e.g. `T2.hierarchy` or `T1=T2`. */
  readonly rule: string;
  /** The identity in words, e.g. `T2 20137 column 1 = Σ its 项`. */
  readonly identity: string;
  /** The printed cells it involves. */
  readonly cells: readonly CellAddress[];
  /** By how much (fen) the closest amounts the prints allow miss the identity. */
  readonly gapFen: number;
}

/** A failure of the import itself (a bug, or a case it does not handle). */
export interface CalibrationIssue {
  /** `calibration_failed`: no amounts were found; `not_reproduced`: the events do not print the report back. */
  readonly code: "calibration_failed" | "not_reproduced" | "not_representable";
  /** The problem in words. */
  readonly message: string;
  /** The cells concerned, when known. */
  readonly cells?: readonly CellAddress[];
}

/** Any issue of an import. */
export type ImportIssue = InputIssue | IdentityIssue | CalibrationIssue;

/** A non-empty list of issues. */
export type ImportIssues = readonly [ImportIssue, ...ImportIssue[]];

/** The outcome of a `safe*` import function. */
export type ImportResultOf<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: ImportIssues };

/** Thrown by the throwing import functions; carries every issue found. */
export class ImportError extends Error {
  override readonly name = "ImportError";
  /** Every issue found. */
  readonly issues: ImportIssues;
  constructor(issues: ImportIssues) {
    const [first, ...rest] = issues;
    super(`${first.message}${rest.length > 0 ? ` (and ${rest.length} more issue${rest.length === 1 ? "" : "s"})` : ""}`);
    this.issues = issues;
  }
}

/**
 * An input issue.
 *
 * @param code - what is wrong
 * @param message - in words
 * @param where - table, row, column, source
 * @returns the issue
 */
export function inputIssue(
  code: InputIssueCode,
  message: string,
  where: { readonly table?: TableId; readonly row?: string; readonly column?: string; readonly source?: string } = {},
): InputIssue {
  return { code, message, ...where };
}

/**
 * Issues as a non-empty list, or null when there are none.
 *
 * @param issues - issues
 * @returns the list, or null
 */
export function nonEmpty(issues: readonly ImportIssue[]): ImportIssues | null {
  const [first, ...rest] = issues;
  return first === undefined ? null : [first, ...rest];
}
