/**
 * Table 10, 非税收入征缴情况表: non-tax revenue collected, by line, budget-managed
 * and special-account-managed. Every line prints; a parent line is the sum of
 * its children.
 *
 * @module
 */
import { addAt, cellsOf, type Table, type TableContext, type Vector, type YearView } from "./table.js";

const WIDTH = 3;

/**
 * Builds Table 10 of a year.
 *
 * @param view - the year's aggregate and shared sums
 * @param context - catalog and units
 * @returns the table, exact in fen
 */
export function nonTaxTable(view: YearView, context: TableContext): Table {
  const lines = context.catalog.nonTaxLines;
  const byLine = new Map<string, Vector>(lines.map((line) => [line.id, new Array<number>(WIDTH).fill(0)]));
  const total = new Array<number>(WIDTH).fill(0);
  const parentOf = new Map(lines.map((line) => [line.id, line.parent]));
  for (const cell of view.aggregate.nonTax.values()) {
    const column = cell.management === "budget" ? 1 : 2;
    const targets: Vector[] = [total];
    for (let id: string | null | undefined = cell.line; id !== null && id !== undefined; id = parentOf.get(id)) {
      const vector = byLine.get(id);
      if (vector !== undefined) targets.push(vector);
    }
    for (const target of targets) {
      addAt(target, 0, cell.amountFen);
      addAt(target, column, cell.amountFen);
    }
  }
  return {
    id: "T10",
    title: "非税收入征缴情况表",
    columns: { "1": "合计", "2": "纳入预算管理", "3": "纳入财政专户管理" },
    rows: [
      { line: null, code: null, label: "合计", cells: cellsOf(total) },
      ...lines.map((line) => ({ line: null, code: null, label: line.label, cells: cellsOf(byLine.get(line.id) ?? []) })),
    ],
  };
}
