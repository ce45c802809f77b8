// Checks double entry: each event type's postings by hand and as a property sum to zero, a reversal posts its target negated, and balances from a ledger's postings equal its closing balances.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { UnitKind } from "../../src/catalog/dimensions.js";
import { FUNDS, UNIT_KINDS, isFiscalFund } from "../../src/catalog/dimensions.js";
import { reversalOf } from "../../src/events/build.js";
import { EVENT_TYPES, type ClosingBalance, type LedgerEvent, type ReversibleEvent } from "../../src/events/types.js";
import { ACCOUNTS, expenditureAccount, revenueAccount } from "../../src/postings/chart.js";
import { balancesFromPostings, postingsOf, type Posting, type UnitKindOf } from "../../src/postings/postings.js";
import type { Ledger } from "../../src/ledger/ledger.js";
import { everyFact } from "../support/facts.js";
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
  ledgerWithUnits,
  nonTax,
  office,
  procurement,
  receipt,
  reversal,
  surplusDistributed,
  surplusUsed,
  yearClosed,
} from "../support/fixtures.js";

const SEED = 20201231;

const kinds: Record<string, UnitKind> = { office: "administrative", centre: "publicServiceClass1" };
const kindOf: UnitKindOf = (unit) => kinds[unit];

function total(postings: readonly Posting[]): number {
  return postings.reduce((sum, posting) => sum + posting.amountFen, 0);
}

/** Non-zero posted balances of one year and unit, as closing balances sorted by fund then functional code. */
function postedClosing(ledger: Ledger, year: number, unit: string): ClosingBalance[] {
  return [...balancesFromPostings(ledger.postings()).values()]
    .filter((b) => b.year === year && b.unit === unit && (b.carriedFen !== 0 || b.reserveFen !== 0))
    .sort((a, b) => FUNDS.indexOf(a.fund) - FUNDS.indexOf(b.fund) || (a.functional < b.functional ? -1 : a.functional > b.functional ? 1 : 0))
    .map((b) => ({ fund: b.fund, functional: b.functional, carriedFen: b.carriedFen, reserveFen: b.reserveFen }));
}

