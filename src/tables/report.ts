/**
 * The ten tables of a year, and the report that carries them.
 *
 * @module
 */
import { emptyAggregate, type Aggregate, type YearAggregate } from "../projections/aggregate.js";
import { yearOf } from "../projections/aggregate.js";
import { yearSums } from "./sums.js";
import { incomeExpenditureSummary } from "./t1IncomeExpenditureSummary.js";
import { incomeByFunction } from "./t2Income.js";
import { expenditureByFunction } from "./t3Expenditure.js";
import { fiscalSummary } from "./t4FiscalSummary.js";
import { generalBudgetExpenditure } from "./t5GeneralBudgetExpenditure.js";
import { generalBudgetBasic } from "./t6GeneralBudgetBasic.js";
import { threePublicTable } from "./t7ThreePublic.js";
import { governmentFundTable } from "./t8GovernmentFund.js";
import { stateCapitalTable } from "./t9StateCapital.js";
import { nonTaxTable } from "./t10NonTax.js";
import type { Table, TableContext, TableId, YearView } from "./table.js";
import type { Catalog } from "../catalog/catalog.js";

/** A table builder: a pure function of a year's view and the context. */
export type TableBuilder = (view: YearView, context: TableContext) => Table;

/** The builders of the ten tables, by id. */
export const TABLE_BUILDERS: Readonly<Record<TableId, TableBuilder>> = {
  T1: incomeExpenditureSummary,
  T2: incomeByFunction,
  T3: expenditureByFunction,
  T4: fiscalSummary,
  T5: generalBudgetExpenditure,
  T6: generalBudgetBasic,
  T7: threePublicTable,
  T8: governmentFundTable,
  T9: stateCapitalTable,
  T10: nonTaxTable,
};

/** The ten tables of one department and year, exact in fen. */
export interface Report {
  /** The department's name. */
  readonly department: string;
  /** The year. */
  readonly year: number;
  /** The ten tables. */
  readonly tables: readonly Table[];
}

/**
 * A year's view: its aggregate and the sums the tables share.
 *
 * @param aggregate - a year's aggregate
 * @param catalog - the catalog
 * @returns the view
 */
export function yearView(aggregate: YearAggregate, catalog: Catalog): YearView {
  return { aggregate, sums: yearSums(aggregate, catalog) };
}

/**
 * Builds the ten tables (or the chosen ones) of a year from an aggregate.
 *
 * @param aggregate - the aggregate of the ledger's events
 * @param year - the year
 * @param catalog - codes and layouts
 * @param ids - which tables; all ten when omitted
 * @returns the tables in order
 */
export function buildTables(aggregate: Aggregate, year: number, catalog: Catalog, ids?: readonly TableId[]): Table[] {
  const yearAggregate = aggregate.years.get(year) ?? yearOf(emptyAggregate(), year);
  const view = yearView(yearAggregate, catalog);
  const context: TableContext = { catalog, units: aggregate.units };
  const chosen = ids ?? (Object.keys(TABLE_BUILDERS) as TableId[]);
  return chosen.map((id) => TABLE_BUILDERS[id](view, context));
}

/**
 * The name a report prints for its department: the unit registered without a parent.
 *
 * @param aggregate - an aggregate
 * @returns the top unit's name, or an empty string
 */
export function departmentName(aggregate: Aggregate): string {
  const tops = [...aggregate.units.values()].filter((unit) => unit.parent === null).sort((a, b) => (a.id < b.id ? -1 : 1));
  return tops[0]?.name ?? "";
}
