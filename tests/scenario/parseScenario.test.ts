// Reading scenario files: every shape rule refused with an issue naming the adjustment and field; Chinese names, 万元 amounts and percentages read into the typed scenario.
import { describe, expect, it } from "vitest";
import { parseScenario, safeParseScenario } from "../../src/scenario/parseScenario.js";
import { ScenarioError, formatScenarioIssue, type ScenarioIssue } from "../../src/scenario/scenarioIssues.js";

function issuesOf(input: unknown): ScenarioIssue[] {
  const result = safeParseScenario(input);
  if (result.ok) throw new Error(`expected issues, got ${JSON.stringify(result.value)}`);
  return [...result.issues];
}

function firstIssue(input: unknown): Pick<ScenarioIssue, "code" | "path" | "adjustment" | "kind"> {
  const [issue] = issuesOf(input);
  return { code: issue?.code ?? "not_an_object", path: issue?.path ?? [], adjustment: issue?.adjustment ?? null, kind: issue?.kind ?? null };
}

const one = (adjustment: unknown): unknown => ({ name: "s", adjustments: [adjustment] });

describe("parseScenario", () => {
  it("reads the issue's example: Chinese source name, percentages and a 万元 amount", () => {
    const scenario = parseScenario({
      name: " cuts ",
      description: "三公 −10%",
      adjustments: [
        { kind: "scale", filter: { economic: "30217" }, percent: "-10" },
        { kind: "receipts", filter: { source: "事业收入" }, percent: "-20" },
        { kind: "move", from: { functional: "20137", category: "项目支出" }, to: { category: "基本支出" }, amount: "500.00" },
      ],
    });
    expect(scenario).toEqual({
      name: "cuts",
      description: "三公 −10%",
      adjustments: [
        { kind: "scale", filter: { economic: "30217" }, percent: "-10" },
        { kind: "receipts", filter: { source: "institutional" }, percent: "-20" },
        { kind: "move", from: { functional: "20137", category: "project" }, to: { category: "basic" }, amountFen: 500_000_000 },
      ],
    });
  });

  it("takes fund and source as one dimension: source on spending, fund on receipts; lists of values", () => {
    const scenario = parseScenario({
      name: "s",
      adjustments: [
        { kind: "scale", filter: { source: ["一般公共预算财政拨款", "institutional"], category: ["basic", "项目支出"] }, percent: "5", memo: "m" },
        { kind: "receipts", filter: { fund: "other", unit: "u", functional: "215" }, amount: "-1.5" },
        { kind: "appropriate", filter: { fund: "generalPublicBudget" }, percent: "2.5" },
        { kind: "appropriate", line: { unit: "u", fund: "一般公共预算财政拨款", functional: "2013701", category: "基本支出", economic: "30201" }, amount: "10" },
        { kind: "add", events: [{ type: "expenditureRecorded" }] },
        { kind: "remove", filter: { project: "p", type: "expenditureRecorded" }, reason: "dropped" },
      ],
    });
    expect(scenario.adjustments).toEqual([
      { kind: "scale", filter: { fund: ["generalPublicBudget", "institutional"], category: ["basic", "project"] }, percent: "5", memo: "m" },
      { kind: "receipts", filter: { source: "other", unit: "u", functional: "215" }, amountFen: -1_500_000 },
      { kind: "appropriate", filter: { fund: "generalPublicBudget" }, percent: "2.5" },
      { kind: "appropriate", line: { unit: "u", fund: "generalPublicBudget", functional: "2013701", category: "basic", economic: "30201" }, amountFen: 10_000_000 },
      { kind: "add", events: [{ type: "expenditureRecorded" }] },
      { kind: "remove", filter: { project: "p", type: "expenditureRecorded" }, reason: "dropped" },
    ]);
  });

  it("refuses a scenario that is not an object, or lacks its name or adjustments", () => {
    expect(firstIssue([])).toMatchObject({ code: "not_an_object", path: [], adjustment: null });
    expect(firstIssue({ adjustments: [] })).toMatchObject({ code: "missing_field", path: ["name"] });
    expect(firstIssue({ name: 3, adjustments: [] })).toMatchObject({ code: "wrong_type", path: ["name"] });
    expect(firstIssue({ name: "x".repeat(101), adjustments: [] })).toMatchObject({ code: "too_long", path: ["name"] });
    expect(firstIssue({ name: "s" })).toMatchObject({ code: "missing_field", path: ["adjustments"] });
    expect(firstIssue({ name: "s", adjustments: {} })).toMatchObject({ code: "wrong_type", path: ["adjustments"] });
    expect(firstIssue({ name: "s", adjustments: new Array(10_001).fill({}) })).toMatchObject({ code: "too_many", path: ["adjustments"] });
    expect(firstIssue({ name: "s", adjustments: [], year: 2020 })).toMatchObject({ code: "unknown_field", path: ["year"] });
    expect(firstIssue({ name: "s", adjustments: [], description: 1 })).toMatchObject({ code: "wrong_type", path: ["description"] });
  });

  it("names the adjustment of every issue, and lists them all", () => {
    const issues = issuesOf({ name: "s", adjustments: [{ kind: "scale", filter: {}, percent: "1" }, 7, { kind: "grow" }, {}] });
    expect(issues.map((i) => [i.code, i.adjustment, i.path])).toEqual([
      ["not_an_object", 1, ["adjustments", 1]],
      ["unknown_kind", 2, ["adjustments", 2, "kind"]],
      ["missing_field", 3, ["adjustments", 3, "kind"]],
    ]);
  });

  it("refuses unknown keys of each kind, of filters, of targets and of lines", () => {
    expect(firstIssue(one({ kind: "scale", filter: {}, percent: "1", amount: "1" }))).toMatchObject({ code: "unknown_field", path: ["adjustments", 0, "amount"], kind: "scale" });
    expect(firstIssue(one({ kind: "scale", filter: { colour: "red" }, percent: "1" }))).toMatchObject({ code: "unknown_field", path: ["adjustments", 0, "filter", "colour"] });
    expect(firstIssue(one({ kind: "receipts", filter: { economic: "302" }, percent: "1" }))).toMatchObject({ code: "unknown_field", path: ["adjustments", 0, "filter", "economic"] });
    expect(firstIssue(one({ kind: "scale", filter: { type: "receiptRecorded" }, percent: "1" }))).toMatchObject({ code: "unknown_field", path: ["adjustments", 0, "filter", "type"] });
    expect(firstIssue(one({ kind: "move", from: {}, to: { colour: "red" }, amount: "1" }))).toMatchObject({ code: "unknown_field", path: ["adjustments", 0, "to", "colour"] });
    expect(firstIssue(one({ kind: "appropriate", line: { unit: "u", fund: "other", functional: "2013701", category: "basic", stage: "initial" }, amount: "1" }))).toMatchObject({
      code: "unknown_field",
      path: ["adjustments", 0, "line", "stage"],
    });
  });

  it("refuses filters that are not objects, conflicting fund and source, unknown funds and categories", () => {
    expect(firstIssue(one({ kind: "scale", percent: "1" }))).toMatchObject({ code: "missing_field", path: ["adjustments", 0, "filter"] });
    expect(firstIssue(one({ kind: "scale", filter: [], percent: "1" }))).toMatchObject({ code: "not_an_object", path: ["adjustments", 0, "filter"] });
    expect(firstIssue(one({ kind: "scale", filter: { fund: "other", source: "other" }, percent: "1" }))).toMatchObject({ code: "conflicting_fields", path: ["adjustments", 0, "filter", "source"] });
    expect(firstIssue(one({ kind: "scale", filter: { fund: "财政" }, percent: "1" }))).toMatchObject({ code: "unknown_fund", path: ["adjustments", 0, "filter", "fund"] });
    expect(firstIssue(one({ kind: "scale", filter: { fund: ["other", 3] }, percent: "1" }))).toMatchObject({ code: "unknown_fund", path: ["adjustments", 0, "filter", "fund", 1] });
    expect(firstIssue(one({ kind: "scale", filter: { category: "misc" }, percent: "1" }))).toMatchObject({ code: "unknown_category", path: ["adjustments", 0, "filter", "category"] });
    expect(firstIssue(one({ kind: "scale", filter: { category: ["basic", "x"] }, percent: "1" }))).toMatchObject({ code: "unknown_category", path: ["adjustments", 0, "filter", "category", 1] });
    expect(firstIssue(one({ kind: "move", from: {}, to: { fund: "x" }, amount: "1" }))).toMatchObject({ code: "unknown_fund", path: ["adjustments", 0, "to", "fund"] });
    expect(firstIssue(one({ kind: "move", from: {}, to: { category: "x" }, amount: "1" }))).toMatchObject({ code: "unknown_category", path: ["adjustments", 0, "to", "category"] });
    expect(firstIssue(one({ kind: "move", from: {}, to: 3, amount: "1" }))).toMatchObject({ code: "not_an_object", path: ["adjustments", 0, "to"] });
    expect(firstIssue(one({ kind: "move", from: {}, amount: "1" }))).toMatchObject({ code: "missing_field", path: ["adjustments", 0, "to"] });
  });

  it("refuses percentages that are not decimal strings", () => {
    for (const percent of ["abc", "10%", "1e3", "", "--1", "NaN"]) {
      expect(firstIssue(one({ kind: "scale", filter: {}, percent }))).toMatchObject({ code: "not_a_number", path: ["adjustments", 0, "percent"] });
    }
    expect(firstIssue(one({ kind: "scale", filter: {}, percent: -10 }))).toMatchObject({ code: "not_a_number", path: ["adjustments", 0, "percent"] });
    expect(firstIssue(one({ kind: "scale", filter: {} }))).toMatchObject({ code: "missing_field", path: ["adjustments", 0, "percent"] });
  });

  it("refuses amounts that are not 万元 strings, finer than a fen, zero or too large", () => {
    const amount = (value: unknown): unknown => firstIssue(one({ kind: "receipts", filter: {}, amount: value }));
    expect(amount(500)).toMatchObject({ code: "wrong_type", path: ["adjustments", 0, "amount"] });
    expect(amount("five")).toMatchObject({ code: "not_a_number" });
    expect(amount("0.0000001")).toMatchObject({ code: "invalid_amount" });
    expect(amount("0.00")).toMatchObject({ code: "invalid_amount" });
    expect(amount("99999999999999")).toMatchObject({ code: "invalid_amount" });
  });

  it("takes a percent or an amount, exactly one", () => {
    expect(firstIssue(one({ kind: "receipts", filter: {}, amount: "1", percent: "1" }))).toMatchObject({ code: "conflicting_fields", path: ["adjustments", 0, "amount"] });
    expect(firstIssue(one({ kind: "receipts", filter: {} }))).toMatchObject({ code: "missing_field", path: ["adjustments", 0, "percent"] });
    expect(firstIssue(one({ kind: "move", from: {}, to: { category: "basic" } }))).toMatchObject({ code: "missing_field" });
  });

  it("reads appropriate as a line and an amount, or a filter and a percent, never a mix", () => {
    expect(firstIssue(one({ kind: "appropriate", line: {}, filter: {}, amount: "1" }))).toMatchObject({ code: "conflicting_fields", path: ["adjustments", 0, "line"] });
    expect(firstIssue(one({ kind: "appropriate", filter: {}, amount: "1" }))).toMatchObject({ code: "conflicting_fields", path: ["adjustments", 0, "amount"] });
    expect(firstIssue(one({ kind: "appropriate", line: { unit: "u" }, amount: "1" }))).toMatchObject({ code: "missing_field", path: ["adjustments", 0, "line", "fund"] });
    expect(firstIssue(one({ kind: "appropriate", line: { unit: "u", fund: "other", functional: "2013701", category: "basic" } }))).toMatchObject({ code: "missing_field", path: ["adjustments", 0, "amount"] });
    expect(firstIssue(one({ kind: "appropriate", line: { unit: "u", fund: "nope", functional: "2013701", category: "basic" }, amount: "1" }))).toMatchObject({ code: "unknown_fund", path: ["adjustments", 0, "line", "fund"] });
    expect(firstIssue(one({ kind: "appropriate", line: 5, amount: "1" }))).toMatchObject({ code: "not_an_object", path: ["adjustments", 0, "line"] });
  });

  it("refuses add without events, a memo or reason that is not text", () => {
    expect(firstIssue(one({ kind: "add" }))).toMatchObject({ code: "missing_field", path: ["adjustments", 0, "events"] });
    expect(firstIssue(one({ kind: "add", events: [] }))).toMatchObject({ code: "wrong_type", path: ["adjustments", 0, "events"] });
    expect(firstIssue(one({ kind: "scale", filter: {}, percent: "1", memo: 1 }))).toMatchObject({ code: "wrong_type", path: ["adjustments", 0, "memo"] });
    expect(firstIssue(one({ kind: "remove", filter: {}, reason: "" }))).toMatchObject({ code: "wrong_type", path: ["adjustments", 0, "reason"] });
  });

  it("throws a ScenarioError whose message names the adjustment, its kind, the field and the value", () => {
    expect(() => parseScenario(one({ kind: "scale", filter: {}, percent: "ten" }))).toThrow(ScenarioError);
    try {
      parseScenario(one({ kind: "scale", filter: {}, percent: "ten" }));
    } catch (error) {
      expect((error as ScenarioError).message).toBe('adjustments[0] (scale).percent = "ten": a percentage is a decimal number written as a string, e.g. "-10" or "12.5"');
      expect(formatScenarioIssue((error as ScenarioError).issues[0])).toBe((error as ScenarioError).message);
    }
    expect(formatScenarioIssue(issuesOf(7)[0] as ScenarioIssue)).toBe("(scenario) = 7: a scenario is an object {\"name\", \"adjustments\"}");
  });
});
