/**
 * Detached ranges: the events of a later stretch of a log checked and folded
 * without the state before them, so that two threads can each take a part
 * of one file, and then attached to a projector that has taken everything
 * before the stretch.
 *
 * A detached projector checks every event of its stretch as far as the
 * stretch itself tells — its shape, its id against the stretch's ids, a
 * reversal whose target is in the stretch — and writes down, instead of
 * answering, every question only the earlier state can answer: which units
 * must already be registered (or must not be), which unit-years must still
 * be open, which reversal targets must be stored with which payload and not
 * yet reversed, and that none of its ids is already taken. Year closes cut
 * the stretch into parts: a close needs the sums of everything before it, so
 * it is left to the projector, between the parts it separates.
 *
 * `attachDetached` (./attach.ts) asks those questions of the projector, part by
 * part, and adds each part's sums, ids and notes only when every answer is
 * the one the detached projector assumed. The questions are exactly those of
 * the ledger's own checks (`LedgerState.check` and the id memory), so an
 * attached stretch leaves the projector as taking its events one by one
 * would have; whenever an answer differs — a duplicate id, a refused event,
 * a close that does not balance — the stretch is refused, and its events
 * must be taken one by one instead, which then gives the ledger's own issue.
 *
 * @module
 */
import type { Catalog } from "../catalog/catalog.js";
import type { LedgerEvent } from "../events/types.js";
import { checkEvent } from "../events/validate.js";
import { applyEvent, emptyAggregate, type Aggregate } from "../projections/aggregate.js";
import { createFingerprintMemory, inHomeOrder, PRINT_WORDS } from "./fingerprint.js";
import { createInterner } from "./interner.js";

/** Events of a stretch between closes: their sums, ids and what they assume of the state before them. */
export interface DetachedSums {
  readonly kind: "sums";
  /** The aggregate of the part's events alone. */
  readonly aggregate: Aggregate;
  /** Events in the part. */
  readonly count: number;
  /** Four words an event: the fingerprint of its id and payload (`FingerprintMemory.print`), in home order (`inHomeOrder`). None may be taken. */
  readonly prints: Int32Array<ArrayBuffer>;
  /** Units the part's events name that it does not register: they must be registered before it. */
  readonly unitsNeeded: readonly string[];
  /** Units the part registers: they must not be registered before it. */
  readonly unitsRegistered: readonly string[];
  /** [unit, year] the part's events record into: they must not be closed before it. */
  readonly yearsOpen: readonly (readonly [string, number])[];
  /** Reversal targets outside the stretch: each must be stored with this payload fingerprint and not reversed. */
  readonly targets: readonly string[];
  /** Four words a target: its id's and its `reverses` payload's fingerprint, in the order of {@link targets}. */
  readonly targetPrints: Int32Array<ArrayBuffer>;
  /** Every id the part reverses. */
  readonly reversed: readonly string[];
  /** [unit, year, change] of each unit-year's count of opening balances. */
  readonly openings: readonly (readonly [string, number, number])[];
  /** A bound on the magnitude of every number the part adds to a cell, at any point of its events. */
  readonly bound: number;
}

/** A year close of the stretch, which the projector takes itself, between the parts around it. */
export interface DetachedClose {
  readonly kind: "close";
  /** The close as read (checked again when taken). */
  readonly event: unknown;
}

/** One piece of a detached stretch, in log order. */
export type DetachedPart = DetachedSums | DetachedClose;

/** Checks and folds a stretch of a log without the state before it. */
export interface DetachedProjector {
  /**
   * Takes the next events of the stretch. Returns false when an event needs
   * more than assumptions to be taken (its shape is wrong, its id repeats
   * with another payload, it records into a year the stretch closed, …):
   * the stretch cannot be detached, and the projector takes no more.
   */
  project(inputs: readonly unknown[]): boolean;
  /** Events taken (repeats of an id with its payload excepted). */
  readonly count: number;
  /** The stretch's parts, in order; the projector is done. */
  finish(): DetachedPart[];
}

/** The sum of the magnitudes of every number an event carries: no cell field moves further by folding it. */
function magnitudeOf(event: LedgerEvent): number {
  switch (event.type) {
    case "receiptRecorded":
    case "expenditureRecorded":
    case "appropriationMade":
      return Math.abs(event.amountFen);
    default:
      return magnitudeOfValue(event);
  }
}

function magnitudeOfValue(value: unknown): number {
  if (typeof value === "number") return Math.abs(value);
  if (typeof value !== "object" || value === null) return 0;
  let total = 0;
  for (const inner of Object.values(value)) total += magnitudeOfValue(inner);
  return total;
}

/** A unit-year as one string. */
const unitYearKey = (unit: string, year: number): string => `${unit}\u001f${year}`;

/** Collects one part's assumptions, sums and ids. */
class PartBuilder {
  readonly aggregate = emptyAggregate();
  count = 0;
  prints: Int32Array<ArrayBuffer>;
  /** The unit-year the last event recorded into (its questions asked). */
  lastUnit: string | undefined;
  lastYear = 0;
  readonly unitsNeeded = new Set<string>();
  readonly unitsRegistered = new Set<string>();
  readonly yearsOpen = new Map<string, readonly [string, number]>();
  readonly targets: string[] = [];
  targetPrints: Int32Array<ArrayBuffer> = new Int32Array(16 * PRINT_WORDS);
  readonly reversed: string[] = [];
  readonly openings = new Map<string, [string, number, number]>();
  bound = 0;

  /** @param capacity - events the part likely holds */
  constructor(capacity: number) {
    this.prints = new Int32Array(Math.max(1024, capacity) * PRINT_WORDS);
  }

