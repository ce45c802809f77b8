/**
 * The figures of a report's explanations (part 3, 情况说明) and of its
 * performance part (part 4, 预算绩效管理情况), exact, from the aggregate of the
 * events: year-over-year changes against the previous year's projection,
 * execution against budgets, shares of a whole, counts and holdings.
 *
 * Every amount is exact fen; every rate is computed from exact fen with
 * decimal.js and rounded half up once, at the precision the report prints
 * ({@link RATE_DECIMALS}); a rate whose base is zero is null (the report's
 * "--", 不可比), never zero and never infinity.
 *
 * @module
 */
import { PUBLIC_ECONOMIC_CLASSES, type Catalog } from "../catalog/catalog.js";
import { CATEGORIES, FISCAL_FUNDS, FUNDS, runsAsGovernmentOffice, type Category, type Fund } from "../catalog/dimensions.js";
import { VEHICLE_PURPOSES, type VehiclePurpose } from "../events/types.js";
import { addFen, subtractFen } from "../money/fen.js";
import type { Aggregate, UnitInfo, YearAggregate } from "../projections/aggregate.js";
import { derivedFigures } from "../tables/derived.js";
import { departmentName, yearView } from "../tables/report.js";
import { sumFunds } from "../tables/sums.js";
import type { ThreePublicAmounts } from "../tables/t7ThreePublic.js";
import { printedPercent } from "./percent.js";
import { selfEvaluationTables, type SelfEvaluationTable } from "./performance.js";
import { holdsYear, readYear, type NarrativeSource } from "./source.js";

/**
 * The decimals the report prints for each kind of rate (it drops trailing
 * zeros: "98%", "100%").
 */
export const RATE_DECIMALS = {
  /** Growth on the previous year (增长 7.2%). */
  growth: 1,
  /** Spending against the 年初预算 (比年初预算数增加 … 增长 8.8%). */
  againstInitialBudget: 1,
  /** 三公 spending against its budget (完成预算 … 的 91.34%). */
  threePublicCompletion: 2,
  /** A 三公 item's share of the 三公 total (占 80.6%). */
  threePublicShare: 1,
  /** 机关运行经费 against its 年初预算 (增长 10.08%). */
  officeRunningAgainstBudget: 2,
  /** Procurement awarded to small and medium enterprises (占 34.6%). */
  procurementShare: 1,
  /** A non-tax line's share of the total (占 100%). */
  nonTaxShare: 1,
  /** Self-evaluated funds' share of project spending (占 100%). */
  evaluatedShare: 1,
  /** The department's budget completion (完成预算的 99.9%). */
  departmentCompletion: 1,
  /** A project's budget completion (预算完成率 99.27%). */
  projectCompletion: 2,
} as const;

/**
 * The first year whose final-accounts template reports each fund, where it is
 * later than any ledger: 国有资本经营预算财政拨款 entered the 部门决算 template
 * in 2020 (因部门决算编报口径调整，本年新增此项收入纳入决算编报范围), so a 2020
 * change on 2019 is not comparable (null) even when the ledger holds 2019.
 */
export const FUND_REPORTED_FROM: Readonly<Partial<Record<Fund, number>>> = { stateCapital: 2020 };

/** Unit prices at or above which the report counts equipment (单价 50 万元以上通用设备, 100 万元以上专用设备), fen. */
export const EQUIPMENT_PRICE_THRESHOLD_FEN = { general: 50_000_000, special: 100_000_000 } as const;

/** The three fiscal funds (财政拨款). */
export type FiscalFund = "generalPublicBudget" | "governmentFund" | "stateCapital";

/** A figure of the year against the previous year's. */
export interface Comparison {
  /** The year's figure, fen. */
  readonly currentFen: number;
  /** The previous year's, fen; null when not comparable (the ledger lacks the year, or the template the line). */
  readonly priorFen: number | null;
  /** current − prior, fen; null when not comparable. */
  readonly changeFen: number | null;
  /** change / prior in percent at {@link RATE_DECIMALS.growth}; null when not comparable or the prior is zero. */
  readonly rate: string | null;
}

