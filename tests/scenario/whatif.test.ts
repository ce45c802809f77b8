// `fundledger whatif` in-process: the three formats, --all, --events with --year, the appropriation control, and one-line errors with their exit statuses (1 for a bad scenario, 2 for a usage error).
import { afterAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../cli/runCli.js";
import { REFERENCE_EVENTS } from "../support/reference.js";
import { readFileSync } from "node:fs";

const dir = tempDir();
afterAll(() => dir.remove());
dir.write("events.jsonl", readFileSync(REFERENCE_EVENTS, "utf8"));
dir.write("cut.json", JSON.stringify({ name: "cut", adjustments: [{ kind: "scale", filter: { economic: "30217" }, percent: "-10" }] }));
dir.write("grow.json", JSON.stringify({ name: "grow", adjustments: [{ kind: "scale", filter: { fund: "generalPublicBudget", functional: "2013701" }, percent: "50" }] }));
dir.write("bad-percent.json", JSON.stringify({ name: "bad", adjustments: [{ kind: "scale", filter: {}, percent: "-10" }, { kind: "scale", filter: {}, percent: "ten" }] }));
dir.write("bad-code.json", JSON.stringify({ name: "bad", adjustments: [{ kind: "scale", filter: { economic: "30298" }, percent: "-10" }] }));
dir.write("too-much.json", JSON.stringify({ name: "bad", adjustments: [{ kind: "move", from: { economic: "30217" }, to: { economic: "30201" }, amount: "9000.00" }] }));
dir.write("not-json.json", "{ name: ");
const inDir = { cwd: dir.path } as const;

function whatif(...argv: string[]): ReturnType<typeof runCli> {
  return runCli(["whatif", ...argv], inDir);
}

describe("fundledger whatif", () => {
  it("prints the changes as text by default, with the reference example", async () => {
    const run = await whatif("--example", "guangzhou-cac-2020", "--scenario", "cut.json");
    expect(run).toMatchObject({ status: 0, stderr: "" });
    expect(run.stdout).toContain("Scenario cut, 2020: 1 adjustment, 2 events");
    expect(run.stdout).toContain("T7 一般公共预算财政拨款“三公”经费支出决算表");
  });

  it("reads --events with --year, and prints JSON or Markdown", async () => {
    const json = await whatif("--events", "events.jsonl", "--year", "2020", "--scenario", "cut.json", "--format", "json");
    expect(json.status).toBe(0);
    const parsed = JSON.parse(json.stdout) as { changes: { table: string; col: string; delta: string }[] };
    expect(parsed.changes.find((c) => c.table === "T7" && c.col === "12")?.delta).toBe("-1.07");
    const md = await whatif("--events", "events.jsonl", "--year", "2020", "--scenario", "cut.json", "--format", "md");
    expect(md.stdout).toMatch(/^## Scenario cut, 2020/);
  });

  it("lists every cell with --all", async () => {
    const changed = await whatif("--example", "guangzhou-cac-2020", "--scenario", "cut.json", "--format", "json");
    const all = await whatif("--example", "guangzhou-cac-2020", "--scenario", "cut.json", "--format", "json", "--all");
    const count = (text: string): number => (JSON.parse(text) as { changes: unknown[] }).changes.length;
    expect(count(all.stdout)).toBeGreaterThan(900);
    expect(count(all.stdout)).toBeGreaterThan(count(changed.stdout));
  });

  it("refuses spending beyond a line's budget with --enforce-appropriations (exit 1), and lists it as a shortfall without", async () => {
    const free = await whatif("--example", "guangzhou-cac-2020", "--scenario", "grow.json", "--format", "json");
    expect(free.status).toBe(0);
    expect((JSON.parse(free.stdout) as { shortfalls: { line: string | null }[] }).shortfalls.map((s) => s.line)).toContain("2013701/basic");
    const enforced = await whatif("--example", "guangzhou-cac-2020", "--scenario", "grow.json", "--enforce-appropriations");
    expect(enforced.status).toBe(1);
    expect(enforced.stderr).toMatch(/^fundledger: grow\.json: adjustments\[0\] \(scale\): the ledger refuses the adjustment's events: .*appropriation/);
  });

  it("exits 1 on a bad scenario, naming the adjustment and field, and prints nothing", async () => {
    const cases: readonly (readonly [string, RegExp])[] = [
      ["bad-percent.json", /^fundledger: bad-percent\.json: adjustments\[1\] \(scale\)\.percent = "ten": a percentage is a decimal number/],
      ["bad-code.json", /^fundledger: bad-code\.json: adjustments\[0\] \(scale\)\.filter\.economic = "30298": the economic code is not in the catalog/],
      ["too-much.json", /^fundledger: too-much\.json: adjustments\[0\] \(move\)\.amount = "9000\.00": the source has 10\.65 万元; a move cannot take more than it has/],
      ["not-json.json", /^fundledger: not-json\.json: not valid JSON/],
    ];
    for (const [file, message] of cases) {
      const run = await whatif("--example", "guangzhou-cac-2020", "--scenario", file);
      expect([file, run.status, run.stdout]).toEqual([file, 1, ""]);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.split("\n")).toHaveLength(2);
    }
  });

  it("exits 2 on a usage error", async () => {
    const cases: readonly (readonly [readonly string[], RegExp])[] = [
      [["--example", "guangzhou-cac-2020"], /whatif needs --scenario FILE/],
      [["--example", "guangzhou-cac-2020", "--scenario", "cut.json", "--format", "csv"], /--format must be one of text, md, json, not "csv"/],
      [["--example", "guangzhou-cac-2020", "--scenario", "cut.json", "--ambiguous-width", "3"], /--ambiguous-width must be 1 or 2/],
      [["--example", "guangzhou-cac-2020", "--scenario", "missing.json"], /no such file: missing\.json/],
      [["--scenario", "cut.json"], /whatif needs --events FILE or --example NAME/],
      [["--events", "events.jsonl", "--scenario", "cut.json"], /whatif needs --year YEAR/],
      [["--example", "guangzhou-cac-2020", "--scenario", "cut.json", "--colour"], /whatif: unknown flag --colour/],
    ];
    for (const [argv, message] of cases) {
      const run = await whatif(...argv);
      expect([argv, run.status]).toEqual([argv, 2]);
      expect(run.stderr).toMatch(message);
    }
  });

  it("notes a year without events, and then finds nothing to adjust", async () => {
    const run = await whatif("--events", "events.jsonl", "--year", "2030", "--scenario", "cut.json");
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("fundledger: note: events.jsonl has no events in 2030");
    expect(run.stderr).toContain("no expenditure of 2030 matches the filter");
  });
});
