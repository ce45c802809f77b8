/**
 * Shortfalls: where spending exceeds what pays for it.
 *
 * - **A unit's fund** (summed over its functional codes): available =
 *   opening carried balance + receipts + surplus used; required = spending +
 *   surplus distributed. Short by required − available when that is
 *   positive: the fund would close the year below zero.
 * - **An appropriation line** of a fiscal fund (unit, fund, functional 项,
 *   category — every stage of its budget): available = appropriated;
 *   required = spent. Short when spending exceeds the budget.
 *
 * Both are sums over the aggregate, so the positions of a ledger plus a
 * scenario are the ledger's plus those of the scenario's events alone.
 *
 * @module
 */
import { FUNDS, CATEGORIES, type Category, type Fund } from "../catalog/dimensions.js";
import { addFen } from "../money/fen.js";
import type { YearAggregate } from "../projections/aggregate.js";
import { appropriationLines } from "../projections/appropriationLines.js";
import { balanceMovements } from "../projections/balances.js";

/** What a unit's fund or a budget line has, and what it must pay. */
export interface Position {
  readonly unit: string;
  readonly fund: Fund;
  /** The line's functional 项, or null for a unit's whole fund. */
  readonly functional: string | null;
  /** The line's category, or null for a unit's whole fund. */
  readonly category: Category | null;
  /** Fund: opening carried + receipts + surplus used. Line: appropriated (every stage). Fen. */
  readonly availableFen: number;
  /** Fund: spending + surplus distributed. Line: spent. Fen. */
  readonly requiredFen: number;
}

/** A fund or line whose spending exceeds what it has. */
export interface Shortfall extends Position {
  /** "fund": a unit's fund would close below zero; "line": spending exceeds the appropriation. */
  readonly kind: "fund" | "line";
  /** required − available, fen, positive. */
  readonly shortFen: number;
}

/** Every position of a year: one per unit and fund, one per fiscal budget line. */
export interface Positions {
  /** By unit and fund. */
  readonly funds: ReadonlyMap<string, Position>;
  /** By unit, fund, functional 项 and category. */
  readonly lines: ReadonlyMap<string, Position>;
}

const key = (...parts: readonly string[]): string => parts.join("\u001f");

/**
 * The positions of a year.
 *
 * @param year - a year's aggregate, or undefined for none
 * @returns its fund and line positions
 */
export function positionsOf(year: YearAggregate | undefined): Positions {
  const funds = new Map<string, Position>();
  const lines = new Map<string, Position>();
  if (year === undefined) return { funds, lines };
  for (const m of balanceMovements(year)) {
    const k = key(m.unit, m.fund);
    const found = funds.get(k);
    const available = addFen(addFen(m.openingCarriedFen, m.receiptsFen), m.usedFen);
    const required = addFen(m.spentFen, m.distributedFen);
    funds.set(k, {
      unit: m.unit, fund: m.fund, functional: null, category: null,
      availableFen: addFen(found?.availableFen ?? 0, available), requiredFen: addFen(found?.requiredFen ?? 0, required),
    });
  }
  for (const line of appropriationLines(year)) {
    lines.set(key(line.unit, line.fund, line.functional, line.category), {
      unit: line.unit, fund: line.fund, functional: line.functional, category: line.category,
      availableFen: line.appropriatedFen, requiredFen: line.spentFen,
    });
  }
  return { funds, lines };
}

function addMaps(left: ReadonlyMap<string, Position>, right: ReadonlyMap<string, Position>): Map<string, Position> {
  const sum = new Map(left);
  for (const [k, position] of right) {
    const found = sum.get(k);
    sum.set(k, found === undefined ? position : {
      ...found,
      availableFen: addFen(found.availableFen, position.availableFen),
      requiredFen: addFen(found.requiredFen, position.requiredFen),
    });
  }
  return sum;
}

/**
 * Positions added (a ledger's and a scenario's own events').
 *
 * @param left - positions
 * @param right - more positions
 * @returns their sum
 */
export function addPositions(left: Positions, right: Positions): Positions {
  return { funds: addMaps(left.funds, right.funds), lines: addMaps(left.lines, right.lines) };
}

function compareShortfalls(a: Shortfall, b: Shortfall): number {
  if (a.kind !== b.kind) return a.kind === "fund" ? -1 : 1;
  if (a.unit !== b.unit) return a.unit < b.unit ? -1 : 1;
  if (a.fund !== b.fund) return FUNDS.indexOf(a.fund) - FUNDS.indexOf(b.fund);
  if (a.functional !== b.functional) return (a.functional ?? "") < (b.functional ?? "") ? -1 : 1;
  return CATEGORIES.indexOf(a.category ?? "basic") - CATEGORIES.indexOf(b.category ?? "basic");
}

/**
 * The shortfalls among positions: funds first, then lines, each by unit, fund, code and category.
 *
 * @param positions - a year's positions
 * @returns every position whose requirement exceeds what is available
 */
export function shortfallsOf(positions: Positions): Shortfall[] {
  const found: Shortfall[] = [];
  for (const [kind, map] of [["fund", positions.funds], ["line", positions.lines]] as const) {
    for (const position of map.values()) {
      const shortFen = addFen(position.requiredFen, -position.availableFen);
      if (shortFen > 0) found.push({ kind, ...position, shortFen });
    }
  }
  return found.sort(compareShortfalls);
}

/**
 * The shortfalls of a year.
 *
 * @param year - a year's aggregate
 * @returns every unit fund and fiscal budget line that spends more than it has
 *
 * @example
 * ```ts
 * shortfalls(ledger.aggregate().years.get(2020)); // [] for a ledger that balances
 * ```
 */
export function shortfalls(year: YearAggregate | undefined): Shortfall[] {
  return shortfallsOf(positionsOf(year));
}
