/**
 * Table 8, 政府性基金预算财政拨款收入支出决算表: the government fund's opening
 * balance, receipts, spending (basic, project) and closing balance by
 * functional code. The template's listed codes print even at zero.
 *
 * @module
 */
import { addAt, cellsOf, functionalRows, vectorFor, type Table, type TableContext, type Vector, type YearView } from "./table.js";

const WIDTH = 6;

/**
 * Builds Table 8 of a year.
 *
 * @param view - the year's aggregate and shared sums
 * @param context - catalog and units
 * @returns the table, exact in fen
 */
export function governmentFundTable(view: YearView, context: TableContext): Table {
  const byItem = new Map<string, Vector>();
  const total = new Array<number>(WIDTH).fill(0);
  const add = (functional: string, column: number, amountFen: number): void => {
    addAt(vectorFor(byItem, functional, WIDTH), column, amountFen);
    addAt(total, column, amountFen);
  };
  for (const m of view.sums.movements) {
    if (m.fund !== "governmentFund") continue;
    add(m.functional, 0, m.openingCarriedFen);
    add(m.functional, 1, m.receiptsFen);
    add(m.functional, 2, m.spentFen);
    add(m.functional, 5, m.closingCarriedFen);
  }
  for (const cell of view.aggregate.expenditures.values()) {
    if (cell.fund !== "governmentFund") continue;
    if (cell.category === "basic") add(cell.functional, 3, cell.amountFen);
    if (cell.category === "project") add(cell.functional, 4, cell.amountFen);
  }
  return {
    id: "T8",
    title: "政府性基金预算财政拨款收入支出决算表",
    columns: { "1": "年初结转和结余", "2": "本年收入", "3": "本年支出·小计", "4": "本年支出·基本支出", "5": "本年支出·项目支出", "6": "年末结转和结余" },
    rows: [
      { line: null, code: null, label: "合计", cells: cellsOf(total) },
      ...functionalRows(byItem, context.catalog, { width: WIDTH, listed: context.catalog.governmentFundListed }),
    ],
  };
}
