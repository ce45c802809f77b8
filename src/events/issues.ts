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
  | "unsorted_balances";

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
  override readonly name = "LedgerError";
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
