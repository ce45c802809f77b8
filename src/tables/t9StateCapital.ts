/**
 * Table 9, 国有资本经营预算财政拨款支出决算表: the state capital fund's
 * spending by functional code, basic and project. The template's listed
 * codes print even at zero.
 *
 * @module
 */
import { cellsOf, functionalRows, spendingByItem, type Table, type TableContext, type YearView } from "./table.js";

/** Columns: total, basic, project. */
const WIDTH = 3;

/**
 * Builds Table 9 of a year.
 *
 * @param view - the year's aggregate and shared sums
 * @param context - catalog and units
 * @returns the table, exact in fen
 */
export function stateCapitalTable(view: YearView, context: TableContext): Table {
  const { byItem, total } = spendingByItem(view, "stateCapital");
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
