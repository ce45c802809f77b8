// docs/scenarios.md and its runnable example say what the code does: the example prints what the page claims, the page quotes the worked scenario files and their outputs as committed, and the claims it makes in words hold.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { whatIf } from "../../docs/scenarios/whatIf.js";
import { applyScenario, safeApplyScenario } from "../../src/scenario/applyScenario.js";
import { scenarioShortfalls } from "../../src/scenario/compareScenario.js";
import { parseScenario } from "../../src/scenario/parseScenario.js";
import { formatScenarioIssue } from "../../src/scenario/scenarioIssues.js";
import { referenceLedger } from "../support/reference.js";

const DOCS = fileURLToPath(new URL("../../docs/", import.meta.url));
const page = readFileSync(`${DOCS}scenarios.md`, "utf8");
const file = (name: string): string => readFileSync(`${DOCS}scenarios/${name}`, "utf8");

describe("docs/scenarios/whatIf.ts", () => {
  it("cuts 三公 by a tenth, finds the centre short, and refuses an unknown code", () => {
    expect(whatIf()).toEqual([
      "events: 9, first id scenario:cuts:0:0",
      "T7 三公 actual: 54.97 → 49.47 (-5.50)",
      "short: gzcac-testing institutional by 571.57 万元",
      "baseline version unchanged: 297",
      'refused: adjustments[0] (scale).filter.economic = "30298": the economic code is not in the catalog',
    ]);
  });
});

describe("docs/scenarios.md", () => {
  it("quotes each worked scenario's adjustment as its file holds it", () => {
    for (const name of ["three-public-cut", "project-to-basic", "institutional-income-cut"]) {
      const scenario = JSON.parse(file(`${name}.scenario.json`)) as { adjustments: unknown[] };
      for (const adjustment of scenario.adjustments) expect(page).toContain(JSON.stringify(adjustment).replace(/":/g, '": ').replace(/,"/g, ', "'));
    }
  });

  it("quotes the outputs' lines as committed", () => {
    const quoted = [...page.matchAll(/```text\n([\s\S]*?)```/g)].map((match) => match[1] ?? "").join("\n");
    const outputs = ["three-public-cut", "project-to-basic", "institutional-income-cut"].map((name) => file(`${name}.output.txt`)).join("\n");
    const lines = quoted.split("\n").filter((line) => line.startsWith("  ") || /^(T\d+|Shortfalls)/.test(line));
    expect(lines.length).toBeGreaterThan(15);
    for (const line of lines) expect(outputs.split("\n")).toContain(line);
  });

  it("is right that budgets moved with the spending clear the shortfalls of the move", () => {
    const ledger = referenceLedger();
    const move = parseScenario(JSON.parse(file("project-to-basic.scenario.json")));
    const run = applyScenario(ledger, move, { year: 2020 });
    const short = scenarioShortfalls(run).scenario;
    expect(short.map((s) => s.shortFen)).toEqual([263_860_080, 236_139_920]);
    const line = (functional: string, category: "basic" | "project", amountFen: number) =>
      ({ kind: "appropriate", line: { unit: "gzcac", fund: "generalPublicBudget", functional, category }, amountFen }) as const;
    const budgets = applyScenario(run.fork, {
      name: "budgets",
      adjustments: short.flatMap((s) => [line(s.functional as string, "project", -s.shortFen), line(s.functional as string, "basic", s.shortFen)]),
    }, { year: 2020 });
    expect(scenarioShortfalls(budgets).scenario).toEqual([]);
  });

  it("gives error lines that the code prints", () => {
    const ledger = referenceLedger();
    const refused = safeApplyScenario(ledger, { name: "s", adjustments: [{ kind: "move", from: { economic: "30217" }, to: { economic: "30201" }, amountFen: 9_000_000_000 }] }, { year: 2020 });
    if (refused.ok) throw new Error("expected a refusal");
    expect(page).toContain(`fundledger: cut.json: ${formatScenarioIssue(refused.issues[0])}\n`);
    const badCode = safeApplyScenario(ledger, { name: "s", adjustments: [{ kind: "scale", filter: { economic: "30298" }, percent: "-10" }] }, { year: 2020 });
    if (badCode.ok) throw new Error("expected a refusal");
    expect(page).toContain(`fundledger: cut.json: ${formatScenarioIssue(badCode.issues[0])}\n`);
  });
});
