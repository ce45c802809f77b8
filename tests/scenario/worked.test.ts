// The worked scenarios of docs/scenarios/ on the reference department: each is run through `fundledger whatif` and must print exactly its committed output (set UPDATE_SCENARIO_GOLDEN=1 to rewrite them after a deliberate change).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/runCli.js";

const DIRECTORY = fileURLToPath(new URL("../../docs/scenarios/", import.meta.url));
const WORKED = ["three-public-cut", "project-to-basic", "institutional-income-cut"] as const;
const FORMATS = [
  { format: "text", extension: "txt" },
  { format: "json", extension: "json" },
] as const;
const UPDATE = process.env["UPDATE_SCENARIO_GOLDEN"] === "1";

async function output(name: string, format: string): Promise<string> {
  const run = await runCli(["whatif", "--example", "guangzhou-cac-2020", "--scenario", `${DIRECTORY}${name}.scenario.json`, "--format", format]);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return run.stdout;
}

describe("the worked scenarios of docs/scenarios/", () => {
  for (const name of WORKED) {
    for (const { format, extension } of FORMATS) {
      it(`${name} prints its committed ${format} output`, async () => {
        const file = `${DIRECTORY}${name}.output.${extension}`;
        const printed = await output(name, format);
        if (UPDATE) writeFileSync(file, printed);
        expect(printed).toBe(readFileSync(file, "utf8"));
      });
    }
  }

  it("三公 −10%: Table 7's actual spending falls by a tenth of 54.97, exactly, and the closing balance rises by as much", async () => {
    const json = JSON.parse(await output("three-public-cut", "json")) as { changes: { table: string; line: number | null; col: string; baseline: string; scenario: string; delta: string }[]; shortfalls: unknown[] };
    const t7 = json.changes.filter((c) => c.table === "T7");
    expect(t7.find((c) => c.col === "7")).toMatchObject({ baseline: "54.97", scenario: "49.47", delta: "-5.50" });
    expect(t7.filter((c) => Number(c.col) <= 6)).toEqual([]); // the budget columns do not move
    expect(json.changes.find((c) => c.table === "T1" && c.line === 59)).toMatchObject({ delta: "5.50" });
    expect(json.shortfalls).toEqual([]);
  });

  it("500万 from project to basic spending under 20137: both columns move by 500.00 and the basic lines without budget run short", async () => {
    const json = JSON.parse(await output("project-to-basic", "json")) as { changes: { table: string; code: string | null; col: string; delta: string }[]; shortfalls: { line: string | null; short: string }[] };
    expect(json.changes.filter((c) => c.table === "T3" && c.code === "20137").map((c) => [c.col, c.delta])).toEqual([["2", "500.00"], ["3", "-500.00"]]);
    expect(json.changes.some((c) => c.table === "T1" || c.table === "T2")).toBe(false);
    const shortTotal = json.shortfalls.reduce((sum, s) => sum + Math.round(Number(s.short) * 100), 0);
    expect(shortTotal).toBe(50_000);
    expect(json.shortfalls.map((s) => s.line)).toEqual(["2013702/basic", "2013799/basic"]);
  });

  it("事业收入 −20%: the 信息安全测评中心 runs short by 571.57 万元 and no other unit does", async () => {
    const json = JSON.parse(await output("institutional-income-cut", "json")) as { shortfalls: unknown[] };
    expect(json.shortfalls).toEqual([{ unit: "gzcac-testing", fund: "institutional", line: null, available: "2286.27", required: "2857.83", short: "571.57" }]);
  });
});
