// Checks generateLedger: deterministic per seed, exact in size, valid (every log appends cleanly to a fresh ledger in batches of 1,000, year closes equal ledger.closeYear's), and covering every event type, source and category — by appending the logs to real ledgers and counting.
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CATEGORIES, FUNDS } from "../../src/catalog/index.js";
import { EVENT_TYPES, REVERSIBLE_TYPES, canonicalJson, type LedgerEvent, type YearClosed } from "../../src/events/index.js";
import { FACT_TYPES } from "../../src/events/types.js";
import { createLedger, type Ledger } from "../../src/ledger/ledger.js";
import { createRandom, generateLedger } from "../../src/generate/index.js";
import { ledgerArbitrary } from "../support/arbitraries.js";

function appendInBatches(events: readonly LedgerEvent[], ledger: Ledger = createLedger()): Ledger {
  for (let i = 0; i < events.length; i += 1_000) {
    const result = ledger.safeAppend(events.slice(i, i + 1_000));
    if (!result.ok) throw new Error(`batch at ${i} refused: ${JSON.stringify(result.issues.slice(0, 3))}`);
  }
  return ledger;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("generateLedger", () => {
  it("gives identical events for the same seed", () => {
    const first = generateLedger({ events: 3_000, seed: 42 });
    const second = generateLedger({ events: 3_000, seed: 42 });
    expect(second).toEqual(first);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it("gives different events for different seeds", () => {
    const a = JSON.stringify(generateLedger({ events: 1_000, seed: 1 }).map((event) => ({ ...event, id: "" })));
    const b = JSON.stringify(generateLedger({ events: 1_000, seed: 2 }).map((event) => ({ ...event, id: "" })));
    expect(a).not.toBe(b);
  });

  it("never calls Math.random", () => {
    const random = vi.spyOn(Math, "random");
    generateLedger({ events: 2_000, seed: 7 });
    expect(random).not.toHaveBeenCalled();
  });

  it.each([0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 60, 500, 5_000, 12_345])("makes exactly %i events", (events) => {
    expect(generateLedger({ events, seed: 3 })).toHaveLength(events);
  });

  it("makes exactly the requested number of events with other numbers of units and years", () => {
    for (const [units, years] of [[1, 1], [1, 3], [6, 3], [12, 4]] as const) {
      for (const events of [1, 13, 100, 2_001]) expect(generateLedger({ events, seed: 5, units, years })).toHaveLength(events);
    }
  });

  it("gives every event a unique id", () => {
    const events = generateLedger({ events: 5_000, seed: 11 });
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
  });

  describe.each([1, 2, 3, -17])("with seed %i", (seed) => {
    it.each([10, 500, 5_000])("appends %i events cleanly to a fresh ledger in batches of 1,000", (size) => {
      const events = generateLedger({ events: size, seed });
      const ledger = appendInBatches(events);
      expect(ledger.version).toBe(size);
      expect(ledger.events().map((event) => canonicalJson(event))).toEqual(events.map((event) => canonicalJson(event)));
    });
  });

  it("appends cleanly with one unit, and with many units over several years", () => {
    for (const [units, years] of [[1, 1], [1, 2], [6, 3], [12, 4]] as const) {
      const events = generateLedger({ events: 4_000, seed: units * 10 + years, units, years });
      expect(appendInBatches(events).version).toBe(4_000);
    }
  });

  it("closes each year with exactly the events ledger.closeYear appends", () => {
    const events = generateLedger({ events: 6_000, seed: 9, years: 3 });
    const ledger = createLedger();
    let pending: LedgerEvent[] = [];
    let closesChecked = 0;
    for (let i = 0; i < events.length; i++) {
      const event = events[i] as LedgerEvent;
      if (event.type !== "yearClosed") {
        pending.push(event);
        continue;
      }
      appendInBatches(pending, ledger);
      pending = [];
      const block: YearClosed[] = [];
      while (events[i]?.type === "yearClosed") block.push(events[i++] as YearClosed);
      i--;
      const closed = ledger.closeYear(event.year).appended.map((stored) => stored.event);
      expect(closed).toEqual(block);
      closesChecked += block.length;
    }
    appendInBatches(pending, ledger);
    expect(closesChecked).toBe(8);
    expect(ledger.version).toBe(events.length);
  });

  it("leaves the last year open and every balance non-negative", () => {
    const events = generateLedger({ events: 5_000, seed: 21 });
    const ledger = appendInBatches(events);
    const lastYear = Math.max(...events.map((event) => event.year));
    expect(lastYear).toBe(2021);
    expect(events.filter((event) => event.type === "yearClosed").every((event) => event.year === 2020)).toBe(true);
    for (const unit of ledger.units().keys()) {
      for (const balance of ledger.closingBalances(lastYear, unit)) {
        expect(balance.carriedFen).toBeGreaterThanOrEqual(0);
        expect(balance.reserveFen).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it("includes every fund-flow event type, all 8 sources and all 5 categories at 5,000 events", () => {
    const events = generateLedger({ events: 5_000, seed: 4 });
    const types = new Set(events.map((event) => event.type));
    // The generator makes fund flows; the reported facts (counts, holdings, evaluations) are not among them.
    expect([...types].sort()).toEqual(EVENT_TYPES.filter((type) => !(FACT_TYPES as readonly string[]).includes(type)).sort());
    const sources = new Set(events.flatMap((event) => (event.type === "receiptRecorded" ? [event.source] : [])));
    expect([...sources].sort()).toEqual([...FUNDS].sort());
    const categories = new Set(events.flatMap((event) => (event.type === "expenditureRecorded" ? [event.category] : [])));
    expect([...categories].sort()).toEqual([...CATEGORIES].sort());
    const paying = new Set(events.flatMap((event) => (event.type === "expenditureRecorded" ? [event.fund] : [])));
    expect([...paying].sort()).toEqual([...FUNDS].sort());
    const reversedTypes = new Set(events.flatMap((event) => (event.type === "eventReversed" ? [event.reverses.type] : [])));
    expect(reversedTypes.size).toBeGreaterThanOrEqual(REVERSIBLE_TYPES.length - 1);
  });

  it("registers units of four kinds, one top unit and its children", () => {
    const units = generateLedger({ events: 100, seed: 1 }).flatMap((event) => (event.type === "unitRegistered" ? [event] : []));
    expect(units.map((unit) => unit.kind)).toEqual(["administrative", "civilServiceManaged", "publicServiceClass1", "publicServiceClass2"]);
    expect(units.filter((unit) => unit.parent === null)).toHaveLength(1);
    expect(units.slice(1).every((unit) => unit.parent === units[0]?.unit)).toBe(true);
  });

  it("covers appropriations with and without economic codes, both stages and the 三公 codes", () => {
    const appropriations = generateLedger({ events: 5_000, seed: 8 }).flatMap((event) => (event.type === "appropriationMade" ? [event] : []));
    expect(appropriations.some((a) => a.economic === undefined)).toBe(true);
    expect(appropriations.some((a) => a.economic !== undefined)).toBe(true);
    expect(new Set(appropriations.map((a) => a.stage))).toEqual(new Set(["initial", "adjustment"]));
    expect(appropriations.some((a) => a.fund === "generalPublicBudget" && a.category === "project" && a.project !== undefined)).toBe(true);
    for (const code of ["30212", "31013", "30231", "30217"]) expect(appropriations.some((a) => a.economic === code)).toBe(true);
  });

  it("spreads spending over every 7-digit functional code and every 5-digit economic code at 50,000 events", () => {
    const events = generateLedger({ events: 50_000, seed: 2 });
    const ledger = createLedger();
    const functional = new Set<string>();
    const economic = new Set<string>();
    for (const event of events) {
      if (event.type === "expenditureRecorded") {
        functional.add(event.functional);
        economic.add(event.economic);
      }
    }
    const items = [...ledger.catalog.functional.keys()].filter((code) => code.length === 7);
    const sections = [...ledger.catalog.economic.keys()].filter((code) => code.length === 5);
    expect([...functional].sort()).toEqual(items.sort());
    expect([...economic].sort()).toEqual(sections.sort());
  });

  it("refuses options out of range", () => {
    expect(() => generateLedger({ events: -1, seed: 1 })).toThrow(RangeError);
    expect(() => generateLedger({ events: 1.5, seed: 1 })).toThrow(RangeError);
    expect(() => generateLedger({ events: 10, seed: 1, units: 0 })).toThrow(RangeError);
    expect(() => generateLedger({ events: 10, seed: 1, years: 0 })).toThrow(RangeError);
    expect(() => generateLedger({ events: 10, seed: Number.NaN })).toThrow(RangeError);
  });

  it("appends cleanly for any seed, size, number of units and years (property, seeded)", () => {
    fc.assert(
      fc.property(ledgerArbitrary({ maxEvents: 1_500 }), (events) => {
        expect(appendInBatches(events).version).toBe(events.length);
      }),
      { seed: 20_201_231, numRuns: 30 },
    );
  });
});

describe("createRandom", () => {
  it("repeats its sequence for a seed and stays in range", () => {
    const a = createRandom(123);
    const b = createRandom(123);
    for (let i = 0; i < 1_000; i++) {
      const x = a.next();
      expect(b.next()).toBe(x);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    const c = createRandom(5);
    for (let i = 0; i < 1_000; i++) {
      const n = c.integer(-3, 3);
      expect(Number.isInteger(n) && n >= -3 && n <= 3).toBe(true);
      const m = c.logUniform(100, 5_000_000);
      expect(Number.isInteger(m) && m >= 100 && m <= 5_000_000).toBe(true);
    }
  });
});
