// The reported facts (vehicles, equipment, receptions, visits abroad, performance evaluations): checkEvent rule by rule — each bad event yields its issue's code, path and value and a ledger refuses it unchanged —; valid facts fold into the aggregate, post nothing, reverse, merge and replay like every event.
import { describe, expect, it } from "vitest";
import type { FieldIssueCode } from "../../src/events/issues.js";
import { EVENT_TYPES, FACT_TYPES, type LedgerEvent } from "../../src/events/types.js";
import { LIMITS, checkEvent } from "../../src/events/validate.js";
import { createLedger } from "../../src/ledger/ledger.js";
import { narrativeOf } from "../../src/narrative/narrative.js";
import { postingsOf } from "../../src/postings/postings.js";
import { aggregateEvents, cellKindOf, mergeAggregates } from "../../src/projections/aggregate.js";
import { defaultCatalog } from "../../src/catalog/catalog.js";
import {
  equipmentHeld,
  everyFact,
  factReversal,
  overseasVisitsMade,
  performanceEvaluated,
  performanceGoalEvaluated,
  performanceIndicatorEvaluated,
  receptionsHosted,
  vehiclesHeld,
  vehiclesPurchased,
} from "../support/facts.js";
import { ledgerWithUnits, snapshot, units, withField, without } from "../support/fixtures.js";

const catalog = defaultCatalog();


interface Case {
  readonly name: string;
  readonly input: unknown;
  readonly code: FieldIssueCode;
  readonly path: readonly (string | number)[];
  readonly value: unknown;
}

const long = (length: number): string => "x".repeat(length);

