// The projector checks events exactly as a ledger does and keeps the same tables, keeping no event: compared with a ledger over generated logs (fast-check, seeded) and on the ways to be refused.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reversalOf } from "../../src/events/build.js";
import type { ExpenditureRecorded, LedgerEvent } from "../../src/events/types.js";
import { generateLedger } from "../../src/generate/generate.js";
import { createFingerprintMemory } from "../../src/ledger/fingerprint.js";
import { createIdIndex } from "../../src/ledger/idIndex.js";
import { createLedger } from "../../src/ledger/ledger.js";
import { createProjector, estimateEvents } from "../../src/ledger/projector.js";
import { referenceEvents } from "../support/reference.js";

const RUNS = { seed: 20201231, numRuns: 40 } as const;

const units: LedgerEvent[] = [
  { id: "u", type: "unitRegistered", schema: 1, year: 2020, unit: "office", name: "办本级", kind: "administrative", parent: null },
];
const spend = (id: string, amountFen: number): ExpenditureRecorded => ({
  id, type: "expenditureRecorded", schema: 1, year: 2020, unit: "office", fund: "generalPublicBudget",
  functional: "2013701", economic: "30201", category: "basic", amountFen,
});

describe("the projector", () => {
  it("prints the reference department's tables as the ledger does", () => {
    const projector = createProjector();
    projector.project(referenceEvents());
    const ledger = createLedger();
    ledger.append(referenceEvents());
    expect(projector.report(2020)).toEqual(ledger.report(2020));
    expect(projector.count).toBe(ledger.version);
  });

  it("accepts and refuses the same batches as a ledger, with the same issues and the same tables (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 97 }), fc.nat(), (seed, events, batch, spoil) => {
        const log: unknown[] = generateLedger({ events, seed, years: 2 });
        // Spoil one event: change the amount of a copy of an earlier one under the same id (a duplicate id), or keep it valid.
        const victim = log[spoil % log.length] as LedgerEvent;
        if (spoil % 3 === 0 && "amountFen" in victim) log.push({ ...victim, amountFen: victim.amountFen + 1 });
        if (spoil % 3 === 1) log.push(victim);
        const ledger = createLedger();
        const projector = createProjector();
        for (let i = 0; i < log.length; i += batch) {
          const slice = log.slice(i, i + batch);
          const a = ledger.safeAppend(slice);
          const b = projector.safeProject(slice);
          expect(b.ok).toBe(a.ok);
          if (!a.ok && !b.ok) expect(b.issues).toEqual(a.issues);
          if (a.ok && b.ok) expect(b.value.unchanged).toEqual(a.value.unchanged);
        }
        expect(projector.count).toBe(ledger.version);
        for (const year of [2020, 2021]) expect(projector.tables(year)).toEqual(ledger.tables(year));
      }),
      RUNS,
    );
  });

  it("refuses a reversal whose copy of its target differs, and one of an unknown target, changing nothing", () => {
    const projector = createProjector();
    const target = spend("x", 100);
    projector.project([...units, target]);
    const before = projector.tables(2020);
    const wrong = reversalOf({ ...target, amountFen: 99 }, { id: "r1", reason: "test" });
    const missing = reversalOf({ ...target, id: "nowhere" }, { id: "r2", reason: "test" });
    const result = projector.safeProject([wrong, missing]);
    expect(result.ok ? [] : result.issues.map((issue) => issue.code)).toEqual(["reversal_mismatch", "unknown_target"]);
    expect(projector.tables(2020)).toEqual(before);
    projector.project(reversalOf(target, { id: "r3", reason: "test" }));
    const withoutTarget = createProjector();
    withoutTarget.project(units);
    expect(projector.tables(2020)).toEqual(withoutTarget.tables(2020));
    expect(projector.safeProject(reversalOf(target, { id: "r4", reason: "again" })).ok).toBe(false);
  });

  it("forgets the ids of a refused batch, so they can be projected afterwards", () => {
    const projector = createProjector();
    projector.project(units);
    expect(projector.safeProject([spend("a", 1), { ...spend("b", 1), functional: "9999999" }]).ok).toBe(false);
    expect(projector.count).toBe(1);
    expect(projector.project([spend("a", 2), spend("b", 3)]).accepted).toBe(2);
  });
});

