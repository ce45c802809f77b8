/**
 * Table 2, 收入决算表: income by the functional code it funds and by source.
 *
 * @module
 */
import type { Fund } from "../catalog/dimensions.js";
import { addAt, cellsOf, functionalRows, vectorFor, type Table, type TableContext, type YearView, type Vector } from "./table.js";

/** Column (0-based, after the total) of each source in Table 2. */
const SOURCE_COLUMN: Readonly<Record<Fund, number>> = {
  generalPublicBudget: 1,
  governmentFund: 1,
  stateCapital: 1,
  superiorSubsidy: 2,
  institutional: 3,
  operating: 4,
  fromSubordinates: 5,
  other: 6,
};

const WIDTH = 7;

/**
 * Builds Table 2 of a year.
 *
 * @param view - the year's aggregate and shared sums
 * @param context - catalog and units
 * @returns the table, exact in fen
 */
export function incomeByFunction(view: YearView, context: TableContext): Table {
  const byItem = new Map<string, Vector>();
  const total = new Array<number>(WIDTH).fill(0);
  for (const cell of view.aggregate.receipts.values()) {
    const vector = vectorFor(byItem, cell.functional, WIDTH);
    for (const target of [vector, total]) {
      addAt(target, 0, cell.amountFen);
      addAt(target, SOURCE_COLUMN[cell.source], cell.amountFen);
    }
  }
  return {
    id: "T2",
    title: "收入决算表",
    columns: {
      "1": "本年收入合计", "2": "财政拨款收入", "3": "上级补助收入", "4": "事业收入",
      "5": "经营收入", "6": "附属单位上缴收入", "7": "其他收入",
    },
    rows: [{ line: null, code: null, label: "合计", cells: cellsOf(total) }, ...functionalRows(byItem, context.catalog, { width: WIDTH })],
  };
}
