// Checks createLedger by hand-made scenarios: appends and batches, versions, idempotent ids, reads, frozen and fresh events, every state rule, year closing and subscriptions; refusals leave the ledger unchanged.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LedgerError, type LedgerIssue } from "../../src/events/issues.js";
import { REVERSIBLE_TYPES, type LedgerEvent, type ReversibleEvent } from "../../src/events/types.js";
import { createLedger, type Ledger, type StoredEvent } from "../../src/ledger/ledger.js";
import type { Table } from "../../src/tables/table.js";
import {
  FUNCTIONAL_OFFICE,
  FUNCTIONAL_SECURITY,
  YEAR,
  appropriation,
  balanceOpened,
  busyLedger,
  centre,
  expenditure,
  flowEventArb,
  invalidEventArb,
  ledgerWithUnits,
  nonTax,
  office,
  procurement,
  receipt,
  reversal,
  snapshot,
  surplusDistributed,
  surplusUsed,
  units,
  withId,
  withIds,
  yearClosed,
} from "../support/fixtures.js";

const SEED = 20201231;

/** Appends and expects a refusal that leaves the ledger as it was; returns the issues. */
function refused(ledger: Ledger, input: unknown, options?: { expectedVersion?: number }): readonly LedgerIssue[] {
  const before = snapshot(ledger);
  const result = ledger.safeAppend(input, options);
  expect(result.ok).toBe(false);
  expect(snapshot(ledger)).toEqual(before);
  expect(() => ledger.append(input, options)).toThrow(LedgerError);
  expect(snapshot(ledger)).toEqual(before);
  return result.ok ? [] : result.issues;
}

/** The stored event of a reversible (fund-flow) type with an id. */
function stored(ledger: Ledger, id: string): ReversibleEvent {
  const event = ledger.get(id)?.event;
  if (event === undefined || !isFlow(event)) throw new Error(`no reversible event ${id}`);
  return event;
}

/** Whether an event is a fund flow a reversal may cancel. */
function isFlow(event: LedgerEvent): event is ReversibleEvent {
  return (REVERSIBLE_TYPES as readonly string[]).includes(event.type);
}

/** The amount in one cell of a Table 1 line. */
function t1Cell(tables: readonly Table[], line: number, column: string): number | undefined {
  return tables.find((table) => table.id === "T1")?.rows.find((row) => row.line === line)?.cells[column];
}

