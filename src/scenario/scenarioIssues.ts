/**
 * What is wrong with a scenario, as data: each issue names the adjustment
 * (its index and kind), the path to the field, the value and the rule. A
 * refused scenario changes nothing: the ledger it was applied to is never
 * written, and no fork is returned.
 *
 * @module
 */
import { formatIssue, type LedgerIssue } from "../events/issues.js";
import type { AdjustmentKind } from "./scenario.js";

/** Codes of the issues a scenario can have. */
export type ScenarioIssueCode =
  | "not_an_object"
  | "missing_field"
  | "unknown_field"
  | "wrong_type"
  | "too_long"
  | "too_many"
  | "unknown_kind"
  | "conflicting_fields"
  | "not_a_number"
  | "percent_out_of_range"
  | "invalid_amount"
  | "unknown_unit"
  | "unknown_fund"
  | "unknown_category"
  | "unknown_event_type"
  | "unknown_functional_code"
  | "unknown_economic_code"
  | "not_postable"
  | "filter_matches_nothing"
  | "insufficient_amount"
  | "empty_target"
  | "scenario_ids_taken"
  | "refused_by_ledger"
  | "baseline_moved";

/** One problem of a scenario. */
export interface ScenarioIssue {
  /** What went wrong. */
  readonly code: ScenarioIssueCode;
  /** Where: e.g. `["adjustments", 2, "filter", "economic"]`. */
  readonly path: readonly (string | number)[];
  /** The offending value (undefined when missing). */
  readonly value: unknown;
  /** The rule, in words. */
  readonly message: string;
  /** The index of the adjustment it concerns, or null for the scenario itself. */
  readonly adjustment: number | null;
  /** That adjustment's kind, when known. */
  readonly kind: AdjustmentKind | null;
  /** When the ledger refused the adjustment's events: its issues (paths into the adjustment's events). */
  readonly ledgerIssues?: readonly LedgerIssue[];
}

/** A non-empty list of scenario issues. */
export type ScenarioIssues = readonly [ScenarioIssue, ...ScenarioIssue[]];

/** The result of a non-throwing scenario call. */
export type ScenarioResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: ScenarioIssues };

/**
 * Writes an issue as one line: the adjustment, the field, the value, the rule.
 *
 * @param issue - an issue
 * @returns e.g. `adjustments[1] (move).amount = "9000.00": …`
 */
export function formatScenarioIssue(issue: ScenarioIssue): string {
  const where = issue.path.map((part) => (typeof part === "number" ? `[${part}]` : `.${part}`)).join("").replace(/^\./, "");
  const kind = issue.kind === null ? "" : ` (${issue.kind})`;
  const located = issue.adjustment === null ? where : where.replace(/^adjustments\[\d+\]/, (head) => `${head}${kind}`);
  const value = issue.value === undefined ? "" : ` = ${describe(issue.value)}`;
  const detail = issue.ledgerIssues === undefined ? "" : `: ${issue.ledgerIssues.map(formatIssue).join("; ")}`;
  return `${located === "" ? "(scenario)" : located}${value}: ${issue.message}${detail}`;
}

function describe(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = `(${typeof value})`;
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * A scenario was refused: every issue found, each naming its adjustment.
 *
 * @example
 * ```ts
 * try { applyScenario(ledger, scenario, { year: 2020 }); } catch (error) {
 *   if (error instanceof ScenarioError) for (const issue of error.issues) console.log(issue.adjustment, issue.code);
 * }
 * ```
 */
export class ScenarioError extends Error {
  override readonly name = "ScenarioError";
  /** Every issue found. */
  readonly issues: ScenarioIssues;
  constructor(issues: ScenarioIssues) {
    super(issues.map(formatScenarioIssue).join("; "));
    this.issues = issues;
  }
}

/**
 * Builds a scenario issue.
 *
 * @param code - the issue code
 * @param path - the path from the scenario's root
 * @param value - the offending value
 * @param message - the rule, in words
 * @param at - the adjustment's index and kind (null for the scenario itself)
 * @returns the issue
 */
export function scenarioIssue(
  code: ScenarioIssueCode,
  path: readonly (string | number)[],
  value: unknown,
  message: string,
  at: { readonly adjustment: number | null; readonly kind: AdjustmentKind | null } = { adjustment: null, kind: null },
): ScenarioIssue {
  return { code, path, value, message, adjustment: at.adjustment, kind: at.kind };
}