const CASES: readonly Case[] = [
  // vehiclesPurchased and vehiclesHeld
  { name: "a purchase of vehicles without a purpose is refused", input: without(vehiclesPurchased(), "purpose"), code: "missing_field", path: ["purpose"], value: undefined },
  { name: "an unknown vehicle purpose is not allowed", input: withField(vehiclesHeld(), "purpose", "racing"), code: "not_allowed", path: ["purpose"], value: "racing" },
  { name: "a purchase of no vehicle is an invalid count", input: vehiclesPurchased({ count: 0 }), code: "invalid_amount", path: ["count"], value: 0 },
  { name: "a negative holding is an invalid count", input: vehiclesHeld({ count: -2 }), code: "invalid_amount", path: ["count"], value: -2 },
  { name: "a fractional count is invalid", input: vehiclesHeld({ count: 1.5 }), code: "invalid_amount", path: ["count"], value: 1.5 },
  { name: "a count written as text is invalid", input: withField(vehiclesHeld(), "count", "2"), code: "invalid_amount", path: ["count"], value: "2" },
  { name: "a count above the limit is invalid", input: vehiclesHeld({ count: LIMITS.countMax + 1 }), code: "invalid_amount", path: ["count"], value: LIMITS.countMax + 1 },
  { name: "a holding without a count is refused", input: without(vehiclesHeld(), "count"), code: "missing_field", path: ["count"], value: undefined },
  { name: "an amount on a vehicle count is an unknown field", input: withField(vehiclesPurchased(), "amountFen", 100), code: "unknown_field", path: ["amountFen"], value: 100 },

  // equipmentHeld
  { name: "an unknown kind of equipment is not allowed", input: withField(equipmentHeld(), "equipment", "furniture"), code: "not_allowed", path: ["equipment"], value: "furniture" },
  { name: "equipment without a unit price is refused", input: without(equipmentHeld(), "unitPriceFen"), code: "missing_field", path: ["unitPriceFen"], value: undefined },
  { name: "equipment at a price of zero is an invalid amount", input: equipmentHeld({ unitPriceFen: 0 }), code: "invalid_amount", path: ["unitPriceFen"], value: 0 },
  { name: "equipment at a fractional price of fen is an invalid amount", input: equipmentHeld({ unitPriceFen: 10.5 }), code: "invalid_amount", path: ["unitPriceFen"], value: 10.5 },
  { name: "no item of equipment is an invalid count", input: equipmentHeld({ count: 0 }), code: "invalid_amount", path: ["count"], value: 0 },

  // receptionsHosted
  { name: "receptions without guests are refused", input: without(receptionsHosted(), "guests"), code: "missing_field", path: ["guests"], value: undefined },
  { name: "an unknown kind of guests is not allowed", input: withField(receptionsHosted(), "guests", "press"), code: "not_allowed", path: ["guests"], value: "press" },
  { name: "no reception is an invalid count", input: receptionsHosted({ receptions: 0 }), code: "invalid_amount", path: ["receptions"], value: 0 },
  { name: "fewer visitors than receptions is an invalid count", input: receptionsHosted({ receptions: 5, visitors: 4 }), code: "invalid_amount", path: ["visitors"], value: 4 },
  { name: "receptions without visitors are refused", input: without(receptionsHosted(), "visitors"), code: "missing_field", path: ["visitors"], value: undefined },

  // overseasVisitsMade
  { name: "no group abroad is an invalid count", input: overseasVisitsMade({ groups: 0 }), code: "invalid_amount", path: ["groups"], value: 0 },
  { name: "fewer persons than groups is an invalid count", input: overseasVisitsMade({ groups: 3, persons: 2 }), code: "invalid_amount", path: ["persons"], value: 2 },
  { name: "visits abroad without persons are refused", input: without(overseasVisitsMade(), "persons"), code: "missing_field", path: ["persons"], value: undefined },

  // performanceEvaluated
  { name: "an evaluation without a project is refused", input: without(performanceEvaluated(), "project"), code: "missing_field", path: ["project"], value: undefined },
  { name: "an evaluation of a blank project is refused", input: performanceEvaluated({ project: " " }), code: "wrong_type", path: ["project"], value: " " },
  { name: "a project id longer than 200 characters is too long", input: performanceEvaluated({ project: long(201) }), code: "too_long", path: ["project"], value: long(201) },
  { name: "an unknown kind of evaluation is not allowed", input: withField(performanceEvaluated(), "evaluation", "external"), code: "not_allowed", path: ["evaluation"], value: "external" },

  // performanceGoalEvaluated
  { name: "a goal without its text is refused", input: without(performanceGoalEvaluated(), "goal"), code: "missing_field", path: ["goal"], value: undefined },
  { name: "a goal without its outcome is refused", input: without(performanceGoalEvaluated(), "outcome"), code: "missing_field", path: ["outcome"], value: undefined },
  { name: "a goal longer than 2,000 characters is too long", input: performanceGoalEvaluated({ goal: long(2001) }), code: "too_long", path: ["goal"], value: long(2001) },
  { name: "a budget weight of zero points is invalid", input: performanceGoalEvaluated({ budgetWeight: 0 }), code: "invalid_amount", path: ["budgetWeight"], value: 0 },
  { name: "a budget weight above 100 points is invalid", input: performanceGoalEvaluated({ budgetWeight: 100.5 }), code: "invalid_amount", path: ["budgetWeight"], value: 100.5 },
  { name: "a budget weight with three decimals is invalid", input: performanceGoalEvaluated({ budgetWeight: 19.275 }), code: "invalid_amount", path: ["budgetWeight"], value: 19.275 },
  { name: "a budget weight written as text is the wrong type", input: withField(performanceGoalEvaluated(), "budgetWeight", "20"), code: "wrong_type", path: ["budgetWeight"], value: "20" },
  { name: "an infinite budget weight is the wrong type", input: performanceGoalEvaluated({ budgetWeight: Infinity }), code: "wrong_type", path: ["budgetWeight"], value: Infinity },

  // performanceIndicatorEvaluated
  { name: "an unknown indicator class is not allowed", input: withField(performanceIndicatorEvaluated(), "indicatorClass", "input"), code: "not_allowed", path: ["indicatorClass"], value: "input" },
  { name: "a first-level indicator outside its class is not allowed", input: performanceIndicatorEvaluated({ indicatorClass: "outcome", dimension: "quantity" }), code: "not_allowed", path: ["dimension"], value: "quantity" },
  { name: "an unknown first-level indicator is not allowed", input: withField(performanceIndicatorEvaluated(), "dimension", "speed"), code: "not_allowed", path: ["dimension"], value: "speed" },
  { name: "an indicator without a name is refused", input: without(performanceIndicatorEvaluated(), "name"), code: "missing_field", path: ["name"], value: undefined },
  { name: "an indicator without a target is refused", input: without(performanceIndicatorEvaluated(), "target"), code: "missing_field", path: ["target"], value: undefined },
  { name: "an indicator without its actual value is refused", input: without(performanceIndicatorEvaluated(), "actual"), code: "missing_field", path: ["actual"], value: undefined },
  { name: "an indicator without a reason is refused", input: without(performanceIndicatorEvaluated(), "reason"), code: "missing_field", path: ["reason"], value: undefined },
  { name: "an indicator weighing nothing is invalid", input: performanceIndicatorEvaluated({ weight: 0, score: 0 }), code: "invalid_amount", path: ["weight"], value: 0 },
  { name: "a score above the weight is invalid", input: performanceIndicatorEvaluated({ weight: 15, score: 15.5 }), code: "invalid_amount", path: ["score"], value: 15.5 },
  { name: "a negative score is invalid", input: performanceIndicatorEvaluated({ score: -1 }), code: "invalid_amount", path: ["score"], value: -1 },
  { name: "a score with three decimals is invalid", input: performanceIndicatorEvaluated({ score: 12.345 }), code: "invalid_amount", path: ["score"], value: 12.345 },
  { name: "a score written as text is the wrong type", input: withField(performanceIndicatorEvaluated(), "score", "15"), code: "wrong_type", path: ["score"], value: "15" },
];

