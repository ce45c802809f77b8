/**
 * Table 5, 一般公共预算财政拨款支出决算表: general-public-budget spending by
 * functional code, basic and project.
 *
 * Row rule: a functional code prints when its general-public-budget spending
 * is non-zero, or when it has a non-zero 年初预算 (initial) general-public-budget
 * appropriation — the codes of the budget as passed print even when the year
 * spent nothing on them (the reference report's 20133 宣传事务 at 0.00).
 *
 * @module
 */
import { cellsOf, functionalRows, spendingByItem, type Table, type TableContext, type YearView } from "./table.js";

/** Columns: total, basic, project. */
const WIDTH = 3;

/**
 * The 项 codes with a non-zero initial general-public-budget appropriation.
 *
 * @param view - the year
 * @returns the codes
 */
export function initiallyBudgetedItems(view: YearView): Set<string> {
  const byItem = new Map<string, number>();
  for (const cell of view.aggregate.appropriations.values()) {
    if (cell.fund !== "generalPublicBudget" || cell.stage !== "initial") continue;
    byItem.set(cell.functional, (byItem.get(cell.functional) ?? 0) + cell.amountFen);
  }
  return new Set([...byItem].filter(([, amount]) => amount !== 0).map(([code]) => code));
}

/**
 * Builds Table 5 of a year.
 *
 * @param view - the year's aggregate and shared sums
 * @param context - catalog and units
 * @returns the table, exact in fen
 */
export function generalBudgetExpenditure(view: YearView, context: TableContext): Table {
  const { byItem, total } = spendingByItem(view, "generalPublicBudget");
  return {
    id: "T5",
    title: "一般公共预算财政拨款支出决算表",
    columns: { "1": "本年支出合计", "2": "基本支出", "3": "项目支出" },
    rows: [
      { line: null, code: null, label: "合计", cells: cellsOf(total) },
      ...functionalRows(byItem, context.catalog, { width: WIDTH, forcedItems: initiallyBudgetedItems(view) }),
    ],
  };
}
