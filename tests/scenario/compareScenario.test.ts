// Comparing a scenario with its baseline: table sums and diffs on hand-made tables, shortfalls of funds and budget lines, the narrative figures, and the three renderings (JSON shape, CJK-aligned text, Markdown).
import { describe, expect, it } from "vitest";
import { narrativeFigures } from "../../src/narrative/figures.js";
import { displayWidth } from "../../src/render/displayWidth.js";
import type { Table } from "../../src/tables/table.js";
import { createLedger } from "../../src/ledger/ledger.js";
import { applyScenario } from "../../src/scenario/applyScenario.js";
import { baselineTables, compareScenario, scenarioChanges, scenarioShortfalls, scenarioTables } from "../../src/scenario/compareScenario.js";
import { ScenarioError } from "../../src/scenario/scenarioIssues.js";
import { diffNarrative, flatFigures } from "../../src/scenario/narrativeDiff.js";
import { comparisonToJson, renderComparisonJson, renderComparisonMarkdown, renderComparisonText } from "../../src/scenario/renderComparison.js";
import { shortfalls } from "../../src/scenario/shortfalls.js";
import { addTables, diffDelta, diffTables, unionRows } from "../../src/scenario/tableDiff.js";
import { appropriation, expenditure, office, receipt, YEAR } from "../support/fixtures.js";
import { referenceLedger } from "../support/reference.js";

const table = (rows: Table["rows"], id: Table["id"] = "T3"): Table => ({ id, title: "t", columns: { "1": "a", "2": "b" }, rows });
const row = (code: string | null, cells: Record<string, number>, label = code ?? "合计") => ({ line: null, code, label, cells });

describe("tables compared and added", () => {
  it("merges rows in printed order: new coded rows where their code sorts, the rest kept", () => {
    const first = [row(null, { "1": 1 }), row("201", { "1": 1 }), row("2010101", { "1": 1 }), row("208", { "1": 1 })];
    const second = [row("2010102", { "1": 1 }), row("20101", { "1": 2 }), row("221", { "1": 1 })];
    expect(unionRows(first, second).map((entry) => entry.key.split("\u001f")[1])).toEqual(["", "201", "20101", "2010101", "2010102", "208", "221"]);
  });

  it("adds cell by cell, blank cells counting as zero, and lists only changed cells unless asked for all", () => {
    const base = [table([row(null, { "1": 10, "2": 5 }), row("201", { "1": 10 })])];
    const delta = [table([row(null, { "1": -3 }), row("201", { "1": -3 }), row("208", { "2": 4 })])];
    const sum = addTables(base, delta);
    expect(sum[0]?.rows.map((r) => [r.code, r.cells])).toEqual([[null, { "1": 7, "2": 5 }], ["201", { "1": 7 }], ["208", { "2": 4 }]]);
    expect(diffTables(base, sum).map((c) => [c.code, c.column, c.baselineFen, c.scenarioFen, c.deltaFen])).toEqual([
      [null, "1", 10, 7, -3],
      ["201", "1", 10, 7, -3],
      ["208", "2", 0, 4, 4],
    ]);
    expect(diffTables(base, sum, { all: true })).toHaveLength(4);
    expect(diffTables(base, base)).toEqual([]);
  });

  it("refuses to add sets of different tables", () => {
    expect(() => addTables([table([])], [table([], "T2")])).toThrow(/same tables/);
    expect(() => addTables([table([])], [])).toThrow(/same tables/);
    expect(() => diffDelta([table([])], [table([], "T2")])).toThrow(/same tables/);
  });

  it("reads the changes off the delta alone, in the order of the diff of the sums", () => {
    const base = [table([row(null, { "1": 10 }), row("201", { "1": 10 }), row("20101", { "1": 10 }), row("2010101", { "1": 10 }), row("208", { "1": 5 }), row(null, { "1": 1 }, "其他")])];
    const delta = [table([
      row(null, { "1": 4 }), row("201", { "1": 1 }), row("20102", { "1": 3 }), row("2010201", { "1": 3 }), row("2010101", { "1": -2, "2": 0 }),
      row("221", { "2": 7 }), row("20101", { "1": 0 }), row("2010102", { "1": 2 }), row(null, { "1": 1 }, "新"),
    ])];
    const expected = diffTables(base, addTables(base, delta));
    expect(diffDelta(base, delta)).toEqual(expected);
    expect(expected.map((c) => c.code ?? c.label)).toEqual(["合计", "201", "2010101", "2010102", "20102", "2010201", "221", "新"]);
  });
});

