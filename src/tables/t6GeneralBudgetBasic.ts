/**
 * Table 6, 一般公共预算财政拨款基本支出决算表: general-public-budget basic
 * spending by economic code, printed in two columns — personnel expenses
 * (人员经费: 301, 303) on the left, public expenses (公用经费: 302, 307, 310,
 * 399) on the right — with their totals. Every 款 of the catalog under those
 * classes prints, zero or not.
 *
 * @module
 */
import { PERSONNEL_ECONOMIC_CLASSES, PUBLIC_ECONOMIC_CLASSES, type Catalog } from "../catalog/catalog.js";
import { addFen } from "../money/fen.js";
import type { Table, TableContext, TableRow, YearView } from "./table.js";

function columnCodes(catalog: Catalog, classes: readonly string[]): string[] {
  const codes: string[] = [];
  for (const cls of classes) {
    codes.push(cls);
    const sections = [...catalog.economic.keys()].filter((code) => code.length === 5 && code.startsWith(cls)).sort();
    codes.push(...sections);
  }
  return codes;
}

/**
 * The printed order of Table 6's economic codes: the two columns interleaved
 * row by row, then the rest of the longer column.
 *
 * @param catalog - the catalog
 * @returns codes in printed order
 */
export function basicEconomicLayout(catalog: Catalog): string[] {
  const left = columnCodes(catalog, PERSONNEL_ECONOMIC_CLASSES);
  const right = columnCodes(catalog, PUBLIC_ECONOMIC_CLASSES);
  const order: string[] = [];
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const l = left[index];
    const r = right[index];
    if (l !== undefined) order.push(l);
    if (r !== undefined) order.push(r);
  }
  return order;
}

/**
 * Builds Table 6 of a year.
 *
 * @param view - the year's aggregate and shared sums
 * @param context - catalog and units
 * @returns the table, exact in fen
 */
export function generalBudgetBasic(view: YearView, context: TableContext): Table {
  const byCode = new Map<string, number>();
  for (const cell of view.aggregate.expenditures.values()) {
    if (cell.fund !== "generalPublicBudget" || cell.category !== "basic") continue;
    for (const code of [cell.economic.slice(0, 3), cell.economic]) byCode.set(code, addFen(byCode.get(code) ?? 0, cell.amountFen));
  }
  const sumClasses = (classes: readonly string[]): number => classes.reduce((total, cls) => addFen(total, byCode.get(cls) ?? 0), 0);
  const rows: TableRow[] = basicEconomicLayout(context.catalog).map((code) => ({
    line: null,
    code,
    label: context.catalog.economic.get(code) ?? code,
    cells: { "1": byCode.get(code) ?? 0 },
  }));
  rows.push({ line: null, code: null, label: "人员经费合计", cells: { "1": sumClasses(PERSONNEL_ECONOMIC_CLASSES) } });
  rows.push({ line: null, code: null, label: "公用经费合计", cells: { "1": sumClasses(PUBLIC_ECONOMIC_CLASSES) } });
  return { id: "T6", title: "一般公共预算财政拨款基本支出决算表", columns: { "1": "金额" }, rows };
}
