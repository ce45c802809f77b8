// Small hand-made builders of the reported facts (counts, holdings, performance evaluations) shared by the tests.
import type {
  EquipmentHeld,
  EventReversed,
  LedgerEvent,
  OverseasVisitsMade,
  PerformanceEvaluated,
  PerformanceGoalEvaluated,
  PerformanceIndicatorEvaluated,
  ReceptionsHosted,
  ReportedFact,
  VehiclesHeld,
  VehiclesPurchased,
} from "../../src/events/types.js";
import { YEAR } from "./fixtures.js";

/** Builder overrides: any field but the type tag. */
type Overrides<E extends LedgerEvent> = Partial<Omit<E, "type">>;

/** Two emergency vehicles bought by the centre. */
export function vehiclesPurchased(overrides: Overrides<VehiclesPurchased> = {}): VehiclesPurchased {
  return { id: "vehicles-bought-1", type: "vehiclesPurchased", schema: 1, year: YEAR, unit: "centre", purpose: "emergency", count: 2, ...overrides };
}

/** Two confidential-communication vehicles held by the office at the year's end. */
export function vehiclesHeld(overrides: Overrides<VehiclesHeld> = {}): VehiclesHeld {
  return { id: "vehicles-held-1", type: "vehiclesHeld", schema: 1, year: YEAR, unit: "office", purpose: "confidentialCommunication", count: 2, ...overrides };
}

/** Three general-purpose items of 600,000 yuan each, held by the centre. */
export function equipmentHeld(overrides: Overrides<EquipmentHeld> = {}): EquipmentHeld {
  return { id: "equipment-1", type: "equipmentHeld", schema: 1, year: YEAR, unit: "centre", equipment: "general", unitPriceFen: 60_000_000, count: 3, ...overrides };
}

/** Four domestic receptions of 30 visitors in all, hosted by the office. */
export function receptionsHosted(overrides: Overrides<ReceptionsHosted> = {}): ReceptionsHosted {
  return { id: "receptions-1", type: "receptionsHosted", schema: 1, year: YEAR, unit: "office", guests: "domestic", receptions: 4, visitors: 30, ...overrides };
}

/** One group of three persons sent abroad by the office. */
export function overseasVisitsMade(overrides: Overrides<OverseasVisitsMade> = {}): OverseasVisitsMade {
  return { id: "overseas-1", type: "overseasVisitsMade", schema: 1, year: YEAR, unit: "office", groups: 1, persons: 3, ...overrides };
}

/** The office's self-evaluation of project p-1. */
export function performanceEvaluated(overrides: Overrides<PerformanceEvaluated> = {}): PerformanceEvaluated {
  return { id: "evaluated-1", type: "performanceEvaluated", schema: 1, year: YEAR, unit: "office", project: "p-1", evaluation: "self", ...overrides };
}

/** The heading of project p-1's self-evaluation table: budget completion weighs 20 points. */
export function performanceGoalEvaluated(overrides: Overrides<PerformanceGoalEvaluated> = {}): PerformanceGoalEvaluated {
  return {
    id: "goal-1",
    type: "performanceGoalEvaluated",
    schema: 1,
    year: YEAR,
    unit: "office",
    project: "p-1",
    goal: "完成年度工作",
    outcome: "完成了年度工作",
    budgetWeight: 20,
    ...overrides,
  };
}

/** An output indicator of project p-1: 15 points, scored 12.5. */
export function performanceIndicatorEvaluated(overrides: Overrides<PerformanceIndicatorEvaluated> = {}): PerformanceIndicatorEvaluated {
  return {
    id: "indicator-1",
    type: "performanceIndicatorEvaluated",
    schema: 1,
    year: YEAR,
    unit: "office",
    project: "p-1",
    indicatorClass: "output",
    dimension: "quantity",
    name: "专题策划数量",
    target: "10",
    actual: "8",
    weight: 15,
    score: 12.5,
    reason: "两个专题延期至下年",
    ...overrides,
  };
}

/** One hand-made event of every reported fact type. */
export function everyFact(): ReportedFact[] {
  return [
    vehiclesPurchased(),
    vehiclesHeld(),
    equipmentHeld(),
    receptionsHosted(),
    overseasVisitsMade(),
    performanceEvaluated(),
    performanceGoalEvaluated(),
    performanceIndicatorEvaluated(),
  ];
}

/** The reversal of a reported fact (same year and unit, `reverses` the fact). */
export function factReversal(target: ReportedFact, id: string): EventReversed {
  return { id, type: "eventReversed", schema: 1, year: target.year, unit: target.unit, target: target.id, reason: "recorded in error", reverses: target };
}
