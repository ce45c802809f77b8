// Rates, shares and budget execution of the narrative, as properties over seeded random ledgers: a rate is null exactly when its base is zero, shares of a whole sum to 100 within their rounding, and no execution divides by zero.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LedgerEvent } from "../../src/events/types.js";
import { createLedger, type Ledger } from "../../src/ledger/ledger.js";
import { Dec } from "../../src/money/decimal.js";
import { narrativeFigures } from "../../src/narrative/figures.js";
import { narrativeOf, type Comparison, type Execution } from "../../src/narrative/narrative.js";
import { printedPercent, withoutTrailingZeros } from "../../src/narrative/percent.js";
import { budgetCompletionScore, selfEvaluationTables } from "../../src/narrative/performance.js";
import { FUNCTIONAL_OFFICE, appropriation, expenditure, nonTax, procurement, receipt, units } from "../support/fixtures.js";
import { performanceGoalEvaluated } from "../support/facts.js";

const RUNS = { seed: 20201231, numRuns: 150 } as const;
const YEARS = [2020, 2021] as const;

/** Amounts that are often zero (the event is then left out): bases of zero must be common. */
const amountArb = fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: fc.integer({ min: 1, max: 90_000_000 }), weight: 3 });

/** A small random ledger over 2020 and 2021: receipts and spending of every category, 三公 spending and budgets, non-tax lines, procurement, budgets of a project. */
const ledgerArb = fc
  .record({
    receipts: fc.array(fc.tuple(fc.constantFrom(...YEARS), fc.constantFrom("generalPublicBudget" as const, "governmentFund" as const, "institutional" as const, "other" as const), amountArb), { maxLength: 6 }),
    spending: fc.array(
      fc.tuple(fc.constantFrom(...YEARS), fc.constantFrom("30201", "30212", "31013", "30231", "30217", "30101"), fc.constantFrom("basic" as const, "project" as const), amountArb),
      { maxLength: 8 },
    ),
    budgets: fc.array(
      fc.tuple(fc.constantFrom(...YEARS), fc.constantFrom<string | undefined>(undefined, "30212", "31013", "30231", "30217", "30201"), fc.constantFrom("basic" as const, "project" as const), amountArb, fc.boolean()),
      { maxLength: 6 },
    ),
    nonTax: fc.array(fc.tuple(fc.constantFrom("otherInterest", "donations", "administrativeAssetDisposal", "other"), amountArb), { maxLength: 4 }),
    procurement: fc.array(fc.tuple(fc.constantFrom("goods" as const, "services" as const), fc.constantFrom("large" as const, "medium" as const, "small" as const, "micro" as const), amountArb), { maxLength: 4 }),
  })
  .map((plan): Ledger => {
    const events: LedgerEvent[] = [...units(2020)];
    let n = 0;
    const id = (): string => `e${n++}`;
    for (const [year, source, amountFen] of plan.receipts) if (amountFen > 0) events.push(receipt({ id: id(), year, source, amountFen }));
    for (const [year, economic, category, amountFen] of plan.spending) {
      if (amountFen === 0) continue;
      events.push(category === "project"
        ? expenditure({ id: id(), year, economic, category, project: "p-1", amountFen })
        : expenditure({ id: id(), year, economic: economic === "31013" ? "30201" : economic, category, amountFen }));
    }
    for (const [year, economic, category, amountFen, cancelled] of plan.budgets) {
      if (amountFen === 0) continue;
      const fields = { year, functional: FUNCTIONAL_OFFICE, category, ...(economic === undefined || (category === "basic" && economic === "31013") ? {} : { economic }), ...(category === "project" ? { project: "p-1" } : {}) };
      events.push(appropriation({ id: id(), ...fields, stage: "initial", amountFen }));
      // A budget cut to nothing by adjustment: the base is zero although budgets were made.
      if (cancelled) events.push(appropriation({ id: id(), ...fields, stage: "adjustment", amountFen: -amountFen }));
    }
    for (const [line, amountFen] of plan.nonTax) if (amountFen > 0) events.push(nonTax({ id: id(), line, amountFen }));
    for (const [kind, supplierSize, amountFen] of plan.procurement) if (amountFen > 0) events.push(procurement({ id: id(), procurement: kind, supplierSize, amountFen }));
    events.push(performanceGoalEvaluated({ id: id(), project: "p-1" }));
    const ledger = createLedger();
    ledger.append(events);
    return ledger;
  });

function expectNullExactlyAtZero(rate: string | null, base: number | null, what: string): void {
  expect(rate === null, `${what}: rate ${rate} on base ${base}`).toBe(base === null || base === 0);
}

