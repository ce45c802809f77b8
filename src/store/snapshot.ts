/**
 * The data of a store snapshot: what the live state must remember to check
 * and fold further events exactly as the whole log would — the aggregate and
 * the state's memo (reversed ids, opening balances in force) — as bytes:
 *
 *     "fundledger-snapshot/2\n"            the format, in ASCII
 *     u32 LE  h                            bytes of the head
 *     u32 LE  r                            bytes of the reversed ids
 *     h bytes                              UTF-8 JSON [openings, strings, layout]
 *     r bytes                              UTF-8 JSON [reversed ids]
 *     zeros to a multiple of 8
 *     8 bytes per number, to the end       the aggregate's numbers, float64 LE
 *
 * Reading parses no number from text, and leaves the reversed ids unread
 * until the state first asks for them (an append of a reversal, the next
 * snapshot): reopening a large store costs about what building its cells
 * costs.
 *
 * @module
 */
import type { LedgerStateMemo } from "../ledger/state.js";
import { AggregateFormatError, packAggregate, unpackAggregate } from "../projections/serialize.js";
import type { Aggregate } from "../projections/aggregate.js";

/** The tag at the start of a snapshot's data. */
const FORMAT = "fundledger-snapshot/2\n";
const FORMAT_BYTES = new TextEncoder().encode(FORMAT);
/** Where the head starts: after the tag and the two lengths. */
const HEAD_AT = FORMAT_BYTES.length + 8;

/**
 * Writes a state as snapshot data.
 *
 * @param aggregate - the live aggregate
 * @param memo - the state's memo
 * @returns the bytes to store
 */
export function encodeSnapshot(aggregate: Aggregate, memo: LedgerStateMemo): Uint8Array {
  const packed = packAggregate(aggregate);
  const encoder = new TextEncoder();
  const head = encoder.encode(JSON.stringify([memo.openings, packed.strings, packed.layout]));
  const reversed = encoder.encode(JSON.stringify(memo.reversed));
  const numbersAt = Math.ceil((HEAD_AT + head.length + reversed.length) / 8) * 8;
  const bytes = new Uint8Array(numbersAt + packed.numbers.length * 8);
  const view = new DataView(bytes.buffer);
  bytes.set(FORMAT_BYTES, 0);
  view.setUint32(FORMAT_BYTES.length, head.length, true);
  view.setUint32(FORMAT_BYTES.length + 4, reversed.length, true);
  bytes.set(head, HEAD_AT);
  bytes.set(reversed, HEAD_AT + head.length);
  for (let i = 0; i < packed.numbers.length; i++) view.setFloat64(numbersAt + i * 8, packed.numbers[i] as number, true);
  return bytes;
}

/** Parses JSON, naming the part of the snapshot that is not JSON. */
function parsePart(bytes: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    throw new AggregateFormatError(`a snapshot's ${what} is not JSON: ${(error as Error).message}`);
  }
}

/**
 * Reads snapshot data written by {@link encodeSnapshot}.
 *
 * @param data - the stored bytes
 * @returns a fresh aggregate and the memo (its reversed ids read when first asked for)
 * @throws {@link AggregateFormatError} when the data is not a snapshot of this format; a damaged list of
 *   reversed ids throws when it is first read
 */
export function decodeSnapshot(data: Uint8Array): { readonly aggregate: Aggregate; readonly memo: LedgerStateMemo } {
  if (data.length < HEAD_AT || FORMAT_BYTES.some((byte, i) => data[i] !== byte)) throw new AggregateFormatError(`not a snapshot of format ${FORMAT.trim()}`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const headLength = view.getUint32(FORMAT_BYTES.length, true);
  const reversedLength = view.getUint32(FORMAT_BYTES.length + 4, true);
  const reversedAt = HEAD_AT + headLength;
  const numbersAt = Math.ceil((reversedAt + reversedLength) / 8) * 8;
  if (numbersAt > data.length || (data.length - numbersAt) % 8 !== 0) throw new AggregateFormatError("a snapshot's lengths do not fit its data");
  const head = parsePart(data.subarray(HEAD_AT, reversedAt), "head");
  if (!Array.isArray(head) || head.length !== 3) throw new AggregateFormatError("a snapshot's head is [openings, strings, layout]");
  const [openings, strings, layout] = head as [unknown, unknown, unknown];
  const validOpening = (entry: unknown): boolean =>
    Array.isArray(entry) && entry.length === 3 && typeof entry[0] === "string" && Number.isInteger(entry[1]) && Number.isInteger(entry[2]);
  if (!Array.isArray(openings) || !openings.every(validOpening)) throw new AggregateFormatError("a snapshot's openings are [unit, year, count]");
  const numbers = new Float64Array((data.length - numbersAt) / 8);
  for (let i = 0; i < numbers.length; i++) numbers[i] = view.getFloat64(numbersAt + i * 8, true);
  const aggregate = unpackAggregate({ strings: strings as string[], layout: layout as number[], numbers });
  const reversedBytes = data.slice(reversedAt, reversedAt + reversedLength);
  let reversed: readonly string[] | undefined;
  return {
    aggregate,
    memo: {
      get reversed(): readonly string[] {
        if (reversed === undefined) {
          const ids = parsePart(reversedBytes, "list of reversed ids");
          if (!Array.isArray(ids) || !ids.every((id) => typeof id === "string")) throw new AggregateFormatError("a snapshot's reversed ids are strings");
          reversed = ids as string[];
        }
        return reversed;
      },
      openings: openings as [string, number, number][],
    },
  };
}