describe("checkEvent rules of the reported facts, one bad event each", () => {
  for (const testCase of CASES) {
    it(testCase.name, () => {
      const result = checkEvent(testCase.input, catalog);
      expect(result.ok).toBe(false);
      const issues = result.ok ? [] : result.issues;
      expect(issues.map((issue) => ({ code: issue.code, path: issue.path, value: issue.value }))).toContainEqual({ code: testCase.code, path: testCase.path, value: testCase.value });
    });
  }
});

describe("the same bad facts appended to a ledger", () => {
  it("are refused with the same issue at the batch index, leaving the ledger unchanged", () => {
    const ledger = ledgerWithUnits();
    const before = snapshot(ledger);
    for (const testCase of CASES) {
      const result = ledger.safeAppend([testCase.input]);
      expect(result.ok, testCase.name).toBe(false);
      const issues = result.ok ? [] : result.issues;
      expect(issues.map((issue) => ({ code: issue.code, path: issue.path })), testCase.name).toContainEqual({ code: testCase.code, path: [0, ...testCase.path] });
    }
    expect(snapshot(ledger)).toEqual(before);
  });

  it("need a registered unit and an open year, like every event", () => {
    const ledger = ledgerWithUnits();
    const refused = ledger.safeAppend(vehiclesHeld({ unit: "nobody" }));
    expect(refused.ok ? [] : refused.issues.map((issue) => issue.code)).toEqual(["unknown_unit"]);
    ledger.closeYear(2020);
    const closed = ledger.safeAppend(receptionsHosted());
    expect(closed.ok ? [] : closed.issues.map((issue) => issue.code)).toEqual(["year_closed"]);
  });
});

