// Applying scenarios to a small hand-made ledger: what each kind of adjustment appends (ids, amounts, coordinates), and every way a scenario is refused — naming the adjustment and field, and changing nothing.
import { beforeAll, describe, expect, it } from "vitest";
import type { AppropriationMade, EventReversed, ExpenditureRecorded, LedgerEvent, ReceiptRecorded } from "../../src/events/types.js";
import { createLedger, type Ledger } from "../../src/ledger/ledger.js";
import { sumFen } from "../../src/money/fen.js";
import { applyScenario, replayScenario, safeApplyScenario, scenarioEvents, type ScenarioRun } from "../../src/scenario/applyScenario.js";
import type { Adjustment, Scenario } from "../../src/scenario/scenario.js";
import { ScenarioError, type ScenarioIssue } from "../../src/scenario/scenarioIssues.js";
import { appropriation, centre, expenditure, office, receipt, YEAR } from "../support/fixtures.js";

/** A small department: an office and a centre, receipts, spending on five cells, two budget lines. */
function smallLedger(): Ledger {
  const ledger = createLedger();
  ledger.append([
    office(),
    centre(),
    receipt({ id: "r1", amountFen: 10_000_000 }),
    receipt({ id: "r2", source: "institutional", functional: "2150506", amountFen: 3_000_000 }),
    receipt({ id: "r3", unit: "centre", functional: "2150506", amountFen: 5_000_000 }),
    expenditure({ id: "e1", amountFen: 1_000_000 }),
    expenditure({ id: "e2", economic: "30217", amountFen: 333_333 }),
    expenditure({ id: "e3", functional: "2013702", economic: "30227", category: "project", project: "p1", amountFen: 2_000_000 }),
    expenditure({ id: "e4", unit: "centre", functional: "2150506", amountFen: 1_000_001 }),
    expenditure({ id: "e5", fund: "institutional", functional: "2150506", amountFen: 3_000_000 }),
    appropriation({ id: "a1", amountFen: 1_500_000 }),
    appropriation({ id: "a2", functional: "2013702", category: "project", project: "p1", amountFen: 2_000_000 }),
  ]);
  return ledger;
}

let ledger: Ledger;
let versionBefore: number;
beforeAll(() => {
  ledger = smallLedger();
  versionBefore = ledger.version;
});

function run(adjustments: readonly Adjustment[], name = "s"): ScenarioRun {
  return applyScenario(ledger, { name, adjustments }, { year: YEAR });
}

function own<E extends LedgerEvent>(result: ScenarioRun): E[] {
  return scenarioEvents(result) as E[];
}

function refusal(adjustments: readonly unknown[], options: { readonly year?: number; readonly name?: unknown; readonly on?: Ledger } = {}): ScenarioIssue {
  const name = "name" in options ? options.name : "s";
  const result = safeApplyScenario(options.on ?? ledger, { name, adjustments } as Scenario, { year: options.year ?? YEAR });
  if (result.ok) throw new Error("expected the scenario to be refused");
  expect((options.on ?? ledger).version).toBe((options.on ?? ledger) === ledger ? versionBefore : (options.on ?? ledger).version);
  return result.issues[0];
}