describe("postings of each event type, by hand", () => {
  it("posts nothing for a unit registration or a procurement award", () => {
    expect(postingsOf(office(), kindOf)).toEqual([]);
    expect(postingsOf(procurement(), kindOf)).toEqual([]);
  });

  it("posts an appropriation to the memorandum accounts of budget authority", () => {
    expect(postingsOf(appropriation(), kindOf)).toEqual([
      { year: YEAR, account: "budgetAuthority", unit: "office", fund: "generalPublicBudget", functional: FUNCTIONAL_OFFICE, amountFen: 2_000_000 },
      { year: YEAR, account: "approvedBudget", unit: "office", fund: "generalPublicBudget", functional: FUNCTIONAL_OFFICE, amountFen: -2_000_000 },
    ]);
    expect(total(postingsOf(appropriation({ stage: "adjustment", amountFen: -300 }), kindOf))).toBe(0);
  });

  it("posts a receipt to funds held against the source's revenue account", () => {
    expect(postingsOf(receipt(), kindOf)).toEqual([
      { year: YEAR, account: "fundsHeld", unit: "office", fund: "generalPublicBudget", functional: FUNCTIONAL_OFFICE, amountFen: 1_000_000 },
      { year: YEAR, account: "fiscalAppropriationRevenue", unit: "office", fund: "generalPublicBudget", functional: FUNCTIONAL_OFFICE, amountFen: -1_000_000 },
    ]);
    expect(postingsOf(receipt({ source: "institutional" }), kindOf)[1]?.account).toBe("institutionalRevenue");
  });

  it("posts an expenditure to the unit kind's expenditure account against funds held", () => {
    expect(postingsOf(expenditure(), kindOf)).toEqual([
      { year: YEAR, account: "administrativeExpenditure", unit: "office", fund: "generalPublicBudget", functional: FUNCTIONAL_OFFICE, amountFen: 400_000 },
      { year: YEAR, account: "fundsHeld", unit: "office", fund: "generalPublicBudget", functional: FUNCTIONAL_OFFICE, amountFen: -400_000 },
    ]);
    expect(postingsOf(expenditure({ unit: "centre" }), kindOf)[0]?.account).toBe("institutionalExpenditure");
    expect(postingsOf(expenditure({ unit: "unknown" }), kindOf)[0]?.account).toBe("institutionalExpenditure");
    expect(postingsOf(expenditure({ fund: "operating", category: "operating" }), kindOf)[0]?.account).toBe("operatingExpenditure");
  });

  it("posts a non-tax revenue to memorandum accounts without fund or functional code", () => {
    expect(postingsOf(nonTax(), kindOf)).toEqual([
      { year: YEAR, account: "nonTaxCollected", unit: "office", fund: null, functional: null, amountFen: 12_345 },
      { year: YEAR, account: "payableToTreasury", unit: "office", fund: null, functional: null, amountFen: -12_345 },
    ]);
  });

  it("posts a surplus distribution into the reserve and a surplus use out of it", () => {
    expect(postingsOf(surplusDistributed(), kindOf).map((p) => [p.account, p.amountFen])).toEqual([
      ["surplusDistribution", 50_000],
      ["reservedSurplus", -50_000],
    ]);
    expect(postingsOf(surplusUsed(), kindOf).map((p) => [p.account, p.amountFen])).toEqual([
      ["reservedSurplus", 20_000],
      ["surplusUsed", -20_000],
    ]);
  });

  it("posts an opening to funds held against the carry-forward or reserve account", () => {
    expect(postingsOf(balanceOpened(), kindOf).map((p) => [p.account, p.amountFen])).toEqual([
      ["fundsHeld", 70_000],
      ["fiscalCarryForward", -70_000],
    ]);
    expect(postingsOf(balanceOpened({ fund: "other" }), kindOf)[1]?.account).toBe("nonFiscalCarryForward");
    expect(postingsOf(balanceOpened({ fund: "other", balance: "reserve" }), kindOf)[1]?.account).toBe("reservedSurplus");
  });

  it("posts a year close as the next year's openings, skipping zero sides", () => {
    const closed = yearClosed({
      balances: [
        { fund: "generalPublicBudget", functional: FUNCTIONAL_OFFICE, carriedFen: 100, reserveFen: 0 },
        { fund: "institutional", functional: FUNCTIONAL_SECURITY, carriedFen: 0, reserveFen: 40 },
        { fund: "other", functional: FUNCTIONAL_SECURITY, carriedFen: 7, reserveFen: 3 },
      ],
    });
    const postings = postingsOf(closed, kindOf);
    expect(postings.map((p) => [p.year, p.account, p.fund, p.amountFen])).toEqual([
      [YEAR + 1, "fundsHeld", "generalPublicBudget", 100],
      [YEAR + 1, "fiscalCarryForward", "generalPublicBudget", -100],
      [YEAR + 1, "fundsHeld", "institutional", 40],
      [YEAR + 1, "reservedSurplus", "institutional", -40],
      [YEAR + 1, "fundsHeld", "other", 7],
      [YEAR + 1, "nonFiscalCarryForward", "other", -7],
      [YEAR + 1, "fundsHeld", "other", 3],
      [YEAR + 1, "reservedSurplus", "other", -3],
    ]);
    expect(total(postings)).toBe(0);
    expect(postingsOf(yearClosed(), kindOf)).toEqual([]);
  });

  it("posts a reversal as its target's postings negated", () => {
    const target = expenditure();
    const postings = postingsOf(reversal(target), kindOf);
    expect(postings).toEqual(postingsOf(target, kindOf).map((p) => ({ ...p, amountFen: -p.amountFen })));
    expect(total(postings)).toBe(0);
  });

  it("balances for one hand-made event of every type", () => {
    const events: LedgerEvent[] = [
      office(),
      appropriation(),
      receipt(),
      expenditure(),
      nonTax(),
      procurement(),
      surplusDistributed(),
      surplusUsed(),
      balanceOpened(),
      yearClosed({ balances: [{ fund: "other", functional: FUNCTIONAL_OFFICE, carriedFen: 5, reserveFen: 6 }] }),
      reversal(receipt()),
      ...everyFact(),
    ];
    expect(new Set(events.map((event) => event.type))).toEqual(new Set(EVENT_TYPES));
    for (const event of events) expect(total(postingsOf(event, kindOf)), event.type).toBe(0);
  });
});

