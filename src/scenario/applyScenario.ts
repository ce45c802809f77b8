/**
 * Applying a scenario: fork the ledger (O(1): the fork shares the ledger's
 * events and sums), turn each adjustment into events against the state the
 * adjustments before it left, and append them to the fork. The ledger itself
 * is never written; a refused scenario returns its issues and no fork.
 *
 * @module
 */
import { LIMITS } from "../events/validate.js";
import type { LedgerEvent } from "../events/types.js";
import type { Ledger, LedgerFork } from "../ledger/ledger.js";
import { ADJUSTMENT_KINDS, SCENARIO_LIMITS, type Scenario } from "./scenario.js";
import { ScenarioError, scenarioIssue, type ScenarioIssue, type ScenarioIssues, type ScenarioResult } from "./scenarioIssues.js";
import { planAdjustment, type Planned } from "./planAdjustment.js";
import { AllocationError } from "../money/allocate.js";
import { FenOverflowError } from "../money/fen.js";

/** Options of {@link applyScenario}. */
export interface ScenarioOptions {
  /** The year the adjustments select cells of and write events in. */
  readonly year: number;
  /**
   * Refuse an adjustment that spends beyond a fiscal line's appropriation
   * (the fork's 指标 control; default: as the ledger does).
   */
  readonly enforceAppropriations?: boolean;
}

/** A scenario applied: the fork holding its events. */
export interface ScenarioRun {
  /** The scenario. */
  readonly scenario: Scenario;
  /** Its year. */
  readonly year: number;
  /** The ledger it was applied to (unchanged). */
  readonly baseline: Ledger;
  /** The fork: the baseline's events, then the scenario's. */
  readonly fork: LedgerFork;
  /** How many events each adjustment appended, by adjustment index. */
  readonly eventCounts: readonly number[];
}

/** Most events one append of a scenario takes (a ledger's default bound). */
const APPEND_CHUNK = 100_000;

/**
 * The prefix of the ids a scenario gives its events.
 *
 * @param name - the scenario's name
 * @returns `scenario:<name>:`; an adjustment's events continue it with `<index>:<n>`
 */
export function scenarioIdPrefix(name: string): string {
  return `scenario:${name}:`;
}

function checkName(scenario: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const { name, adjustments } = scenario as { readonly name: unknown; readonly adjustments: unknown };
  if (typeof name !== "string" || name.trim() === "") {
    issues.push(scenarioIssue(name === undefined ? "missing_field" : "wrong_type", ["name"], name, "a scenario has a non-empty name"));
  } else if (name.length > SCENARIO_LIMITS.nameLengthMax) {
    issues.push(scenarioIssue("too_long", ["name"], name, `a name has at most ${SCENARIO_LIMITS.nameLengthMax} characters (it prefixes the events' ids)`));
  }
  if (!Array.isArray(adjustments)) issues.push(scenarioIssue("wrong_type", ["adjustments"], adjustments, "adjustments is a list"));
  else if (adjustments.length > SCENARIO_LIMITS.adjustmentsMax) {
    issues.push(scenarioIssue("too_many", ["adjustments"], adjustments.length, `a scenario has at most ${SCENARIO_LIMITS.adjustmentsMax} adjustments`));
  }
  return issues;
}

/**
 * Applies a scenario to a fork of a ledger, returning issues instead of throwing.
 *
 * @param ledger - the baseline (never changed)
 * @param scenario - the adjustments
 * @param options - the year, and whether appropriations are enforced
 * @returns the run, or every issue of the first adjustment that fails (and of the scenario's shape)
 */
export function safeApplyScenario(ledger: Ledger, scenario: Scenario, options: ScenarioOptions): ScenarioResult<ScenarioRun> {
  const shape = checkName(scenario);
  if (!Number.isInteger(options.year) || options.year < LIMITS.yearMin || options.year > LIMITS.yearMax) {
    shape.push(scenarioIssue("wrong_type", ["year"], options.year, `the year is from ${LIMITS.yearMin} to ${LIMITS.yearMax}`));
  }
  if (shape.length > 0) return { ok: false, issues: shape as unknown as ScenarioIssues };
  const fork = ledger.fork(options.enforceAppropriations === undefined ? {} : { enforceAppropriations: options.enforceAppropriations });
  const base = ledger.aggregate().years.get(options.year);
  const eventCounts: number[] = [];
  const prefix = scenarioIdPrefix(scenario.name);
  for (const [index, adjustment] of scenario.adjustments.entries()) {
    if (typeof adjustment !== "object" || adjustment === null) {
      return { ok: false, issues: [scenarioIssue("not_an_object", ["adjustments", index], adjustment, "an adjustment is an object with a kind", { adjustment: index, kind: null })] };
    }
    const kind: unknown = adjustment.kind;
    const at = { adjustment: index, kind: (ADJUSTMENT_KINDS as readonly unknown[]).includes(kind) ? adjustment.kind : null };
    let planned: Planned;
    try {
      planned = planAdjustment(adjustment, {
        catalog: ledger.catalog,
        units: fork.units(),
        year: options.year,
        base,
        delta: fork.delta().years.get(options.year),
        scenarioName: scenario.name,
        index,
        idPrefix: `${prefix}${index}:`,
        storedEvents: () => fork.read({ year: options.year }).map((stored) => stored.event),
      });
    } catch (error) {
      // Amounts beyond the safe-integer range, or an amount split over cells that net to zero.
      if (!(error instanceof AllocationError || error instanceof FenOverflowError)) throw error;
      return { ok: false, issues: [scenarioIssue("invalid_amount", ["adjustments", index], undefined, `the adjustment's amounts cannot be computed: ${error.message}`, at)] };
    }
    if (!planned.ok) return { ok: false, issues: planned.issues as ScenarioIssues };
    const appended = appendAll(fork, planned.events, index, at);
    if (!appended.ok) return appended;
    eventCounts.push(appended.value);
  }
  return { ok: true, value: { scenario, year: options.year, baseline: ledger, fork, eventCounts } };
}

