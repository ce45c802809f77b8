/**
 * Table 7, 一般公共预算财政拨款“三公”经费支出决算表: the full-year budget and
 * the actual general-public-budget spending (basic and project) on overseas
 * visits, official vehicles (purchase and operation) and official
 * receptions — derived from the economic codes 30212, 31013, 30231 and
 * 30217, never tagged.
 *
 * @module
 */
import { THREE_PUBLIC_ECONOMIC } from "../catalog/catalog.js";
import { addFen } from "../money/fen.js";
import type { Table, TableContext, YearView } from "./table.js";

/** 三公 amounts by item. */
export interface ThreePublicAmounts {
  readonly overseasFen: number;
  readonly vehiclePurchaseFen: number;
  readonly vehicleOperationFen: number;
  readonly receptionFen: number;
}

function emptyAmounts(): { -readonly [K in keyof ThreePublicAmounts]: number } {
  return { overseasFen: 0, vehiclePurchaseFen: 0, vehicleOperationFen: 0, receptionFen: 0 };
}

function addByEconomic(target: ReturnType<typeof emptyAmounts>, economic: string | null, amountFen: number): void {
  switch (economic) {
    case THREE_PUBLIC_ECONOMIC.overseas:
      target.overseasFen = addFen(target.overseasFen, amountFen);
      return;
    case THREE_PUBLIC_ECONOMIC.vehiclePurchase:
      target.vehiclePurchaseFen = addFen(target.vehiclePurchaseFen, amountFen);
      return;
    case THREE_PUBLIC_ECONOMIC.vehicleOperation:
      target.vehicleOperationFen = addFen(target.vehicleOperationFen, amountFen);
      return;
    case THREE_PUBLIC_ECONOMIC.reception:
      target.receptionFen = addFen(target.receptionFen, amountFen);
      return;
    default:
      return;
  }
}

/**
 * 三公 budget (all stages of general-public-budget appropriations) and actual
 * (general-public-budget basic and project spending) of a year.
 *
 * @param view - the year
 * @returns budget and actual by item
 */
export function threePublic(view: YearView): { readonly budget: ThreePublicAmounts; readonly actual: ThreePublicAmounts } {
  const budget = emptyAmounts();
  const actual = emptyAmounts();
  for (const cell of view.aggregate.appropriations.values()) {
    if (cell.fund === "generalPublicBudget") addByEconomic(budget, cell.economic, cell.amountFen);
  }
  for (const cell of view.aggregate.expenditures.values()) {
    if (cell.fund === "generalPublicBudget" && (cell.category === "basic" || cell.category === "project")) {
      addByEconomic(actual, cell.economic, cell.amountFen);
    }
  }
  return { budget, actual };
}

function sixColumns(amounts: ThreePublicAmounts): number[] {
  const vehicles = addFen(amounts.vehiclePurchaseFen, amounts.vehicleOperationFen);
  const total = addFen(addFen(amounts.overseasFen, vehicles), amounts.receptionFen);
  return [total, amounts.overseasFen, vehicles, amounts.vehiclePurchaseFen, amounts.vehicleOperationFen, amounts.receptionFen];
}

/**
 * Builds Table 7 of a year.
 *
 * @param view - the year's aggregate and shared sums
 * @param _context - unused: the table depends on the year alone
 * @returns the table, exact in fen
 */
export function threePublicTable(view: YearView, _context: TableContext): Table {
  const { budget, actual } = threePublic(view);
  const cells: Record<string, number> = {};
  [...sixColumns(budget), ...sixColumns(actual)].forEach((amount, index) => {
    cells[String(index + 1)] = amount;
  });
  return {
    id: "T7",
    title: "一般公共预算财政拨款“三公”经费支出决算表",
    columns: {
      "1": "预算数·合计", "2": "预算数·因公出国（境）费", "3": "预算数·公务用车购置及运行费·小计",
      "4": "预算数·公务用车购置费", "5": "预算数·公务用车运行费", "6": "预算数·公务接待费",
      "7": "决算数·合计", "8": "决算数·因公出国（境）费", "9": "决算数·公务用车购置及运行费·小计",
      "10": "决算数·公务用车购置费", "11": "决算数·公务用车运行费", "12": "决算数·公务接待费",
    },
    rows: [{ line: null, code: null, label: "“三公”经费", cells }],
  };
}
