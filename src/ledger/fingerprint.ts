/**
 * Fingerprints: two independent 32-bit FNV-1a lanes over strings and over
 * validated events, and a memory of ids that keeps only fingerprints — a
 * slot of 16 bytes in one typed array, at least every other slot used, no
 * strings, nothing for the collector to trace. Two different ids, or two different payloads, are taken for one only
 * if all 64 bits agree.
 *
 * @module
 */
import { BUDGET_STAGES, CATEGORIES, FUNDS } from "../catalog/dimensions.js";
import type { LedgerEvent } from "../events/types.js";
import type { IdMemory, Recall } from "./state.js";

const PRIME_A = 0x01000193;
const PRIME_B = 0x0100019d;

/** A two-lane FNV-1a hasher; `a` and `b` hold the lanes. */
class Hasher {
  a = 0;
  b = 0;

  reset(): this {
    this.a = 0x811c9dc5 | 0;
    this.b = 0x050c5d1f;
    return this;
  }

  byte(code: number): void {
    this.a = Math.imul(this.a ^ code, PRIME_A);
    this.b = Math.imul(this.b ^ code, PRIME_B);
  }

  string(text: string): void {
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      a = Math.imul(a ^ code, PRIME_A);
      b = Math.imul(b ^ code, PRIME_B);
    }
    this.a = a;
    this.b = b;
  }

  number(value: number): void {
    this.byte(value | 0);
    this.byte(Math.floor(value / 4294967296) | 0);
  }

  optional(tag: number, text: string | undefined): void {
    if (text === undefined) return;
    this.byte(tag);
    this.string(text);
  }

  /**
   * Hashes an event's payload: the three most frequent types field by field
   * (every field read directly; the type and the closed vocabularies as
   * their place in the catalogue's lists, the codes and names as text), the
   * others by a walk of their keys. The id is left out: payloads are only
   * ever compared under one id, which the memory keeps in its own lanes.
   */
  event(event: LedgerEvent): void {
    switch (event.type) {
      case "receiptRecorded":
        this.envelope(event, 1);
        this.byte(FUNDS.indexOf(event.source));
        this.string(event.functional);
        this.number(event.amountFen);
        if (event.adjustment === true) this.byte(0x61);
        return;
      case "expenditureRecorded":
        this.envelope(event, 2);
        this.byte(FUNDS.indexOf(event.fund));
        this.string(event.functional);
        this.string(event.economic);
        this.byte(CATEGORIES.indexOf(event.category));
        this.optional(0x70, event.project);
        this.number(event.amountFen);
        if (event.adjustment === true) this.byte(0x61);
        return;
      case "appropriationMade":
        this.envelope(event, 3);
        this.byte(FUNDS.indexOf(event.fund));
        this.string(event.functional);
        this.byte(CATEGORIES.indexOf(event.category));
        this.optional(0x65, event.economic);
        this.optional(0x70, event.project);
        this.byte(BUDGET_STAGES.indexOf(event.stage));
        this.number(event.amountFen);
        return;
      default:
        this.value(event);
    }
  }

  /** The envelope without the id, after a tag naming the type (the walk of the other types starts with 0x7b). */
  private envelope(event: LedgerEvent, typeTag: number): void {
    this.byte(typeTag);
    this.number(event.schema);
    this.number(event.year);
    this.string(event.unit);
    this.optional(0x6d, event.memo);
  }

  value(value: unknown): void {
    if (typeof value === "string") {
      this.byte(0x73);
      this.string(value);
    } else if (typeof value === "number") {
      this.byte(0x6e);
      this.byte(value | 0);
      this.byte(Math.floor(value / 4294967296) | 0);
    } else if (value === null || typeof value === "boolean") {
      this.byte(value === null ? 0x30 : value ? 0x31 : 0x32);
    } else if (Array.isArray(value)) {
      this.byte(0x5b);
      for (const item of value) this.value(item);
      this.byte(0x5d);
    } else if (typeof value === "object") {
      // Key order is that of the validated event, which its type fixes.
      this.byte(0x7b);
      const record = value as Record<string, unknown>;
      for (const key in record) {
        if (record[key] === undefined) continue;
        // Which key, cheaply: the keys of an event type are fixed, and its optional ones differ in these.
        this.byte((key.length << 16) | key.charCodeAt(0));
        this.value(record[key]);
      }
      this.byte(0x7d);
    }
  }
}

