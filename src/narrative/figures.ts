/**
 * The narrative figures as published data: `{department, year, unit,
 * figures}`, the shape of `golden/guangzhou-cac-2020.narrative.json` —
 * amounts in 万元 as two-decimal strings, rates in percent as the report
 * prints them, counts as integers, null where the report prints "--".
 *
 * @module
 */
import { FUNDS, CATEGORIES } from "../catalog/dimensions.js";
import { fenToWan } from "../money/decimal.js";
import { narrativeOf, type AgainstBudget, type Comparison, type Execution, type Narrative, type ThreePublicItem } from "./narrative.js";
import type { NarrativeSource } from "./source.js";

/** A field of a figure: an amount or rate as printed, a count, or null ("--"). */
export type FigureField = string | number | null;

/** A figure: a single printed amount, or a record of printed fields. */
export type FigureValue = string | Readonly<Record<string, FigureField>>;

/** The narrative of a year as published data. */
export interface NarrativeReport {
  /** The department's name. */
  readonly department: string;
  /** The year. */
  readonly year: number;
  /** Always 万元. */
  readonly unit: "万元";
  /** The figures, keyed as the golden file keys them (e.g. `income.institutional`). */
  readonly figures: Readonly<Record<string, FigureValue>>;
}

/** The key prefix of a project's self-evaluation figures: `performance.project.<project>`. */
export const PROJECT_FIGURE_PREFIX = "performance.project.";

const wan = fenToWan;
const wanOrNull = (amountFen: number | null): string | null => (amountFen === null ? null : fenToWan(amountFen));

function comparison(c: Comparison): Record<string, FigureField> {
  return { current: wan(c.currentFen), change: wanOrNull(c.changeFen), rate: c.rate };
}

function againstBudget(a: AgainstBudget): Record<string, FigureField> {
  return { current: wan(a.currentFen), budget: wan(a.budgetFen), change: wan(a.changeFen), rate: a.rate };
}

function executionFields(e: Execution): Record<string, FigureField> {
  return { actual: wan(e.actualFen), budget: wan(e.budgetFen), completion: e.completion };
}

function itemFields(item: ThreePublicItem): Record<string, FigureField> {
  return { ...executionFields(item), share: item.share };
}

/**
 * The published figures of an exact narrative.
 *
 * @param narrative - the exact figures of a year
 * @returns the figures as published data
 */
export function figuresOf(narrative: Narrative): NarrativeReport {
  const n = narrative;
  const figures: Record<string, FigureValue> = {};
  figures["income.total"] = wan(n.income.totalFen);
  figures["income.currentYear"] = wan(n.income.currentYearFen);
  for (const fund of FUNDS) figures[`income.${fund}`] = comparison(n.income.byFund[fund]);
  figures["expenditure.total"] = wan(n.expenditure.totalFen);
  figures["expenditure.currentYear"] = wan(n.expenditure.currentYearFen);
  for (const category of CATEGORIES) figures[`expenditure.${category}`] = comparison(n.expenditure.byCategory[category]);
  figures["fiscal.income"] = wan(n.fiscal.incomeFen);
  figures["fiscal.expenditure.generalPublicBudget"] = againstBudget(n.fiscal.spendingAgainstBudget.generalPublicBudget);
  const t = n.threePublic;
  figures["threePublic.total"] = executionFields(t.total);
  figures["threePublic.overseas"] = itemFields(t.overseas);
  figures["threePublic.vehicles"] = itemFields(t.vehicles);
  figures["threePublic.vehiclePurchase"] = executionFields(t.vehiclePurchase);
  figures["threePublic.vehicleOperation"] = executionFields(t.vehicleOperation);
  figures["threePublic.reception"] = itemFields(t.reception);
  figures["threePublic.counts"] = { ...t.counts };
  figures["adminOperating"] = {
    actual: wan(n.officeRunning.actualFen),
    budget: wan(n.officeRunning.budgetFen),
    change: wan(n.officeRunning.changeFen),
    rate: n.officeRunning.rate,
  };
  const p = n.procurement;
  figures["procurement"] = {
    total: wan(p.totalFen), goods: wan(p.goodsFen), works: wan(p.worksFen), services: wan(p.servicesFen),
    sme: wan(p.smeFen), smeShare: p.smeShare, smallMicro: wan(p.smallMicroFen), smallMicroShare: p.smallMicroShare,
  };
  figures["assets"] = {
    vehicles: n.assets.vehicles,
    confidentialCommunicationVehicles: n.assets.vehiclesByPurpose.confidentialCommunication,
    emergencyVehicles: n.assets.vehiclesByPurpose.emergency,
    generalEquipmentOver500k: n.assets.generalEquipmentOverThreshold,
    specialEquipmentOver1m: n.assets.specialEquipmentOverThreshold,
  };
  const line = (id: string): { readonly amountFen: number; readonly share: string | null } => n.nonTax.byLine.get(id) ?? { amountFen: 0, share: null };
  figures["nonTax"] = {
    total: wan(n.nonTax.totalFen),
    budgetManaged: wan(n.nonTax.budgetManagedFen),
    specialAccount: wan(n.nonTax.specialAccountFen),
    stateResourceUse: wan(line("stateResourceUse").amountFen),
    stateResourceUseShare: line("stateResourceUse").share,
    interest: wan(line("interest").amountFen),
    nonOperatingAssets: wan(line("nonOperatingAssets").amountFen),
  };
  const perf = n.performance;
  figures["performance.selfEvaluated"] = {
    projects: perf.selfEvaluated.projects,
    funds: wan(perf.selfEvaluated.fundsFen),
    shareOfProjectSpending: perf.selfEvaluated.shareOfProjectSpending,
  };
  figures["performance.keyEvaluations"] = { projects: perf.keyEvaluations.projects, funds: wan(perf.keyEvaluations.fundsFen) };
  figures["performance.department"] = {
    budget: wan(perf.department.budgetFen),
    executed: wan(perf.department.executedFen),
    completion: perf.department.completion,
  };
  for (const table of perf.projects) {
    figures[`${PROJECT_FIGURE_PREFIX}${table.project}`] = {
      budget: wan(table.budget.totalFen),
      executed: wan(table.executed.totalFen),
      completion: table.completion,
      score: table.total,
    };
  }
  return { department: n.department, year: n.year, unit: "万元", figures };
}

/**
 * The narrative figures of a year — parts 3 and 4 of the final accounts — as
 * published data, computed from the events.
 *
 * @param source - a ledger, a projector, or an aggregate with its catalog
 * @param year - the year
 * @returns `{department, year, unit: "万元", figures}`
 *
 * @example
 * ```ts
 * const { figures } = narrativeFigures(ledger, 2020);
 * figures["income.institutional"]; // { current: "2857.83", change: "132.18", rate: "4.8" }
 * ```
 */
export function narrativeFigures(source: NarrativeSource, year: number): NarrativeReport {
  return figuresOf(narrativeOf(source, year));
}