describe("the chart of accounts", () => {
  it("names every account in Chinese and groups it", () => {
    expect(ACCOUNTS.fundsHeld).toEqual({ name: "资金结存", group: "asset" });
    expect(ACCOUNTS.reservedSurplus.name).toBe("专用结余");
    for (const info of Object.values(ACCOUNTS)) expect(info.name.length).toBeGreaterThan(0);
  });

  it("credits fiscal receipts to 财政拨款预算收入 and each other source to its own revenue", () => {
    const accounts = FUNDS.map(revenueAccount);
    for (const [index, fund] of FUNDS.entries()) {
      if (isFiscalFund(fund)) expect(accounts[index]).toBe("fiscalAppropriationRevenue");
      expect(ACCOUNTS[accounts[index] ?? "fundsHeld"].group).toBe("revenue");
    }
    expect(new Set(accounts.slice(3)).size).toBe(5);
  });

  it("debits basic and project spending to 行政支出 for administrative units and 事业支出 otherwise", () => {
    for (const kind of UNIT_KINDS) {
      const expected = kind === "administrative" ? "administrativeExpenditure" : "institutionalExpenditure";
      expect(expenditureAccount("basic", kind)).toBe(expected);
      expect(expenditureAccount("project", kind)).toBe(expected);
      expect(expenditureAccount("remittedToSuperior", kind)).toBe("remittanceToSuperiorExpenditure");
      expect(expenditureAccount("subsidyToSubordinates", kind)).toBe("subsidyToSubordinatesExpenditure");
    }
  });
});

const closingBalanceArb: fc.Arbitrary<ClosingBalance> = fc
  .tuple(fc.constantFrom(...FUNDS), fc.constantFrom(FUNCTIONAL_OFFICE, FUNCTIONAL_SECURITY), fc.nat({ max: 10_000_000 }), fc.nat({ max: 10_000_000 }))
  .map(([fund, functional, carriedFen, reserve]) => ({ fund, functional, carriedFen, reserveFen: isFiscalFund(fund) ? 0 : reserve }));

const anyEventArb: fc.Arbitrary<LedgerEvent> = fc.oneof(
  flowEventArb(),
  flowEventArb().map((event): LedgerEvent => reversal({ ...event, id: "target" })),
  fc.array(closingBalanceArb, { maxLength: 5 }).map((balances): LedgerEvent => yearClosed({ balances })),
  fc.constantFrom<LedgerEvent>(office(), centre(), procurement()),
);