describe("scale", () => {
  it("writes one adjusting expenditure per selected cell, in coordinate order, summing exactly to the rounded total", () => {
    const result = run([{ kind: "scale", filter: { economic: "302" }, percent: "-10", memo: "cut" }], "cut");
    const lines = own<ExpenditureRecorded>(result);
    // 7,333,334 fen × −10% = −733,333.4 → −733,333.
    expect(sumFen(lines.map((line) => line.amountFen))).toBe(-733_333);
    expect(lines.map((line) => line.id)).toEqual(["scenario:cut:0:0", "scenario:cut:0:1", "scenario:cut:0:2", "scenario:cut:0:3", "scenario:cut:0:4"]);
    expect(lines.map((line) => [line.unit, line.fund, line.functional, line.economic])).toEqual([
      ["centre", "generalPublicBudget", "2150506", "30201"],
      ["office", "generalPublicBudget", "2013701", "30201"],
      ["office", "generalPublicBudget", "2013701", "30217"],
      ["office", "generalPublicBudget", "2013702", "30227"],
      ["office", "institutional", "2150506", "30201"],
    ]);
    expect(lines.map((line) => line.amountFen)).toEqual([-100_000, -100_000, -33_333, -200_000, -300_000]);
    for (const line of lines) expect(line).toMatchObject({ year: YEAR, adjustment: true, memo: "cut" });
    expect(lines[3]?.project).toBe("p1");
    expect(result.eventCounts).toEqual([5]);
    expect(ledger.version).toBe(versionBefore);
  });

  it("selects by unit id or name, codes at any level, category, project, fund, and lists of values", () => {
    const cells = (filter: Record<string, unknown>): string[] =>
      own<ExpenditureRecorded>(run([{ kind: "scale", filter, percent: "50" } as Adjustment])).map((line) => `${line.unit}/${line.functional}/${line.economic}`);
    expect(cells({ unit: "办本级", functional: "20137" })).toEqual(["office/2013701/30201", "office/2013701/30217", "office/2013702/30227"]);
    expect(cells({ functional: "2013702" })).toEqual(["office/2013702/30227"]);
    expect(cells({ economic: "30217" })).toEqual(["office/2013701/30217"]);
    expect(cells({ category: "project" })).toEqual(["office/2013702/30227"]);
    expect(cells({ project: "p1" })).toEqual(["office/2013702/30227"]);
    expect(cells({ fund: "institutional" })).toEqual(["office/2150506/30201"]);
    expect(cells({ unit: ["centre", "办本级"], fund: ["generalPublicBudget", "institutional"], functional: ["215", "20137"], economic: "30201" })).toEqual([
      "centre/2150506/30201",
      "office/2013701/30201",
      "office/2150506/30201",
    ]);
  });

  it("breaks ties by coordinate order: three equal cells share 1 fen to the first", () => {
    const small = createLedger();
    small.append([office(), ...["30201", "30202", "30205"].map((economic, i) => expenditure({ id: `x${i}`, economic, amountFen: 1 }))]);
    const result = applyScenario(small, { name: "t", adjustments: [{ kind: "scale", filter: {}, percent: "100" }] }, { year: YEAR });
    expect(own<ExpenditureRecorded>(result).map((line) => [line.economic, line.amountFen])).toEqual([["30201", 1], ["30202", 1], ["30205", 1]]);
    const third = applyScenario(small, { name: "u", adjustments: [{ kind: "scale", filter: {}, percent: "33.4" }] }, { year: YEAR });
    expect(own<ExpenditureRecorded>(third).map((line) => [line.economic, line.amountFen])).toEqual([["30201", 1]]);
  });

  it("sees the adjustments before it: scaling twice by −50% leaves a quarter", () => {
    const result = run([{ kind: "scale", filter: { economic: "30217" }, percent: "-50" }, { kind: "scale", filter: { economic: "30217" }, percent: "-50" }]);
    expect(own<ExpenditureRecorded>(result).map((line) => line.amountFen)).toEqual([-166_667, -83_333]);
    expect(result.fork.aggregate().years.get(YEAR)?.expenditures.find((c) => c.economic === "30217")?.amountFen).toBe(83_333);
  });

  it("writes nothing for 0% and for cells whose share rounds to zero", () => {
    expect(run([{ kind: "scale", filter: {}, percent: "0" }]).eventCounts).toEqual([0]);
    expect(run([{ kind: "scale", filter: {}, percent: "-100" }]).fork.aggregate().years.get(YEAR)?.expenditures.every((c) => c.amountFen === 0)).toBe(true);
  });
});