describe("a printed rate", () => {
  it("is null exactly when its base is zero, for any integers (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 4 }), (part, whole, decimals) => {
        expect(printedPercent(part, whole, decimals) === null).toBe(whole === 0);
      }),
      RUNS,
    );
  });

  it("is rounded once, half up, from the exact ratio, and printed without trailing zeros", () => {
    expect(printedPercent(1_321_800, 27_256_520, 1)).toBe("4.8");
    expect(printedPercent(352_800, 360_000, 2)).toBe("98");
    expect(printedPercent(886_000, 886_000, 1)).toBe("100");
    expect(printedPercent(0, 549_700, 1)).toBe("0");
    expect(printedPercent(-1_130_800, 132_593_160, 1)).toBe("-0.9");
    expect(printedPercent(1, 8, 2)).toBe("12.5");
    expect(printedPercent(1, 800, 2)).toBe("0.13");
    expect(withoutTrailingZeros("-0.00")).toBe("0");
  });

  it("is null exactly when its base is zero, for every rate of a random ledger's narrative (property)", () => {
    fc.assert(
      fc.property(ledgerArb, fc.constantFrom(...YEARS), (ledger, year) => {
        const n = narrativeOf(ledger, year);
        const comparisons: [string, Comparison][] = [...Object.entries(n.income.byFund), ...Object.entries(n.expenditure.byCategory)];
        for (const [what, c] of comparisons) expectNullExactlyAtZero(c.rate, c.priorFen, what);
        const t = n.threePublic;
        const executions: [string, Execution][] = [["total", t.total], ["overseas", t.overseas], ["vehicles", t.vehicles], ["purchase", t.vehiclePurchase], ["operation", t.vehicleOperation], ["reception", t.reception]];
        for (const [what, e] of executions) expectNullExactlyAtZero(e.completion, e.budgetFen, what);
        for (const [what, item] of [["overseas", t.overseas], ["vehicles", t.vehicles], ["reception", t.reception]] as const) expectNullExactlyAtZero(item.share, t.total.actualFen, what);
        for (const [what, a] of Object.entries(n.fiscal.spendingAgainstBudget)) expectNullExactlyAtZero(a.rate, a.budgetFen, what);
        expectNullExactlyAtZero(n.officeRunning.rate, n.officeRunning.budgetFen, "机关运行经费");
        expectNullExactlyAtZero(n.procurement.smeShare, n.procurement.totalFen, "sme");
        expectNullExactlyAtZero(n.procurement.smallMicroShare, n.procurement.totalFen, "small and micro");
        for (const [line, value] of n.nonTax.byLine) expectNullExactlyAtZero(value.share, n.nonTax.totalFen, line);
        expectNullExactlyAtZero(n.performance.department.completion, n.performance.department.budgetFen, "department");
      }),
      RUNS,
    );
  });
});

describe("shares of a whole", () => {
  /** Shares rounded at `decimals` each miss by at most half a step: their sum is within parts × half a step of 100. */
  function expectSumNear100(shares: readonly (string | null)[], decimals: number): void {
    const sum = shares.reduce((total, share) => total.plus(share ?? 0), new Dec(0));
    const slack = new Dec(10).pow(-decimals).times(0.5).times(shares.length);
    expect(sum.minus(100).abs().lte(slack), `shares ${shares.join(" + ")} = ${sum.toString()}`).toBe(true);
  }

  it("sum to 100 within the printed precision's rounding, for any partition (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1e10 }), { minLength: 1, maxLength: 9 }), fc.integer({ min: 0, max: 3 }), (parts, decimals) => {
        const whole = parts.reduce((a, b) => a + b, 0);
        fc.pre(whole > 0);
        expectSumNear100(parts.map((part) => printedPercent(part, whole, decimals)), decimals);
      }),
      RUNS,
    );
  });

  it("sum to 100 for the 三公 items and for the top lines of non-tax revenue of a random ledger (property)", () => {
    fc.assert(
      fc.property(ledgerArb, (ledger) => {
        const n = narrativeOf(ledger, 2020);
        const t = n.threePublic;
        if (t.total.actualFen > 0) expectSumNear100([t.overseas.share, t.vehicles.share, t.reception.share], 1);
        const top = ledger.catalog.nonTaxLines.filter((line) => line.parent === null).map((line) => n.nonTax.byLine.get(line.id)?.share ?? null);
        if (n.nonTax.totalFen > 0) expectSumNear100(top, 1);
      }),
      RUNS,
    );
  });
});

describe("budget execution", () => {
  it("never divides by zero: a zero budget gives no completion and no score, and no figure is infinite or not a number (property)", () => {
    fc.assert(
      fc.property(ledgerArb, fc.constantFrom(...YEARS), (ledger, year) => {
        const json = JSON.stringify(narrativeFigures(ledger, year));
        expect(json).not.toMatch(/Infinity|NaN/);
        for (const table of selfEvaluationTables(ledger, year)) {
          expect(table.completion === null).toBe(table.budget.totalFen === 0);
          expect(table.budgetScore === null).toBe(table.budget.totalFen === 0);
          expect(table.total).toMatch(/^\d+\.\d\d$/);
        }
      }),
      RUNS,
    );
  });

  it("scores the full weight at 100% or more, one point less per point short, never below zero (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 1, max: 1e12 }), fc.integer({ min: 1, max: 10_000 }), (executed, budget, hundredths) => {
        const weight = hundredths / 100;
        const { completion, score } = budgetCompletionScore(executed, budget, weight);
        expect(completion?.equals(new Dec(executed).times(100).div(budget))).toBe(true);
        expect(score?.gte(0) && score.lte(weight)).toBe(true);
        if (completion !== null && completion.gte(100)) expect(score?.equals(weight)).toBe(true);
        else if (completion !== null && completion.gte(100 - weight)) expect(score?.equals(new Dec(weight).minus(new Dec(100).minus(completion)))).toBe(true);
        else expect(score?.isZero()).toBe(true);
      }),
      RUNS,
    );
    expect(budgetCompletionScore(1, 0, 20)).toEqual({ completion: null, score: null });
    expect(budgetCompletionScore(6_090_400_000, 6_135_000_000, 20).score?.toFixed(2)).toBe("19.27");
  });
});
