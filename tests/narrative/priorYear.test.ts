// Year-over-year figures: for generated two-year ledgers (properties, seeded) a year's change is its figure minus the previous year's, exactly in fen and within a printed step once rounded; the first year and lines the template lacked are null; the reference fixture's 2020 opening is its 2019 close.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CATEGORIES, FUNDS } from "../../src/catalog/dimensions.js";
import { generateLedger } from "../../src/generate/generate.js";
import { createLedger } from "../../src/ledger/ledger.js";
import { fenToWan, parseWan } from "../../src/money/decimal.js";
import { narrativeFigures } from "../../src/narrative/figures.js";
import { compareWithPrior, narrativeOf } from "../../src/narrative/narrative.js";
import { referenceEvents, referenceLedger } from "../support/reference.js";

const RUNS = { seed: 20201231, numRuns: 40 } as const;

function wanToFen(text: string): number {
  const parsed = parseWan(text);
  if (!parsed.ok) throw new Error(`not an amount: ${text}`);
  return parsed.value;
}

describe("the change on the previous year", () => {
  it("is the year's figure minus the previous year's, for every source and category of a generated two-year ledger (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 50, max: 1_500 }), fc.integer({ min: 0, max: 1_000_000 }), (events, seed) => {
        const log = generateLedger({ events, seed, years: 2 });
        const ledger = createLedger();
        ledger.append(log);
        const [first, second] = [2020, 2021];
        const before = narrativeOf(ledger, first);
        const after = narrativeOf(ledger, second);
        for (const fund of FUNDS) {
          const comparison = after.income.byFund[fund];
          expect(comparison.priorFen).toBe(before.income.byFund[fund].currentFen);
          expect(comparison.changeFen).toBe(comparison.currentFen - before.income.byFund[fund].currentFen);
        }
        for (const category of CATEGORIES) {
          const comparison = after.expenditure.byCategory[category];
          expect(comparison.changeFen).toBe(comparison.currentFen - before.expenditure.byCategory[category].currentFen);
        }
        // Printed, each figure is rounded on its own: the printed change is within one step of the difference of the printed figures.
        const printedAfter = narrativeFigures(ledger, second).figures;
        const printedBefore = narrativeFigures(ledger, first).figures;
        for (const key of [...FUNDS.map((fund) => `income.${fund}`), ...CATEGORIES.map((category) => `expenditure.${category}`)]) {
          const now = printedAfter[key] as Record<string, string>;
          const then = printedBefore[key] as Record<string, string>;
          const difference = wanToFen(now["current"] ?? "") - wanToFen(then["current"] ?? "");
          expect(Math.abs(wanToFen(now["change"] ?? "") - difference)).toBeLessThanOrEqual(10_000);
        }
      }),
      RUNS,
    );
  });

  it("is null in the first year a ledger holds: there is no base to compare with", () => {
    const ledger = createLedger();
    ledger.append(generateLedger({ events: 300, seed: 7, years: 2 }));
    const first = narrativeOf(ledger, 2020);
    for (const fund of FUNDS) expect(first.income.byFund[fund]).toMatchObject({ priorFen: null, changeFen: null, rate: null });
    for (const category of CATEGORIES) expect(first.expenditure.byCategory[category].changeFen).toBeNull();
  });

  it("has a rate only when the previous year's figure is not zero", () => {
    expect(compareWithPrior(5_000_000, 0)).toEqual({ currentFen: 5_000_000, priorFen: 0, changeFen: 5_000_000, rate: null });
    expect(compareWithPrior(0, 0)).toEqual({ currentFen: 0, priorFen: 0, changeFen: 0, rate: null });
    expect(compareWithPrior(0, 4_000_000).rate).toBe("-100");
    expect(compareWithPrior(1, null)).toEqual({ currentFen: 1, priorFen: null, changeFen: null, rate: null });
  });
});

describe("the reference department's 2019", () => {
  const ledger = referenceLedger();

  it("is in the log and closed, and its close opens 2020 with the 3.87 of Table 1", () => {
    const events = referenceEvents();
    expect(events.filter((event) => event.type === "yearClosed").map((event) => event.year)).toEqual([2019, 2019, 2019, 2019]);
    expect(events.some((event) => event.type === "balanceOpened")).toBe(false);
    const closing2019 = ledger.tables(2019, ["T1"])[0]?.rows.find((row) => row.line === 59)?.cells["2"];
    const opening2020 = ledger.tables(2020, ["T1"])[0]?.rows.find((row) => row.line === 29)?.cells["1"];
    expect(opening2020).toBe(closing2019);
    expect(fenToWan(opening2020 ?? 0)).toBe("3.87");
  });

  it("gives each 2020 comparison its base: the 2020 figure less the printed change", () => {
    const figures = narrativeFigures(ledger, 2019).figures;
    expect(figures["income.generalPublicBudget"]).toMatchObject({ current: "14671.06" });
    expect(figures["income.institutional"]).toMatchObject({ current: "2725.65" });
    expect(figures["income.other"]).toMatchObject({ current: "164.12" });
    expect(figures["expenditure.basic"]).toMatchObject({ current: "3118.61" });
    expect(figures["expenditure.project"]).toMatchObject({ current: "13259.32" });
  });

  it("leaves 国有资本经营预算 not comparable in 2020: the template added the line that year", () => {
    expect(narrativeFigures(ledger, 2020).figures["income.stateCapital"]).toEqual({ current: "0.00", change: null, rate: null });
    expect(narrativeFigures(ledger, 2020).figures["income.governmentFund"]).toEqual({ current: "0.00", change: "0.00", rate: null });
  });
});