describe("move", () => {
  it("splits the amount over the source cells in proportion: negative at the source, positive at the target, the project left behind", () => {
    const result = run([{ kind: "move", from: { functional: "20137" }, to: { functional: "2013799", category: "project", project: "new" }, amountFen: 1_000_000 }]);
    const lines = own<ExpenditureRecorded>(result);
    expect(sumFen(lines.map((line) => line.amountFen))).toBe(0);
    expect(lines.filter((line) => line.amountFen > 0).map((line) => [line.functional, line.category, line.project, line.economic, line.amountFen])).toEqual([
      ["2013799", "project", "new", "30201", 300_000],
      ["2013799", "project", "new", "30217", 100_000],
      ["2013799", "project", "new", "30227", 600_000],
    ]);
    const basic = run([{ kind: "move", from: { project: "p1" }, to: { category: "basic" }, percent: "25" }]);
    const moved = own<ExpenditureRecorded>(basic);
    expect(moved.map((line) => [line.category, line.project ?? null, line.amountFen])).toEqual([["project", "p1", -500_000], ["basic", null, 500_000]]);
    expect(moved[1]).not.toHaveProperty("project");
  });

  it("moves to another unit and fund, by the unit's name", () => {
    const result = run([{ kind: "move", from: { unit: "office", economic: "30217" }, to: { unit: "应急指挥中心", fund: "institutional" }, amountFen: 333_333 }]);
    expect(own<ExpenditureRecorded>(result).map((line) => [line.unit, line.fund, line.amountFen])).toEqual([["office", "generalPublicBudget", -333_333], ["centre", "institutional", 333_333]]);
  });

  it("refuses to move more than the source has, or by more than 100%", () => {
    expect(refusal([{ kind: "move", from: { economic: "30217" }, to: { economic: "30201" }, amountFen: 333_334 }])).toMatchObject({
      code: "insufficient_amount",
      path: ["adjustments", 0, "amount"],
      adjustment: 0,
      kind: "move",
      message: "the source has 0.333333 万元; a move cannot take more than it has",
    });
    expect(refusal([{ kind: "move", from: { economic: "30217" }, to: { economic: "30201" }, percent: "100.1" }])).toMatchObject({ code: "percent_out_of_range", path: ["adjustments", 0, "percent"] });
    expect(refusal([{ kind: "move", from: { economic: "30217" }, to: { economic: "30201" }, amountFen: -1 }])).toMatchObject({ code: "invalid_amount" });
    expect(refusal([{ kind: "move", from: { economic: "30217" }, to: { economic: "30201" } }])).toMatchObject({ code: "missing_field" });
    expect(refusal([{ kind: "move", from: { economic: "30217" }, to: { economic: "30201" }, amountFen: 1, percent: "1" }])).toMatchObject({ code: "conflicting_fields" });
  });

  it("refuses a target that is empty, changes nothing, is not postable or names an unknown dimension", () => {
    const move = (to: unknown): ScenarioIssue => refusal([{ kind: "move", from: { economic: "30217" }, to, amountFen: 1 }]);
    expect(move({})).toMatchObject({ code: "empty_target", path: ["adjustments", 0, "to"] });
    expect(move({ economic: "30217" })).toMatchObject({ code: "empty_target", path: ["adjustments", 0, "to"] });
    expect(move({ functional: "20137" })).toMatchObject({ code: "not_postable", path: ["adjustments", 0, "to", "functional"] });
    expect(move({ economic: "302" })).toMatchObject({ code: "not_postable", path: ["adjustments", 0, "to", "economic"] });
    expect(move({ unit: "nowhere" })).toMatchObject({ code: "unknown_unit", path: ["adjustments", 0, "to", "unit"] });
    expect(move({ unit: 7 })).toMatchObject({ code: "wrong_type", path: ["adjustments", 0, "to", "unit"] });
    expect(move({ fund: "cash" })).toMatchObject({ code: "unknown_fund" });
    expect(move({ category: "misc" })).toMatchObject({ code: "unknown_category" });
    expect(move({ project: "" })).toMatchObject({ code: "wrong_type", path: ["adjustments", 0, "to", "project"] });
    expect(move({ colour: "red" })).toMatchObject({ code: "unknown_field", path: ["adjustments", 0, "to", "colour"] });
    expect(move(null)).toMatchObject({ code: "not_an_object", path: ["adjustments", 0, "to"] });
  });

  it("passes on the ledger's refusal of a target the event rules forbid, with the ledger's issues", () => {
    const issue = refusal([{ kind: "move", from: { economic: "30217" }, to: { category: "operating" }, amountFen: 1 }]);
    expect(issue).toMatchObject({ code: "refused_by_ledger", path: ["adjustments", 0], adjustment: 0, kind: "move" });
    expect(issue.ledgerIssues?.map((i) => [i.code, i.path])).toEqual([["fiscal_category", [1, "category"]]]);
  });
});

