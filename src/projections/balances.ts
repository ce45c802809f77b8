/**
 * Closing balances from a year's aggregate: for each unit, fund and
 * functional code, opening + receipts + surplus used − spending −
 * distribution = carried closing; opening reserve + distribution − used =
 * reserve closing.
 *
 * @module
 */
import { FUNDS, type Fund } from "../catalog/dimensions.js";
import { addFen } from "../money/fen.js";
import type { YearAggregate } from "./aggregate.js";

/** The movements and closing of one balance over a year. */
export interface BalanceMovement {
  readonly unit: string;
  readonly fund: Fund;
  readonly functional: string;
  readonly openingCarriedFen: number;
  readonly openingReserveFen: number;
  readonly receiptsFen: number;
  readonly usedFen: number;
  readonly spentFen: number;
  readonly distributedFen: number;
  /** opening + receipts + used − spent − distributed. */
  readonly closingCarriedFen: number;
  /** opening reserve + distributed − used. */
  readonly closingReserveFen: number;
}

/**
 * Every balance's movements in a year, sorted by unit, fund and functional code.
 *
 * @param year - a year's aggregate
 * @returns one movement per unit, fund and functional code that had any
 */
export function balanceMovements(year: YearAggregate): BalanceMovement[] {
  type Mutable = { -readonly [K in keyof BalanceMovement]: BalanceMovement[K] };
  const byKey = new Map<string, Mutable>();
  const at = (unit: string, fund: Fund, functional: string): Mutable => {
    const key = `${unit}\u001f${fund}\u001f${functional}`;
    let found = byKey.get(key);
    if (found === undefined) {
      found = {
        unit, fund, functional,
        openingCarriedFen: 0, openingReserveFen: 0, receiptsFen: 0, usedFen: 0, spentFen: 0, distributedFen: 0,
        closingCarriedFen: 0, closingReserveFen: 0,
      };
      byKey.set(key, found);
    }
    return found;
  };
  for (const cell of year.balances.values()) {
    const m = at(cell.unit, cell.fund, cell.functional);
    m.openingCarriedFen = addFen(m.openingCarriedFen, cell.openingCarriedFen);
    m.openingReserveFen = addFen(m.openingReserveFen, cell.openingReserveFen);
    m.usedFen = addFen(m.usedFen, cell.usedFen);
    m.distributedFen = addFen(m.distributedFen, cell.distributedFen);
  }
  for (const cell of year.receipts.values()) {
    const m = at(cell.unit, cell.source, cell.functional);
    m.receiptsFen = addFen(m.receiptsFen, cell.amountFen);
  }
  for (const cell of year.expenditures.values()) {
    const m = at(cell.unit, cell.fund, cell.functional);
    m.spentFen = addFen(m.spentFen, cell.amountFen);
  }
  const movements: BalanceMovement[] = [];
  for (const m of byKey.values()) {
    m.closingCarriedFen = addFen(addFen(addFen(m.openingCarriedFen, m.receiptsFen), m.usedFen), -addFen(m.spentFen, m.distributedFen));
    m.closingReserveFen = addFen(addFen(m.openingReserveFen, m.distributedFen), -m.usedFen);
    const empty =
      m.openingCarriedFen === 0 && m.openingReserveFen === 0 && m.receiptsFen === 0 && m.usedFen === 0 &&
      m.spentFen === 0 && m.distributedFen === 0;
    if (!empty) movements.push(m);
  }
  return movements.sort(compareBalanceKeys);
}

/**
 * Orders balances by unit, then fund (catalogue order), then functional code.
 *
 * @param a - a balance key
 * @param b - another
 * @returns negative, zero or positive
 */
export function compareBalanceKeys(
  a: { readonly unit: string; readonly fund: Fund; readonly functional: string },
  b: { readonly unit: string; readonly fund: Fund; readonly functional: string },
): number {
  if (a.unit !== b.unit) return a.unit < b.unit ? -1 : 1;
  if (a.fund !== b.fund) return FUNDS.indexOf(a.fund) - FUNDS.indexOf(b.fund);
  return a.functional < b.functional ? -1 : a.functional > b.functional ? 1 : 0;
}
