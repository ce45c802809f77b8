// Checks the generator's id styles: each unique, deterministic per seed and index, of its UUID form; the
// time-ordered ids sorting as text in the order they were made, the random ones in no order; and a ledger the
// same, table for table, whatever its ids look like.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/runCli.js";
import { createLedger } from "../../src/ledger/ledger.js";
import { ID_STYLES, generateLedger } from "../../src/generate/index.js";
import { idNamer } from "../../src/generate/ids.js";

const SEED = 20201231;
const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The ids of `count` indexes from `from`, in one style and seed. */
function idsOf(style: (typeof ID_STYLES)[number], seed: number, from: number, count: number): string[] {
  const name = idNamer(style, seed);
  return Array.from({ length: count }, (_, k) => name(from + k));
}

/** The share of neighbouring ids that are in ascending order as text. */
function ascendingShare(ids: readonly string[]): number {
  let ascending = 0;
  for (let k = 1; k < ids.length; k++) if ((ids[k - 1] as string) < (ids[k] as string)) ascending += 1;
  return ascending / (ids.length - 1);
}

describe("the generator's ids", () => {
  it("are unique in every style, over the first 200,000 indexes, around 2^32, and for indexes alike in their low bits", () => {
    for (const style of ID_STYLES) {
      for (const from of [0, 4_294_967_296 - 50_000]) {
        const ids = idsOf(style, 1, from, from === 0 ? 200_000 : 100_000);
        expect(new Set(ids).size, `${style} from ${from}`).toBe(ids.length);
      }
      // Indexes alike in their low 32 bits.
      const name = idNamer(style, 1);
      const alike = Array.from({ length: 1_000 }, (_, k) => [k, k + 2 ** 32, k + 2 ** 33, k + 2 ** 47]).flat().map(name);
      expect(new Set(alike).size, style).toBe(alike.length);
    }
  });

  it("are unique for any indexes, in the UUID forms (property)", () => {
    fc.assert(
      fc.property(fc.integer(), fc.uniqueArray(fc.integer({ min: 0, max: 2 ** 48 - 1 }), { minLength: 2, maxLength: 200 }), (seed, indexes) => {
        for (const style of ["random", "timeOrdered"] as const) {
          const name = idNamer(style, seed);
          expect(new Set(indexes.map(name)).size).toBe(indexes.length);
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("have the UUID version 4 and 7 forms, and the sequence form g<seed>-<index>", () => {
    for (const id of idsOf("random", 3, 0, 1_000)) expect(id).toMatch(V4);
    for (const id of idsOf("timeOrdered", 3, 0, 1_000)) expect(id).toMatch(V7);
    expect(idsOf("sequence", 3, 0, 3)).toEqual(["g3-0", "g3-1", "g3-2"]);
    expect(idNamer("timeOrdered", 3)(2 ** 48 - 1)).toMatch(/^ffffffff-ffff-7/);
  });

  it("sort as text in the order they were made when time-ordered, and in no order when random", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 2 ** 48 - 2 }), fc.integer({ min: 1, max: 2 ** 40 }), (seed, index, step) => {
        const name = idNamer("timeOrdered", seed);
        expect(name(index) < name(Math.min(2 ** 48 - 1, index + step))).toBe(true);
      }),
      { seed: SEED, numRuns: 500 },
    );
    expect(ascendingShare(idsOf("timeOrdered", 5, 0, 10_000))).toBe(1);
    const random = ascendingShare(idsOf("random", 5, 0, 10_000));
    expect(random).toBeGreaterThan(0.45);
    expect(random).toBeLessThan(0.55);
  });

  it("are the same for the same seed and index, whatever was named before, and differ for another seed", () => {
    for (const style of ID_STYLES) {
      const name = idNamer(style, 9);
      const forward = [0, 1, 2, 1_000].map(name);
      expect([1_000, 2, 1, 0].map(idNamer(style, 9)).reverse()).toEqual(forward);
      const other = idsOf(style, 10, 0, 1_000);
      expect(idsOf(style, 9, 0, 1_000).filter((id) => other.includes(id))).toEqual([]);
    }
  });
});

describe("generateLedger with an id style", () => {
  it("gives the same ledger in every style: the same events but for their ids, and the same ten tables", () => {
    const [sequence, random, timeOrdered] = ID_STYLES.map((ids) => generateLedger({ events: 4_000, seed: 11, units: 3, years: 2, ids }));
    const withoutIds = (events: ReturnType<typeof generateLedger>): string =>
      JSON.stringify(events.map((event) => (event.type === "eventReversed" ? { ...event, id: "", target: "", reverses: { ...event.reverses, id: "" } } : { ...event, id: event.type === "yearClosed" ? event.id : "" })));
    expect(withoutIds(random ?? [])).toBe(withoutIds(sequence ?? []));
    expect(withoutIds(timeOrdered ?? [])).toBe(withoutIds(sequence ?? []));
    const reversals = (random ?? []).filter((event) => event.type === "eventReversed");
    expect(reversals.length).toBeGreaterThan(0);
    const ledgers = [sequence, random, timeOrdered].map((events) => {
      const ledger = createLedger();
      for (let i = 0; i < (events ?? []).length; i += 1_000) ledger.append((events ?? []).slice(i, i + 1_000));
      return ledger;
    });
    for (const year of [2020, 2021]) {
      expect(ledgers[1]?.tables(year)).toEqual(ledgers[0]?.tables(year));
      expect(ledgers[2]?.tables(year)).toEqual(ledgers[0]?.tables(year));
    }
    for (const event of random ?? []) if (event.type !== "yearClosed") expect(event.id).toMatch(V4);
    for (const event of reversals) if (event.type === "eventReversed") expect(event.target).toBe(event.reverses.id);
  });

  it("refuses a style it does not know, naming the value", () => {
    expect(() => generateLedger({ events: 10, seed: 1, ids: "ulid" as never })).toThrow(new RangeError('generateLedger: ids must be one of sequence, random, timeOrdered, not "ulid"'));
  });
});

describe("fundledger generate --ids", () => {
  it("prints UUID version 7 ids in order with --ids timeOrdered, and refuses a style it does not know with exit 2", async () => {
    const run = await runCli(["generate", "--events", "40", "--seed", "3", "--ids", "timeOrdered"]);
    expect(run.status).toBe(0);
    const events = run.stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as { id: string; type: string });
    expect(events).toHaveLength(40);
    // The year closes keep the ids ledger.closeYear gives them.
    const ids = events.filter((event) => event.type !== "yearClosed").map((event) => event.id);
    expect(ids.length).toBeGreaterThan(30);
    for (const id of ids) expect(id).toMatch(V7);
    expect([...ids].sort()).toEqual(ids);
    const bad = await runCli(["generate", "--events", "4", "--ids", "ulid"]);
    expect(bad).toMatchObject({ status: 2, stderr: 'fundledger: generate: --ids must be one of sequence, random, timeOrdered, not "ulid"\n' });
  });
});