describe("shortfalls", () => {
  const ledger = createLedger();
  ledger.append([
    office(),
    receipt({ id: "r1", amountFen: 1_000 }),
    expenditure({ id: "e1", amountFen: 800 }),
    appropriation({ id: "a1", amountFen: 900 }),
  ]);

  it("lists none while every fund and line covers its spending", () => {
    expect(shortfalls(ledger.aggregate().years.get(YEAR))).toEqual([]);
    expect(shortfalls(undefined)).toEqual([]);
  });

  it("lists a unit's fund short of its spending and a line over its budget, with amounts, never negative", () => {
    const run = applyScenario(ledger, { name: "s", adjustments: [{ kind: "scale", filter: {}, percent: "50" }, { kind: "receipts", filter: {}, percent: "-20" }] }, { year: YEAR });
    const { scenario, baseline } = scenarioShortfalls(run);
    expect(baseline).toEqual([]);
    expect(scenario).toEqual([
      { kind: "fund", unit: "office", fund: "generalPublicBudget", functional: null, category: null, availableFen: 800, requiredFen: 1_200, shortFen: 400 },
      { kind: "line", unit: "office", fund: "generalPublicBudget", functional: "2013701", category: "basic", availableFen: 900, requiredFen: 1_200, shortFen: 300 },
    ]);
    expect(scenario).toEqual(shortfalls(run.fork.aggregate().years.get(YEAR)));
  });
});

