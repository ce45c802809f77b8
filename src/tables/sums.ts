/**
 * Sums of a year's aggregate that several tables share: receipts by source,
 * spending by class line and fund, balances by fund.
 *
 * @module
 */
import { classLineIndex, type Catalog } from "../catalog/catalog.js";
import type { Fund } from "../catalog/dimensions.js";
import { FUNDS, isFiscalFund } from "../catalog/dimensions.js";
import { addFen } from "../money/fen.js";
import type { YearAggregate } from "../projections/aggregate.js";
import { balanceMovements, type BalanceMovement } from "../projections/balances.js";

/** Totals of a year by fund and by Table 1 class line. */
export interface YearSums {
  /** Receipts by source. */
  readonly receiptsByFund: Readonly<Record<Fund, number>>;
  /** Spending by paying fund. */
  readonly spentByFund: Readonly<Record<Fund, number>>;
  /** Spending by class line (index into the catalog's class lines) and fund. */
  readonly spentByClassLine: readonly Readonly<Record<Fund, number>>[];
  /** Opening carried balances by fund. */
  readonly openingByFund: Readonly<Record<Fund, number>>;
  /** Closing carried balances by fund. */
  readonly closingByFund: Readonly<Record<Fund, number>>;
  /** Surplus used, all funds. */
  readonly usedFen: number;
  /** Surplus distributed, all funds. */
  readonly distributedFen: number;
  /** Every balance's movements. */
  readonly movements: readonly BalanceMovement[];
}

function zeroByFund(): Record<Fund, number> {
  return Object.fromEntries(FUNDS.map((fund) => [fund, 0])) as Record<Fund, number>;
}

/**
 * The shared sums of one year.
 *
 * @param year - a year's aggregate
 * @param catalog - for the class lines
 * @returns the sums
 */
export function yearSums(year: YearAggregate, catalog: Catalog): YearSums {
  const receiptsByFund = zeroByFund();
  const spentByFund = zeroByFund();
  const openingByFund = zeroByFund();
  const closingByFund = zeroByFund();
  const spentByClassLine = catalog.classLines.map(() => zeroByFund());
  for (const cell of year.receipts.values()) receiptsByFund[cell.source] = addFen(receiptsByFund[cell.source], cell.amountFen);
  for (const cell of year.expenditures.values()) {
    spentByFund[cell.fund] = addFen(spentByFund[cell.fund], cell.amountFen);
    const line = spentByClassLine[classLineIndex(catalog, cell.functional)];
    if (line !== undefined) line[cell.fund] = addFen(line[cell.fund], cell.amountFen);
  }
  let usedFen = 0;
  let distributedFen = 0;
  const movements = balanceMovements(year);
  for (const m of movements) {
    openingByFund[m.fund] = addFen(openingByFund[m.fund], m.openingCarriedFen);
    closingByFund[m.fund] = addFen(closingByFund[m.fund], m.closingCarriedFen);
    usedFen = addFen(usedFen, m.usedFen);
    distributedFen = addFen(distributedFen, m.distributedFen);
  }
  return { receiptsByFund, spentByFund, spentByClassLine, openingByFund, closingByFund, usedFen, distributedFen, movements };
}

/**
 * Sums a record by fund over the given funds.
 *
 * @param byFund - amounts by fund
 * @param funds - which funds; all when omitted
 * @returns the exact sum
 */
export function sumFunds(byFund: Readonly<Record<Fund, number>>, funds: readonly Fund[] = FUNDS): number {
  let total = 0;
  for (const fund of funds) total = addFen(total, byFund[fund]);
  return total;
}

/** The fiscal funds as a list, for {@link sumFunds}. */
export const FISCAL: readonly Fund[] = FUNDS.filter(isFiscalFund);

/** Chinese ordinals 一 … 九十九 for numbered lines. */
export function chineseOrdinal(n: number): string {
  const digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
  if (n < 10) return digits[n] ?? "";
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? "" : digits[tens]}十${digits[ones]}`;
}
