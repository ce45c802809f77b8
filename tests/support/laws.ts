// Reusable laws of projections: determinism, permutation invariance, splitting, conservation — one call each.
import fc from "fast-check";
import { expect } from "vitest";
import { defaultCatalog } from "../../src/catalog/catalog.js";
import type { LedgerEvent } from "../../src/events/types.js";
import { generateLedger } from "../../src/generate/generate.js";
import { addAggregate, adoptAggregate, aggregateEvents, applyEvent, mergeAggregates, type Aggregate } from "../../src/projections/aggregate.js";
import { buildTables } from "../../src/tables/report.js";
import type { Table } from "../../src/tables/table.js";

/** Property-run settings: seeded, so every failure replays. */
export const RUNS = { seed: 20201231, numRuns: 60 } as const;

/** A generated valid ledger: its events and the years it spans. */
export interface GeneratedLedger {
  readonly events: readonly LedgerEvent[];
  readonly years: readonly number[];
}

/**
 * Generated valid event logs of several units, sources, codes and categories,
 * over one to three years (earlier years closed).
 */
export function ledgerArbitrary(maxEvents = 400): fc.Arbitrary<GeneratedLedger> {
  return fc
    .record({ seed: fc.integer({ min: 0, max: 1_000_000 }), events: fc.integer({ min: 1, max: maxEvents }), years: fc.integer({ min: 1, max: 3 }), units: fc.integer({ min: 1, max: 5 }) })
    .map(({ seed, events, years, units }) => {
      const log = generateLedger({ events, seed, years, units });
      return { events: log, years: [...new Set(log.map((event) => event.year))].sort() };
    });
}

/** The ten tables of every year of an aggregate. */
export function allTables(aggregate: Aggregate, years: readonly number[]): Table[][] {
  return years.map((year) => buildTables(aggregate, year, defaultCatalog()));
}

/** The ten tables of every year, folded from events. */
export function tablesOf(events: readonly LedgerEvent[], years: readonly number[]): Table[][] {
  return allTables(aggregateEvents(events), years);
}

/** Law: folding the same events twice gives the same tables. */
export function expectDeterministic(events: readonly LedgerEvent[], years: readonly number[]): void {
  expect(tablesOf(events, years)).toEqual(tablesOf(events, years));
}

/** Law: any permutation of the events gives identical tables, cell for cell. */
export function expectPermutationInvariant(events: readonly LedgerEvent[], permuted: readonly LedgerEvent[], years: readonly number[]): void {
  expect(tablesOf(permuted, years)).toEqual(tablesOf(events, years));
}

/**
 * Law: the fold splits — folding a ++ b equals merging the folds of a and b,
 * into a new aggregate or in place (adding b's fold to a's, or taking over
 * the years of b's that a's lacks), and the fold goes on alike from either.
 */
export function expectSplits(events: readonly LedgerEvent[], cut: number, years: readonly number[]): void {
  const whole = tablesOf(events, years);
  const merged = mergeAggregates(aggregateEvents(events.slice(0, cut)), aggregateEvents(events.slice(cut)));
  expect(allTables(merged, years)).toEqual(whole);
  const added = aggregateEvents(events.slice(0, cut));
  addAggregate(added, aggregateEvents(events.slice(cut)));
  expect(allTables(added, years)).toEqual(whole);
  const adopted = aggregateEvents(events.slice(0, cut));
  adoptAggregate(adopted, aggregateEvents(events.slice(cut)));
  expect(allTables(adopted, years)).toEqual(whole);
  // Folding the log once more into each doubles every amount alike.
  for (const event of events) {
    applyEvent(added, event);
    applyEvent(adopted, event);
  }
  expect(allTables(adopted, years)).toEqual(allTables(added, years));
}

/** Law: folding never changes its input events. */
export function expectInputUnchanged(events: readonly LedgerEvent[], years: readonly number[]): void {
  const before = structuredClone(events);
  tablesOf(events, years);
  expect(events).toEqual(before);
}
