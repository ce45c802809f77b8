/**
 * Small constructors for events that are awkward to write by hand.
 *
 * @module
 */
import type { EventReversed, ReversibleEvent } from "./types.js";
import { EVENT_SCHEMA_VERSION } from "./types.js";

/**
 * Builds the reversal of a stored event: the correction that cancels it in
 * every table, without editing or deleting it.
 *
 * @param target - the event to cancel, exactly as the ledger stores it
 * @param options - the reversal's own id and the reason
 * @returns the reversal event, ready to append
 *
 * @example
 * ```ts
 * ledger.append(reversalOf(wrongExpenditure, { id: "rev-1", reason: "posted to the wrong code" }));
 * ```
 */
export function reversalOf(target: ReversibleEvent, options: { readonly id: string; readonly reason: string; readonly memo?: string }): EventReversed {
  return {
    id: options.id,
    type: "eventReversed",
    schema: EVENT_SCHEMA_VERSION,
    year: target.year,
    unit: target.unit,
    ...(options.memo === undefined ? {} : { memo: options.memo }),
    target: target.id,
    reason: options.reason,
    reverses: target,
  };
}
