/**
 * Fingerprints: two independent 32-bit FNV-1a lanes over strings and over
 * validated events, and a memory of ids that keeps only fingerprints — 17
 * bytes an id in typed arrays, no strings, nothing for the collector to
 * trace. Two different ids, or two different payloads, are taken for one only
 * if all 64 bits agree.
 *
 * @module
 */
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
   * Hashes an event: the three most frequent types field by field (their
   * fields read directly, every one of them), the others by a walk of
   * their keys.
   */
  event(event: LedgerEvent): void {
    switch (event.type) {
      case "receiptRecorded":
        this.envelope(event);
        this.string(event.source);
        this.string(event.functional);
        this.number(event.amountFen);
        this.optional(0x61, event.adjustment === true ? "adjustment" : undefined);
        return;
      case "expenditureRecorded":
        this.envelope(event);
        this.string(event.fund);
        this.string(event.functional);
        this.string(event.economic);
        this.string(event.category);
        this.optional(0x70, event.project);
        this.number(event.amountFen);
        this.optional(0x61, event.adjustment === true ? "adjustment" : undefined);
        return;
      case "appropriationMade":
        this.envelope(event);
        this.string(event.fund);
        this.string(event.functional);
        this.string(event.category);
        this.optional(0x65, event.economic);
        this.optional(0x70, event.project);
        this.string(event.stage);
        this.number(event.amountFen);
        return;
      default:
        this.value(event);
    }
  }

  private envelope(event: LedgerEvent): void {
    this.string(event.id);
    this.string(event.type);
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
  /** Ids remembered. */
  readonly size: number;
}

const EMPTY = 0;
const LIVE = 1;
const DEAD = 2;

/**
 * Creates an empty fingerprint memory.
 *
 * @returns the memory
 */
export function createFingerprintMemory(): FingerprintMemory {
  const hasher = new Hasher();
  let state = new Uint8Array(1024);
  let idA = new Int32Array(1024);
  let idB = new Int32Array(1024);
  let payloadA = new Int32Array(1024);
  let payloadB = new Int32Array(1024);
  let mask = state.length - 1;
  let used = 0;
  let size = 0;

  /** The slot of an id (hashed into the hasher's lanes), or the empty slot ending its probe chain. */
  const find = (id: string): number => {
    hasher.reset().string(id);
    const a = hasher.a;
    const b = hasher.b;
    let slot = a & mask;
    for (;;) {
      const s = state[slot];
      if (s === EMPTY || (s === LIVE && idA[slot] === a && idB[slot] === b)) return slot;
      slot = (slot + 1) & mask;
    }
  };

  const samePayload = (slot: number, event: LedgerEvent): boolean => {
    hasher.reset().event(event);
    return payloadA[slot] === hasher.a && payloadB[slot] === hasher.b;
  };

  const grow = (): void => {
    const old = { state, idA, idB, payloadA, payloadB };
    const capacity = state.length * 2;
    state = new Uint8Array(capacity);
    idA = new Int32Array(capacity);
    idB = new Int32Array(capacity);
    payloadA = new Int32Array(capacity);
    payloadB = new Int32Array(capacity);
    mask = capacity - 1;
    used = 0;
    for (let i = 0; i < old.state.length; i++) {
      if (old.state[i] !== LIVE) continue;
      const a = old.idA[i] ?? 0;
      let slot = a & mask;
      while (state[slot] !== EMPTY) slot = (slot + 1) & mask;
      state[slot] = LIVE;
      idA[slot] = a;
      idB[slot] = old.idB[i] ?? 0;
      payloadA[slot] = old.payloadA[i] ?? 0;
      payloadB[slot] = old.payloadB[i] ?? 0;
      used += 1;
    }
  };

  return {
    recall(id, event): Recall {
      const slot = find(id);
      if (state[slot] !== LIVE) return "absent";
      return samePayload(slot, event) ? "same" : "different";
    },
    add(event) {
      if ((used + 1) * 2 > state.length) grow();
      const slot = find(event.id);
      if (state[slot] === LIVE) return;
      state[slot] = LIVE;
      idA[slot] = hasher.a;
      idB[slot] = hasher.b;
      hasher.reset().event(event);
      payloadA[slot] = hasher.a;
      payloadB[slot] = hasher.b;
      used += 1;
      size += 1;
    },
    remove(id) {
      const slot = find(id);
      if (state[slot] !== LIVE) return;
      state[slot] = DEAD;
      size -= 1;
    },
    get size() {
      return size;
    },
  };
}
