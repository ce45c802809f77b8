/**
 * fast-check arbitraries shared by the property tests.
 *
 * @module
 */
import fc from "fast-check";
import { generateLedger, type GenerateOptions } from "../../src/generate/index.js";
import type { LedgerEvent } from "../../src/events/index.js";

/** Bounds of {@link generateOptionsArbitrary} and {@link ledgerArbitrary}. */
export interface LedgerArbitraryOptions {
  /** Most events in a log (default 500). */
  readonly maxEvents?: number;
  /** Most units (default 6). */
  readonly maxUnits?: number;
  /** Most years (default 3). */
  readonly maxYears?: number;
}

/**
 * Options of {@link generateLedger}: a seed, a size from 1 to `maxEvents`, 1 to
 * `maxUnits` units and 1 to `maxYears` years. Shrinks towards fewer events,
 * units and years and seed 0.
 *
 * @param options - bounds
 * @returns an arbitrary of generator options
 */
export function generateOptionsArbitrary(options: LedgerArbitraryOptions = {}): fc.Arbitrary<GenerateOptions> {
  return fc.record({
    events: fc.integer({ min: 1, max: options.maxEvents ?? 500 }),
    seed: fc.integer(),
    units: fc.integer({ min: 1, max: options.maxUnits ?? 6 }),
    years: fc.integer({ min: 1, max: options.maxYears ?? 3 }),
  });
}

/**
 * A valid synthetic event log (see {@link generateLedger}). It shrinks through
 * its options: a failing log shrinks to a shorter one, with fewer units and
 * years, so a counterexample stays small; it prints as the `generateLedger`
 * call that makes it.
 *
 * @param options - bounds
 * @returns an arbitrary of event logs, every one of which appends cleanly in order
 *
 * @example
 * ```ts
 * fc.assert(fc.property(ledgerArbitrary({ maxEvents: 2_000 }), (events) => { ... }), { seed: 1 });
 * ```
 */
export function ledgerArbitrary(options: LedgerArbitraryOptions = {}): fc.Arbitrary<LedgerEvent[]> {
  return generateOptionsArbitrary(options).map((generate) => {
    const events = generateLedger(generate);
    // A counterexample prints as the call that makes it, not as its events.
    Object.defineProperty(events, fc.toStringMethod, { value: () => `generateLedger(${JSON.stringify(generate)})` });
    return events;
  });
}
