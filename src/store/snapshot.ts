/**
 * The data of a store snapshot: what the live state must remember to check
 * and fold further events exactly as the whole log would — the aggregate and
 * the state's memo (reversed ids, opening balances in force) — as bytes:
 *
 *     "fundledger-snapshot/2\n"            the format, in ASCII
 *     u32 LE  h                            bytes of the head
 *     u32 LE  r                            bytes of the reversed ids
 *     u32 LE  c                            FNV-1a of those bytes ({@link checksumOf})
 *     h bytes                              UTF-8 JSON [openings, strings, layout]
 *     r bytes                              UTF-8 JSON [reversed ids]
 *     the rest                             the aggregate's numbers, each as below
 *
 * A whole number takes one byte for its sign and low five bits (bit 0
 * clear, bit 1 the sign, bits 2–6, bit 7 "more") and a byte for each further
 * seven bits (bit 7 "more"): string numbers and counts take one or two
 * bytes, sums of fen four to seven. Any other number (a weight, a score) is
 * the byte 0x01 and its float64, little-endian.
 *
 * Reading parses no number from text, and leaves the reversed ids unread
 * until the state first asks for them (an append of a reversal, the next
 * snapshot): reopening a large store costs about what building its cells
 * costs. Their checksum is checked on reading, so that damaged ids make the
 * snapshot unusable at once (and the store opens by replay) rather than
 * failing an append later.
 *
 * @module
 */
import type { LedgerStateMemo } from "../ledger/state.js";
import { AggregateFormatError, packAggregate, unpackAggregate } from "../projections/serialize.js";
import type { Aggregate } from "../projections/aggregate.js";

/** The tag at the start of a snapshot's data. */
const FORMAT = "fundledger-snapshot/2\n";
const FORMAT_BYTES = new TextEncoder().encode(FORMAT);
/** Where the head starts: after the tag, the two lengths and the checksum. */
const HEAD_AT = FORMAT_BYTES.length + 12;

/**
 * The 32-bit FNV-1a of some bytes: the checksum of a snapshot's reversed ids.
 *
 * @param bytes - the bytes
 * @returns the checksum, unsigned
 */
export function checksumOf(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
  return hash >>> 0;
}

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
  const numbersAt = HEAD_AT + head.length + reversed.length;
  const bytes = new Uint8Array(numbersAt + packed.numbers.length * 9);
  const view = new DataView(bytes.buffer);
  bytes.set(FORMAT_BYTES, 0);
  view.setUint32(FORMAT_BYTES.length, head.length, true);
  view.setUint32(FORMAT_BYTES.length + 4, reversed.length, true);
  view.setUint32(FORMAT_BYTES.length + 8, checksumOf(reversed), true);
  bytes.set(head, HEAD_AT);
  bytes.set(reversed, HEAD_AT + head.length);
  const end = writeNumbers(packed.numbers, bytes, view, numbersAt);
  return bytes.slice(0, end);
}

/** Writes numbers from `at` as described in the module's comment; returns where they end. */
function writeNumbers(numbers: Float64Array, bytes: Uint8Array, view: DataView, at: number): number {
  let p = at;
  for (let i = 0; i < numbers.length; i++) {
    const n = numbers[i] as number;
    if (!Number.isSafeInteger(n)) {
      bytes[p] = 0x01;
      view.setFloat64(p + 1, n, true);
      p += 9;
      continue;
    }
    let magnitude = Math.abs(n);
    const low = magnitude % 32;
    magnitude = Math.floor(magnitude / 32);
    bytes[p++] = (n < 0 ? 0x02 : 0) | (low << 2) | (magnitude > 0 ? 0x80 : 0);
    while (magnitude > 0) {
      const seven = magnitude % 128;
      magnitude = Math.floor(magnitude / 128);
      bytes[p++] = seven | (magnitude > 0 ? 0x80 : 0);
    }
  }
  return p;
}

/** Reads numbers written by {@link writeNumbers} from `at` to the end of `data`. */
function readNumbers(data: Uint8Array, view: DataView, at: number): Float64Array {
  // At most one number a byte: filled from the start, cut to what was read.
  const found = new Float64Array(data.length - at);
  let count = 0;
  let p = at;
  while (p < data.length) {
    let byte = data[p++] as number;
    if (byte === 0x01) {
      if (p + 8 > data.length) throw new AggregateFormatError("a snapshot's numbers end inside one");
      found[count++] = view.getFloat64(p, true);
      p += 8;
      continue;
    }
    if ((byte & 0x01) !== 0) throw new AggregateFormatError(`a snapshot's numbers hold an unknown mark ${byte}`);
    const negative = (byte & 0x02) !== 0;
    let magnitude = (byte >> 2) & 31;
    let scale = 32;
    while ((byte & 0x80) !== 0) {
      if (p >= data.length || scale > 2 ** 53) throw new AggregateFormatError("a snapshot's numbers end inside one");
      byte = data[p++] as number;
      magnitude += (byte & 0x7f) * scale;
      scale *= 128;
    }
    if (magnitude > Number.MAX_SAFE_INTEGER) throw new AggregateFormatError("a snapshot's number is beyond the safe integers");
    found[count++] = negative ? -magnitude : magnitude;
  }
  return found.subarray(0, count);
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
 * @throws {@link AggregateFormatError} when the data is not a snapshot of this format or is damaged (the
 *   reversed ids by their checksum; their JSON, which the checksum vouches for, is parsed when first read)
 */
export function decodeSnapshot(data: Uint8Array): { readonly aggregate: Aggregate; readonly memo: LedgerStateMemo } {
  if (data.length < HEAD_AT || FORMAT_BYTES.some((byte, i) => data[i] !== byte)) throw new AggregateFormatError(`not a snapshot of format ${FORMAT.trim()}`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const headLength = view.getUint32(FORMAT_BYTES.length, true);
  const reversedLength = view.getUint32(FORMAT_BYTES.length + 4, true);
  const reversedAt = HEAD_AT + headLength;
  const numbersAt = reversedAt + reversedLength;
  if (numbersAt > data.length) throw new AggregateFormatError("a snapshot's lengths do not fit its data");
  const head = parsePart(data.subarray(HEAD_AT, reversedAt), "head");
  if (!Array.isArray(head) || head.length !== 3) throw new AggregateFormatError("a snapshot's head is [openings, strings, layout]");
  const [openings, strings, layout] = head as [unknown, unknown, unknown];
  const validOpening = (entry: unknown): boolean =>
    Array.isArray(entry) && entry.length === 3 && typeof entry[0] === "string" && Number.isInteger(entry[1]) && Number.isInteger(entry[2]);
  if (!Array.isArray(openings) || !openings.every(validOpening)) throw new AggregateFormatError("a snapshot's openings are [unit, year, count]");
  const numbers = readNumbers(data, view, numbersAt);
  const aggregate = unpackAggregate({ strings: strings as string[], layout: layout as number[], numbers });
  const reversedBytes = data.slice(reversedAt, reversedAt + reversedLength);
  if (checksumOf(reversedBytes) !== view.getUint32(FORMAT_BYTES.length + 8, true)) {
    throw new AggregateFormatError("a snapshot's reversed ids do not match their checksum");
  }
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
