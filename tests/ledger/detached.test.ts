// A stretch of a log checked and folded without the state before it, then attached: the same projector as taking the
// events in order when it is attached, nothing changed when it is refused, and every spoiled stretch caught (fast-check, seeded).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultCatalog } from "../../src/catalog/catalog.js";
import { reversalOf } from "../../src/events/build.js";
import type { EventReversed, LedgerEvent, ReversalTarget, ReversibleEvent } from "../../src/events/types.js";
import { attachDetached, type AttachOutcome } from "../../src/ledger/attach.js";
import { createDetachedProjector } from "../../src/ledger/detached.js";
import { createFingerprintMemory, inHomeOrder } from "../../src/ledger/fingerprint.js";
import { createProjector, type Projector } from "../../src/ledger/projector.js";
import { ledgerArbitrary } from "../support/arbitraries.js";
import { snapshotOf } from "../support/projectorView.js";
import { expenditure, procurement, receipt, units } from "../support/fixtures.js";

const RUNS = { seed: 20211231, numRuns: 60 } as const;
const catalog = defaultCatalog();
const BATCH = 97;

/** Events into a projector in batches; the first refusal's issues, or undefined when every batch went in. */
function projectAll(projector: Projector, events: readonly unknown[]): readonly unknown[] | undefined {
  for (let i = 0; i < events.length; i += BATCH) {
    const result = projector.safeProject(events.slice(i, i + BATCH));
    if (!result.ok) return result.issues;
  }
  return undefined;
}

/** A head taken in order, then each later stretch detached and attached; the outcomes, or false where a stretch refused an event. */
function attachStretches(events: readonly unknown[], cuts: readonly number[]): { projector: Projector; outcomes: (AttachOutcome | false)[] } {
  const projector = createProjector();
  const bounds = [0, ...cuts, events.length];
  expect(projectAll(projector, events.slice(0, bounds[1]))).toBeUndefined();
  const outcomes: (AttachOutcome | false)[] = [];
  for (let i = 1; i < bounds.length - 1; i++) {
    const stretch = events.slice(bounds[i], bounds[i + 1]);
    const detached = createDetachedProjector(catalog, stretch.length);
    let taken = true;
    for (let at = 0; at < stretch.length && taken; at += BATCH) taken = detached.project(stretch.slice(at, at + BATCH));
    if (!taken) {
      outcomes.push(false);
      break;
    }
    const outcome = attachDetached(projector, detached.finish());
    outcomes.push(outcome);
    if (outcome !== "attached") break;
  }
  return { projector, outcomes };
}

/** Ascending cut points inside a log of `length` events. */
const cutsArbitrary = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 });
const cutsOf = (fractions: readonly number[], length: number): number[] =>
  [...new Set(fractions.map((f) => Math.floor(f * length)))].sort((a, b) => a - b);