/** A memory of ids by fingerprint. */
export interface FingerprintMemory extends IdMemory {
  /** Remembers an id and its event. */
  add(event: LedgerEvent): void;
  /** Forgets an id (a tombstone keeps later probes going). */
  remove(id: string): void;
  /**
   * Writes an event's fingerprint — its id's two lanes, then its payload's
   * two — into `into` at `at` (four words), without remembering it.
   */
  print(id: string, event: LedgerEvent, into: Int32Array, at: number): void;
  /** {@link IdMemory.recall} of a fingerprint written by {@link FingerprintMemory.print} (by any memory). */
  recallPrint(words: Int32Array, at: number): Recall;
  /**
   * Remembers a fingerprint written by {@link FingerprintMemory.print},
   * unless its id is remembered already (which is then left as it is).
   *
   * @returns "absent" when it was added; else what {@link FingerprintMemory.recallPrint} says of it
   */
  addPrint(words: Int32Array, at: number): Recall;
  /** Forgets the id of a fingerprint written by {@link FingerprintMemory.print}. */
  removePrint(words: Int32Array, at: number): void;
  /** Ids remembered. */
  readonly size: number;
}

/** Int32 words a slot holds: the id's two lanes, then the payload's two. */
const STRIDE = 4;

/** Int32 words of a fingerprint written by {@link FingerprintMemory.print}: the id's two lanes, then the payload's two. */
export const PRINT_WORDS = 4;
/** Slots of the smallest table (a power of two). */
const MIN_BITS = 10;

/**
 * Lanes (a, b) that mark a slot rather than name an id: (0, 0) empty,
 * (0, 1) emptied. An id whose lanes are one of these is given (0, 2) or
 * (0, 3) instead — a change of one bit in 2^63 ids.
 */
const EMPTY_B = 0;
const EMPTIED_B = 1;

/** The home slot of an id's first lane in a table of 2^bits slots: the top bits of a Fibonacci multiply. */
function homeOf(a: number, bits: number): number {
  return Math.imul(a, 0x9e3779b1) >>> (32 - bits);
}

/** Leading bits of the home slot that {@link inHomeOrder} sorts by. */
const ORDER_BITS = 16;

/**
 * Fingerprints written by {@link FingerprintMemory.print}, reordered by the
 * leading bits of their home slot: added to a memory in this order, they
 * walk its table from start to end instead of jumping about it — few misses
 * of the processor's caches, whatever the table's size (from 2^16 slots on,
 * the order is the table's). A counting sort: two passes.
 *
 * @param prints - four words a fingerprint
 * @returns a new array of the same fingerprints, in home order
 */
export function inHomeOrder(prints: Int32Array): Int32Array<ArrayBuffer> {
  const count = Math.floor(prints.length / PRINT_WORDS);
  const starts = new Int32Array((1 << ORDER_BITS) + 1);
  for (let i = 0; i < count; i++) {
    const slot = homeOf(prints[i * PRINT_WORDS] as number, ORDER_BITS) + 1;
    starts[slot] = (starts[slot] as number) + 1;
  }
  for (let h = 1; h < starts.length; h++) starts[h] = (starts[h] as number) + (starts[h - 1] as number);
  const sorted = new Int32Array(count * PRINT_WORDS);
  for (let i = 0; i < count; i++) {
    const from = i * PRINT_WORDS;
    const home = homeOf(prints[from] as number, ORDER_BITS);
    const to = (starts[home] as number) * PRINT_WORDS;
    starts[home] = (starts[home] as number) + 1;
    sorted[to] = prints[from] as number;
    sorted[to + 1] = prints[from + 1] as number;
    sorted[to + 2] = prints[from + 2] as number;
    sorted[to + 3] = prints[from + 3] as number;
  }
  return sorted;
}

/**
 * Creates an empty fingerprint memory.
 *
 * The table is open-addressed with linear probing. A slot's four words sit
 * side by side, so a probe costs one visit to memory; an id's home slot is
 * the top bits of a multiply of its first lane, so doubling the table moves
 * slots in order — one sequential pass. A table of 2^k slots holds up to
 * 2^(k−1) ids.
 *
 * @param expected - ids the memory will likely hold (a hint: the table is sized for them once, instead of
 *   doubled up to them; more or fewer are fine)
 * @returns the memory
 */
