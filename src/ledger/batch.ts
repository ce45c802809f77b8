/**
 * One atomic batch: every event checked in order — its shape, its id against
 * those accepted, its rules against the state and the batch's earlier events
 * — and folded in as it passes. Either all are accepted, or the state and
 * the keeper are put back as they were and every issue is returned. Shared by
 * the ledger (which keeps the events) and the projector (which keeps their
 * fingerprints).
 *
 * @module
 */
import type { Catalog } from "../catalog/catalog.js";
import { freeze } from "immer";
import { FenOverflowError } from "../money/fen.js";
import { fieldIssue, type Issues, type LedgerIssue } from "../events/issues.js";
import type { LedgerEvent } from "../events/types.js";
import { checkEvent } from "../events/validate.js";
import type { IdMemory, LedgerState } from "./state.js";

/** Where a batch's events go. */
export interface BatchKeeper {
  /** The state the events are checked against and folded into. */
  readonly state: LedgerState;
  /** The ids accepted so far, including this batch's. */
  readonly memory: IdMemory;
  /** Keeps an accepted event. */
  keep(event: LedgerEvent): void;
  /** Forgets the events this batch kept, given last first. */
  forget(events: readonly LedgerEvent[]): void;
  /** Whether accepted events are deep-frozen (they are when kept; a keeper of fingerprints need not). */
  readonly freezes: boolean;
}

/** What a batch did. */
export interface BatchOutcome {
  /** Events accepted, in order, deep-frozen. */
  readonly accepted: readonly LedgerEvent[];
  /** The aggregate cell each accepted event's amount went to (for columnar copies). */
  readonly cells: readonly (object | undefined)[];
  /** Ids already accepted with the same payload. */
  readonly unchanged: readonly string[];
}

/** Events are checked at the root; their issues get the batch index in front. */
const NO_PATH: readonly (string | number)[] = [];

/**
 * Checks and folds a batch atomically.
 *
 * @param inputs - the raw events
 * @param catalog - codes to accept
 * @param intern - shares repeated strings
 * @param keeper - state, memory and where accepted events go
 * @returns the outcome, or every issue (and then nothing changed)
 */
export function acceptBatch(
  inputs: readonly unknown[],
  catalog: Catalog,
  intern: (text: string) => string,
  keeper: BatchKeeper,
): { readonly ok: true; readonly value: BatchOutcome } | { readonly ok: false; readonly issues: Issues } {
  const accepted: LedgerEvent[] = [];
  const cells: (object | undefined)[] = [];
  const issues: LedgerIssue[] = [];
  const unchanged: string[] = [];
  // First every shape, then every rule in order: the shapes' garbage is made before the fold runs,
  // which then finds the aggregate still in the processor's caches.
  const checked: (LedgerEvent | undefined)[] = new Array<LedgerEvent | undefined>(inputs.length);
  let shapeIssues = false;
  for (let index = 0; index < inputs.length; index++) {
    const result = checkEvent(inputs[index], catalog, NO_PATH, intern);
    if (result.ok) checked[index] = result.value;
    else {
      shapeIssues = true;
      for (const issue of result.issues) issues.push({ ...issue, path: [index, ...issue.path] });
    }
  }
  // Then the rules, event by event. The checks read what `note` keeps and the units and closes; only a
  // year close reads sums, so the amounts are folded in runs — before a close, after a unit, at the end —
  // each run a tight loop over the aggregate.
  const acceptedAt: number[] = [];
  const mark = keeper.state.mark();
  let folded = 0;
  let overflowed = false;
  const foldPending = (): void => {
    while (folded < accepted.length) {
      const event = accepted[folded] as LedgerEvent;
      try {
        cells.push(keeper.state.fold(event, 1));
      } catch (error) {
        if (!(error instanceof FenOverflowError)) throw error;
        overflowed = true;
        issues.push(fieldIssue("invalid_amount", [acceptedAt[folded] as number, "amountFen"], error.operands, "a sum of fen would leave the safe-integer range"));
        return;
      }
      folded += 1;
    }
  };
  for (let index = 0; index < inputs.length && !overflowed; index++) {
    const event = checked[index];
    if (event === undefined) continue;
    const recall = keeper.memory.recall(event.id, event);
    if (recall !== "absent") {
      if (recall === "same") unchanged.push(event.id);
      else issues.push(fieldIssue("duplicate_id", [index, "id"], event.id, "an id names one fact: the same id with another payload is refused"));
      continue;
    }
    if (event.type === "yearClosed") {
      foldPending();
      if (overflowed) break;
    }
    const stateIssues = keeper.state.check(event, index, keeper.memory);
    if (stateIssues.length > 0) {
      issues.push(...stateIssues);
      continue;
    }
    // Flat events freeze in one call; the two with nested data freeze deeply.
    const frozen = !keeper.freezes ? event : event.type === "eventReversed" || event.type === "yearClosed" ? freeze(event, true) : Object.freeze(event);
    keeper.state.note(frozen, 1);
    accepted.push(frozen);
    acceptedAt.push(index);
    keeper.keep(frozen);
    if (frozen.type === "unitRegistered" || frozen.type === "yearClosed") foldPending();
  }
  if (!overflowed) foldPending();
  // Issues in the order of the events they concern (a stable sort keeps each event's own order).
  if (shapeIssues || overflowed) issues.sort((a, b) => (a.path[0] as number) - (b.path[0] as number));
  if (issues.length > 0) {
    for (let i = folded - 1; i >= 0; i--) keeper.state.fold(accepted[i] as LedgerEvent, -1);
    keeper.state.dropSince(mark);
    for (let i = accepted.length - 1; i >= 0; i--) keeper.state.note(accepted[i] as LedgerEvent, -1);
    keeper.forget([...accepted].reverse());
    return { ok: false, issues: issues as unknown as Issues };
  }
  return { ok: true, value: { accepted, cells, unchanged } };
}
