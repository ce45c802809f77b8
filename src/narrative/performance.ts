/**
 * The project self-evaluation table (项目支出绩效自评表) as a projection: the
 * project's budget and spending by source, its budget completion and the
 * score the completion earns, its goal, its indicators with their targets,
 * weights and scores, and the total.
 *
 * The budget-completion rule: a project that spends its whole budget earns
 * the full weight; each percentage point short of 100% costs one point
 * (99.27% earns 19.27 of 20), never below zero. The completion is computed
 * from exact fen, the score and the total exactly, each rounded half up once
 * to two decimals. A project without a budget has no completion and no
 * budget score (null): execution never divides by zero.
 *
 * @module
 */
import { isFiscalFund } from "../catalog/dimensions.js";
import type { PerformanceIndicatorEvaluated } from "../events/types.js";
import { INDICATOR_CLASSES, INDICATOR_DIMENSIONS } from "../events/types.js";
import { Dec } from "../money/decimal.js";
import { addFen } from "../money/fen.js";
import type { YearAggregate } from "../projections/aggregate.js";
import { departmentName } from "../tables/report.js";
import { printedPercent, printedPoints } from "./percent.js";
import { readYear, type NarrativeSource } from "./source.js";

/** The decimals of a project's budget completion (预算完成率 99.27%). */
const COMPLETION_DECIMALS = 2;

/** A project's money by source, as the table's rows print it. */
export interface ProjectFunds {
  /** 总额. */
  readonly totalFen: number;
  /** 财政拨款（市本级支出）: the fiscal funds. */
  readonly fiscalFen: number;
  /** 财政拨款（转移支付）: transfers; the ledger records none, so always 0. */
  readonly transferFen: number;
  /** 非财政拨款. */
  readonly nonFiscalFen: number;
}

/** One indicator row of the table: the evaluation event's fields, and its id. */
export type SelfEvaluationIndicator = Pick<
  PerformanceIndicatorEvaluated,
  "id" | "indicatorClass" | "dimension" | "name" | "target" | "actual" | "weight" | "score" | "reason"
>;

/** A project's self-evaluation table. */
export interface SelfEvaluationTable {
  /** 项目名称. */
  readonly project: string;
  /** 主管部门: the department. */
  readonly department: string;
  /** The implementing unit's id. */
  readonly unit: string;
  /** 实施单位: its name. */
  readonly unitName: string;
  /** 年度预算数: the project's full-year appropriations (all stages). */
  readonly budget: ProjectFunds;
  /** 年度预算完成数: the project's spending. */
  readonly executed: ProjectFunds;
  /** 分值 of the budget completion. */
  readonly budgetWeight: number;
  /** 预算完成率 in percent; null without a budget. */
  readonly completion: string | null;
  /** 得分 of the budget completion, two decimals; null without a budget. */
  readonly budgetScore: string | null;
  /** 年度绩效目标内容. */
  readonly goal: string;
  /** 目标实际完成情况. */
  readonly outcome: string;
  /** The indicators, by class, first-level indicator and the order they were recorded in (their ids). */
  readonly indicators: readonly SelfEvaluationIndicator[];
  /** 总分: the budget score and every indicator's score, two decimals. */
  readonly total: string;
}

/**
 * The budget-completion score: the full weight at 100% or more, one point
 * less per percentage point short, never below zero.
 *
 * @param executedFen - what the project spent
 * @param budgetFen - its budget
 * @param weight - the points the completion weighs
 * @returns the completion (percent, exact) and the score (exact), or nulls when the budget is zero
 *
 * @example
 * ```ts
 * budgetCompletionScore(6_090_400_000, 6_135_000_000, 20).score?.toFixed(2); // "19.27"
 * ```
 */
export function budgetCompletionScore(executedFen: number, budgetFen: number, weight: number): { readonly completion: Dec | null; readonly score: Dec | null } {
  if (budgetFen === 0) return { completion: null, score: null };
  const completion = new Dec(executedFen).times(100).div(budgetFen);
  const short = Dec.max(new Dec(100).minus(completion), 0);
  return { completion, score: Dec.max(new Dec(weight).minus(short), 0) };
}

