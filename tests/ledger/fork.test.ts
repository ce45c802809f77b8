// Forks: a scenario continues its parent without copying it, never changes it, and equals a ledger
// that holds the parent's events followed by its own.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createLedger, type Ledger } from "../../src/ledger/ledger.js";
import { DuplicateIdError, LedgerError, VersionConflictError } from "../../src/events/issues.js";
import type { LedgerEvent, ReversibleEvent } from "../../src/events/types.js";
import { reversalOf } from "../../src/events/build.js";
import { mergeAggregates } from "../../src/projections/aggregate.js";
import { buildTables } from "../../src/tables/report.js";
import { defaultCatalog } from "../../src/catalog/catalog.js";
import { RUNS, ledgerArbitrary } from "../support/laws.js";
import { YEAR, busyLedger, centre, expenditure, ledgerWithUnits, receipt, snapshot, units } from "../support/fixtures.js";
import { referenceLedger } from "../support/reference.js";

/** A ledger holding `events` appended in one go per chunk. */
function ledgerOf(events: readonly LedgerEvent[]): Ledger {
  const ledger = createLedger();
  for (let from = 0; from < events.length; from += 50_000) ledger.append(events.slice(from, from + 50_000));
  return ledger;
}

/** The ten tables of every year the events touch. */
function tablesOfYears(ledger: Ledger, years: readonly number[]): unknown {
  return years.map((year) => ledger.tables(year));
}