describe("append", () => {
  it("stores one event at position 1 and reports the version", () => {
    const ledger = createLedger();
    expect(ledger.version).toBe(0);
    const result = ledger.append(office());
    expect(result.version).toBe(1);
    expect(result.unchanged).toEqual([]);
    expect(result.appended).toEqual([{ position: 1, event: office() }]);
    expect(ledger.version).toBe(1);
    expect(ledger.events()).toEqual([office()]);
  });

  it("stores a batch in order at consecutive positions", () => {
    const ledger = createLedger();
    const result = ledger.append([office(), centre(), receipt()]);
    expect(result.appended.map((s) => [s.position, s.event.id])).toEqual([
      [1, "unit-office"],
      [2, "unit-centre"],
      [3, "receipt-1"],
    ]);
    expect(result.version).toBe(3);
    const next = ledger.append([expenditure(), nonTax()]);
    expect(next.appended.map((s) => s.position)).toEqual([4, 5]);
  });

  it("fills in the schema version when the caller leaves it out", () => {
    const ledger = ledgerWithUnits();
    const { schema: _schema, ...withoutSchema } = receipt();
    const result = ledger.append(withoutSchema);
    expect(result.appended[0]?.event).toEqual(receipt());
  });

  it("takes an empty batch as a no-op", () => {
    const ledger = ledgerWithUnits();
    expect(ledger.append([])).toEqual({ appended: [], unchanged: [], version: 2 });
  });

  it("lets a batch register a unit and use it, and reverse an event of the same batch", () => {
    const ledger = createLedger();
    const result = ledger.append([office(), receipt(), reversal(receipt())]);
    expect(result.version).toBe(3);
    expect(ledger.tables(YEAR, ["T1"])[0]?.rows.find((row) => row.line === 1)?.cells["1"]).toBe(0);
  });

  it("refuses a whole batch with one bad event, storing nothing and reporting it by index", () => {
    const ledger = ledgerWithUnits();
    const issues = refused(ledger, [receipt(), expenditure(), receipt({ id: "bad", amountFen: -1 }), nonTax()]);
    expect(issues).toEqual([expect.objectContaining({ code: "invalid_amount", path: [2, "amountFen"], value: -1 })]);
    expect(ledger.get("receipt-1")).toBeUndefined();
  });

  it("refuses a batch with a bad event anywhere, reporting every bad event and only those (property)", () => {
    fc.assert(
      fc.property(
        fc.array(flowEventArb(), { maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(), invalidEventArb), { minLength: 1, maxLength: 3 }),
        (valid, bad) => {
          const ledger = ledgerWithUnits();
          const batch: { event: unknown; bad: boolean }[] = withIds(valid, "v").map((event) => ({ event, bad: false }));
          bad.forEach(([at, event], index) => batch.splice(at % (batch.length + 1), 0, { event: withId(event, `bad-${index}`), bad: true }));
          const issues = refused(ledger, batch.map((entry) => entry.event));
          const badIndexes = batch.flatMap((entry, index) => (entry.bad ? [index] : []));
          expect([...new Set(issues.map((issue) => issue.path[0]))].sort((a, b) => Number(a) - Number(b))).toEqual(badIndexes);
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });

  it("refuses a batch larger than batchMax with batch_too_large", () => {
    const ledger = createLedger({ batchMax: 3 });
    ledger.append(units());
    const issues = refused(ledger, withIds([receipt(), receipt(), receipt(), receipt()], "r"));
    expect(issues).toEqual([expect.objectContaining({ code: "batch_too_large", path: [], size: 4, max: 3 })]);
    expect(ledger.append(withIds([receipt(), receipt(), receipt()], "r")).version).toBe(5);
  });
});

describe("expected versions", () => {
  it("appends when the expected version matches", () => {
    const ledger = createLedger();
    expect(ledger.append(office(), { expectedVersion: 0 }).version).toBe(1);
    expect(ledger.append(centre(), { expectedVersion: 1 }).version).toBe(2);
  });

  it("refuses a stale or future expected version with version_conflict naming expected and actual", () => {
    const ledger = ledgerWithUnits();
    expect(refused(ledger, receipt(), { expectedVersion: 1 })).toEqual([
      expect.objectContaining({ code: "version_conflict", path: [], expected: 1, actual: 2 }),
    ]);
    expect(refused(ledger, receipt(), { expectedVersion: 7 })).toEqual([
      expect.objectContaining({ code: "version_conflict", expected: 7, actual: 2 }),
    ]);
  });

  it("applies the expected version to closeYear too", () => {
    const ledger = busyLedger();
    expect(() => ledger.closeYear(YEAR, { expectedVersion: 0 })).toThrow(LedgerError);
    expect(ledger.read({ type: "yearClosed" })).toEqual([]);
    expect(ledger.closeYear(YEAR, { expectedVersion: ledger.version }).appended).toHaveLength(2);
  });
});

describe("idempotent ids", () => {
  it("treats the same id with the same payload as a no-op listed in unchanged", () => {
    const ledger = ledgerWithUnits();
    ledger.append(receipt());
    const before = snapshot(ledger);
    const result = ledger.append(receipt());
    expect(result).toEqual({ appended: [], unchanged: ["receipt-1"], version: 3 });
    expect(snapshot(ledger)).toEqual(before);
  });

  it("matches payloads after normalisation: a left-out schema and another key order are the same fact", () => {
    const ledger = ledgerWithUnits();
    ledger.append(receipt());
    const { schema: _schema, ...rest } = receipt();
    const reordered = Object.fromEntries(Object.entries(rest).reverse());
    expect(ledger.append(reordered).unchanged).toEqual(["receipt-1"]);
  });

  it("treats a repeat within one batch as a no-op too", () => {
    const ledger = ledgerWithUnits();
    const result = ledger.append([receipt(), expenditure(), receipt()]);
    expect(result.appended.map((s) => s.event.id)).toEqual(["receipt-1", "expenditure-1"]);
    expect(result.unchanged).toEqual(["receipt-1"]);
  });

  it("treats a stored id repeated in a batch with new events as a no-op beside them", () => {
    const ledger = ledgerWithUnits();
    const result = ledger.append([office(), receipt()]);
    expect(result.unchanged).toEqual(["unit-office"]);
    expect(result.appended.map((s) => s.event.id)).toEqual(["receipt-1"]);
  });

  it("refuses the same id with another payload as duplicate_id", () => {
    const ledger = ledgerWithUnits();
    ledger.append(receipt());
    expect(refused(ledger, receipt({ amountFen: 2 }))).toEqual([
      expect.objectContaining({ code: "duplicate_id", path: [0, "id"], value: "receipt-1" }),
    ]);
    expect(refused(ledger, receipt({ memo: "a memo is part of the payload" }))).toEqual([
      expect.objectContaining({ code: "duplicate_id", path: [0, "id"], value: "receipt-1" }),
    ]);
    expect(refused(ledger, expenditure({ id: "receipt-1" }))).toEqual([expect.objectContaining({ code: "duplicate_id" })]);
  });

  it("refuses the same id with another payload within one batch", () => {
    const ledger = ledgerWithUnits();
    expect(refused(ledger, [receipt(), receipt({ amountFen: 3 })])).toEqual([
      expect.objectContaining({ code: "duplicate_id", path: [1, "id"], value: "receipt-1" }),
    ]);
  });

  it("keeps a no-op of an event of a year closed since", () => {
    const ledger = ledgerWithUnits();
    ledger.append(receipt());
    ledger.closeYear(YEAR);
    expect(ledger.append(receipt()).unchanged).toEqual(["receipt-1"]);
  });
});

describe("reading", () => {
  const ledger = busyLedger();
  ledger.append([receipt({ id: "next-year", year: YEAR + 1 }), expenditure({ id: "next-year-centre", year: YEAR + 1, unit: "centre" })]);

  it("reads everything in position order by default", () => {
    const all = ledger.read();
    expect(all.map((s) => s.position)).toEqual(Array.from({ length: ledger.version }, (_, i) => i + 1));
    expect(all.map((s) => s.event)).toEqual(ledger.events());
  });

  it("reads a range of positions, inclusive, clamped to the log", () => {
    expect(ledger.read({ from: 3, to: 5 }).map((s) => s.position)).toEqual([3, 4, 5]);
    expect(ledger.read({ from: 0, to: 2 }).map((s) => s.position)).toEqual([1, 2]);
    expect(ledger.read({ from: ledger.version - 1, to: 1_000 }).map((s) => s.position)).toEqual([ledger.version - 1, ledger.version]);
    expect(ledger.read({ from: 5, to: 4 })).toEqual([]);
    expect(ledger.read({ from: ledger.version + 1 })).toEqual([]);
  });

  it("filters by year, unit and type, every criterion holding", () => {
    expect(ledger.read({ year: YEAR + 1 }).map((s) => s.event.id)).toEqual(["next-year", "next-year-centre"]);
    expect(ledger.read({ unit: "centre", year: YEAR + 1 }).map((s) => s.event.id)).toEqual(["next-year-centre"]);
    expect(ledger.read({ type: "receiptRecorded" }).map((s) => s.event.id)).toEqual(["receipt-1", "receipt-2", "next-year"]);
    expect(ledger.read({ type: "receiptRecorded", unit: "centre" }).map((s) => s.event.id)).toEqual(["receipt-2"]);
    expect(ledger.read({ type: "receiptRecorded", from: 6 }).map((s) => s.event.id)).toEqual(["next-year"]);
    expect(ledger.read({ unit: "nobody" })).toEqual([]);
  });

  it("keeps stored positions in filtered reads", () => {
    for (const { position, event } of ledger.read({ unit: "centre" })) expect(ledger.events()[position - 1]).toBe(event);
  });

  // BUG (src/ledger/ledger.ts, read): a fractional `from` is used as a position as is: read({ from: 1.5 })
  // returns { position: 1.5, event: undefined } entries (and with a year/unit/type filter it throws TypeError
  // reading `undefined.year`). Positions should be rounded up or the query refused.
  it("never returns a missing event for a fractional position", () => {
    const found = ledger.read({ from: 1.5, to: 3 });
    for (const entry of found) expect(entry.event).toBeDefined();
    expect(() => ledger.read({ from: 1.5, year: YEAR })).not.toThrow();
  });

  it("gets a stored event by id with its position", () => {
    expect(ledger.get("receipt-2")).toEqual({ position: 5, event: ledger.events()[4] });
    expect(ledger.get("no-such-id")).toBeUndefined();
  });

  it("does not know ids of refused appends", () => {
    const other = ledgerWithUnits();
    other.safeAppend([receipt({ id: "refused-1" }), receipt({ id: "refused-2", amountFen: 0 })]);
    expect(other.get("refused-1")).toBeUndefined();
  });
});

describe("stored events", () => {
  it("are deep-frozen: mutating one throws in strict mode", () => {
    const ledger = busyLedger();
    ledger.append(reversal(stored(ledger, "expenditure-2")));
    ledger.closeYear(YEAR);
    const event = ledger.get("expenditure-1")?.event as unknown as Record<string, unknown>;
    expect(Object.isFrozen(event)).toBe(true);
    expect(() => {
      event["amountFen"] = 1;
    }).toThrow(TypeError);
    expect(() => {
      delete event["memo"];
      event["memo"] = "x";
    }).toThrow(TypeError);
  });

  it("freeze the nested reverses of a reversal", () => {
    const ledger = busyLedger();
    ledger.append(reversal(stored(ledger, "receipt-1")));
    const event = ledger.get("reversal-of-receipt-1")?.event as unknown as Record<string, unknown>;
    const reverses = event["reverses"] as Record<string, unknown>;
    expect(Object.isFrozen(reverses)).toBe(true);
    expect(() => {
      reverses["amountFen"] = 1;
    }).toThrow(TypeError);
  });

  it("freeze the balances of a year close, the array and each entry", () => {
    const ledger = busyLedger();
    ledger.closeYear(YEAR);
    const event = ledger.get("yearClosed:2020:office")?.event as unknown as Record<string, unknown>;
    const balances = event["balances"] as Record<string, unknown>[];
    expect(balances.length).toBeGreaterThan(0);
    expect(() => balances.push({})).toThrow(TypeError);
    expect(() => {
      (balances[0] as Record<string, unknown>)["carriedFen"] = 0;
    }).toThrow(TypeError);
  });

  it("are fresh objects: changing the caller's input after append changes nothing", () => {
    const ledger = ledgerWithUnits();
    const input: Record<string, unknown> = { ...receipt() };
    const closing = { id: "c", type: "yearClosed", year: YEAR + 5, unit: "office", balances: [] as unknown[] };
    ledger.append([input, closing]);
    const before = snapshot(ledger);
    input["amountFen"] = 999;
    input["functional"] = FUNCTIONAL_SECURITY;
    closing.balances.push({ fund: "other", functional: FUNCTIONAL_OFFICE, carriedFen: 1, reserveFen: 0 });
    expect(snapshot(ledger)).toEqual(before);
    expect(ledger.get("receipt-1")?.event).not.toBe(input);
    expect(ledger.get("receipt-1")?.event).toEqual(receipt());
  });

  it("carry a reversal's own copy of its target", () => {
    const ledger = busyLedger();
    const target = stored(ledger, "receipt-1");
    const input = reversal(target);
    ledger.append(input);
    const event = ledger.get(input.id)?.event;
    if (event?.type !== "eventReversed") throw new Error("expected a reversal");
    expect(event.reverses).toEqual(target);
    expect(event).not.toBe(input);
  });
});

describe("state rules", () => {
  it("refuses an event of an unregistered unit with unknown_unit", () => {
    const ledger = ledgerWithUnits();
    expect(refused(ledger, receipt({ unit: "lab" }))).toEqual([expect.objectContaining({ code: "unknown_unit", path: [0, "unit"], value: "lab" })]);
    expect(refused(createLedger(), receipt())).toEqual([expect.objectContaining({ code: "unknown_unit", value: "office" })]);
  });

  it("refuses registering a unit twice with unit_exists, also within one batch", () => {
    const ledger = ledgerWithUnits();
    expect(refused(ledger, office({ id: "again" }))).toEqual([expect.objectContaining({ code: "unit_exists", path: [0, "unit"], value: "office" })]);
    expect(refused(createLedger(), [office(), office({ id: "again" })])).toEqual([
      expect.objectContaining({ code: "unit_exists", path: [1, "unit"], value: "office" }),
    ]);
  });

  it("refuses a unit whose parent is not registered with unknown_parent_unit", () => {
    expect(refused(createLedger(), centre())).toEqual([expect.objectContaining({ code: "unknown_parent_unit", path: [0, "parent"], value: "office" })]);
    expect(refused(createLedger(), [centre(), office()])).toEqual([expect.objectContaining({ code: "unknown_parent_unit", path: [0, "parent"] })]);
  });

  it("refuses a reversal of an id never stored with unknown_target", () => {
    const ledger = ledgerWithUnits();
    expect(refused(ledger, reversal(receipt({ id: "ghost" })))).toEqual([
      expect.objectContaining({ code: "unknown_target", path: [0, "target"], value: "ghost" }),
    ]);
  });

  it("refuses a reversal of a target refused in the same batch", () => {
    const ledger = ledgerWithUnits();
    const issues = refused(ledger, [receipt({ unit: "lab" }), reversal(receipt({ unit: "lab" }))]);
    expect(issues.map((issue) => [issue.code, issue.path[0]])).toEqual([
      ["unknown_unit", 0],
      ["unknown_unit", 1],
      ["unknown_target", 1],
    ]);
  });

  it("refuses reversing an event twice with already_reversed, stored or within one batch", () => {
    const ledger = busyLedger();
    const target = stored(ledger, "expenditure-1");
    ledger.append(reversal(target));
    expect(refused(ledger, reversal(target, { id: "second" }))).toEqual([
      expect.objectContaining({ code: "already_reversed", path: [0, "target"], value: "expenditure-1" }),
    ]);
    const other = busyLedger();
    expect(refused(other, [reversal(target), reversal(target, { id: "second" })])).toEqual([
      expect.objectContaining({ code: "already_reversed", path: [1, "target"] }),
    ]);
  });

  it("refuses a reversal whose reverses differs from the stored target with reversal_mismatch", () => {
    const ledger = busyLedger();
    const target = stored(ledger, "receipt-1");
    expect(refused(ledger, reversal({ ...target, amountFen: target.amountFen + 1 }))).toEqual([
      expect.objectContaining({ code: "reversal_mismatch", path: [0, "reverses"], value: "receipt-1" }),
    ]);
    expect(refused(ledger, reversal({ ...target, memo: "not as stored" }))).toEqual([expect.objectContaining({ code: "reversal_mismatch" })]);
  });

  it("cancels a reversed event in every table", () => {
    const ledger = busyLedger();
    const before = ledger.tables(YEAR);
    ledger.append(nonTax({ id: "extra", amountFen: 77 }));
    expect(ledger.tables(YEAR)).not.toEqual(before);
    ledger.append(reversal(stored(ledger, "extra")));
    expect(ledger.tables(YEAR)).toEqual(before);
  });

  it("refuses any event into a closed unit-year with year_closed, a reversal of that year's event included", () => {
    const ledger = busyLedger();
    ledger.closeYear(YEAR);
    for (const event of [
      receipt({ id: "late" }),
      expenditure({ id: "late", unit: "centre", fund: "other" }),
      appropriation({ id: "late" }),
      nonTax({ id: "late" }),
      procurement({ id: "late" }),
      surplusDistributed({ id: "late" }),
      surplusUsed({ id: "late" }),
      balanceOpened({ id: "late" }),
      yearClosed({ id: "late" }),
      reversal(stored(ledger, "receipt-1")),
    ]) {
      expect(refused(ledger, event), event.type).toEqual([expect.objectContaining({ code: "year_closed", path: [0, "year"], value: YEAR })]);
    }
  });

  it("closes a year per unit: another unit's year stays open", () => {
    const ledger = busyLedger();
    ledger.append(yearClosed({ id: "close-office", balances: ledger.closingBalances(YEAR, "office") }));
    expect(refused(ledger, receipt({ id: "late" }))).toEqual([expect.objectContaining({ code: "year_closed" })]);
    expect(ledger.append(receipt({ id: "late-centre", unit: "centre" })).version).toBe(ledger.version);
  });

  it("refuses an opening in Y+1 after closing Y with opening_after_close", () => {
    const ledger = busyLedger();
    ledger.closeYear(YEAR);
    expect(refused(ledger, balanceOpened({ id: "open-next", year: YEAR + 1 }))).toEqual([
      expect.objectContaining({ code: "opening_after_close", path: [0, "year"], value: YEAR + 1 }),
    ]);
  });

  it("refuses closing Y when Y+1 already has openings with opening_after_close", () => {
    const ledger = busyLedger();
    ledger.append(balanceOpened({ id: "open-next", year: YEAR + 1 }));
    expect(refused(ledger, yearClosed({ balances: ledger.closingBalances(YEAR, "office") }))).toEqual([
      expect.objectContaining({ code: "opening_after_close", path: [0, "year"], value: YEAR }),
    ]);
    expect(() => ledger.closeYear(YEAR)).toThrow(LedgerError);
  });

  // BUG (src/ledger/ledger.ts, applyState): the count of openings per unit-year is moved by balanceOpened events
  // only, not by the reversal of one, so after an opening of Y+1 is reversed (its amount cancelled in every
  // table) closing Y is still refused with opening_after_close ("2021 already has opening balances").
  it("lets Y close once the openings of Y+1 are reversed", () => {
    const ledger = busyLedger();
    ledger.append(balanceOpened({ id: "open-next", year: YEAR + 1 }));
    ledger.append(reversal(stored(ledger, "open-next")));
    expect(ledger.safeAppend(yearClosed({ balances: ledger.closingBalances(YEAR, "office") })).ok).toBe(true);
  });

  // BUG (src/ledger/ledger.ts, checkState "yearClosed"): closing year Y is accepted when Y+1 of the unit is
  // already closed, although the close writes Y's balances into Y+1 as openings. Input: office with a receipt
  // of 1,000 fen in 2020; closeYear(2021) (closes 2021 with balances []); closeYear(2020). Expected: the 2020
  // close refused (year_closed or opening_after_close). Actual: accepted; 2021's recorded close still says []
  // while closingBalances(2021, "office") now says 1,000 fen carried, and 2022 opens with nothing.
  it("refuses closing Y when Y+1 is already closed", () => {
    const ledger = ledgerWithUnits();
    ledger.append(receipt({ amountFen: 1_000 }));
    ledger.closeYear(YEAR + 1);
    const before = snapshot(ledger, [YEAR, YEAR + 1, YEAR + 2]);
    const result = ledger.safeAppend(yearClosed({ balances: ledger.closingBalances(YEAR, "office") }));
    expect(result.ok).toBe(false);
    expect(snapshot(ledger, [YEAR, YEAR + 1, YEAR + 2])).toEqual(before);
  });

  it("refuses a hand-written close with wrong balances with closing_mismatch", () => {
    const ledger = busyLedger();
    const right = ledger.closingBalances(YEAR, "office");
    const wrong = right.map((b) => ({ ...b, carriedFen: b.carriedFen + 1 }));
    expect(refused(ledger, yearClosed({ balances: wrong }))).toEqual([
      expect.objectContaining({ code: "closing_mismatch", path: [0, "balances"], value: wrong }),
    ]);
    expect(refused(ledger, yearClosed({ balances: [] }))).toEqual([expect.objectContaining({ code: "closing_mismatch" })]);
    expect(ledger.append(yearClosed({ balances: right })).appended).toHaveLength(1);
  });

  it("checks a close against the batch's earlier events", () => {
    const ledger = ledgerWithUnits();
    const result = ledger.append([
      receipt(),
      yearClosed({ balances: [{ fund: "generalPublicBudget", functional: FUNCTIONAL_OFFICE, carriedFen: 1_000_000, reserveFen: 0 }] }),
    ]);
    expect(result.appended).toHaveLength(2);
  });

  it("refuses a sum that leaves the safe-integer range as invalid_amount, unchanged", () => {
    const ledger = ledgerWithUnits();
    ledger.append(receipt({ amountFen: Number.MAX_SAFE_INTEGER }));
    expect(refused(ledger, receipt({ id: "one-more", amountFen: 1 }))).toEqual([
      expect.objectContaining({ code: "invalid_amount", path: [0, "amountFen"], value: [Number.MAX_SAFE_INTEGER, 1] }),
    ]);
  });

  it("rolls back the batch's earlier events when a later one overflows", () => {
    const ledger = ledgerWithUnits();
    ledger.append(receipt({ amountFen: Number.MAX_SAFE_INTEGER }));
    const issues = refused(ledger, [receipt({ id: "fine", unit: "centre" }), expenditure({ id: "fine-too" }), receipt({ id: "one-more", amountFen: 1 })]);
    expect(issues).toEqual([expect.objectContaining({ code: "invalid_amount" })]);
  });

  // BUG (src/ledger/ledger.ts, safeAppend, the FenOverflowError catch): the overflow issue's path names
  // `batch.applied.length` (events applied so far) instead of the index of the event that overflowed, and the
  // loop stops there, so later bad events go unreported. Input: a ledger holding a receipt of
  // MAX_SAFE_INTEGER fen; append [ {id:"bad"} , receipt of 1 fen on the same cell, {id:"bad2"} ].
  // Expected: invalid_amount at [1, "amountFen"], and the issues of index 2. Actual: invalid_amount at
  // [0, "amountFen"], nothing about index 2.
  it("names the overflowing event's own batch index and still reports later bad events", () => {
    const ledger = ledgerWithUnits();
    ledger.append(receipt({ amountFen: Number.MAX_SAFE_INTEGER }));
    const issues = refused(ledger, [{ id: "bad" }, receipt({ id: "one-more", amountFen: 1 }), { id: "bad2" }]);
    expect(issues).toContainEqual(expect.objectContaining({ code: "invalid_amount", path: [1, "amountFen"] }));
    expect(issues.some((issue) => issue.path[0] === 2)).toBe(true);
  });
});

describe("closeYear", () => {
  it("closes every registered unit with the balances closingBalances reports", () => {
    const ledger = busyLedger();
    const expected = { office: ledger.closingBalances(YEAR, "office"), centre: ledger.closingBalances(YEAR, "centre") };
    expect(expected.office).toEqual([{ fund: "generalPublicBudget", functional: FUNCTIONAL_OFFICE, carriedFen: 655_000, reserveFen: 0 }]);
    expect(expected.centre).toEqual([{ fund: "institutional", functional: FUNCTIONAL_SECURITY, carriedFen: 670_000, reserveFen: 60_000 }]);
    const result = ledger.closeYear(YEAR);
    expect(result.appended.map((s) => s.event)).toEqual([
      yearClosed({ id: "yearClosed:2020:centre", unit: "centre", balances: expected.centre }),
      yearClosed({ id: "yearClosed:2020:office", balances: expected.office }),
    ]);
  });

  it("opens the next year with the closed year's balances: T1 line 29 of Y+1 equals line 59 of Y", () => {
    const ledger = busyLedger();
    ledger.closeYear(YEAR);
    const closingLine = t1Cell(ledger.tables(YEAR, ["T1"]), 59, "2");
    expect(closingLine).toBe(655_000 + 670_000);
    expect(t1Cell(ledger.tables(YEAR + 1, ["T1"]), 29, "1")).toBe(closingLine);
    expect(ledger.closingBalances(YEAR + 1, "centre")).toEqual(ledger.closingBalances(YEAR, "centre"));
  });

  it("carries a chain of years: each close opens the next", () => {
    const ledger = busyLedger();
    ledger.closeYear(YEAR);
    ledger.append(receipt({ id: "y2", year: YEAR + 1, amountFen: 5 }));
    ledger.closeYear(YEAR + 1);
    expect(t1Cell(ledger.tables(YEAR + 2, ["T1"]), 29, "1")).toBe(t1Cell(ledger.tables(YEAR + 1, ["T1"]), 59, "2"));
    expect(t1Cell(ledger.tables(YEAR + 2, ["T1"]), 29, "1")).toBe(655_000 + 670_000 + 5);
  });

  it("closes nothing new the second time", () => {
    const ledger = busyLedger();
    ledger.closeYear(YEAR);
    const before = snapshot(ledger);
    expect(ledger.closeYear(YEAR)).toEqual({ appended: [], unchanged: [], version: before.version });
    expect(snapshot(ledger)).toEqual(before);
  });

  it("closes only the units not closed yet", () => {
    const ledger = busyLedger();
    ledger.append(yearClosed({ id: "by-hand", balances: ledger.closingBalances(YEAR, "office") }));
    expect(ledger.closeYear(YEAR).appended.map((s) => s.event.unit)).toEqual(["centre"]);
  });

  it("leaves out units registered after the year", () => {
    const ledger = ledgerWithUnits();
    ledger.append(office({ id: "unit-lab", unit: "lab", year: YEAR + 1, parent: "office" }));
    expect(ledger.closeYear(YEAR).appended.map((s) => s.event.unit)).toEqual(["centre", "office"]);
  });

  it("closes a unit without events with no balances", () => {
    const ledger = ledgerWithUnits();
    const result = ledger.closeYear(YEAR);
    expect(result.appended.map((s) => s.event)).toEqual([
      yearClosed({ id: "yearClosed:2020:centre", unit: "centre" }),
      yearClosed({ id: "yearClosed:2020:office" }),
    ]);
  });
});

describe("subscriptions", () => {
  it("gives a listener each appended batch with positions", () => {
    const ledger = createLedger();
    const received: (readonly StoredEvent[])[] = [];
    ledger.subscribe((events) => received.push(events));
    ledger.append(units());
    ledger.append(receipt());
    expect(received).toEqual([
      [
        { position: 1, event: office() },
        { position: 2, event: centre() },
      ],
      [{ position: 3, event: receipt() }],
    ]);
  });

  it("catches up from a position, then goes live", () => {
    const ledger = busyLedger();
    const received: StoredEvent[] = [];
    ledger.subscribe((events) => received.push(...events), { from: 3 });
    expect(received).toEqual(ledger.read({ from: 3 }));
    ledger.append(receipt({ id: "live" }));
    expect(received.map((s) => s.position)).toEqual(Array.from({ length: ledger.version - 2 }, (_, i) => i + 3));
    expect(received.at(-1)?.event.id).toBe("live");
  });

  it("catches up from position 1 with everything, and from past the end with nothing", () => {
    const ledger = busyLedger();
    const all: StoredEvent[] = [];
    const none: (readonly StoredEvent[])[] = [];
    ledger.subscribe((events) => all.push(...events), { from: 1 });
    ledger.subscribe((events) => none.push(events), { from: ledger.version + 1 });
    expect(all).toEqual(ledger.read());
    expect(none).toEqual([]);
  });

  it("stops delivery after unsubscribing, others still receiving", () => {
    const ledger = ledgerWithUnits();
    const first: StoredEvent[] = [];
    const second: StoredEvent[] = [];
    const stop = ledger.subscribe((events) => first.push(...events));
    ledger.subscribe((events) => second.push(...events));
    ledger.append(receipt());
    stop();
    ledger.append(expenditure());
    expect(first.map((s) => s.event.id)).toEqual(["receipt-1"]);
    expect(second.map((s) => s.event.id)).toEqual(["receipt-1", "expenditure-1"]);
    stop();
  });

  it("emits nothing for a refused append, a version conflict or an all-no-op append", () => {
    const ledger = ledgerWithUnits();
    ledger.append(receipt());
    const received: (readonly StoredEvent[])[] = [];
    ledger.subscribe((events) => received.push(events));
    ledger.safeAppend([expenditure(), receipt({ id: "bad", amountFen: 0 })]);
    ledger.safeAppend(expenditure(), { expectedVersion: 0 });
    ledger.safeAppend(receipt());
    expect(() => ledger.append(null)).toThrow(LedgerError);
    expect(received).toEqual([]);
  });

  // BUG (src/ledger/ledger.ts, safeAppend → emitter.emit): a listener that appends while being notified
  // triggers a nested emit that reaches the later listeners first. Input: listener A appends r2 when it
  // receives r1's batch; listener B records positions. Expected B: [3, 4] (in log order). Actual: [4, 3].
  it("delivers batches to every listener in log order even when a listener appends", () => {
    const ledger = ledgerWithUnits();
    let reacted = false;
    ledger.subscribe(() => {
      if (reacted) return;
      reacted = true;
      ledger.append(receipt({ id: "reaction" }));
    });
    const positions: number[] = [];
    ledger.subscribe((events) => positions.push(...events.map((s) => s.position)));
    ledger.append(expenditure());
    expect(positions).toEqual([3, 4]);
  });

  // BUG (src/ledger/ledger.ts, subscribe): the unsubscribe function calls emitter.off("appended", listener),
  // which removes every registration of that function, so subscribing one function twice and calling one
  // of the two unsubscribe functions silences both. Expected: the other subscription still delivers.
  it("unsubscribes only its own subscription when one listener is subscribed twice", () => {
    const ledger = ledgerWithUnits();
    const positions: number[] = [];
    const listener = (events: readonly StoredEvent[]): void => {
      positions.push(...events.map((s) => s.position));
    };
    const stopFirst = ledger.subscribe(listener);
    ledger.subscribe(listener);
    stopFirst();
    ledger.append(receipt());
    expect(positions).toEqual([3]);
  });

  it("neither lets a throwing listener make safeAppend throw nor keeps later listeners from the batch; the error goes to onListenerError", () => {
    const failures: [unknown, readonly StoredEvent[]][] = [];
    const ledger = ledgerWithUnits({ onListenerError: (error, events) => failures.push([error, events]) });
    const failure = new Error("listener failure");
    ledger.subscribe(() => {
      throw failure;
    });
    const positions: number[] = [];
    ledger.subscribe((events) => positions.push(...events.map((s) => s.position)));
    expect(() => ledger.safeAppend(receipt())).not.toThrow();
    expect(ledger.version).toBe(3);
    expect(positions).toEqual([3]);
    expect(failures.map(([error, events]) => [error, events.map((s) => s.position)])).toEqual([[failure, [3]]]);
  });

  it("reports a throwing listener's error after the append returns when no onListenerError is given", async () => {
    const ledger = ledgerWithUnits();
    const failure = new Error("reported later");
    ledger.subscribe(() => {
      throw failure;
    });
    const original = globalThis.queueMicrotask;
    const scheduled: (() => void)[] = [];
    globalThis.queueMicrotask = (task: () => void) => scheduled.push(task);
    try {
      expect(ledger.safeAppend(receipt()).ok).toBe(true);
    } finally {
      globalThis.queueMicrotask = original;
    }
    expect(scheduled).toHaveLength(1);
    expect(() => scheduled[0]?.()).toThrow(failure);
  });

  it("delivers a close as one batch", () => {
    const ledger = busyLedger();
    const received: (readonly StoredEvent[])[] = [];
    ledger.subscribe((events) => received.push(events));
    ledger.closeYear(YEAR);
    expect(received).toHaveLength(1);
    expect(received[0]?.map((s) => s.event.type)).toEqual(["yearClosed", "yearClosed"]);
  });
});

describe("views of the ledger", () => {
  it("lists registered units with the year of registration", () => {
    const ledger = ledgerWithUnits();
    expect([...ledger.units().values()]).toEqual([
      { id: "office", name: "办本级", kind: "administrative", parent: null, year: YEAR },
      { id: "centre", name: "应急指挥中心", kind: "publicServiceClass1", parent: "office", year: YEAR },
    ]);
  });

  it("names the report's department after the unit without a parent", () => {
    const report = busyLedger().report(YEAR);
    expect(report.department).toBe("办本级");
    expect(report.year).toBe(YEAR);
    expect(report.tables.map((table) => table.id)).toEqual(["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10"]);
  });

  it("builds the chosen tables only", () => {
    expect(busyLedger().tables(YEAR, ["T7", "T1"]).map((table) => table.id)).toEqual(["T7", "T1"]);
  });

  it("keeps the tables current with every append", () => {
    const ledger = ledgerWithUnits();
    expect(t1Cell(ledger.tables(YEAR, ["T1"]), 1, "1")).toBe(0);
    ledger.append(receipt());
    expect(t1Cell(ledger.tables(YEAR, ["T1"]), 1, "1")).toBe(1_000_000);
    ledger.append(receipt({ id: "r2", amountFen: 5 }));
    expect(t1Cell(ledger.tables(YEAR, ["T1"]), 1, "1")).toBe(1_000_005);
  });

  it("lists the postings of every stored event in order", () => {
    const ledger = busyLedger();
    const postings = ledger.postings();
    expect(postings.length).toBeGreaterThan(0);
    expect(postings.reduce((total, posting) => total + posting.amountFen, 0)).toBe(0);
    expect(postings[0]?.account).toBe("budgetAuthority");
  });

  it("returns the same events for every call, in append order", () => {
    const ledger = busyLedger();
    const events: readonly LedgerEvent[] = ledger.events();
    expect(events.map((event) => event.id).slice(0, 4)).toEqual(["unit-office", "unit-centre", "appropriation-1", "receipt-1"]);
    expect(ledger.events()).toEqual(events);
  });
});

describe("an overdrawn unit", () => {
  it("closes its year with a negative carried balance, which opens the next year", () => {
    const ledger = createLedger();
    ledger.append([
      { id: "u", type: "unitRegistered", year: 2020, unit: "office", name: "办本级", kind: "administrative", parent: null },
      { id: "r", type: "receiptRecorded", year: 2020, unit: "office", source: "generalPublicBudget", functional: "2013701", amountFen: 100 },
      { id: "x", type: "expenditureRecorded", year: 2020, unit: "office", fund: "generalPublicBudget", functional: "2013701", economic: "30201", category: "basic", amountFen: 150 },
    ]);
    ledger.closeYear(2020);
    expect(ledger.read({ type: "yearClosed" })[0]?.event).toMatchObject({ balances: [{ fund: "generalPublicBudget", functional: "2013701", carriedFen: -50, reserveFen: 0 }] });
    expect(ledger.tables(2021, ["T1"])[0]?.rows.find((row) => row.line === 29)?.cells["1"]).toBe(-50);
  });
});