export function createFingerprintMemory(expected = 0): FingerprintMemory {
  const hasher = new Hasher();
  let bits = MIN_BITS;
  while (bits < 30 && 2 ** (bits - 1) < expected) bits += 1;
  let words = new Int32Array((1 << bits) * STRIDE);
  let mask = (1 << bits) - 1;
  /** Slots not empty (ids and emptied slots): what probes walk over. */
  let used = 0;
  let size = 0;
  /** The lanes of the id last looked up: `add` after `recall` of one id hashes it once. */
  let lastId: string | undefined;
  let laneA = 0;
  let laneB = 0;

  const hashId = (id: string): void => {
    if (id === lastId) return;
    hasher.reset().string(id);
    lastId = id;
    laneA = hasher.a;
    laneB = hasher.a === 0 && (hasher.b === EMPTY_B || hasher.b === EMPTIED_B) ? hasher.b | 2 : hasher.b;
  };

  /** The slot holding the id last hashed, or the empty slot ending its probe chain. */
  const find = (): number => {
    let slot = homeOf(laneA, bits);
    for (;;) {
      const at = slot * STRIDE;
      const a = words[at] as number;
      const b = words[at + 1] as number;
      if (a === laneA && b === laneB) return slot;
      if (a === 0 && b === EMPTY_B) return slot;
      slot = (slot + 1) & mask;
    }
  };

  const isId = (slot: number): boolean => {
    const at = slot * STRIDE;
    return words[at] !== 0 || (words[at + 1] !== EMPTY_B && words[at + 1] !== EMPTIED_B);
  };

  /** Writes an id's lanes and its payload's into a slot. */
  const fill = (slot: number, a: number, b: number, payA: number, payB: number): void => {
    const at = slot * STRIDE;
    words[at] = a;
    words[at + 1] = b;
    words[at + 2] = payA;
    words[at + 3] = payB;
  };

  const samePayload = (slot: number, event: LedgerEvent): boolean => {
    hasher.reset().event(event);
    return words[slot * STRIDE + 2] === hasher.a && words[slot * STRIDE + 3] === hasher.b;
  };

  const grow = (): void => {
    const old = words;
    bits += 1;
    words = new Int32Array((1 << bits) * STRIDE);
    mask = (1 << bits) - 1;
    used = 0;
    for (let from = 0; from < old.length; from += STRIDE) {
      const a = old[from] as number;
      const b = old[from + 1] as number;
      if (a === 0 && (b === EMPTY_B || b === EMPTIED_B)) continue;
      let slot = homeOf(a, bits);
      while (words[slot * STRIDE] !== 0 || words[slot * STRIDE + 1] !== EMPTY_B) slot = (slot + 1) & mask;
      fill(slot, a, b, old[from + 2] as number, old[from + 3] as number);
      used += 1;
    }
  };

  /** What a slot holding a printed fingerprint's id says of its payload. */
  const payloadAt = (slot: number, prints: Int32Array, at: number): Recall =>
    words[slot * STRIDE + 2] === prints[at + 2] && words[slot * STRIDE + 3] === prints[at + 3] ? "same" : "different";

  /** The slot of a printed fingerprint's id, or the empty slot ending its probe chain. */
  const findPrint = (prints: Int32Array, at: number): number => {
    laneA = prints[at] as number;
    laneB = prints[at + 1] as number;
    lastId = undefined;
    return find();
  };

  return {
    print(id, event, into, at) {
      hashId(id);
      into[at] = laneA;
      into[at + 1] = laneB;
      hasher.reset().event(event);
      into[at + 2] = hasher.a;
      into[at + 3] = hasher.b;
    },
    recallPrint(prints, at): Recall {
      const slot = findPrint(prints, at);
      return isId(slot) ? payloadAt(slot, prints, at) : "absent";
    },
    addPrint(prints, at): Recall {
      if ((used + 1) * 2 > mask + 1) grow();
      const slot = findPrint(prints, at);
      if (isId(slot)) return payloadAt(slot, prints, at);
      fill(slot, laneA, laneB, prints[at + 2] as number, prints[at + 3] as number);
      used += 1;
      size += 1;
      return "absent";
    },
    removePrint(prints, at) {
      const slot = findPrint(prints, at);
      if (!isId(slot)) return;
      words[slot * STRIDE] = 0;
      words[slot * STRIDE + 1] = EMPTIED_B;
      size -= 1;
    },
    recall(id, event): Recall {
      hashId(id);
      const slot = find();
      if (!isId(slot)) return "absent";
      return samePayload(slot, event) ? "same" : "different";
    },
    add(event) {
      if ((used + 1) * 2 > mask + 1) grow();
      hashId(event.id);
      const slot = find();
      if (isId(slot)) return;
      hasher.reset().event(event);
      fill(slot, laneA, laneB, hasher.a, hasher.b);
      used += 1;
      size += 1;
    },
    remove(id) {
      hashId(id);
      const slot = find();
      if (!isId(slot)) return;
      words[slot * STRIDE] = 0;
      words[slot * STRIDE + 1] = EMPTIED_B;
      size -= 1;
    },
    get size() {
      return size;
    },
  };
}
