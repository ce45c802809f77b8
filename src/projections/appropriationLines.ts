/**
 * Appropriation lines: what a fiscal fund's budget allows on each line and
 * what was spent on it. A line is a unit, a fiscal fund, a functional 项 and
 * a category (basic, project …) — the level at which a treasury's 指标
 * control holds spending to its budget. The budget of a line is the sum of
 * its appropriations at every stage (年初预算 and 调整预算), whatever economic
 * code or project they name.
 *
 * @module
 */
import { isFiscalFund, type Category, type Fund } from "../catalog/dimensions.js";
import { addFen } from "../money/fen.js";
import type { YearAggregate } from "./aggregate.js";

/** One appropriation line of a year. */
export interface AppropriationLine {
  readonly unit: string;
  /** A fiscal fund. */
  readonly fund: Fund;
  /** Functional 项 code. */
  readonly functional: string;
  readonly category: Category;
  /** Appropriated, every stage, fen. */
  readonly appropriatedFen: number;
  /** Spent, fen. */
  readonly spentFen: number;
}

/**
 * The key of a line.
 *
 * @param unit - unit id
 * @param fund - fund
 * @param functional - functional 项 code
 * @param category - category
 * @returns a string naming the line
 */
export function appropriationLineKey(unit: string, fund: Fund, functional: string, category: Category): string {
  return `${unit}\u001f${fund}\u001f${functional}\u001f${category}`;
}

/**
 * Every line of a fiscal fund that has an appropriation or spending in a
 * year, sorted by unit, fund, functional code and category.
 *
 * @param year - a year's aggregate
 * @returns the lines
 */
export function appropriationLines(year: YearAggregate): AppropriationLine[] {
  type Mutable = { -readonly [K in keyof AppropriationLine]: AppropriationLine[K] };
  const lines = new Map<string, Mutable>();
  const at = (unit: string, fund: Fund, functional: string, category: Category): Mutable => {
    const key = appropriationLineKey(unit, fund, functional, category);
    let line = lines.get(key);
    if (line === undefined) {
      line = { unit, fund, functional, category, appropriatedFen: 0, spentFen: 0 };
      lines.set(key, line);
    }
    return line;
  };
  for (const cell of year.appropriations) {
    if (!isFiscalFund(cell.fund)) continue;
    const line = at(cell.unit, cell.fund, cell.functional, cell.category);
    line.appropriatedFen = addFen(line.appropriatedFen, cell.amountFen);
  }
  for (const cell of year.expenditures) {
    if (!isFiscalFund(cell.fund)) continue;
    const line = at(cell.unit, cell.fund, cell.functional, cell.category);
    line.spentFen = addFen(line.spentFen, cell.amountFen);
  }
  return [...lines.entries()]
    .filter(([, line]) => line.appropriatedFen !== 0 || line.spentFen !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, line]) => line);
}

/**
 * What one line was appropriated and spent in a year, read from the year's
 * index (only the line's own cells are visited).
 *
 * @param year - a year's aggregate
 * @param unit - unit id
 * @param fund - a fiscal fund
 * @param functional - functional 项 code
 * @param category - category
 * @returns appropriated (every stage) and spent, fen
 */
export function lineTotals(year: YearAggregate, unit: string, fund: Fund, functional: string, category: Category): { appropriatedFen: number; spentFen: number } {
  let appropriatedFen = 0;
  let spentFen = 0;
  const appropriated = year.index.appropriations.get(unit)?.get(fund)?.get(functional)?.get(category);
  for (const byProject of appropriated?.values() ?? []) {
    for (const byStage of byProject.values()) for (const cell of byStage.values()) appropriatedFen = addFen(appropriatedFen, cell.amountFen);
  }
  const spent = year.index.expenditures.get(unit)?.get(fund)?.get(functional);
  for (const byCategory of spent?.values() ?? []) {
    for (const cell of byCategory.get(category)?.values() ?? []) spentFen = addFen(spentFen, cell.amountFen);
  }
  return { appropriatedFen, spentFen };
}