describe("receipts", () => {
  it("changes a source by a percentage of each cell, or an amount split in proportion", () => {
    const cut = own<ReceiptRecorded>(run([{ kind: "receipts", filter: { source: "generalPublicBudget" }, percent: "-20" }]));
    expect(cut.map((r) => [r.unit, r.amountFen, r.adjustment])).toEqual([["centre", -1_000_000, true], ["office", -2_000_000, true]]);
    const added = own<ReceiptRecorded>(run([{ kind: "receipts", filter: { unit: "office", functional: "215" }, amountFen: 1_000 }]));
    expect(added.map((r) => [r.source, r.functional, r.amountFen])).toEqual([["institutional", "2150506", 1_000]]);
  });

  it("refuses an amount that cannot be split: over receipts that net to zero, or beyond the safe-integer range", () => {
    const zero = run([{ kind: "receipts", filter: { source: "institutional" }, percent: "-100" }]);
    const issue = safeApplyScenario(zero.fork, { name: "t", adjustments: [{ kind: "receipts", filter: { source: "institutional" }, amountFen: 5 }] }, { year: YEAR });
    expect(issue).toMatchObject({ ok: false, issues: [{ code: "filter_matches_nothing" }] });
    // 333,333 fen × 1,001 four times leaves the safe-integer range.
    const grow: Adjustment = { kind: "scale", filter: { economic: "30217" }, percent: "100000" };
    const huge = safeApplyScenario(ledger, { name: "t", adjustments: [grow, grow, grow, grow] }, { year: YEAR });
    expect(huge).toMatchObject({ ok: false, issues: [{ code: "invalid_amount", adjustment: 3, kind: "scale" }] });
    expect(ledger.version).toBe(versionBefore);
  });

  it("refuses a cut larger than the receipts selected, and a percentage below −100", () => {
    expect(refusal([{ kind: "receipts", filter: { source: "institutional" }, amountFen: -3_000_001 }])).toMatchObject({ code: "insufficient_amount", kind: "receipts" });
    expect(refusal([{ kind: "receipts", filter: { source: "institutional" }, percent: "-100.5" }])).toMatchObject({ code: "percent_out_of_range" });
    expect(refusal([{ kind: "receipts", filter: { source: "institutional" }, percent: "1000001" }])).toMatchObject({ code: "percent_out_of_range" });
    expect(refusal([{ kind: "receipts", filter: { source: "institutional" }, amountFen: 0.5 }])).toMatchObject({ code: "invalid_amount" });
    expect(refusal([{ kind: "receipts", filter: { economic: "302" }, percent: "1" }])).toMatchObject({ code: "unknown_field", path: ["adjustments", 0, "filter", "economic"] });
  });
});

