/**
 * What the narrative reads: a ledger-like object with an aggregate and a
 * catalog. A ledger and a projector are both one, so the narrative of a large
 * file needs no stored event.
 *
 * @module
 */
import type { Catalog } from "../catalog/catalog.js";
import { emptyAggregate, yearOf, type Aggregate, type YearAggregate } from "../projections/aggregate.js";

/** A ledger-like source of figures: a {@link Ledger}, a {@link Projector}, or any aggregate with its catalog. */
export interface NarrativeSource {
  /** The aggregate of the events (read, never changed). */
  aggregate(): Aggregate;
  /** The catalog the events were checked against. */
  readonly catalog: Catalog;
}

/**
 * A year's aggregate without creating it in the source: an empty one when
 * the source holds no event of that year.
 *
 * @param aggregate - the source's aggregate (not changed)
 * @param year - a year
 * @returns the year's aggregate, or a fresh empty one
 */
export function readYear(aggregate: Aggregate, year: number): YearAggregate {
  return aggregate.years.get(year) ?? yearOf(emptyAggregate(), year);
}

/**
 * Whether the source holds the year at all (any event of it, or a close of
 * the year before that opened it): only then is it a base of comparison.
 *
 * @param aggregate - the source's aggregate
 * @param year - a year
 * @returns whether the year is in the aggregate
 */
export function holdsYear(aggregate: Aggregate, year: number): boolean {
  return aggregate.years.has(year);
}
