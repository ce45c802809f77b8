// The audit passes on the reference department and names the table, row, column and amounts of a broken identity.
import { describe, expect, it } from "vitest";
import { audit, auditLedger } from "../../src/audit/audit.js";
import { aggregateEvents } from "../../src/projections/aggregate.js";
import { referenceLedger } from "../support/reference.js";

describe("the audit", () => {
  it("finds no violation in the reference department's 2020 accounts", () => {
    const ledger = referenceLedger();
    const result = audit({ events: ledger.events(), catalog: ledger.catalog, year: 2020 });
    expect(result.checks).toBeGreaterThan(900);
    expect(result.violations).toEqual([]);
  });

  it("still passes once the year is closed, and the closing opens 2021", () => {
    const ledger = referenceLedger();
    ledger.closeYear(2020);
    expect(auditLedger(ledger, 2020)).toEqual([]);
    expect(auditLedger(ledger, 2021)).toEqual([]);
    const opening = ledger.tables(2021, ["T1"])[0]?.rows.find((row) => row.line === 29)?.cells["1"];
    const closing = ledger.tables(2020, ["T1"])[0]?.rows.find((row) => row.line === 59)?.cells["2"];
    expect(opening).toBe(closing);
  });

  it("reports a broken identity with its table, row, column, expected and actual amounts", () => {
    const ledger = referenceLedger();
    const aggregate = aggregateEvents(ledger.events());
    // Tamper with the aggregate behind the tables' back: a receipt cell changes, the postings do not.
    const year = aggregate.years.get(2020);
    const receipt = [...(year?.receipts.values() ?? [])].find((cell) => cell.source === "institutional");
    if (receipt === undefined) throw new Error("the fixture has institutional receipts");
    receipt.amountFen += 1;
    const { violations } = audit({ events: ledger.events(), catalog: ledger.catalog, year: 2020, aggregate });
    const balance = violations.find((v) => v.rule === "balance.carried");
    expect(balance).toMatchObject({ column: "carried", expectedFen: expect.any(Number), actualFen: expect.any(Number) });
    expect((balance?.actualFen ?? 0) - (balance?.expectedFen ?? 0)).toBe(1);
    expect(balance?.row).toContain(receipt.unit);
    const conservation = violations.filter((v) => v.table !== null);
    expect(conservation).toEqual([]);
  });
});
