/**
 * Table 9, 国有资本经营预算财政拨款支出决算表: the state capital fund's
 * spending by functional code, basic and project. The template's listed
 * codes print even at zero.
 *
 * @module
 */
import { addAt, cellsOf, functionalRows, vectorFor, type Table, type TableContext, type Vector, type YearView } from "./table.js";

const WIDTH = 3;

/**
 * Builds Table 9 of a year.
 *
 * @param view - the year's aggregate and shared sums
 * @param context - catalog and units
 * @returns the table, exact in fen
 */
export function stateCapitalTable(view: YearView, context: TableContext): Table {
  const byItem = new Map<string, Vector>();
  const total = new Array<number>(WIDTH).fill(0);
  for (const cell of view.aggregate.expenditures.values()) {
    if (cell.fund !== "stateCapital") continue;
    const vector = vectorFor(byItem, cell.functional, WIDTH);
    const column = cell.category === "basic" ? 1 : cell.category === "project" ? 2 : -1;
    for (const target of [vector, total]) {
      addAt(target, 0, cell.amountFen);
      if (column > 0) addAt(target, column, cell.amountFen);
    }
  }
  return {
    id: "T9",
    title: "国有资本经营预算财政拨款支出决算表",
    columns: { "1": "本年支出·小计", "2": "本年支出·基本支出", "3": "本年支出·项目支出" },
    rows: [
      { line: null, code: null, label: "合计", cells: cellsOf(total) },
      ...functionalRows(byItem, context.catalog, { width: WIDTH, listed: context.catalog.stateCapitalListed }),
    ],
  };
}
