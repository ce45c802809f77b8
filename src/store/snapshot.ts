/**
 * The data of a store snapshot: what the live state must remember to check
 * and fold further events exactly as the whole log would — the aggregate
 * (serialised compactly) and the state's memo (reversed ids, opening
 * balances in force) — as one text: the memo's JSON on the first line, the
 * aggregate after it.
 *
 * @module
 */
import type { LedgerStateMemo } from "../ledger/state.js";
import { AggregateFormatError, deserializeAggregate, serializeAggregate } from "../projections/serialize.js";
import type { Aggregate } from "../projections/aggregate.js";

/** The tag at the start of a snapshot's data. */
const FORMAT = "fundledger-snapshot/1";

/**
 * Writes a state as snapshot data.
 *
 * @param aggregate - the live aggregate
 * @param memo - the state's memo
 * @returns the text to store
 */
export function encodeSnapshot(aggregate: Aggregate, memo: LedgerStateMemo): string {
  return `${JSON.stringify([FORMAT, memo.reversed, memo.openings])}\n${serializeAggregate(aggregate)}`;
}

/**
 * Reads snapshot data written by {@link encodeSnapshot}.
 *
 * @param text - the stored text
 * @returns a fresh aggregate and the memo
 * @throws {@link AggregateFormatError} when the text is not a snapshot of this format
 */
export function decodeSnapshot(text: string): { readonly aggregate: Aggregate; readonly memo: LedgerStateMemo } {
  const cut = text.indexOf("\n");
  if (cut < 0) throw new AggregateFormatError("a snapshot has a memo line and an aggregate");
  let head: unknown;
  try {
    head = JSON.parse(text.slice(0, cut));
  } catch (error) {
    throw new AggregateFormatError(`a snapshot's memo is not JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(head) || head[0] !== FORMAT || !Array.isArray(head[1]) || !Array.isArray(head[2])) {
    throw new AggregateFormatError(`not a snapshot of format ${FORMAT}`);
  }
  const reversed = head[1] as unknown[];
  const openings = head[2] as unknown[];
  if (!reversed.every((id) => typeof id === "string")) throw new AggregateFormatError("a snapshot's reversed ids are strings");
  const validOpening = (entry: unknown): boolean =>
    Array.isArray(entry) && entry.length === 3 && typeof entry[0] === "string" && Number.isInteger(entry[1]) && Number.isInteger(entry[2]);
  if (!openings.every(validOpening)) throw new AggregateFormatError("a snapshot's openings are [unit, year, count]");
  return {
    aggregate: deserializeAggregate(text.slice(cut + 1)),
    memo: { reversed: reversed as string[], openings: openings as [string, number, number][] },
  };
}