describe("appropriate", () => {
  it("scales budgets by a percentage as 调整预算, keeping economic codes and projects", () => {
    const lines = own<AppropriationMade>(run([{ kind: "appropriate", filter: { unit: "office" }, percent: "10" }]));
    expect(lines.map((l) => [l.functional, l.category, l.project ?? null, l.stage, l.amountFen])).toEqual([
      ["2013701", "basic", null, "adjustment", 150_000],
      ["2013702", "project", "p1", "adjustment", 200_000],
    ]);
  });

  it("adds an amount to one line, either sign", () => {
    const [line] = own<AppropriationMade>(run([{ kind: "appropriate", line: { unit: "办本级", fund: "generalPublicBudget", functional: "2013799", category: "basic", economic: "30201" }, amountFen: -5 }]));
    expect(line).toMatchObject({ unit: "office", functional: "2013799", economic: "30201", stage: "adjustment", amountFen: -5 });
  });

  it("refuses a line with codes that cannot be posted, an unknown unit or field, or no amount", () => {
    const line = (given: Record<string, unknown>, amountFen: unknown = 1): ScenarioIssue =>
      refusal([{ kind: "appropriate", line: { unit: "office", fund: "generalPublicBudget", functional: "2013701", category: "basic", ...given }, amountFen }]);
    expect(line({ functional: "20137" })).toMatchObject({ code: "not_postable", path: ["adjustments", 0, "line", "functional"] });
    expect(line({ economic: "302" })).toMatchObject({ code: "not_postable", path: ["adjustments", 0, "line", "economic"] });
    expect(line({ unit: "nowhere" })).toMatchObject({ code: "unknown_unit", path: ["adjustments", 0, "line", "unit"] });
    expect(line({ unit: undefined })).toMatchObject({ code: "missing_field", path: ["adjustments", 0, "line", "unit"] });
    expect(line({ stage: "initial" })).toMatchObject({ code: "unknown_field", path: ["adjustments", 0, "line", "stage"] });
    expect(line({}, 0)).toMatchObject({ code: "invalid_amount", path: ["adjustments", 0, "amount"] });
    expect(line({ fund: "cash" })).toMatchObject({ code: "refused_by_ledger" });
    expect(refusal([{ kind: "appropriate", line: "x", amountFen: 1 }])).toMatchObject({ code: "not_an_object", path: ["adjustments", 0, "line"] });
    expect(refusal([{ kind: "appropriate", percent: "1" }])).toMatchObject({ code: "missing_field", path: ["adjustments", 0] });
    expect(refusal([{ kind: "appropriate", filter: { fund: "institutional", unit: "centre" }, percent: "1" }])).toMatchObject({ code: "filter_matches_nothing" });
  });
});

describe("add and remove", () => {
  it("adds events, filling in ids and the year", () => {
    const result = run([{ kind: "add", events: [{ type: "expenditureRecorded", unit: "office", fund: "generalPublicBudget", functional: "2013701", economic: "30201", category: "basic", amountFen: 7 }, { ...receipt({ id: "own-id" }) }] }], "grow");
    expect(scenarioEvents(result).map((e) => [e.id, e.year])).toEqual([["scenario:grow:0:0", YEAR], ["own-id", YEAR]]);
  });

  it("refuses an add whose events the ledger refuses, naming the event and field", () => {
    const issue = refusal([{ kind: "add", events: [{ type: "expenditureRecorded", unit: "office", fund: "generalPublicBudget", functional: "2999999", economic: "30201", category: "basic", amountFen: 7 }] }]);
    expect(issue).toMatchObject({ code: "refused_by_ledger", adjustment: 0, kind: "add" });
    expect(issue.ledgerIssues?.[0]).toMatchObject({ code: "unknown_functional_code", path: [0, "functional"] });
    expect(refusal([{ kind: "add", events: [3] }])).toMatchObject({ code: "not_an_object", path: ["adjustments", 0, "events", 0] });
    expect(refusal([{ kind: "add", events: [] }])).toMatchObject({ code: "wrong_type", path: ["adjustments", 0, "events"] });
    expect(refusal([{ kind: "add", events: new Array(100_001).fill({}) }])).toMatchObject({ code: "too_many" });
  });

  it("reverses every stored, unreversed event the filter selects, and only those of the year", () => {
    const result = run([{ kind: "remove", filter: { unit: "office", functional: "20137", type: ["expenditureRecorded", "appropriationMade"] } }], "drop");
    const reversals = own<EventReversed>(result);
    expect(reversals.map((r) => r.target)).toEqual(["e1", "e2", "e3", "a1", "a2"]);
    expect(reversals[0]?.reason).toBe("scenario drop: removed");
    // Once reversed, they are not selected again.
    expect(safeApplyScenario(result.fork, { name: "again", adjustments: [{ kind: "remove", filter: { project: "p1" } }] }, { year: YEAR })).toMatchObject({
      ok: false,
      issues: [{ code: "filter_matches_nothing" }],
    });
    expect(refusal([{ kind: "remove", filter: { project: "p1" } }], { year: YEAR + 1 })).toMatchObject({ code: "filter_matches_nothing" });
    const named = own<EventReversed>(run([{ kind: "remove", filter: { fund: "institutional" }, reason: "no fees" }]));
    expect(named.map((r) => [r.target, r.reason])).toEqual([["r2", "no fees"], ["e5", "no fees"]]);
  });

  it("refuses a remove with a bad type or reason", () => {
    expect(refusal([{ kind: "remove", filter: { type: "nothing" } }])).toMatchObject({ code: "unknown_event_type", path: ["adjustments", 0, "filter", "type"] });
    expect(refusal([{ kind: "remove", filter: {}, reason: 3 }])).toMatchObject({ code: "wrong_type", path: ["adjustments", 0, "reason"] });
  });
});

