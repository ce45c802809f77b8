// The fold's cache finds a cell by a 32-bit hash of its coordinates and checks the cell's own fields: two
// cells whose hashes collide still get their own sums, in any order of their events.
import { describe, expect, it } from "vitest";
import type { LedgerEvent } from "../../src/events/types.js";
import { aggregateEvents, appropriationHash, expenditureHash, receiptHash } from "../../src/projections/aggregate.js";

/**
 * Two unit ids, from prefix0, prefix1, …, whose coordinates hash alike (a birthday search: a random 32-bit
 * hash needs about 80,000 tries; FNV-1a over decimal suffixes collides less often, and for some prefixes
 * not within a million — each kind names one that does).
 */
function collidingUnits(hashOf: (unit: string) => number, prefix: string): [string, string] {
  const seen = new Map<number, string>();
  for (let i = 0; i < 1_000_000; i++) {
    const unit = `${prefix}${i}`;
    const hash = hashOf(unit);
    const other = seen.get(hash);
    if (other !== undefined) return [other, unit];
    seen.set(hash, unit);
  }
  throw new Error("no collision found");
}

const envelope = (id: string, unit: string) => ({ id, schema: 1 as const, year: 2020, unit });

const KINDS = [
  {
    kind: "receipts",
    prefix: "unit-",
    hash: (unit: string) => receiptHash({ unit, source: "generalPublicBudget", functional: "2013101" }),
    event: (id: string, unit: string, amountFen: number): LedgerEvent => ({
      ...envelope(id, unit), type: "receiptRecorded", source: "generalPublicBudget", functional: "2013101", amountFen,
    }),
  },
  {
    kind: "expenditures",
    prefix: "u",
    hash: (unit: string) => expenditureHash({ unit, fund: "generalPublicBudget", functional: "2013101", economic: "30201", category: "basic" }),
    event: (id: string, unit: string, amountFen: number): LedgerEvent => ({
      ...envelope(id, unit), type: "expenditureRecorded", fund: "generalPublicBudget", functional: "2013101", economic: "30201", category: "basic", amountFen,
    }),
  },
  {
    kind: "appropriations",
    prefix: "unit-",
    hash: (unit: string) => appropriationHash({ unit, fund: "generalPublicBudget", functional: "2013101", category: "basic", stage: "initial" }),
    event: (id: string, unit: string, amountFen: number): LedgerEvent => ({
      ...envelope(id, unit), type: "appropriationMade", fund: "generalPublicBudget", functional: "2013101", category: "basic", stage: "initial", amountFen,
    }),
  },
] as const;

describe.each(KINDS)("the fold's cache of $kind", ({ kind, prefix, hash, event }) => {
  it("keeps two cells whose coordinates hash alike apart, whichever comes first", () => {
    const [first, second] = collidingUnits(hash, prefix);
    expect(hash(first)).toBe(hash(second));
    const events = [event("a", first, 5), event("b", second, 7), event("c", first, 11), event("d", second, 13), event("e", second, 17)];
    for (const order of [events, [...events].reverse()]) {
      const cells = aggregateEvents(order).years.get(2020)?.[kind] ?? [];
      const sums = new Map(cells.map((cell) => [cell.unit, cell.amountFen]));
      expect(cells).toHaveLength(2);
      expect(sums).toEqual(new Map([[first, 16], [second, 37]]));
    }
  });
});