/** A figure against a budget. */
export interface Execution {
  /** What was spent, fen. */
  readonly actualFen: number;
  /** The budget, fen. */
  readonly budgetFen: number;
  /** actual / budget in percent; null when the budget is zero. */
  readonly completion: string | null;
}

/** Spending against its 年初预算: the difference and its rate. */
export interface AgainstBudget {
  /** What was spent, fen. */
  readonly currentFen: number;
  /** The 年初预算, fen. */
  readonly budgetFen: number;
  /** current − budget, fen. */
  readonly changeFen: number;
  /** change / budget in percent; null when the budget is zero. */
  readonly rate: string | null;
}

/** A 三公 item: execution, and its share of the 三公 total where the report prints one. */
export interface ThreePublicItem extends Execution {
  /** actual / the 三公 total in percent; null when the total is zero. */
  readonly share: string | null;
}

/** The counts the 三公 explanation prints. */
export interface ThreePublicCounts {
  readonly overseasGroups: number;
  readonly overseasPersons: number;
  readonly vehiclesPurchased: number;
  readonly vehiclesHeld: number;
  readonly foreignDelegations: number;
  readonly foreignVisitors: number;
  readonly domesticReceptions: number;
  readonly domesticVisitors: number;
}

/** The narrative figures of one year, exact. */
export interface Narrative {
  /** The department (the unit registered without a parent). */
  readonly department: string;
  /** The year. */
  readonly year: number;
  /** Units registered by the year, in registration order, the department's own office first. */
  readonly units: readonly UnitInfo[];
  /** 年度收入: 总收入 (Table 1's 总计), 本年收入, and each source against the previous year. */
  readonly income: { readonly totalFen: number; readonly currentYearFen: number; readonly byFund: Readonly<Record<Fund, Comparison>> };
  /** 年度支出: 总支出, 本年支出, and each category against the previous year. */
  readonly expenditure: { readonly totalFen: number; readonly currentYearFen: number; readonly byCategory: Readonly<Record<Category, Comparison>> };
  /** 财政拨款: receipts and spending of the fiscal funds; each fund's spending against its 年初预算. */
  readonly fiscal: {
    readonly incomeFen: number;
    readonly expenditureFen: number;
    readonly spendingAgainstBudget: Readonly<Record<FiscalFund, AgainstBudget>>;
  };
  /** 三公经费 against the full-year budget, item by item, with shares and counts. */
  readonly threePublic: {
    readonly total: Execution;
    readonly overseas: ThreePublicItem;
    readonly vehicles: ThreePublicItem;
    readonly vehiclePurchase: Execution;
    readonly vehicleOperation: Execution;
    readonly reception: ThreePublicItem;
    readonly counts: ThreePublicCounts;
  };
  /** 机关运行经费 against its 年初预算. */
  readonly officeRunning: { readonly actualFen: number; readonly budgetFen: number; readonly changeFen: number; readonly rate: string | null };
  /** 政府采购. */
  readonly procurement: {
    readonly totalFen: number;
    readonly goodsFen: number;
    readonly worksFen: number;
    readonly servicesFen: number;
    /** Awarded to small and medium enterprises (medium, small and micro suppliers). */
    readonly smeFen: number;
    readonly smeShare: string | null;
    /** Awarded to small and micro enterprises. */
    readonly smallMicroFen: number;
    readonly smallMicroShare: string | null;
  };
  /** 国有资产占用情况 at the year's end. */
  readonly assets: {
    readonly vehicles: number;
    readonly vehiclesByPurpose: Readonly<Record<VehiclePurpose, number>>;
    readonly generalEquipmentOverThreshold: number;
    readonly specialEquipmentOverThreshold: number;
  };
  /** 非税收入: totals and each line of Table 10 with its share of the total. */
  readonly nonTax: {
    readonly totalFen: number;
    readonly budgetManagedFen: number;
    readonly specialAccountFen: number;
    /** Each line's total and share, by line id (parents sum their children). */
    readonly byLine: ReadonlyMap<string, { readonly amountFen: number; readonly share: string | null }>;
  };
  /** 预算绩效管理. */
  readonly performance: {
    readonly selfEvaluated: { readonly projects: number; readonly fundsFen: number; readonly shareOfProjectSpending: string | null };
    readonly keyEvaluations: { readonly projects: number; readonly fundsFen: number };
    readonly department: { readonly budgetFen: number; readonly executedFen: number; readonly completion: string | null };
    /** The published self-evaluation tables (projects with a recorded goal), by project id. */
    readonly projects: readonly SelfEvaluationTable[];
  };
}