describe("the comparison of a scenario on the reference department", () => {
  const reference = referenceLedger();
  const run = applyScenario(reference, { name: "收入-20%", description: "事业收入减少两成", adjustments: [{ kind: "receipts", filter: { source: "institutional" }, percent: "-20" }] }, { year: 2020 });
  const comparison = compareScenario(run);

  it("caches the baseline's tables per version, and they are the ledger's", () => {
    expect(baselineTables(reference, 2020)).toBe(baselineTables(reference, 2020));
    expect(baselineTables(reference, 2020)).toEqual(reference.tables(2020));
  });

  it("lists changed figures by their flat keys, and every figure with all", () => {
    expect(comparison.narrative.map((n) => n.figure)).toContain("income.institutional.current");
    expect(comparison.narrative.find((n) => n.figure === "income.institutional.rate")).toEqual({ figure: "income.institutional.rate", baseline: "4.8", scenario: "-16.1" });
    const all = compareScenario(run, { all: true });
    expect(all.narrative.length).toBe(flatFigures(narrativeFigures(reference, 2020)).size);
    expect(all.narrative.length).toBeGreaterThan(comparison.narrative.length);
    expect(all.changes.length).toBeGreaterThan(comparison.changes.length);
    expect(all.changes.filter((c) => c.deltaFen !== 0)).toEqual(comparison.changes);
    expect(compareScenario(run, { narrative: false }).narrative).toEqual([]);
    // A figure only one side has counts as null ("--") on the other.
    expect(diffNarrative({ department: "", year: 1, unit: "万元", figures: { a: "1" } }, { department: "", year: 1, unit: "万元", figures: { b: { c: null, d: 2 } } })).toEqual([
      { figure: "a", baseline: "1", scenario: null },
      { figure: "b.d", baseline: null, scenario: 2 },
    ]);
  });

  it("prints JSON in the issue's shape, amounts as two-decimal 万元 strings", () => {
    const json = comparisonToJson(comparison);
    expect(Object.keys(json)).toEqual(["scenario", "changes", "narrative", "shortfalls"]);
    expect(json.scenario).toEqual({ name: "收入-20%", description: "事业收入减少两成", year: 2020, adjustments: 1, events: 5 });
    expect(json.changes[0]).toEqual({ table: "T1", line: 5, code: null, label: "五、事业收入", col: "1", baseline: "2857.83", scenario: "2286.27", delta: "-571.57" });
    for (const change of json.changes) expect(Object.keys(change)).toEqual(["table", "line", "code", "label", "col", "baseline", "scenario", "delta"]);
    expect(json.shortfalls).toEqual([{ unit: "gzcac-testing", fund: "institutional", line: null, available: "2286.27", required: "2857.83", short: "571.57" }]);
    expect(JSON.parse(renderComparisonJson(comparison))).toEqual(json);
  });

  it("prints text whose columns line up in display width, Chinese labels included", () => {
    const text = renderComparisonText(comparison);
    const block = text.split("\n\n").find((part) => part.startsWith("T2 收入决算表")) ?? "";
    const lines = block.split("\n").slice(1).filter((line) => line !== "");
    // Every amount column ends at the same display column.
    const ends = new Set(lines.map((line) => displayWidth(line)));
    expect(ends.size).toBe(1);
    expect(text).toContain("Shortfalls: 1 shortfall (baseline: none)");
    expect(text).toMatch(/fund {2}gzcac-testing 广州市信息安全测评中心 {2}事业收入 {2}\(all lines\) +2,286\.27 +2,857\.83 +571\.57 +0\.00/);
    expect(renderComparisonText(comparison, { ambiguousWidth: 1 })).toContain("T1 收入支出决算总表");
  });

  it("prints Markdown with a pipe table per changed table and escaped cells", () => {
    const md = renderComparisonMarkdown(comparison);
    expect(md.startsWith("## Scenario 收入-20%, 2020: 1 adjustment, 5 events\n")).toBe(true);
    expect(md).toContain("#### T2 收入决算表");
    expect(md).toContain("| line | label | col | baseline | scenario | change |");
    expect(md).toContain("| 5 | 五、事业收入 | 1 | 2,857.83 | 2,286.27 | -571.57 |");
    expect(md).toContain("| fund | gzcac-testing 广州市信息安全测评中心 | 事业收入 | (all lines) | 2,286.27 | 2,857.83 | 571.57 | 0.00 |");
  });

  it("refuses to compare once the baseline has moved on, since the fork continues it as it was", () => {
    const moving = referenceLedger();
    const early = applyScenario(moving, { name: "early", adjustments: [{ kind: "scale", filter: {}, percent: "1" }] }, { year: 2020 });
    moving.append({ id: "late", type: "receiptRecorded", year: 2020, unit: "gzcac", source: "other", functional: "2013701", amountFen: 1 });
    for (const compare of [() => compareScenario(early), () => scenarioChanges(early), () => scenarioShortfalls(early), () => scenarioTables(early)]) {
      expect(compare).toThrow(ScenarioError);
      expect(compare).toThrow(/the baseline has moved from version 297 to 298/);
    }
  });

  it("says so when nothing changes", () => {
    const empty = compareScenario(applyScenario(reference, { name: "none", adjustments: [] }, { year: 2020 }));
    expect(renderComparisonText(empty)).toBe(
      "Scenario none, 2020: 0 adjustments, 0 events\nAmounts in 万元, each rounded on its own from exact fen.\n\nTable cells: 0 changed cells\n\nNarrative figures: 0 changed figures\n\nShortfalls: none (baseline: none)\n",
    );
    expect(renderComparisonJson(empty)).toBe('{\n "scenario": {"name":"none","year":2020,"adjustments":0,"events":0},\n "changes": [],\n "narrative": [],\n "shortfalls": []\n}\n');
    expect(renderComparisonMarkdown(empty)).toContain("### Shortfalls (none; baseline: none)");
  });
});