describe("estimateEvents", () => {
  it("reads a file's length as events of about 200 bytes, never fewer than none", () => {
    expect(estimateEvents(0)).toBe(0);
    expect(estimateEvents(-5)).toBe(0);
    expect(estimateEvents(199)).toBe(0);
    expect(estimateEvents(180_000_000)).toBe(900_000);
  });

  it("is a hint: a projector sized for far more or far fewer events gives the same tables", () => {
    const events = generateLedger({ events: 3_000, seed: 7, units: 3, years: 2 });
    const years = [...new Set(events.map((event) => event.year))];
    expect(years).toHaveLength(2);
    const project = (expectedEvents: number) => {
      const projector = createProjector({ expectedEvents });
      projector.project(events);
      return years.map((year) => projector.tables(year));
    };
    expect(project(1)).toEqual(project(0));
    expect(project(1_000_000)).toEqual(project(0));
  });
});

describe("the fingerprint memory", () => {
  it("recalls every id it holds, through growth and tombstones, sized or not, and only those (property)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 3000 }), fc.nat(), fc.nat({ max: 5000 }), (ids, cut, expected) => {
        // Sized for any number of ids up front (a hint), or grown from the smallest table: the same answers.
        const memory = createFingerprintMemory(expected);
        const event = (id: string, amountFen = 1): LedgerEvent => spend(id, amountFen);
        for (const id of ids) memory.add(event(id));
        const removed = ids.slice(0, cut % (ids.length + 1));
        for (const id of removed) memory.remove(id);
        for (const id of ids) expect(memory.recall(id, event(id))).toBe(removed.includes(id) ? "absent" : "same");
        for (const id of ids.slice(removed.length)) expect(memory.recall(id, event(id, 2))).toBe("different");
        expect(memory.size).toBe(ids.length - removed.length);
      }),
      { seed: 20201231, numRuns: 30 },
    );
  });
});

describe("the ledger's id index", () => {
  it("finds every position it holds, through growth and tombstones, and nothing else (property)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 3000 }), fc.nat(), (ids, cut) => {
        const index = createIdIndex((position) => ids[position - 1]);
        ids.forEach((id, i) => index.add(id, i + 1));
        const removed = new Set(ids.slice(0, cut % (ids.length + 1)));
        for (const id of removed) index.remove(id);
        ids.forEach((id, i) => expect(index.get(id)).toBe(removed.has(id) ? undefined : i + 1));
        expect(index.get("\u0000not an id")).toBeUndefined();
      }),
      { seed: 20201231, numRuns: 30 },
    );
  });
});

describe("payload fingerprints", () => {
  it("tell apart two valid events that differ in any one field, optional fields included", () => {
    const memory = createFingerprintMemory();
    const receipt: LedgerEvent = { id: "r", type: "receiptRecorded", schema: 1, year: 2020, unit: "office", source: "generalPublicBudget", functional: "2013701", amountFen: 5 };
    const expenditure: LedgerEvent = { ...spend("x", 5), category: "project", project: "p" };
    const appropriation: LedgerEvent = {
      id: "a", type: "appropriationMade", schema: 1, year: 2020, unit: "office", fund: "generalPublicBudget",
      functional: "2013701", category: "project", economic: "30201", project: "p", stage: "initial", amountFen: 5,
    };
    const others: Record<string, unknown> = {
      year: 2021, unit: "centre", memo: "m", source: "other", fund: "other", functional: "2150506", economic: "30202",
      category: "basic", project: "q", stage: "adjustment", amountFen: 6,
    };
    const optional: Record<string, readonly string[]> = {
      receiptRecorded: ["memo"],
      expenditureRecorded: ["memo", "project"],
      appropriationMade: ["memo", "project", "economic"],
    };
    for (const event of [receipt, expenditure, appropriation]) {
      memory.add(event);
      expect(memory.recall(event.id, event)).toBe("same");
      const own = Object.keys(event).filter((field) => field in others);
      // Every field the event has, and the envelope's optional memo, which any event may have.
      for (const field of [...own, ...(own.includes("memo") ? [] : ["memo"])]) {
        const changed = { ...event, [field]: others[field] } as LedgerEvent;
        expect(memory.recall(event.id, changed), `${event.type} ${field}`).toBe("different");
        if ((optional[event.type] ?? []).includes(field) && field in event) {
          const { [field]: _dropped, ...without } = event as unknown as Record<string, unknown>;
          expect(memory.recall(event.id, without as unknown as LedgerEvent), `${event.type} without ${field}`).toBe("different");
        }
      }
    }
  });
});