/** Exact figures of one year that a comparison needs. */
interface YearTotals {
  readonly receiptsByFund: Readonly<Record<Fund, number>>;
  readonly spentByCategory: Readonly<Record<Category, number>>;
}

function yearTotals(year: YearAggregate): YearTotals {
  const receiptsByFund = Object.fromEntries(FUNDS.map((fund) => [fund, 0])) as Record<Fund, number>;
  const spentByCategory = Object.fromEntries(CATEGORIES.map((category) => [category, 0])) as Record<Category, number>;
  for (const cell of year.receipts) receiptsByFund[cell.source] = addFen(receiptsByFund[cell.source], cell.amountFen);
  for (const cell of year.expenditures) spentByCategory[cell.category] = addFen(spentByCategory[cell.category], cell.amountFen);
  return { receiptsByFund, spentByCategory };
}

/**
 * A figure against the previous year's.
 *
 * @param currentFen - this year's figure
 * @param priorFen - the previous year's, or null when not comparable
 * @returns the comparison; the rate is null when the prior is null or zero
 */
export function compareWithPrior(currentFen: number, priorFen: number | null): Comparison {
  if (priorFen === null) return { currentFen, priorFen: null, changeFen: null, rate: null };
  const changeFen = subtractFen(currentFen, priorFen);
  return { currentFen, priorFen, changeFen, rate: printedPercent(changeFen, priorFen, RATE_DECIMALS.growth) };
}

/**
 * Spending against a budget.
 *
 * @param actualFen - what was spent
 * @param budgetFen - the budget
 * @param decimals - the printed precision of the completion
 * @returns the execution; the completion is null when the budget is zero
 */
export function execution(actualFen: number, budgetFen: number, decimals: number): Execution {
  return { actualFen, budgetFen, completion: printedPercent(actualFen, budgetFen, decimals) };
}

function threePublicItem(actualFen: number, budgetFen: number, totalActualFen: number): ThreePublicItem {
  return {
    ...execution(actualFen, budgetFen, RATE_DECIMALS.threePublicCompletion),
    share: printedPercent(actualFen, totalActualFen, RATE_DECIMALS.threePublicShare),
  };
}

function threePublicTotal(amounts: ThreePublicAmounts): number {
  return addFen(addFen(amounts.overseasFen, addFen(amounts.vehiclePurchaseFen, amounts.vehicleOperationFen)), amounts.receptionFen);
}

/** The 年初预算 of general-public-budget basic spending on public-expense economic codes by administrative and civil-service-managed units. */
function officeRunningBudget(year: YearAggregate, units: ReadonlyMap<string, UnitInfo>): number {
  let budgetFen = 0;
  for (const cell of year.appropriations) {
    if (cell.fund !== "generalPublicBudget" || cell.category !== "basic" || cell.stage !== "initial" || cell.economic === null) continue;
    if (!PUBLIC_ECONOMIC_CLASSES.includes(cell.economic.slice(0, 3))) continue;
    const kind = units.get(cell.unit)?.kind;
    if (kind !== undefined && runsAsGovernmentOffice(kind)) budgetFen = addFen(budgetFen, cell.amountFen);
  }
  return budgetFen;
}