describe("detached stretches", () => {
  it("attach to the projector that taking their events in order makes, at any cuts (property)", () => {
    fc.assert(
      fc.property(ledgerArbitrary({ maxEvents: 400, maxYears: 3 }), cutsArbitrary, (events, fractions) => {
        const cuts = cutsOf(fractions, events.length);
        const { projector, outcomes } = attachStretches(events, cuts);
        expect(outcomes.every((outcome) => outcome === "attached")).toBe(true);
        const inOrder = createProjector();
        expect(projectAll(inOrder, events)).toBeUndefined();
        expect(snapshotOf(projector)).toEqual(snapshotOf(inOrder));
        // The attached state goes on as the other: a reversal of every tenth flow event is judged alike in both.
        const reversals = events
          .filter((event, i) => i % 10 === 0 && ["receiptRecorded", "expenditureRecorded", "appropriationMade"].includes(event.type))
          .map((event) => reversalOf(event as ReversibleEvent, { id: `undo-${event.id}`, reason: "test" }));
        for (const reversal of reversals) expect(projector.safeProject([reversal]).ok).toBe(inOrder.safeProject([reversal]).ok);
        expect(snapshotOf(projector)).toEqual(snapshotOf(inOrder));
      }),
      RUNS,
    );
  });

  it("never attaches a stretch that taking in order would refuse or treat otherwise, and a refusal changes nothing (property)", () => {
    fc.assert(
      fc.property(ledgerArbitrary({ maxEvents: 300, maxYears: 2 }), fc.double({ min: 0.2, max: 0.8, noNaN: true }), fc.nat(5), fc.nat(), (events, fraction, kind, pick) => {
        const cut = Math.floor(fraction * events.length);
        const head = events.slice(0, cut);
        const stretch: unknown[] = events.slice(cut);
        const spoiler = spoilerOf(kind, head, pick);
        if (spoiler === undefined) return;
        stretch.splice(pick % (stretch.length + 1), 0, spoiler);
        const projector = createProjector();
        expect(projectAll(projector, head)).toBeUndefined();
        const before = snapshotOf(projector);
        const detached = createDetachedProjector(catalog);
        let taken = true;
        for (let at = 0; at < stretch.length && taken; at += BATCH) taken = detached.project(stretch.slice(at, at + BATCH));
        if (!taken) return;
        const outcome = attachDetached(projector, detached.finish());
        expect(outcome).not.toBe("attached");
        if (outcome === "refused") {
          expect(snapshotOf(projector)).toEqual(before);
          // Taking the stretch in order from there gives what taking the whole log in order gives.
          const rest = projectAll(projector, stretch);
          const inOrder = createProjector();
          const whole = projectAll(inOrder, [...head, ...stretch]);
          expect(rest === undefined).toBe(whole === undefined);
          if (rest === undefined) expect(snapshotOf(projector)).toEqual(snapshotOf(inOrder));
        }
      }),
      RUNS,
    );
  });

  it("refuses, changing nothing, a stretch that names a unit registered nowhere before it", () => {
    const projector = createProjector();
    projector.project(units());
    const before = snapshotOf(projector);
    const detached = createDetachedProjector(catalog);
    expect(detached.project([receipt({ id: "r1" }), receipt({ id: "r2", unit: "elsewhere" })])).toBe(true);
    expect(attachDetached(projector, detached.finish())).toBe("refused");
    expect(snapshotOf(projector)).toEqual(before);
  });

  it("refuses, taking back the ids it added, a stretch whose last id is taken", () => {
    const projector = createProjector();
    projector.project([...units(), expenditure({ id: "taken" })]);
    const before = snapshotOf(projector);
    const detached = createDetachedProjector(catalog);
    expect(detached.project([receipt({ id: "fresh-1" }), receipt({ id: "fresh-2" }), expenditure({ id: "taken" })])).toBe(true);
    expect(attachDetached(projector, detached.finish())).toBe("refused");
    expect(snapshotOf(projector)).toEqual(before);
    // The ids it took back are free again.
    expect(projector.safeProject([receipt({ id: "fresh-1" })]).ok).toBe(true);
    expect(projector.count).toBe((before as { count: number }).count + 1);
  });

  it("stops at an event it cannot judge on assumptions: a bad shape, an id repeated with another payload, a second reversal", () => {
    const bad = createDetachedProjector(catalog);
    expect(bad.project([receipt({ id: "a" }), { id: "b", type: "receiptRecorded" }])).toBe(false);
    expect(bad.project([receipt({ id: "c" })])).toBe(false);
    expect(() => bad.finish()).toThrow(/refused/);
    const repeated = createDetachedProjector(catalog);
    expect(repeated.project([receipt({ id: "a", amountFen: 1 }), receipt({ id: "a", amountFen: 2 })])).toBe(false);
    const twice = createDetachedProjector(catalog);
    const target = expenditure({ id: "t" });
    const undo = (id: string): EventReversed => reversalOf(target, { id, reason: "test" });
    expect(twice.project([undo("x1"), undo("x2")])).toBe(false);
  });

  it("takes a repeat of an id with its payload as a no-op, as a ledger does", () => {
    const detached = createDetachedProjector(catalog);
    expect(detached.project([receipt({ id: "a" }), receipt({ id: "a" })])).toBe(true);
    expect(detached.count).toBe(1);
    const projector = createProjector();
    projector.project(units());
    expect(attachDetached(projector, detached.finish())).toBe("attached");
    const inOrder = createProjector();
    inOrder.project([...units(), receipt({ id: "a" }), receipt({ id: "a" })]);
    expect(snapshotOf(projector)).toEqual(snapshotOf(inOrder));
  });

  it.each([
    ["a receipt's cell", (id: string, amountFen: number): LedgerEvent => receipt({ id, amountFen })],
    ["a procurement's cell (its numbers walked)", (id: string, amountFen: number): LedgerEvent => procurement({ id, amountFen })],
  ])("refuses a stretch whose sums could leave the safe integers with %s, and attaches one that cannot", (_kind, make) => {
    // The bound a part carries is conservative (an event's every number counts, its year too): far enough below, it attaches.
    const big = Number.MAX_SAFE_INTEGER - 10_000;
    for (const [more, outcome] of [[20_000, "refused"], [5, "attached"]] as const) {
      const projector = createProjector();
      projector.project([...units(), make("big", big)]);
      const detached = createDetachedProjector(catalog);
      expect(detached.project([make("more", more)])).toBe(true);
      expect(attachDetached(projector, detached.finish())).toBe(outcome);
    }
  });
});