describe("a fork", () => {
  it("starts where its parent stands and shares its events", () => {
    const parent = busyLedger();
    const fork = parent.fork();
    expect(fork.parent).toBe(parent);
    expect(fork.forkedAt).toBe(parent.version);
    expect(fork.version).toBe(parent.version);
    expect(fork.own()).toEqual([]);
    expect(fork.read()).toEqual(parent.read());
    expect(fork.read()[0]?.event).toBe(parent.events()[0]);
    expect(fork.get("receipt-1")).toEqual(parent.get("receipt-1"));
    expect(fork.tables(YEAR)).toEqual(parent.tables(YEAR));
    expect(fork.units()).toEqual(parent.units());
  });

  it("appends after its parent's positions, and its appends never reach the parent", () => {
    const parent = busyLedger();
    const before = snapshot(parent);
    const fork = parent.fork();
    const result = fork.append(receipt({ id: "fork-receipt", amountFen: 123 }));
    expect(result.version).toBe(parent.version + 1);
    expect(result.appended).toEqual([{ position: parent.version + 1, event: fork.get("fork-receipt")?.event }]);
    expect(fork.own().map((stored) => stored.event.id)).toEqual(["fork-receipt"]);
    expect(snapshot(parent)).toEqual(before);
    expect(parent.get("fork-receipt")).toBeUndefined();
    expect(fork.read({ from: parent.version }).map((stored) => stored.position)).toEqual([parent.version, parent.version + 1]);
    expect(fork.read({ type: "receiptRecorded" }).map((stored) => stored.event.id)).toEqual(["receipt-1", "receipt-2", "fork-receipt"]);
  });

  it("checks its events against the parent's: units, ids, reversals", () => {
    const parent = busyLedger();
    const fork = parent.fork();
    // A unit of the parent is known; registering it again is refused.
    fork.append(expenditure({ id: "fork-spend", unit: "centre", fund: "other", amountFen: 10 }));
    expect(fork.append(centre()).unchanged).toEqual([centre().id]);
    expect(() => fork.append(centre({ id: "centre-again" }))).toThrow(LedgerError);
    // The same id and payload as a parent event is a no-op; another payload is a duplicate.
    expect(fork.append(receipt()).unchanged).toEqual(["receipt-1"]);
    expect(() => fork.append(receipt({ amountFen: 5 }))).toThrow(DuplicateIdError);
    // A parent event can be reversed on the fork only, and only once.
    const target = parent.get("expenditure-1")?.event as ReversibleEvent;
    fork.append(reversalOf(target, { id: "fork-reversal", reason: "scenario" }));
    expect(() => fork.append(reversalOf(target, { id: "fork-reversal-2", reason: "again" }))).toThrow(LedgerError);
    expect(parent.safeAppend(reversalOf(target, { id: "parent-reversal", reason: "in the parent" })).ok).toBe(true);
  });

  it("refuses an event the parent has already reversed", () => {
    const parent = busyLedger();
    const target = parent.get("receipt-1")?.event as ReversibleEvent;
    parent.append(reversalOf(target, { id: "reversal-1", reason: "wrong amount" }));
    const fork = parent.fork();
    const result = fork.safeAppend(reversalOf(target, { id: "reversal-2", reason: "again" }));
    expect(result.ok ? [] : result.issues.map((issue) => issue.code)).toEqual(["already_reversed"]);
  });

  it("takes expected versions in its own numbering", () => {
    const parent = busyLedger();
    const fork = parent.fork();
    expect(() => fork.append(receipt({ id: "x", amountFen: 1 }), { expectedVersion: 0 })).toThrow(VersionConflictError);
    expect(fork.append(receipt({ id: "x", amountFen: 1 }), { expectedVersion: parent.version }).version).toBe(parent.version + 1);
  });

  it("closes a year from the parent's sums and its own", () => {
    const parent = busyLedger();
    const fork = parent.fork();
    fork.append(receipt({ id: "fork-receipt", amountFen: 777 }));
    const expected = ledgerOf([...parent.events(), ...fork.own().map((stored) => stored.event)]);
    expect(fork.closingBalances(YEAR, "office")).toEqual(expected.closingBalances(YEAR, "office"));
    fork.closeYear(YEAR);
    expected.closeYear(YEAR);
    expect(fork.tables(YEAR + 1)).toEqual(expected.tables(YEAR + 1));
    expect(() => fork.append(receipt({ id: "late", amountFen: 1 }))).toThrow(LedgerError);
    expect(parent.safeAppend(receipt({ id: "late", amountFen: 1 })).ok).toBe(true);
  });

  it("keeps seeing its parent as it was at the fork when the parent moves on", () => {
    const parent = busyLedger();
    const fork = parent.fork();
    const tablesAtFork = fork.tables(YEAR);
    parent.append([receipt({ id: "later", amountFen: 5_000 }), { ...units()[0], id: "unit-late", unit: "late" }]);
    expect(fork.tables(YEAR)).toEqual(tablesAtFork);
    expect(fork.get("later")).toBeUndefined();
    expect(fork.read().length).toBe(fork.forkedAt);
    // The unit registered later in the parent is unknown to the fork.
    expect(fork.safeAppend(receipt({ id: "r-late", unit: "late" })).ok).toBe(false);
    // The id used later in the parent is free on the fork.
    expect(fork.append(receipt({ id: "later", amountFen: 9 })).version).toBe(fork.forkedAt + 1);
    expect(parent.get("later")?.event).toMatchObject({ amountFen: 5_000 });
  });

  it("forks of forks continue each other", () => {
    const parent = busyLedger();
    const first = parent.fork();
    first.append(receipt({ id: "a", amountFen: 100 }));
    const second = first.fork();
    second.append(receipt({ id: "b", amountFen: 200 }));
    expect(second.parent).toBe(first);
    expect(second.read().map((stored) => stored.event.id).slice(-2)).toEqual(["a", "b"]);
    expect(first.get("b")).toBeUndefined();
    const expected = ledgerOf([...parent.events(), ...first.own().map((s) => s.event), ...second.own().map((s) => s.event)]);
    expect(second.tables(YEAR)).toEqual(expected.tables(YEAR));
    expect(second.events()).toEqual(expected.events());
  });

  it("replays and posts as the ledger of all its events", () => {
    const parent = busyLedger();
    const fork = parent.fork();
    fork.append(receipt({ id: "fork-receipt", amountFen: 4_321 }));
    const expected = ledgerOf(fork.events());
    expect(buildTables(fork.replay(), YEAR, defaultCatalog())).toEqual(expected.tables(YEAR));
    expect(fork.postings()).toEqual(expected.postings());
    expect(fork.report(YEAR)).toEqual(expected.report(YEAR));
  });

  it("delivers its own appends to its subscribers, with catch-up over the parent's", () => {
    const parent = busyLedger();
    const fork = parent.fork();
    const seen: number[] = [];
    const stop = fork.subscribe((batch) => seen.push(...batch.map((stored) => stored.position)), { from: parent.version });
    const parentSeen: number[] = [];
    parent.subscribe((batch) => parentSeen.push(...batch.map((stored) => stored.position)));
    fork.append(receipt({ id: "fork-receipt", amountFen: 1 }));
    stop();
    fork.append(receipt({ id: "fork-receipt-2", amountFen: 1 }));
    expect(seen).toEqual([parent.version, parent.version + 1]);
    expect(parentSeen).toEqual([]);
  });

  it("is the parent plus its delta, cell by cell (tables are linear)", () => {
    const parent = referenceLedger();
    const fork = parent.fork();
    fork.append([
      expenditure({ id: "cut", unit: "gzcac", functional: "2013701", economic: "30217", amountFen: -12_345, adjustment: true }),
      receipt({ id: "less", unit: "gzcac", functional: "2013701", amountFen: -12_345, adjustment: true }),
    ]);
    const merged = mergeAggregates(parent.aggregate(), fork.delta());
    expect(buildTables(merged, 2020, defaultCatalog())).toEqual(fork.tables(2020));
    expect(fork.delta().years.get(2020)?.expenditures.map((cell) => cell.amountFen)).toEqual([-12_345]);
  });

  it("forked at any point of any generated log, with the rest appended to it, equals the whole log (property)", () => {
    fc.assert(
      fc.property(ledgerArbitrary(300), fc.integer({ min: 0, max: 100 }), ({ events, years }, cutAt) => {
        const cut = Math.floor((events.length * cutAt) / 100);
        const parent = ledgerOf(events.slice(0, cut));
        const before = snapshot(parent, years);
        const fork = parent.fork();
        if (cut < events.length) fork.append(events.slice(cut));
        expect(tablesOfYears(fork, years)).toEqual(tablesOfYears(ledgerOf(events), years));
        expect(fork.own().map((stored) => stored.event)).toEqual(events.slice(cut));
        expect(snapshot(parent, years)).toEqual(before);
      }),
      { ...RUNS, numRuns: 40 },
    );
  });
});

