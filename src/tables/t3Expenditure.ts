/**
 * Table 3, 支出决算表: spending of all funds by functional code and category.
 *
 * @module
 */
import { CATEGORIES } from "../catalog/dimensions.js";
import { addAt, cellsOf, functionalRows, vectorFor, type Table, type TableContext, type YearView, type Vector } from "./table.js";

const WIDTH = 1 + CATEGORIES.length;

/**
 * Builds Table 3 of a year.
 *
 * @param view - the year's aggregate and shared sums
 * @param context - catalog and units
 * @returns the table, exact in fen
 */
export function expenditureByFunction(view: YearView, context: TableContext): Table {
  const byItem = new Map<string, Vector>();
  const total = new Array<number>(WIDTH).fill(0);
  for (const cell of view.aggregate.expenditures.values()) {
    const vector = vectorFor(byItem, cell.functional, WIDTH);
    const column = 1 + CATEGORIES.indexOf(cell.category);
    for (const target of [vector, total]) {
      addAt(target, 0, cell.amountFen);
      addAt(target, column, cell.amountFen);
    }
  }
  return {
    id: "T3",
    title: "支出决算表",
    columns: { "1": "本年支出合计", "2": "基本支出", "3": "项目支出", "4": "上缴上级支出", "5": "经营支出", "6": "对附属单位补助支出" },
    rows: [{ line: null, code: null, label: "合计", cells: cellsOf(total) }, ...functionalRows(byItem, context.catalog, { width: WIDTH })],
  };
}