describe("postings as properties", () => {
  it("sum to zero for every event of every type (property)", () => {
    fc.assert(
      fc.property(anyEventArb, fc.constantFrom<UnitKind | undefined>(...UNIT_KINDS, undefined), (event, kind) => {
        const postings = postingsOf(event, () => kind);
        expect(total(postings)).toBe(0);
        for (const posting of postings) expect(Number.isSafeInteger(posting.amountFen)).toBe(true);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("post a reversal as exactly its target's postings negated (property)", () => {
    fc.assert(
      fc.property(flowEventArb(), (event) => {
        const target: ReversibleEvent = { ...event, id: "target" };
        const reversed = postingsOf(reversalOf(target, { id: "rev", reason: "test" }), kindOf);
        expect(reversed).toEqual(postingsOf(target, kindOf).map((p) => ({ ...p, amountFen: -p.amountFen })));
        const balances = balancesFromPostings([...postingsOf(target, kindOf), ...reversed]);
        for (const balance of balances.values()) {
          expect(balance.carriedFen).toBe(0);
          expect(balance.reserveFen).toBe(0);
        }
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("post every event in one year and unit: the event's own, or the next year's for a close (property)", () => {
    fc.assert(
      fc.property(anyEventArb, (event) => {
        for (const posting of postingsOf(event, kindOf)) {
          expect(posting.unit).toBe(event.unit);
          expect(posting.year).toBe(event.type === "yearClosed" ? event.year + 1 : event.year);
        }
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe("balances from postings", () => {
  /** A hand-made ledger with receipts, spending, a distribution, a surplus use and openings carried and reserved. */
  function handLedger(): Ledger {
    const ledger = ledgerWithUnits();
    ledger.append([
      balanceOpened({ id: "o-office", amountFen: 70_000 }),
      balanceOpened({ id: "o-centre", unit: "centre", fund: "institutional", functional: FUNCTIONAL_SECURITY, amountFen: 200_000 }),
      balanceOpened({ id: "o-reserve", unit: "centre", fund: "institutional", functional: FUNCTIONAL_SECURITY, balance: "reserve", amountFen: 30_000 }),
      balanceOpened({ id: "o-other-reserve", unit: "centre", fund: "other", functional: FUNCTIONAL_OFFICE, balance: "reserve", amountFen: 9_000 }),
      receipt({ id: "r-1" }),
      receipt({ id: "r-2", source: "governmentFund", functional: FUNCTIONAL_SECURITY, amountFen: 500_000 }),
      receipt({ id: "r-3", unit: "centre", source: "institutional", functional: FUNCTIONAL_SECURITY, amountFen: 800_000 }),
      expenditure({ id: "e-1" }),
      expenditure({ id: "e-2", fund: "governmentFund", functional: FUNCTIONAL_SECURITY, category: "project", project: "p-1", amountFen: 120_000 }),
      expenditure({ id: "e-3", unit: "centre", fund: "institutional", functional: FUNCTIONAL_SECURITY, amountFen: 250_000 }),
      surplusDistributed({ id: "d-1", amountFen: 50_000 }),
      surplusUsed({ id: "u-1", amountFen: 20_000 }),
      surplusUsed({ id: "u-2", fund: "other", functional: FUNCTIONAL_OFFICE, amountFen: 4_000 }),
      appropriation(),
      nonTax(),
      procurement(),
    ]);
    return ledger;
  }

  it("equal the ledger's closing balances for each unit, carried and reserve", () => {
    const ledger = handLedger();
    expect(ledger.closingBalances(YEAR, "office")).toEqual([
      { fund: "generalPublicBudget", functional: FUNCTIONAL_OFFICE, carriedFen: 670_000, reserveFen: 0 },
      { fund: "governmentFund", functional: FUNCTIONAL_SECURITY, carriedFen: 380_000, reserveFen: 0 },
    ]);
    expect(ledger.closingBalances(YEAR, "centre")).toEqual([
      { fund: "institutional", functional: FUNCTIONAL_SECURITY, carriedFen: 720_000, reserveFen: 60_000 },
      { fund: "other", functional: FUNCTIONAL_OFFICE, carriedFen: 4_000, reserveFen: 5_000 },
    ]);
    for (const unit of ["office", "centre"]) expect(postedClosing(ledger, YEAR, unit)).toEqual(ledger.closingBalances(YEAR, unit));
  });

  it("equal the closing balances after a reversal", () => {
    const ledger = handLedger();
    const target = ledger.get("u-1")?.event;
    if (target?.type !== "surplusUsed") throw new Error("fixture missing");
    ledger.append(reversalOf(target, { id: "rev", reason: "wrong" }));
    for (const unit of ["office", "centre"]) expect(postedClosing(ledger, YEAR, unit)).toEqual(ledger.closingBalances(YEAR, unit));
  });

  it("carry a closed year into the next: its posted openings equal the closing balances", () => {
    const ledger = handLedger();
    ledger.closeYear(YEAR);
    ledger.append([receipt({ id: "next", year: YEAR + 1, amountFen: 11 }), surplusUsed({ id: "next-use", year: YEAR + 1, amountFen: 1_000 })]);
    for (const year of [YEAR, YEAR + 1]) {
      for (const unit of ["office", "centre"]) expect(postedClosing(ledger, year, unit), `${year} ${unit}`).toEqual(ledger.closingBalances(year, unit));
    }
  });

  it("equal the closing balances of the busy fixture ledger", () => {
    const ledger = busyLedger();
    for (const unit of ["office", "centre"]) expect(postedClosing(ledger, YEAR, unit)).toEqual(ledger.closingBalances(YEAR, unit));
  });

  it("equal the closing balances of any generated ledger (property)", () => {
    fc.assert(
      fc.property(fc.array(flowEventArb(), { maxLength: 30 }), (events) => {
        const ledger = ledgerWithUnits();
        ledger.append(events.map((event, index) => ({ ...event, id: `g-${index}` })));
        for (const year of [YEAR, YEAR + 1]) {
          for (const unit of ["office", "centre"]) expect(postedClosing(ledger, year, unit)).toEqual(ledger.closingBalances(year, unit));
        }
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it("ignore postings without a fund or functional code and the memorandum accounts", () => {
    const balances = balancesFromPostings([...postingsOf(nonTax(), kindOf), ...postingsOf(appropriation(), kindOf)]);
    expect(balances.size).toBe(0);
  });

  it("sum the postings of a whole ledger to zero", () => {
    expect(total(handLedger().postings())).toBe(0);
  });
});
