/**
 * Operating errors as data. Every rejected event or call yields issues, each
 * keyed by a `code`, with the path to the offending field, its value and the
 * rule it breaks. The throwing APIs wrap the same issues in one
 * {@link LedgerError}.
 *
 * @module
 */

/** Codes of the issues about one field of one event. */
export type FieldIssueCode =
  | "not_an_object"
  | "missing_field"
  | "unknown_field"
  | "wrong_type"
  | "not_allowed"
  | "too_long"
  | "invalid_year"
  | "invalid_amount"
  | "unknown_functional_code"
  | "functional_not_item"
  | "functional_class_without_line"
  | "unknown_economic_code"
  | "economic_not_section"
  | "basic_economic_class"
  | "fiscal_category"
  | "project_on_non_project"
  | "fiscal_fund_not_allowed"
  | "unknown_non_tax_line"
  | "non_tax_line_not_leaf"
  | "unknown_unit"
  | "unit_exists"
  | "unknown_parent_unit"
  | "duplicate_id"
  | "unknown_target"
  | "not_reversible"
  | "already_reversed"
  | "reversal_mismatch"
  | "year_closed"
  | "opening_after_close"
  | "closing_mismatch"
  | "unsorted_balances"
  | "appropriation_exceeded";

/** An issue about one field of one event. */
export interface FieldIssue {
  /** What went wrong. */
  readonly code: FieldIssueCode;
  /** Where: e.g. `[3, "functional"]` is the field `functional` of the batch's fourth event. */
  readonly path: readonly (string | number)[];
  /** The offending value (undefined when missing). */
  readonly value: unknown;
  /** The rule, in words. */
  readonly message: string;
}

/** The expected version of an append did not match the ledger's. */
export interface VersionConflictIssue {
  readonly code: "version_conflict";
  readonly path: readonly (string | number)[];
  /** The version the caller expected. */
  readonly expected: number;
  /** The ledger's version. */
  readonly actual: number;
  /** The rule, in words. */
  readonly message: string;
}

/** A batch exceeds the bound on one append. */
export interface BatchTooLargeIssue {
  readonly code: "batch_too_large";
  readonly path: readonly (string | number)[];
  /** Events in the batch. */
  readonly size: number;
  /** The most one append takes. */
  readonly max: number;
  /** The rule, in words. */
  readonly message: string;
}

/** Any issue the ledger reports. */
export type LedgerIssue = FieldIssue | VersionConflictIssue | BatchTooLargeIssue;

/** A non-empty list of issues. */
export type Issues = readonly [LedgerIssue, ...LedgerIssue[]];

/** The result of a non-throwing call. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: Issues };

/**
 * Writes an issue as one line: path, value, rule.
 *
 * @param issue - an issue
 * @returns e.g. `[0].functional = "2999999": unknown functional code …`
 */
export function formatIssue(issue: LedgerIssue): string {
  const where = issue.path.map((part) => (typeof part === "number" ? `[${part}]` : `.${part}`)).join("").replace(/^\./, "");
  const value = "value" in issue ? ` = ${describeValue(issue.value)}` : "";
  return `${where === "" ? "(batch)" : where}${value}: ${issue.message}`;
}

function describeValue(value: unknown): string {
  if (value === undefined) return "(missing)";
  if (typeof value === "bigint") return `${value}n`;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // Cyclic or too deeply nested to serialise: name its kind instead.
    text = Array.isArray(value) ? "(an array)" : `(${typeof value})`;
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * The one error class of the ledger: a non-empty list of issues.
 *
 * @example
 * ```ts
 * try { ledger.append(event); } catch (error) {
 *   if (error instanceof LedgerError) for (const issue of error.issues) console.log(issue.code);
 * }
 * ```
 */
export class LedgerError extends Error {
  override readonly name: string = "LedgerError";
  /** Every issue found. */
  readonly issues: Issues;
  constructor(issues: Issues) {
    super(issues.map(formatIssue).join("; "));
    this.issues = issues;
  }
}

/**
 * Builds a field issue.
 *
 * @param code - the issue code
 * @param path - the path to the field
 * @param value - the offending value
 * @param message - the rule, in words
 * @returns the issue
 */
export function fieldIssue(
  code: FieldIssueCode,
  path: readonly (string | number)[],
  value: unknown,
  message: string,
): FieldIssue {
  return { code, path, value, message };
}

/**
 * An append was refused because the log had moved on since the version the
 * caller expected (optimistic concurrency): read the new events, decide
 * again, and retry with the new version.
 */
export class VersionConflictError extends LedgerError {
  override readonly name = "VersionConflictError";
  /** The version the caller expected. */
  readonly expected: number;
  /** The version the log is at. */
  readonly actual: number;
  constructor(issue: VersionConflictIssue) {
    super([issue]);
    this.expected = issue.expected;
    this.actual = issue.actual;
  }
}

/**
 * An append was refused because an id already names another fact (the same
 * id with a different payload). Every other issue of the batch is listed too.
 */
export class DuplicateIdError extends LedgerError {
  override readonly name = "DuplicateIdError";
  /** The ids that name other facts. */
  readonly ids: readonly string[];
  constructor(issues: Issues) {
    super(issues);
    this.ids = issues.filter((issue) => issue.code === "duplicate_id").map((issue) => String((issue as FieldIssue).value));
  }
}

/**
 * An expenditure was refused because it exceeds what remains of its line's
 * appropriation (a ledger created with `enforceAppropriations`). Every other
 * issue of the batch is listed too.
 */
export class AppropriationExceededError extends LedgerError {
  override readonly name = "AppropriationExceededError";
}

/**
 * The error for a list of issues: a {@link VersionConflictError} for a
 * version conflict, a {@link DuplicateIdError} when an id names another fact,
 * an {@link AppropriationExceededError} when an appropriation is exceeded,
 * else a plain {@link LedgerError}.
 *
 * @param issues - the issues of a refused call
 * @returns the error to throw
 */
export function ledgerErrorOf(issues: Issues): LedgerError {
  const [first] = issues;
  if (first.code === "version_conflict") return new VersionConflictError(first);
  if (issues.some((issue) => issue.code === "duplicate_id")) return new DuplicateIdError(issues);
  if (issues.some((issue) => issue.code === "appropriation_exceeded")) return new AppropriationExceededError(issues);
  return new LedgerError(issues);
}
