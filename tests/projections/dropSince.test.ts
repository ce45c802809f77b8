// Folding events back out leaves empty cells (and years) behind; dropSince removes what was made since a mark, so
// the aggregate is again exactly what a fold of the remaining events gives — and the fold's lookups (the cell cache,
// the index maps a reader built) still find every cell, so events folded in afterwards land where a fresh fold puts them.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LedgerEvent } from "../../src/events/types.js";
import { aggregateEvents, applyEvent, dropSince, emptyAggregate, markOf, type Aggregate } from "../../src/projections/aggregate.js";
import { YEAR, flowEventArb, units } from "../support/fixtures.js";

const SEED = 20201231;
const YEARS = [YEAR, YEAR + 1, YEAR + 2];

/** Reads every kind of every year's index, so each is built (and must then be kept right). */
function readIndexes(aggregate: Aggregate): void {
  for (const year of aggregate.years.values()) for (const kind of Object.keys(year.index)) void year.index[kind as keyof typeof year.index].size;
}

const ids = (prefix: string, events: readonly LedgerEvent[]): LedgerEvent[] => events.map((event, i) => ({ ...event, id: `${prefix}-${i}` }));

describe("dropSince", () => {
  it("leaves the aggregate of the events before the mark, and folds later events as a fresh fold does (property)", () => {
    const eventsArb = fc.array(flowEventArb(YEARS), { maxLength: 12 });
    fc.assert(
      fc.property(eventsArb, eventsArb, eventsArb, fc.boolean(), (kept, undone, later, built) => {
        const before = [...units(), ...ids("a", kept)];
        const out = ids("b", undone);
        const after = ids("c", [...later, ...undone]);
        const aggregate = emptyAggregate();
        for (const event of before) applyEvent(aggregate, event);
        if (built) readIndexes(aggregate);
        const mark = markOf(aggregate);
        for (const event of out) applyEvent(aggregate, event);
        if (built) readIndexes(aggregate);
        for (let i = out.length - 1; i >= 0; i--) applyEvent(aggregate, out[i] as LedgerEvent, -1);
        dropSince(aggregate, mark);
        expect(aggregate).toEqual(aggregateEvents(before));
        // The same coordinates again (and others): each amount goes to the cell a fresh fold makes.
        for (const event of after) applyEvent(aggregate, event);
        expect(aggregate).toEqual(aggregateEvents([...before, ...after]));
        readIndexes(aggregate);
        expect(aggregate).toEqual(aggregateEvents([...before, ...after]));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("removes a year made since the mark and keeps those that were there", () => {
    const aggregate = emptyAggregate();
    const first: LedgerEvent = { id: "r1", type: "receiptRecorded", schema: 1, year: YEAR, unit: "office", source: "generalPublicBudget", functional: "2013701", amountFen: 5 };
    applyEvent(aggregate, first);
    const mark = markOf(aggregate);
    const next: LedgerEvent = { ...first, id: "r2", year: YEAR + 1 };
    applyEvent(aggregate, next);
    applyEvent(aggregate, next, -1);
    expect([...aggregate.years.keys()]).toEqual([YEAR, YEAR + 1]);
    dropSince(aggregate, mark);
    expect([...aggregate.years.keys()]).toEqual([YEAR]);
    expect(aggregate.years.get(YEAR)?.receipts).toEqual([{ unit: "office", source: "generalPublicBudget", functional: "2013701", amountFen: 5 }]);
  });
});