function nonTaxLines(year: YearAggregate, catalog: Catalog): { totalFen: number; budgetFen: number; specialFen: number; byLine: Map<string, number> } {
  const parentOf = new Map(catalog.nonTaxLines.map((line) => [line.id, line.parent]));
  const byLine = new Map<string, number>(catalog.nonTaxLines.map((line) => [line.id, 0]));
  let totalFen = 0;
  let budgetFen = 0;
  let specialFen = 0;
  for (const cell of year.nonTax) {
    totalFen = addFen(totalFen, cell.amountFen);
    if (cell.management === "budget") budgetFen = addFen(budgetFen, cell.amountFen);
    else specialFen = addFen(specialFen, cell.amountFen);
    // A line's parents sum it; the chain is as deep as the catalog's lines, each visited once.
    let steps = 0;
    for (let id: string | null | undefined = cell.line; id !== null && id !== undefined && steps <= catalog.nonTaxLines.length; id = parentOf.get(id), steps++) {
      byLine.set(id, addFen(byLine.get(id) ?? 0, cell.amountFen));
    }
  }
  return { totalFen, budgetFen, specialFen, byLine };
}

/** Projects evaluated (count positive) of a kind. */
function evaluatedProjects(year: YearAggregate, evaluation: "self" | "key"): Set<string> {
  const counts = new Map<string, number>();
  for (const cell of year.evaluations) {
    if (cell.evaluation === evaluation) counts.set(cell.project, (counts.get(cell.project) ?? 0) + cell.count);
  }
  return new Set([...counts].filter(([, count]) => count > 0).map(([project]) => project));
}

/** General-public-budget spending by project (project spending named by a project). */
function generalBudgetSpendingByProject(year: YearAggregate): Map<string, number> {
  const byProject = new Map<string, number>();
  for (const cell of year.expenditures) {
    if (cell.fund !== "generalPublicBudget" || cell.project === null) continue;
    byProject.set(cell.project, addFen(byProject.get(cell.project) ?? 0, cell.amountFen));
  }
  return byProject;
}

function sumOver(projects: Iterable<string>, byProject: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const project of projects) total = addFen(total, byProject.get(project) ?? 0);
  return total;
}

/** Units registered by the year, in the order they were registered, units without a parent first. */
function unitsByYear(aggregate: Aggregate, year: number): UnitInfo[] {
  const registered = [...aggregate.units.values()].filter((unit) => unit.year <= year);
  return [...registered.filter((unit) => unit.parent === null), ...registered.filter((unit) => unit.parent !== null)];
}

/**
 * The narrative figures of a year, exact.
 *
 * @param source - a ledger, a projector, or an aggregate with its catalog
 * @param year - the year
 * @returns the figures; the previous year is read from the same source
 *
 * @example
 * ```ts
 * const narrative = narrativeOf(ledger, 2020);
 * narrative.income.byFund.institutional.rate; // "4.8"
 * ```
 */