describe("valid reported facts", () => {
  it("are event types of the catalogue, each accepted as written", () => {
    for (const type of FACT_TYPES) expect(EVENT_TYPES).toContain(type);
    for (const fact of everyFact()) expect(checkEvent(fact, catalog)).toEqual({ ok: true, value: fact });
  });

  it("accept the bounds: the largest count, 100 points, a score of zero, a score equal to its weight", () => {
    expect(checkEvent(vehiclesHeld({ count: LIMITS.countMax }), catalog).ok).toBe(true);
    expect(checkEvent(performanceGoalEvaluated({ budgetWeight: 100 }), catalog).ok).toBe(true);
    expect(checkEvent(performanceIndicatorEvaluated({ weight: 12.5, score: 0 }), catalog).ok).toBe(true);
    expect(checkEvent(performanceIndicatorEvaluated({ weight: 12.5, score: 12.5 }), catalog).ok).toBe(true);
    expect(checkEvent(receptionsHosted({ receptions: 3, visitors: 3 }), catalog).ok).toBe(true);
  });

  it("post nothing and add no amount to a cell of the fund flows", () => {
    for (const fact of everyFact()) {
      expect(postingsOf(fact, () => "administrative")).toEqual([]);
      expect(cellKindOf(fact)).toBeUndefined();
    }
  });

  it("sum into the narrative's counts, and a reversal takes a fact out again", () => {
    const ledger = ledgerWithUnits();
    ledger.append([...everyFact(), vehiclesHeld({ id: "vehicles-held-2", unit: "centre", purpose: "emergency", count: 3 })]);
    const counts = narrativeOf(ledger, 2020).threePublic.counts;
    expect(counts).toEqual({ overseasGroups: 1, overseasPersons: 3, vehiclesPurchased: 2, vehiclesHeld: 5, foreignDelegations: 0, foreignVisitors: 0, domesticReceptions: 4, domesticVisitors: 30 });
    ledger.append([factReversal(overseasVisitsMade(), "rev-overseas"), factReversal(performanceIndicatorEvaluated(), "rev-indicator")]);
    const after = narrativeOf(ledger, 2020);
    expect([after.threePublic.counts.overseasGroups, after.threePublic.counts.overseasPersons]).toEqual([0, 0]);
    expect(after.performance.projects[0]?.indicators).toEqual([]);
  });

  it("count equipment only at or above the price thresholds: 500,000 yuan general, 1,000,000 yuan special", () => {
    const ledger = ledgerWithUnits();
    ledger.append([
      equipmentHeld({ id: "eq-1", unitPriceFen: 50_000_000, count: 2 }),
      equipmentHeld({ id: "eq-2", unitPriceFen: 49_999_999, count: 5 }),
      equipmentHeld({ id: "eq-3", equipment: "special", unitPriceFen: 99_999_999, count: 7 }),
      equipmentHeld({ id: "eq-4", equipment: "special", unitPriceFen: 100_000_000, count: 1 }),
    ]);
    const { assets } = narrativeOf(ledger, 2020);
    expect([assets.generalEquipmentOverThreshold, assets.specialEquipmentOverThreshold]).toEqual([2, 1]);
  });

  it("fold commutatively: any split of the log merges into the fold of the whole, reversals included", () => {
    const log: LedgerEvent[] = [...units(), ...everyFact(), factReversal(receptionsHosted(), "rev-1"), factReversal(performanceGoalEvaluated(), "rev-2")];
    const whole = aggregateEvents(log);
    for (let cut = 0; cut <= log.length; cut++) {
      const merged = mergeAggregates(aggregateEvents(log.slice(0, cut)), aggregateEvents(log.slice(cut)));
      const source = (aggregate: typeof whole) => ({ aggregate: () => aggregate, catalog });
      expect(narrativeOf(source(merged), 2020)).toEqual(narrativeOf(source(whole), 2020));
      expect(narrativeOf(source(aggregateEvents([...log].reverse())), 2020)).toEqual(narrativeOf(source(whole), 2020));
    }
  });

  it("replay from a ledger's stored events into the same aggregate", () => {
    const ledger = createLedger();
    ledger.append([...units(), ...everyFact()]);
    ledger.append(factReversal(vehiclesPurchased(), "rev-vehicles"));
    const source = (aggregate: ReturnType<typeof ledger.aggregate>) => ({ aggregate: () => aggregate, catalog });
    expect(narrativeOf(source(ledger.replay()), 2020)).toEqual(narrativeOf(ledger, 2020));
  });
});