describe("filters", () => {
  const scale = (filter: unknown): ScenarioIssue => refusal([{ kind: "scale", filter, percent: "1" }]);

  it("refuse unknown codes, units, funds, categories, and codes of the wrong length", () => {
    expect(scale({ functional: "2999999" })).toMatchObject({ code: "unknown_functional_code", path: ["adjustments", 0, "filter", "functional"], value: "2999999" });
    expect(scale({ functional: "2013" })).toMatchObject({ code: "unknown_functional_code", message: "a functional code has 3, 5 or 7 digits" });
    expect(scale({ economic: ["30201", "30298"] })).toMatchObject({ code: "unknown_economic_code", value: "30298" });
    expect(scale({ economic: "3021" })).toMatchObject({ code: "unknown_economic_code", message: "an economic code has 3 or 5 digits" });
    expect(scale({ unit: "nowhere" })).toMatchObject({ code: "unknown_unit", value: "nowhere" });
    expect(scale({ fund: "cash" })).toMatchObject({ code: "unknown_fund" });
    expect(scale({ category: "misc" })).toMatchObject({ code: "unknown_category" });
    expect(scale({ project: [] })).toMatchObject({ code: "wrong_type" });
    expect(scale({ project: [""] })).toMatchObject({ code: "wrong_type", path: ["adjustments", 0, "filter", "project", 0] });
    expect(scale({ project: new Array(10_001).fill("p") })).toMatchObject({ code: "too_many" });
    expect(scale({ source: "other" })).toMatchObject({ code: "unknown_field", path: ["adjustments", 0, "filter", "source"] });
    expect(scale(null)).toMatchObject({ code: "not_an_object" });
  });

  it("refuse a filter that matches nothing, naming the adjustment", () => {
    expect(scale({ project: "nothing" })).toMatchObject({ code: "filter_matches_nothing", adjustment: 0, kind: "scale", message: "no expenditure of 2020 matches the filter" });
    expect(refusal([{ kind: "receipts", filter: { source: "operating" }, percent: "1" }])).toMatchObject({ code: "filter_matches_nothing", message: "no receipt of 2020 matches the filter" });
    expect(refusal([{ kind: "scale", filter: {}, percent: "1" }], { year: 2019 })).toMatchObject({ code: "filter_matches_nothing" });
  });
});