function fundsOf(cells: Iterable<{ readonly fund: Parameters<typeof isFiscalFund>[0]; readonly amountFen: number }>): ProjectFunds {
  let fiscalFen = 0;
  let nonFiscalFen = 0;
  for (const cell of cells) {
    if (isFiscalFund(cell.fund)) fiscalFen = addFen(fiscalFen, cell.amountFen);
    else nonFiscalFen = addFen(nonFiscalFen, cell.amountFen);
  }
  return { totalFen: addFen(fiscalFen, nonFiscalFen), fiscalFen, transferFen: 0, nonFiscalFen };
}

const byId = (a: { readonly id: string }, b: { readonly id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function indicatorOrder(a: SelfEvaluationIndicator, b: SelfEvaluationIndicator): number {
  const classOrder = INDICATOR_CLASSES.indexOf(a.indicatorClass) - INDICATOR_CLASSES.indexOf(b.indicatorClass);
  if (classOrder !== 0) return classOrder;
  const dimensions = INDICATOR_DIMENSIONS[a.indicatorClass];
  const dimensionOrder = dimensions.indexOf(a.dimension) - dimensions.indexOf(b.dimension);
  return dimensionOrder !== 0 ? dimensionOrder : byId(a, b);
}

function projectTable(year: YearAggregate, source: NarrativeSource, project: string): SelfEvaluationTable | undefined {
  const aggregate = source.aggregate();
  const goals = year.goals.filter((cell) => cell.project === project && cell.count > 0).sort(byId);
  const goal = goals[0];
  if (goal === undefined) return undefined;
  const budget = fundsOf(year.appropriations.filter((cell) => cell.project === project));
  const executed = fundsOf(year.expenditures.filter((cell) => cell.project === project));
  // The completion printed is rounded once from the same fen; the exact completion only feeds the score.
  const { score } = budgetCompletionScore(executed.totalFen, budget.totalFen, goal.budgetWeight);
  const indicators = year.indicators
    .filter((cell) => cell.project === project && cell.count > 0)
    .map(({ id, indicatorClass, dimension, name, target, actual, weight, score: points, reason }) => ({
      id, indicatorClass, dimension, name, target, actual, weight, score: points, reason,
    }))
    .sort(indicatorOrder);
  const total = indicators.reduce((sum, indicator) => sum.plus(indicator.score), score ?? new Dec(0));
  return {
    project,
    department: departmentName(aggregate),
    unit: goal.unit,
    unitName: aggregate.units.get(goal.unit)?.name ?? goal.unit,
    budget,
    executed,
    budgetWeight: goal.budgetWeight,
    completion: printedPercent(executed.totalFen, budget.totalFen, COMPLETION_DECIMALS),
    budgetScore: score === null ? null : printedPoints(score),
    goal: goal.goal,
    outcome: goal.outcome,
    indicators,
    total: printedPoints(total),
  };
}

/**
 * The self-evaluation tables of a year: one per project with a recorded goal
 * (performanceGoalEvaluated), ordered by project.
 *
 * @param source - a ledger, a projector, or an aggregate with its catalog
 * @param year - the year
 * @returns the tables
 */
export function selfEvaluationTables(source: NarrativeSource, year: number): SelfEvaluationTable[] {
  const yearAggregate = readYear(source.aggregate(), year);
  const projects = [...new Set(yearAggregate.goals.filter((cell) => cell.count > 0).map((cell) => cell.project))].sort();
  return projects.flatMap((project) => projectTable(yearAggregate, source, project) ?? []);
}

/**
 * The self-evaluation table of one project in a year.
 *
 * @param source - a ledger, a projector, or an aggregate with its catalog
 * @param year - the year
 * @param project - the project
 * @returns the table, or undefined when the project has no recorded goal that year
 */
export function selfEvaluationTable(source: NarrativeSource, year: number, project: string): SelfEvaluationTable | undefined {
  return projectTable(readYear(source.aggregate(), year), source, project);
}
