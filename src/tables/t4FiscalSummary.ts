/**
 * Table 4, 财政拨款收入支出决算总表: the fiscal funds' receipts and opening
 * balances against their spending by functional class and closing balances.
 *
 * @module
 */
import { FISCAL_FUNDS, FUND_NAMES } from "../catalog/dimensions.js";
import { addFen } from "../money/fen.js";
import { FISCAL, chineseOrdinal, sumFunds } from "./sums.js";
import type { Table, TableContext, TableRow, YearView } from "./table.js";

const INCOME_LINES = 26;
const FIRST_CLASS_LINE = 33;

/**
 * Builds Table 4 of a year.
 *
 * @param view - the year's aggregate and shared sums
 * @param context - catalog and units
 * @returns the table, exact in fen
 */
export function fiscalSummary(view: YearView, context: TableContext): Table {
  const { sums } = view;
  const rows: TableRow[] = [];
  FISCAL_FUNDS.forEach((fund, index) => {
    rows.push({ line: index + 1, code: null, label: `${chineseOrdinal(index + 1)}、${FUND_NAMES[fund]}`, cells: { "1": sums.receiptsByFund[fund] } });
  });
  for (let line = FISCAL_FUNDS.length + 1; line <= INCOME_LINES; line++) rows.push({ line, code: null, label: "", cells: {} });
  const income = sumFunds(sums.receiptsByFund, FISCAL);
  const opening = sumFunds(sums.openingByFund, FISCAL);
  rows.push({ line: 27, code: null, label: "本年收入合计", cells: { "1": income } });
  rows.push({ line: 28, code: null, label: "年初财政拨款结转和结余", cells: { "1": opening } });
  FISCAL_FUNDS.forEach((fund, index) => {
    rows.push({ line: 29 + index, code: null, label: FUND_NAMES[fund], cells: { "1": sums.openingByFund[fund] } });
  });
  rows.push({ line: 32, code: null, label: "总计", cells: { "1": addFen(income, opening) } });
  const byFund = (amounts: Readonly<Record<string, number>>): Record<string, number> => {
    const cells: Record<string, number> = { "2": 0 };
    FISCAL_FUNDS.forEach((fund, index) => {
      const amount = amounts[fund] ?? 0;
      cells[String(3 + index)] = amount;
      cells["2"] = addFen(cells["2"] ?? 0, amount);
    });
    return cells;
  };
  context.catalog.classLines.forEach((classLine, index) => {
    rows.push({
      line: FIRST_CLASS_LINE + index,
      code: null,
      label: `${classLine.ordinal}、${classLine.name}`,
      cells: byFund(sums.spentByClassLine[index] ?? {}),
    });
  });
  const next = FIRST_CLASS_LINE + context.catalog.classLines.length;
  const spent = byFund(sums.spentByFund);
  const closing = byFund(sums.closingByFund);
  rows.push({ line: next, code: null, label: "本年支出合计", cells: spent });
  rows.push({ line: next + 1, code: null, label: "年末财政拨款结转和结余", cells: closing });
  for (let line = next + 2; line <= next + 4; line++) rows.push({ line, code: null, label: "", cells: {} });
  const total: Record<string, number> = {};
  for (const column of Object.keys(spent)) total[column] = addFen(spent[column] ?? 0, closing[column] ?? 0);
  rows.push({ line: next + 5, code: null, label: "总计", cells: total });
  return {
    id: "T4",
    title: "财政拨款收入支出决算总表",
    columns: { "1": "金额（收入）", "2": "合计", "3": "一般公共预算财政拨款", "4": "政府性基金预算财政拨款", "5": "国有资本经营预算财政拨款" },
    rows,
  };
}