describe("a scenario", () => {
  it("is refused with the first failing adjustment named, and nothing is left behind", () => {
    const issue = refusal([{ kind: "scale", filter: {}, percent: "-10" }, { kind: "scale", filter: { economic: "30298" }, percent: "1" }]);
    expect(issue).toMatchObject({ adjustment: 1, kind: "scale", path: ["adjustments", 1, "filter", "economic"] });
    expect(() => applyScenario(ledger, { name: "s", adjustments: [{ kind: "scale", filter: {}, percent: "x" }] }, { year: YEAR })).toThrow(
      new ScenarioError([{ code: "not_a_number", path: ["adjustments", 0, "percent"], value: "x", message: 'a percentage is a decimal number written as a string, e.g. "-10" or "12.5"', adjustment: 0, kind: "scale" }]),
    );
  });

  it("is refused for a bad name, year, list, kind or adjustment", () => {
    expect(refusal([], { name: "" })).toMatchObject({ code: "wrong_type", path: ["name"], adjustment: null });
    expect(refusal([], { name: undefined })).toMatchObject({ code: "missing_field", path: ["name"] });
    expect(refusal([], { name: "n".repeat(101) })).toMatchObject({ code: "too_long" });
    expect(refusal([], { year: 20_200 })).toMatchObject({ code: "wrong_type", path: ["year"] });
    expect(refusal({} as unknown as unknown[])).toMatchObject({ code: "wrong_type", path: ["adjustments"] });
    expect(refusal(new Array(10_001).fill({ kind: "scale" }))).toMatchObject({ code: "too_many" });
    expect(refusal([{ kind: "grow" }])).toMatchObject({ code: "unknown_kind", path: ["adjustments", 0, "kind"], kind: null });
    expect(refusal([null])).toMatchObject({ code: "not_an_object", path: ["adjustments", 0] });
    expect(refusal([{ kind: "scale", filter: {}, percent: 10 }])).toMatchObject({ code: "wrong_type", path: ["adjustments", 0, "percent"] });
    expect(refusal([{ kind: "scale", filter: {} }])).toMatchObject({ code: "missing_field", path: ["adjustments", 0, "percent"] });
  });

  it("is refused when its ids are taken: the same name applied again on its own fork", () => {
    const first = run([{ kind: "scale", filter: {}, percent: "-1" }], "twice");
    expect(refusal([{ kind: "scale", filter: {}, percent: "-1" }], { name: "twice", on: first.fork })).toMatchObject({ code: "scenario_ids_taken", adjustment: 0, value: "scenario:twice:0:0" });
    // An added event already stored, with the same payload (a repeat) or another (a conflict).
    expect(refusal([{ kind: "add", events: [receipt({ id: "r1", amountFen: 10_000_000 })] }])).toMatchObject({ code: "scenario_ids_taken", value: "r1" });
    expect(refusal([{ kind: "add", events: [receipt({ id: "r1", amountFen: 1 })] }])).toMatchObject({ code: "scenario_ids_taken", value: "r1" });
  });

  it("is refused when the fork enforces appropriations and spending would exceed a line's budget", () => {
    const result = safeApplyScenario(ledger, { name: "s", adjustments: [{ kind: "scale", filter: { project: "p1" }, percent: "10" }] }, { year: YEAR, enforceAppropriations: true });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0].ledgerIssues?.[0]?.code).toBe("appropriation_exceeded");
    expect(safeApplyScenario(ledger, { name: "s", adjustments: [{ kind: "scale", filter: { project: "p1" }, percent: "-10" }] }, { year: YEAR, enforceAppropriations: true }).ok).toBe(true);
  });

  it("is saved as its events and replayed on the baseline to the same tables", () => {
    const result = run([{ kind: "scale", filter: {}, percent: "-3.7" }, { kind: "receipts", filter: {}, percent: "5" }, { kind: "remove", filter: { project: "p1" } }]);
    const saved = JSON.parse(JSON.stringify(scenarioEvents(result))) as unknown[];
    const replayed = replayScenario(ledger, saved);
    expect(replayed.tables(YEAR)).toEqual(result.fork.tables(YEAR));
    expect(ledger.version).toBe(versionBefore);
  });
});
