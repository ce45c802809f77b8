/**
 * Table 1, 收入支出决算总表: every source of income, opening balances and
 * surplus used, against spending by functional class, distributions and
 * closing balances.
 *
 * @module
 */
import { FUNDS, FUND_NAMES, isFiscalFund } from "../catalog/dimensions.js";
import { addFen } from "../money/fen.js";
import { chineseOrdinal, sumFunds } from "./sums.js";
import type { Table, TableContext, TableRow, YearView } from "./table.js";

/** Lines of the income side before the totals (1–26). */
const INCOME_LINES = 26;

/**
 * Builds Table 1 of a year.
 *
 * @param view - the year's aggregate and shared sums
 * @param context - catalog and units
 * @returns the table, exact in fen
 */
export function incomeExpenditureSummary(view: YearView, context: TableContext): Table {
  const { sums } = view;
  const rows: TableRow[] = [];
  FUNDS.forEach((fund, index) => {
    const label = `${chineseOrdinal(index + 1)}、${FUND_NAMES[fund]}${isFiscalFund(fund) ? "收入" : ""}`;
    rows.push({ line: index + 1, code: null, label, cells: { "1": sums.receiptsByFund[fund] } });
  });
  for (let line = FUNDS.length + 1; line <= INCOME_LINES; line++) rows.push({ line, code: null, label: "", cells: {} });
  const income = sumFunds(sums.receiptsByFund);
  const opening = sumFunds(sums.openingByFund);
  rows.push({ line: 27, code: null, label: "本年收入合计", cells: { "1": income } });
  rows.push({ line: 28, code: null, label: "使用非财政拨款结余", cells: { "1": sums.usedFen } });
  rows.push({ line: 29, code: null, label: "年初结转和结余", cells: { "1": opening } });
  rows.push({ line: 30, code: null, label: "总计", cells: { "1": addFen(addFen(income, sums.usedFen), opening) } });
  const firstClassLine = 31;
  context.catalog.classLines.forEach((classLine, index) => {
    const spent = sumFunds(sums.spentByClassLine[index] ?? sums.spentByFund);
    rows.push({ line: firstClassLine + index, code: null, label: `${classLine.ordinal}、${classLine.name}`, cells: { "2": spent } });
  });
  const next = firstClassLine + context.catalog.classLines.length;
  const spent = sumFunds(sums.spentByFund);
  const closing = sumFunds(sums.closingByFund);
  rows.push({ line: next, code: null, label: "本年支出合计", cells: { "2": spent } });
  rows.push({ line: next + 1, code: null, label: "结余分配", cells: { "2": sums.distributedFen } });
  rows.push({ line: next + 2, code: null, label: "年末结转和结余", cells: { "2": closing } });
  rows.push({ line: next + 3, code: null, label: "总计", cells: { "2": addFen(addFen(spent, sums.distributedFen), closing) } });
  return { id: "T1", title: "收入支出决算总表", columns: { "1": "决算数（收入）", "2": "决算数（支出）" }, rows };
}