describe("printed fingerprints", () => {
  it("keep every fingerprint when put in home order, and that order once put stays (property)", () => {
    fc.assert(
      fc.property(ledgerArbitrary({ maxEvents: 300 }), (events) => {
        const memory = createFingerprintMemory();
        const prints = new Int32Array(events.length * 4);
        events.forEach((event, i) => memory.print(event.id, event, prints, i * 4));
        const ordered = inHomeOrder(prints);
        const quads = (words: Int32Array): string[] => Array.from({ length: words.length / 4 }, (_, i) => words.slice(i * 4, i * 4 + 4).join(",")).sort();
        expect(quads(ordered)).toEqual(quads(prints));
        expect(inHomeOrder(ordered)).toEqual(ordered);
      }),
      RUNS,
    );
  });

  it("recall as the events they print, in any memory (property)", () => {
    fc.assert(
      fc.property(ledgerArbitrary({ maxEvents: 200 }), fc.nat(), (events, pick) => {
        const a = createFingerprintMemory();
        const b = createFingerprintMemory();
        const prints = new Int32Array(events.length * 4);
        events.forEach((event, i) => a.print(event.id, event, prints, i * 4));
        events.forEach((event, i) => expect(b.addPrint(prints, i * 4)).toBe("absent"));
        for (const event of events) expect(b.recall(event.id, event)).toBe("same");
        const other = events[pick % events.length] as LedgerEvent;
        const changed = { ...other, memo: "changed" } as LedgerEvent;
        const single = new Int32Array(4);
        a.print(other.id, changed, single, 0);
        expect(b.recallPrint(single, 0)).toBe("different");
        expect(b.addPrint(single, 0)).toBe("different");
        b.removePrint(single, 0);
        expect(b.recall(other.id, other)).toBe("absent");
        expect(b.size).toBe(events.length - 1);
      }),
      RUNS,
    );
  });
});

/**
 * An event to put into a stretch that the head makes wrong or different: 0 a repeat of a head event (a no-op in
 * order), 1 a head event's id with another payload, 2 a unit registered again (under a new id), 3 an event of an unknown unit,
 * 4 a second reversal of a head event's target, 5 an event into a year the head closed.
 */
function spoilerOf(kind: number, head: readonly LedgerEvent[], pick: number): unknown {
  const flows = head.filter((event) => event.type === "receiptRecorded" || event.type === "expenditureRecorded");
  const flow = flows[pick % Math.max(1, flows.length)] as (ReversalTarget & { amountFen: number }) | undefined;
  switch (kind) {
    case 0:
      return flow;
    case 1:
      return flow === undefined ? undefined : { ...flow, amountFen: flow.amountFen + 1 };
    case 2: {
      const registration = head.find((event) => event.type === "unitRegistered");
      return registration === undefined ? undefined : { ...registration, id: `${registration.id}-again` };
    }
    case 3:
      return flow === undefined ? undefined : { ...flow, id: `stranger-${pick}`, unit: "nowhere" };
    case 4: {
      const reversal = head.find((event): event is EventReversed => event.type === "eventReversed");
      return reversal === undefined ? undefined : { ...reversal, id: `${reversal.id}-again` };
    }
    default: {
      const close = head.find((event) => event.type === "yearClosed");
      const spent = head.find((event) => event.type === "expenditureRecorded" && close !== undefined && event.year === close.year && event.unit === close.unit);
      return spent === undefined ? undefined : { ...spent, id: `late-${pick}` };
    }
  }
}
