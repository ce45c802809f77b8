/**
 * What-if scenarios: a fork of a ledger, adjustments written as ordinary
 * events on it, and the comparison with the baseline — every table cell and
 * narrative figure that changes, and every fund or budget line that would
 * run short. Pure: no I/O, no clock, no randomness.
 *
 * @module
 */
export { ADJUSTMENT_KINDS, SCENARIO_LIMITS } from "./scenario.js";
export type {
  AddAdjustment,
  Adjustment,
  AdjustmentKind,
  AppropriateAdjustment,
  AppropriateByPercent,
  AppropriateLine,
  AppropriationTarget,
  ByAmount,
  ByPercent,
  EventFilter,
  MoveAdjustment,
  MoveTarget,
  OneOrMore,
  ReceiptFilter,
  ReceiptsAdjustment,
  RemoveAdjustment,
  ScaleAdjustment,
  Scenario,
  SpendingFilter,
} from "./scenario.js";
export { ScenarioError, formatScenarioIssue, scenarioIssue } from "./scenarioIssues.js";
export type { ScenarioIssue, ScenarioIssueCode, ScenarioIssues, ScenarioResult } from "./scenarioIssues.js";
export { parseScenario, safeParseScenario } from "./parseScenario.js";
export { applyScenario, replayScenario, safeApplyScenario, scenarioEvents, scenarioIdPrefix } from "./applyScenario.js";
export type { ScenarioOptions, ScenarioRun } from "./applyScenario.js";
export { planAdjustment } from "./planAdjustment.js";
export type { PlanContext, Planned } from "./planAdjustment.js";
export { addTables, diffDelta, diffTables, rowKey, unionRows } from "./tableDiff.js";
export type { CellChange, DiffOptions } from "./tableDiff.js";
export { diffNarrative, flatFigures } from "./narrativeDiff.js";
export type { FigureChange } from "./narrativeDiff.js";
export { addPositions, positionsOf, shortfalls, shortfallsOf } from "./shortfalls.js";
export type { Position, Positions, Shortfall } from "./shortfalls.js";
export { baselineTables, compareScenario, scenarioChanges, scenarioShortfalls, scenarioTables } from "./compareScenario.js";
export type { CompareOptions, ScenarioComparison } from "./compareScenario.js";
export { comparisonToJson, renderComparisonJson, renderComparisonMarkdown, renderComparisonText, shortfallLine } from "./renderComparison.js";
export type { CellChangeJson, ComparisonJson, ShortfallJson } from "./renderComparison.js";
