// Checks reversalOf: the reversal it builds carries the target exactly, in the target's year and unit, and a ledger accepts it.
import { describe, expect, it } from "vitest";
import { reversalOf } from "../../src/events/build.js";
import { checkEvent } from "../../src/events/validate.js";
import { defaultCatalog } from "../../src/catalog/catalog.js";
import { busyLedger, expenditure, receipt } from "../support/fixtures.js";

describe("reversalOf", () => {
  it("builds a reversal in the target's year and unit that carries the target itself", () => {
    const target = expenditure({ year: 2021, unit: "centre" });
    const built = reversalOf(target, { id: "rev-1", reason: "posted to the wrong code" });
    expect(built).toEqual({
      id: "rev-1",
      type: "eventReversed",
      schema: 1,
      year: 2021,
      unit: "centre",
      target: target.id,
      reason: "posted to the wrong code",
      reverses: target,
    });
    expect("memo" in built).toBe(false);
  });

  it("keeps a memo when given", () => {
    expect(reversalOf(receipt(), { id: "rev-2", reason: "duplicate", memo: "voucher 7" }).memo).toBe("voucher 7");
  });

  it("builds a valid event that a ledger accepts for a stored target", () => {
    const ledger = busyLedger();
    const stored = ledger.get("expenditure-1")?.event;
    if (stored === undefined || stored.type !== "expenditureRecorded") throw new Error("fixture missing");
    const built = reversalOf(stored, { id: "rev-3", reason: "wrong code" });
    expect(checkEvent(built, defaultCatalog()).ok).toBe(true);
    expect(ledger.safeAppend(built).ok).toBe(true);
  });
});