  /** Room for one more fingerprint in `prints` at `count`. */
  nextPrint(): number {
    if ((this.count + 1) * PRINT_WORDS > this.prints.length) this.prints = grown(this.prints);
    return this.count * PRINT_WORDS;
  }

  needOpen(unit: string, year: number): void {
    const key = unitYearKey(unit, year);
    if (!this.yearsOpen.has(key)) this.yearsOpen.set(key, [unit, year]);
  }

  countOpening(unit: string, year: number, change: number): void {
    const key = unitYearKey(unit, year);
    const counted = this.openings.get(key);
    if (counted === undefined) this.openings.set(key, [unit, year, change]);
    else counted[2] += change;
  }

  build(): DetachedSums {
    return {
      kind: "sums",
      aggregate: this.aggregate,
      count: this.count,
      // In the order that adds them to the projector's memory in one sweep of its table.
      prints: inHomeOrder(this.prints.subarray(0, this.count * PRINT_WORDS)),
      unitsNeeded: [...this.unitsNeeded],
      unitsRegistered: [...this.unitsRegistered],
      yearsOpen: [...this.yearsOpen.values()],
      targets: this.targets,
      targetPrints: this.targetPrints.slice(0, this.targets.length * PRINT_WORDS),
      reversed: this.reversed,
      openings: [...this.openings.values()].filter(([, , change]) => change !== 0),
      bound: this.bound,
    };
  }
}

function grown(words: Int32Array): Int32Array<ArrayBuffer> {
  const larger = new Int32Array(words.length * 2);
  larger.set(words);
  return larger;
}

/**
 * Creates a projector for a stretch of a log that starts after events it
 * does not see.
 *
 * @param catalog - codes to accept (the attaching projector's)
 * @param expectedEvents - events the stretch likely holds (sizes the memory of ids once)
 * @returns the detached projector
 */
export function createDetachedProjector(catalog: Catalog, expectedEvents = 0): DetachedProjector {
  const intern = createInterner();
  const memory = createFingerprintMemory(expectedEvents);
  const parts: DetachedPart[] = [];
  let part = new PartBuilder(expectedEvents);
  /** Units the stretch registered, closes it passed, ids it reversed: what it can answer itself. */
  const registered = new Set<string>();
  const closed = new Set<string>();
  const reversedHere = new Set<string>();
  let count = 0;
  let failed = false;
  /** The fingerprint of a reversal's target and payload. */
  const target = new Int32Array(PRINT_WORDS);

  /** Takes one checked event; false when it cannot be taken on assumptions. */
  function take(event: LedgerEvent): boolean {
    const at = part.nextPrint();
    memory.print(event.id, event, part.prints, at);
    // Remembered at once, in one probe: an event refused here ends the stretch anyway.
    const recalled = memory.addPrint(part.prints, at);
    if (recalled === "same") return true;
    if (recalled === "different") return false;
    if (event.type === "yearClosed") {
      // The close is the projector's: it needs every sum before it. What follows is a new part.
      if (closed.has(unitYearKey(event.unit, event.year))) return false;
      parts.push(part.build(), { kind: "close", event });
      part = new PartBuilder(expectedEvents - count);
      closed.add(unitYearKey(event.unit, event.year));
      count += 1;
      return true;
    }
    if (event.type === "unitRegistered") {
      if (registered.has(event.unit)) return false;
      part.unitsRegistered.add(event.unit);
      if (event.parent !== null && !registered.has(event.parent)) part.unitsNeeded.add(event.parent);
      registered.add(event.unit);
      part.lastUnit = undefined;
    } else {
      // Most events name the unit-year the one before named: its questions are asked already.
      if (event.unit !== part.lastUnit || event.year !== part.lastYear) {
        if (!registered.has(event.unit)) part.unitsNeeded.add(event.unit);
        if (closed.has(unitYearKey(event.unit, event.year))) return false;
        part.needOpen(event.unit, event.year);
        part.lastUnit = event.unit;
        part.lastYear = event.year;
      }
      if (event.type === "balanceOpened") {
        if (closed.has(unitYearKey(event.unit, event.year - 1))) return false;
        part.needOpen(event.unit, event.year - 1);
        part.countOpening(event.unit, event.year, 1);
      } else if (event.type === "eventReversed") {
        if (reversedHere.has(event.target)) return false;
        memory.print(event.target, event.reverses, target, 0);
        const found = memory.recallPrint(target, 0);
        if (found === "different") return false;
        if (found === "absent") {
          // Stored before the stretch, if anywhere: the projector answers.
          const t = part.targets.length * PRINT_WORDS;
          if (t + PRINT_WORDS > part.targetPrints.length) part.targetPrints = grown(part.targetPrints);
          part.targetPrints.set(target, t);
          part.targets.push(event.target);
        }
        reversedHere.add(event.target);
        part.reversed.push(event.target);
        if (event.reverses.type === "balanceOpened") part.countOpening(event.reverses.unit, event.reverses.year, -1);
      }
    }
    try {
      applyEvent(part.aggregate, event, 1);
    } catch {
      return false;
    }
    part.bound += magnitudeOf(event);
    part.count += 1;
    count += 1;
    return true;
  }

  return {
    project(inputs) {
      if (failed) return false;
      for (const input of inputs) {
        const checked = checkEvent(input, catalog, [], intern);
        if (!checked.ok || !take(checked.value)) {
          failed = true;
          return false;
        }
      }
      return true;
    },
    get count() {
      return count;
    },
    finish() {
      if (failed) throw new Error("a detached projector that refused an event has no parts");
      parts.push(part.build());
      return parts;
    },
  };
}