describe("appropriation control", () => {
  const budget = (amountFen: number, id = "budget"): LedgerEvent => ({
    id, type: "appropriationMade", schema: 1, year: YEAR, unit: "office", fund: "generalPublicBudget", functional: "2013701", category: "basic", stage: "initial", amountFen,
  });

  it("refuses fiscal spending beyond what remains of its line, naming the line and what is left", () => {
    const ledger = ledgerWithUnits({ enforceAppropriations: true });
    ledger.append(budget(1_000));
    ledger.append(expenditure({ id: "e1", amountFen: 600 }));
    const before = snapshot(ledger);
    const result = ledger.safeAppend([expenditure({ id: "e2", amountFen: 300 }), expenditure({ id: "e3", amountFen: 101 })]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues).toHaveLength(1);
      expect(result.issues[0]).toMatchObject({ code: "appropriation_exceeded", path: [1, "amountFen"], value: 101 });
      expect(result.issues[0]?.message).toContain("2020 office generalPublicBudget 2013701 basic has 100 fen left");
    }
    expect(snapshot(ledger)).toEqual(before);
    expect(() => ledger.append(expenditure({ id: "e3", amountFen: 401 }))).toThrow(/appropriation/);
    expect(ledger.append(expenditure({ id: "e3", amountFen: 400 })).version).toBe(before.version + 1);
  });

  it("lets an adjustment, a reversal of spending or a non-fiscal fund through", () => {
    const ledger = ledgerWithUnits({ enforceAppropriations: true });
    ledger.append([budget(1_000), expenditure({ id: "e1", amountFen: 1_000 })]);
    ledger.append(expenditure({ id: "other", fund: "other", amountFen: 5_000 }));
    ledger.append(reversalOf(ledger.get("e1")?.event as ReversibleEvent, { id: "undo", reason: "wrong line" }));
    ledger.append(expenditure({ id: "e2", amountFen: 1_000 }));
    ledger.append({ ...budget(500, "more"), stage: "adjustment" });
    ledger.append(expenditure({ id: "e3", amountFen: 500 }));
    ledger.append(expenditure({ id: "refund", amountFen: -200, adjustment: true }));
    expect(ledger.append(expenditure({ id: "e4", amountFen: 200 })).version).toBe(ledger.version);
    expect(ledger.safeAppend(expenditure({ id: "e5", amountFen: 1 })).ok).toBe(false);
  });

  it("holds on a fork of an uncontrolled ledger, from the parent's sums", () => {
    const parent = referenceLedger();
    const fork = parent.fork({ enforceAppropriations: true });
    const line = { unit: "gzcac", fund: "generalPublicBudget", functional: "2013701", category: "basic" } as const;
    const year = parent.aggregate().years.get(2020);
    const appropriated = year?.appropriations.filter((c) => c.unit === line.unit && c.fund === line.fund && c.functional === line.functional && c.category === line.category).reduce((sum, c) => sum + c.amountFen, 0) ?? 0;
    const spent = year?.expenditures.filter((c) => c.unit === line.unit && c.fund === line.fund && c.functional === line.functional && c.category === line.category).reduce((sum, c) => sum + c.amountFen, 0) ?? 0;
    const left = appropriated - spent;
    expect(left).toBeGreaterThanOrEqual(0);
    const spend = (id: string, amountFen: number): LedgerEvent => expenditure({ id, year: 2020, ...line, economic: "30201", amountFen });
    expect(fork.safeAppend(spend("over", left + 1)).ok).toBe(false);
    if (left > 0) expect(fork.append(spend("all", left)).version).toBe(parent.version + 1);
    expect(parent.safeAppend(spend("uncontrolled", left + 1)).ok).toBe(true);
  });
});