function appendAll(
  fork: LedgerFork,
  events: readonly object[],
  index: number,
  at: { readonly adjustment: number; readonly kind: ScenarioIssue["kind"] },
): ScenarioResult<number> {
  // An id the fork holds already is refused (another payload) or skipped as a repeat (the same): either
  // way the scenario would not be what it says. A scenario's ids start with its name.
  const taken = (id: unknown): ScenarioResult<number> => ({
    ok: false,
    issues: [scenarioIssue("scenario_ids_taken", ["adjustments", index], id, "the ledger already holds an event with this id: give the scenario another name (or the event another id)", at)],
  });
  let count = 0;
  for (let from = 0; from < events.length; from += APPEND_CHUNK) {
    const chunk = events.slice(from, from + APPEND_CHUNK);
    const result = fork.safeAppend(chunk);
    const duplicate = result.ok ? undefined : result.issues.find((issue) => issue.code === "duplicate_id");
    if (duplicate !== undefined) return taken("value" in duplicate ? duplicate.value : undefined);
    if (result.ok && result.value.unchanged.length > 0) return taken(result.value.unchanged[0]);
    if (!result.ok) {
      const ledgerIssues = result.issues.map((issue) => ({ ...issue, path: typeof issue.path[0] === "number" ? [issue.path[0] + from, ...issue.path.slice(1)] : issue.path }));
      return {
        ok: false,
        issues: [{ ...scenarioIssue("refused_by_ledger", ["adjustments", index], undefined, "the ledger refuses the adjustment's events", at), ledgerIssues }],
      };
    }
    count += result.value.appended.length;
  }
  return { ok: true, value: count };
}

/**
 * Applies a scenario to a fork of a ledger.
 *
 * @param ledger - the baseline (never changed)
 * @param scenario - the adjustments, applied in order
 * @param options - the year, and whether appropriations are enforced
 * @returns the run: the fork with the scenario's events
 * @throws {@link ScenarioError} naming the adjustment, the field and the rule; nothing changes
 *
 * @example
 * ```ts
 * const run = applyScenario(ledger, {
 *   name: "三公-10%",
 *   adjustments: [{ kind: "scale", filter: { fund: "generalPublicBudget", economic: ["30212", "30217", "30231", "31013"] }, percent: "-10" }],
 * }, { year: 2020 });
 * run.fork.tables(2020, ["T7"]);
 * ```
 */
export function applyScenario(ledger: Ledger, scenario: Scenario, options: ScenarioOptions): ScenarioRun {
  const result = safeApplyScenario(ledger, scenario, options);
  if (!result.ok) throw new ScenarioError(result.issues);
  return result.value;
}

/**
 * The scenario's own events, in order: what saving a scenario as an event
 * log writes. Appending them to a fork of the same baseline replays it.
 *
 * @param run - an applied scenario
 * @returns the events the adjustments appended
 */
export function scenarioEvents(run: ScenarioRun): LedgerEvent[] {
  return run.fork.own().map((stored) => stored.event);
}

/**
 * Replays a saved scenario: a fork of the ledger with the events appended.
 *
 * @param ledger - the baseline (never changed)
 * @param events - a scenario's events, e.g. from {@link scenarioEvents}
 * @returns the fork
 * @throws {@link LedgerError} when the ledger refuses them
 */
export function replayScenario(ledger: Ledger, events: readonly unknown[]): LedgerFork {
  const fork = ledger.fork();
  for (let from = 0; from < events.length; from += APPEND_CHUNK) fork.append(events.slice(from, from + APPEND_CHUNK));
  return fork;
}
