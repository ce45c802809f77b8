// Generated baselines and scenarios for the property tests: a synthetic ledger, and adjustments of every kind built from the cells its open year holds.
import fc from "fast-check";
import { generateLedger } from "../../src/generate/generate.js";
import { createLedger, type Ledger } from "../../src/ledger/ledger.js";
import type { Adjustment, Scenario } from "../../src/scenario/scenario.js";

/** Property-run settings: seeded, so every failure replays. */
export const SCENARIO_RUNS = { seed: 20201231, numRuns: 40 } as const;

/** A generated baseline: the ledger and its open (last) year. */
export interface Baseline {
  readonly ledger: Ledger;
  readonly year: number;
  /** How it was made, for a failing case's report. */
  readonly recipe: string;
}

/** A valid synthetic ledger of 20 to `maxEvents` events over one or two years; its last year is open. */
export function baselineArbitrary(maxEvents = 300): fc.Arbitrary<Baseline> {
  return fc
    .record({ seed: fc.integer({ min: 0, max: 1_000_000 }), events: fc.integer({ min: 20, max: maxEvents }), years: fc.integer({ min: 1, max: 2 }), units: fc.integer({ min: 1, max: 4 }) })
    .map((options) => {
      const ledger = createLedger();
      ledger.append(generateLedger(options));
      const years = [...ledger.aggregate().years.keys()];
      const year = Math.max(...years);
      const baseline = { ledger, year, recipe: `generateLedger(${JSON.stringify(options)})` };
      Object.defineProperty(baseline, fc.toStringMethod, { value: () => baseline.recipe });
      return baseline;
    });
}

/** The choices an adjustment is built from; which cell it starts from is `pick` modulo the cells there are. */
export interface AdjustmentRecipe {
  readonly kind: "scale" | "move" | "receipts" | "appropriate" | "appropriateLine" | "remove" | "add";
  readonly pick: number;
  readonly other: number;
  readonly level: number;
  /** Tenths of a percent. */
  readonly tenths: number;
}

/** Recipes of adjustments of every kind. */
export const adjustmentRecipe: fc.Arbitrary<AdjustmentRecipe> = fc.record({
  kind: fc.constantFrom("scale", "move", "receipts", "appropriate", "appropriateLine", "remove", "add"),
  pick: fc.nat(),
  other: fc.nat(),
  level: fc.nat({ max: 2 }),
  tenths: fc.integer({ min: -1000, max: 500 }),
});

const percentText = (tenths: number): string => {
  const sign = tenths < 0 ? "-" : "";
  const abs = Math.abs(tenths);
  return `${sign}${Math.floor(abs / 10)}${abs % 10 === 0 ? "" : `.${abs % 10}`}`;
};

/**
 * An adjustment built from a recipe and a ledger's open year, or undefined
 * when the year has no cell of the kind it needs.
 */
export function adjustmentOf(recipe: AdjustmentRecipe, ledger: Ledger, year: number): Adjustment | undefined {
  const y = ledger.aggregate().years.get(year);
  if (y === undefined) return undefined;
  const spending = y.expenditures.filter((c) => c.amountFen > 0);
  const receipts = y.receipts.filter((c) => c.amountFen > 0);
  const budgets = y.appropriations.filter((c) => c.amountFen > 0);
  const cell = spending[recipe.pick % Math.max(1, spending.length)];
  switch (recipe.kind) {
    case "scale": {
      if (cell === undefined) return undefined;
      const filter = [{ unit: cell.unit }, { fund: cell.fund, functional: cell.functional.slice(0, 5) }, { economic: cell.economic.slice(0, 3), category: cell.category }][recipe.level] ?? {};
      return { kind: "scale", filter, percent: percentText(recipe.tenths) };
    }
    case "move": {
      if (cell === undefined) return undefined;
      // To the coordinates of another cell of the fund, to any postable functional code (often one the year has not used), or to another unit.
      const sameFund = spending.filter((c) => c.fund === cell.fund);
      const target = sameFund[recipe.other % sameFund.length] ?? cell;
      const postable = [...ledger.catalog.postableFunctional].sort();
      const units = [...ledger.units().keys()].sort();
      const to = [
        { functional: target.functional, economic: target.economic, category: target.category, project: target.project },
        { functional: postable[recipe.other % postable.length] as string },
        { unit: units[recipe.other % units.length] as string, functional: postable[(recipe.other >> 3) % postable.length] as string },
      ][recipe.level] ?? {};
      return { kind: "move", from: { unit: cell.unit, fund: cell.fund, functional: cell.functional }, to, percent: percentText(Math.abs(recipe.tenths) % 1001) };
    }
    case "receipts": {
      const receipt = receipts[recipe.pick % Math.max(1, receipts.length)];
      if (receipt === undefined) return undefined;
      return { kind: "receipts", filter: recipe.level === 0 ? { source: receipt.source } : { unit: receipt.unit, source: receipt.source }, percent: percentText(recipe.tenths) };
    }
    case "appropriate": {
      const budget = budgets[recipe.pick % Math.max(1, budgets.length)];
      if (budget === undefined) return undefined;
      return { kind: "appropriate", filter: { unit: budget.unit, fund: budget.fund }, percent: percentText(recipe.tenths) };
    }
    case "appropriateLine": {
      const budget = budgets[recipe.pick % Math.max(1, budgets.length)];
      if (budget === undefined || recipe.tenths === 0) return undefined;
      return { kind: "appropriate", line: { unit: budget.unit, fund: budget.fund, functional: budget.functional, category: budget.category }, amountFen: recipe.tenths * 1_000 };
    }
    case "remove": {
      if (cell === undefined) return undefined;
      return { kind: "remove", filter: { type: "expenditureRecorded", unit: cell.unit, fund: cell.fund, functional: cell.functional, economic: cell.economic } };
    }
    case "add": {
      if (cell === undefined) return undefined;
      return {
        kind: "add",
        events: [{
          type: "expenditureRecorded", unit: cell.unit, fund: cell.fund, functional: cell.functional, economic: cell.economic, category: cell.category,
          ...(cell.project === null ? {} : { project: cell.project }), amountFen: 1 + (recipe.other % 10_000_000),
        }],
      };
    }
  }
}

/** A scenario built from recipes (those that find no cell are left out). */
export function scenarioOf(name: string, recipes: readonly AdjustmentRecipe[], ledger: Ledger, year: number): Scenario {
  const adjustments = recipes.map((recipe) => adjustmentOf(recipe, ledger, year)).filter((a): a is Adjustment => a !== undefined);
  return { name, adjustments };
}