export function narrativeOf(source: NarrativeSource, year: number): Narrative {
  const aggregate = source.aggregate();
  const catalog = source.catalog;
  const current = readYear(aggregate, year);
  const view = yearView(current, catalog);
  const { sums } = view;
  const totals = yearTotals(current);
  const prior = holdsYear(aggregate, year - 1) ? yearTotals(readYear(aggregate, year - 1)) : null;
  const comparable = (fund: Fund): boolean => prior !== null && (FUND_REPORTED_FROM[fund] ?? -Infinity) <= year - 1;

  const currentIncome = sumFunds(sums.receiptsByFund);
  const opening = sumFunds(sums.openingByFund);
  const currentSpending = sumFunds(sums.spentByFund);
  const closing = sumFunds(sums.closingByFund);
  const byFund = Object.fromEntries(
    FUNDS.map((fund) => [fund, compareWithPrior(totals.receiptsByFund[fund], comparable(fund) && prior !== null ? prior.receiptsByFund[fund] : null)]),
  ) as Record<Fund, Comparison>;
  const byCategory = Object.fromEntries(
    CATEGORIES.map((category) => [category, compareWithPrior(totals.spentByCategory[category], prior === null ? null : prior.spentByCategory[category])]),
  ) as Record<Category, Comparison>;

  const initialByFund = new Map<Fund, number>();
  let fullYearBudgetFen = 0;
  for (const cell of current.appropriations) {
    fullYearBudgetFen = addFen(fullYearBudgetFen, cell.amountFen);
    if (cell.stage === "initial") initialByFund.set(cell.fund, addFen(initialByFund.get(cell.fund) ?? 0, cell.amountFen));
  }
  const againstInitial = (fund: Fund): AgainstBudget => {
    const currentFen = sums.spentByFund[fund];
    const budgetFen = initialByFund.get(fund) ?? 0;
    const changeFen = subtractFen(currentFen, budgetFen);
    return { currentFen, budgetFen, changeFen, rate: printedPercent(changeFen, budgetFen, RATE_DECIMALS.againstInitialBudget) };
  };

  const derived = derivedFigures(view, { catalog, units: aggregate.units });
  const { budget, actual } = derived.threePublic;
  const actualTotal = threePublicTotal(actual);
  const officeBudget = officeRunningBudget(current, aggregate.units);

  const counts = { overseasGroups: 0, overseasPersons: 0, vehiclesPurchased: 0, vehiclesHeld: 0, foreignDelegations: 0, foreignVisitors: 0, domesticReceptions: 0, domesticVisitors: 0 };
  const vehiclesByPurpose = Object.fromEntries(VEHICLE_PURPOSES.map((purpose) => [purpose, 0])) as Record<VehiclePurpose, number>;
  for (const cell of current.overseas) {
    counts.overseasGroups = addFen(counts.overseasGroups, cell.groups);
    counts.overseasPersons = addFen(counts.overseasPersons, cell.persons);
  }
  for (const cell of current.vehicles) {
    counts.vehiclesPurchased = addFen(counts.vehiclesPurchased, cell.purchased);
    counts.vehiclesHeld = addFen(counts.vehiclesHeld, cell.held);
    vehiclesByPurpose[cell.purpose] = addFen(vehiclesByPurpose[cell.purpose], cell.held);
  }
  for (const cell of current.receptions) {
    if (cell.guests === "domestic") {
      counts.domesticReceptions = addFen(counts.domesticReceptions, cell.receptions);
      counts.domesticVisitors = addFen(counts.domesticVisitors, cell.visitors);
    } else {
      counts.foreignDelegations = addFen(counts.foreignDelegations, cell.receptions);
      counts.foreignVisitors = addFen(counts.foreignVisitors, cell.visitors);
    }
  }
  let generalEquipmentOverThreshold = 0;
  let specialEquipmentOverThreshold = 0;
  for (const cell of current.equipment) {
    if (cell.unitPriceFen < EQUIPMENT_PRICE_THRESHOLD_FEN[cell.equipment]) continue;
    if (cell.equipment === "general") generalEquipmentOverThreshold = addFen(generalEquipmentOverThreshold, cell.count);
    else specialEquipmentOverThreshold = addFen(specialEquipmentOverThreshold, cell.count);
  }

  const procurementBy = { goods: 0, works: 0, services: 0 };
  let smeFen = 0;
  let smallMicroFen = 0;
  for (const cell of current.procurement) {
    procurementBy[cell.procurement] = addFen(procurementBy[cell.procurement], cell.amountFen);
    if (cell.supplierSize !== "large") smeFen = addFen(smeFen, cell.amountFen);
    if (cell.supplierSize === "small" || cell.supplierSize === "micro") smallMicroFen = addFen(smallMicroFen, cell.amountFen);
  }
  const procurementTotal = addFen(addFen(procurementBy.goods, procurementBy.works), procurementBy.services);

  const nonTax = nonTaxLines(current, catalog);
  const nonTaxByLine = new Map(
    [...nonTax.byLine].map(([id, amountFen]) => [id, { amountFen, share: printedPercent(amountFen, nonTax.totalFen, RATE_DECIMALS.nonTaxShare) }] as const),
  );

  const spendingByProject = generalBudgetSpendingByProject(current);
  let generalBudgetProjectFen = 0;
  for (const cell of current.expenditures) {
    if (cell.fund === "generalPublicBudget" && cell.category === "project") generalBudgetProjectFen = addFen(generalBudgetProjectFen, cell.amountFen);
  }
  const selfEvaluated = evaluatedProjects(current, "self");
  const keyEvaluated = evaluatedProjects(current, "key");
  const selfFundsFen = sumOver(selfEvaluated, spendingByProject);

  return {
    department: departmentName(aggregate),
    year,
    units: unitsByYear(aggregate, year),
    income: { totalFen: addFen(addFen(currentIncome, sums.usedFen), opening), currentYearFen: currentIncome, byFund },
    expenditure: { totalFen: addFen(addFen(currentSpending, sums.distributedFen), closing), currentYearFen: currentSpending, byCategory },
    fiscal: {
      incomeFen: sumFunds(sums.receiptsByFund, FISCAL_FUNDS),
      expenditureFen: sumFunds(sums.spentByFund, FISCAL_FUNDS),
      spendingAgainstBudget: {
        generalPublicBudget: againstInitial("generalPublicBudget"),
        governmentFund: againstInitial("governmentFund"),
        stateCapital: againstInitial("stateCapital"),
      },
    },
    threePublic: {
      total: execution(actualTotal, threePublicTotal(budget), RATE_DECIMALS.threePublicCompletion),
      overseas: threePublicItem(actual.overseasFen, budget.overseasFen, actualTotal),
      vehicles: threePublicItem(
        addFen(actual.vehiclePurchaseFen, actual.vehicleOperationFen),
        addFen(budget.vehiclePurchaseFen, budget.vehicleOperationFen),
        actualTotal,
      ),
      vehiclePurchase: execution(actual.vehiclePurchaseFen, budget.vehiclePurchaseFen, RATE_DECIMALS.threePublicCompletion),
      vehicleOperation: execution(actual.vehicleOperationFen, budget.vehicleOperationFen, RATE_DECIMALS.threePublicCompletion),
      reception: threePublicItem(actual.receptionFen, budget.receptionFen, actualTotal),
      counts,
    },
    officeRunning: {
      actualFen: derived.officeRunningFen,
      budgetFen: officeBudget,
      changeFen: subtractFen(derived.officeRunningFen, officeBudget),
      rate: printedPercent(subtractFen(derived.officeRunningFen, officeBudget), officeBudget, RATE_DECIMALS.officeRunningAgainstBudget),
    },
    procurement: {
      totalFen: procurementTotal,
      goodsFen: procurementBy.goods,
      worksFen: procurementBy.works,
      servicesFen: procurementBy.services,
      smeFen,
      smeShare: printedPercent(smeFen, procurementTotal, RATE_DECIMALS.procurementShare),
      smallMicroFen,
      smallMicroShare: printedPercent(smallMicroFen, procurementTotal, RATE_DECIMALS.procurementShare),
    },
    assets: { vehicles: counts.vehiclesHeld, vehiclesByPurpose, generalEquipmentOverThreshold, specialEquipmentOverThreshold },
    nonTax: { totalFen: nonTax.totalFen, budgetManagedFen: nonTax.budgetFen, specialAccountFen: nonTax.specialFen, byLine: nonTaxByLine },
    performance: {
      selfEvaluated: {
        projects: selfEvaluated.size,
        fundsFen: selfFundsFen,
        shareOfProjectSpending: printedPercent(selfFundsFen, generalBudgetProjectFen, RATE_DECIMALS.evaluatedShare),
      },
      keyEvaluations: { projects: keyEvaluated.size, fundsFen: sumOver(keyEvaluated, spendingByProject) },
      department: {
        budgetFen: fullYearBudgetFen,
        executedFen: currentSpending,
        completion: printedPercent(currentSpending, fullYearBudgetFen, RATE_DECIMALS.departmentCompletion),
      },
      projects: selfEvaluationTables(source, year),
    },
  };
}
