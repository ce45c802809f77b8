// Aggregation in PostgreSQL: aggregate(year) — SQL GROUP BY over the dimension columns plus the few rows folded whole — and replay() equal the JavaScript fold of generated ledgers (property test).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LedgerEvent } from "../../../src/events/types.js";
import { generateLedger } from "../../../src/generate/index.js";
import { aggregateEvents, type Aggregate } from "../../../src/projections/aggregate.js";
import { generateOptionsArbitrary } from "../../support/arbitraries.js";
import { postgresSkipped } from "../../support/postgres.js";
import { usePostgres } from "./support.js";

/** The JavaScript fold of every event, keeping all units and only the year `year`. */
function foldOfYear(events: readonly LedgerEvent[], year: number): Aggregate {
  const aggregate = aggregateEvents(events);
  for (const other of [...aggregate.years.keys()]) if (other !== year) aggregate.years.delete(other);
  return aggregate;
}

describe.skipIf(postgresSkipped)("aggregation in PostgreSQL", () => {
  const pg = usePostgres("aggregate");

  it("equals the JavaScript fold, year by year, for generated ledgers", async () => {
    await fc.assert(
      fc.asyncProperty(generateOptionsArbitrary({ maxEvents: 1_500, maxUnits: 5, maxYears: 3 }), async (options) => {
        const events = generateLedger(options);
        const store = await pg.open(pg.schema());
        for (let start = 0; start < events.length; start += 400) await store.append(events.slice(start, start + 400));
        const years = [...new Set(events.map((event) => event.year))].sort();
        // A year with no events of its own still has the units, and the openings a close carried into it.
        for (const year of [...years, (years[years.length - 1] ?? 2020) + 1]) {
          expect(await store.aggregate(year)).toEqual(foldOfYear(events, year));
        }
        expect(await store.replay()).toEqual(aggregateEvents(events));
        await store.close();
      }),
      { seed: 20201231, numRuns: 12 },
    );
  });

  it("counts a reversal as a negative row of its target's cell", async () => {
    const events = generateLedger({ events: 600, seed: 11, units: 3, years: 2 });
    const reversals = events.filter((event) => event.type === "eventReversed");
    expect(reversals.length).toBeGreaterThan(0);
    const schema = pg.schema();
    const store = await pg.open(schema);
    await store.append(events);
    const client = await pg.client();
    const negative = await client.query<{ count: string }>(`SELECT count(*) FROM ${schema}.events WHERE type = 'eventReversed' AND amount_fen < 0`);
    expect(Number(negative.rows[0]?.count)).toBeGreaterThan(0);
    for (const year of [2020, 2021]) expect(await store.aggregate(year)).toEqual(foldOfYear(events, year));
  });

  it("is the empty aggregate of an empty store", async () => {
    const store = await pg.open(pg.schema());
    expect(await store.aggregate(2020)).toEqual(aggregateEvents([]));
    expect(await store.replay()).toEqual(aggregateEvents([]));
  });
});