describe("adjusting entries", () => {
  it("may be negative, and are spent less / received less in every table", () => {
    const ledger = busyLedger();
    const t1 = ledger.tables(YEAR, ["T1"]);
    ledger.append([
      receipt({ id: "less-in", amountFen: -1_000, adjustment: true }),
      expenditure({ id: "less-out", amountFen: -1_000, adjustment: true }),
    ]);
    expect(ledger.tables(YEAR, ["T1"])).not.toEqual(t1);
    ledger.append([receipt({ id: "undo-in", amountFen: 1_000 }), expenditure({ id: "undo-out", amountFen: 1_000 })]);
    expect(ledger.tables(YEAR, ["T1"])).toEqual(t1);
  });

  it("are refused when the mark is not true, when zero, or when negative without the mark", () => {
    const ledger = ledgerWithUnits();
    const codes = (input: unknown): unknown => {
      const result = ledger.safeAppend(input);
      return result.ok ? [] : result.issues.map((issue) => [issue.code, issue.path.join(".")]);
    };
    expect(codes({ ...receipt(), adjustment: false })).toEqual([["wrong_type", "0.adjustment"]]);
    expect(codes({ ...expenditure(), adjustment: "yes" })).toEqual([["wrong_type", "0.adjustment"]]);
    expect(codes(receipt({ amountFen: 0, adjustment: true }))).toEqual([["invalid_amount", "0.amountFen"]]);
    expect(codes(expenditure({ amountFen: -1 }))).toEqual([["invalid_amount", "0.amountFen"]]);
    expect(ledger.version).toBe(units().length);
  });

  it("differ from the same entry without the mark (the same id is another fact)", () => {
    const ledger = ledgerWithUnits();
    ledger.append(receipt({ amountFen: 50 }));
    expect(() => ledger.append(receipt({ amountFen: 50, adjustment: true }))).toThrow(DuplicateIdError);
  });
});
