// The command line's narrative pieces, run in-process: report --narrative (JSON equal to the golden narrative; parts 3 and 4 in words), report --full (md and html, with an example's or given notes and profile), check --narrative (clean, and each altered figure with both values), and their one-line usage errors.
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { handMadeJsonLines } from "../render/handMadeLedger.js";
import { runCli, tempDir } from "../cli/runCli.js";

const GOLDEN = new URL("../golden/guangzhou-cac-2020.narrative.json", import.meta.url);
const golden = JSON.parse(readFileSync(GOLDEN, "utf8")) as { department: string; year: number; unit: string; figures: Record<string, Record<string, unknown> | string> };
const dir = tempDir();
afterAll(() => dir.remove());
dir.write("events.jsonl", handMadeJsonLines());
dir.write("golden.json", JSON.stringify(golden));
const altered = structuredClone(golden);
(altered.figures["threePublic.vehicles"] as Record<string, unknown>)["share"] = "80.7";
(altered.figures["income.institutional"] as Record<string, unknown>)["rate"] = "4.9";
altered.figures["income.total"] = "18758.51";
dir.write("altered.json", JSON.stringify(altered));
dir.write("notes.json", JSON.stringify({ "income.generalPublicBudget": "主要变动原因：手写的说明。" }));
dir.write("profile.json", JSON.stringify({ duties: ["负责演示。"] }));
dir.write("bad-notes.json", JSON.stringify({ "income.other": 5 }));
dir.write("bad-narrative.json", JSON.stringify({ figures: { "income.total": 18758.5 } }));
const inDir = { cwd: dir.path } as const;

describe("fundledger report --narrative", () => {
  it("prints the reference department's narrative as JSON equal to the golden file's department, year, unit and 34 figures", async () => {
    const run = await runCli(["report", "--example", "guangzhou-cac-2020", "--narrative", "--format", "json"]);
    expect(run.status).toBe(0);
    const printed = JSON.parse(run.stdout) as typeof golden;
    expect(Object.keys(printed)).toEqual(["department", "year", "unit", "figures"]);
    expect(printed).toEqual({ department: golden.department, year: golden.year, unit: golden.unit, figures: golden.figures });
  });

  it("prints JSON by default and parts 3 and 4 in words with md", async () => {
    const json = await runCli(["report", "--example", "guangzhou-cac-2020", "--narrative"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ year: 2020 });
    const md = await runCli(["report", "--example", "guangzhou-cac-2020", "--narrative", "--format", "md"]);
    expect(md.stdout).toContain("## 第三部分 中共广州市委网络安全和信息化委员会办公室2020年部门决算情况说明");
    expect(md.stdout).toContain("## 第四部分 预算绩效管理情况");
    expect(md.stdout).not.toContain("第一部分");
    expect(md.stdout).toContain("主要变动原因：办本级为2019年机构改革新设立的单位");
  });

  it("refuses a format it does not print, and --table", async () => {
    const csv = await runCli(["report", "--example", "guangzhou-cac-2020", "--narrative", "--format", "csv"]);
    expect([csv.status, csv.stderr]).toEqual([2, 'fundledger: report: --narrative prints json or md or html, not "csv"\n']);
    const table = await runCli(["report", "--example", "guangzhou-cac-2020", "--narrative", "--table", "T1"]);
    expect([table.status, table.stderr]).toEqual([2, "fundledger: report: --table chooses tables; --narrative prints no table\n"]);
  });
});

describe("fundledger report --full", () => {
  it("prints the complete reference document as Markdown with the example's profile and notes", async () => {
    const run = await runCli(["report", "--example", "guangzhou-cac-2020", "--full", "--format", "md"]);
    expect(run.status).toBe(0);
    for (const part of ["第一部分", "第二部分", "第三部分", "第四部分", "第五部分"]) expect(run.stdout).toContain(`## ${part} `);
    expect(run.stdout).toContain("对外加挂广州市互联网信息办公室牌子");
    expect(run.stdout).toContain("| 总分 |  |  |  |  |  | 94.27 |  |");
  });

  it("prints Markdown by default and HTML with --format html", async () => {
    const md = await runCli(["report", "--example", "guangzhou-cac-2020", "--full"]);
    expect(md.stdout.startsWith("# 2020年")).toBe(true);
    const html = await runCli(["report", "--example", "guangzhou-cac-2020", "--full", "--format", "html"]);
    expect(html.stdout.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html.stdout).toContain("<h2>第五部分 名词解释</h2>");
  });

  it("takes notes and a profile from files for an events file", async () => {
    const run = await runCli(["report", "--events", "events.jsonl", "--year", "2020", "--full", "--notes", "notes.json", "--profile", "profile.json"], inDir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("负责演示。");
    expect(run.stdout).toContain("主要变动原因：手写的说明。");
  });

  it("refuses notes that are not paragraphs, --notes without --full, and --full with --narrative", async () => {
    const bad = await runCli(["report", "--events", "events.jsonl", "--year", "2020", "--full", "--notes", "bad-notes.json"], inDir);
    expect([bad.status, bad.stderr]).toEqual([1, 'fundledger: bad-notes.json: the note "income.other" must be a paragraph or a list of paragraphs\n']);
    const stray = await runCli(["report", "--events", "events.jsonl", "--year", "2020", "--notes", "notes.json"], inDir);
    expect([stray.status, stray.stderr]).toEqual([2, "fundledger: report: --notes goes with --narrative or --full\n"]);
    const both = await runCli(["report", "--events", "events.jsonl", "--year", "2020", "--full", "--narrative"], inDir);
    expect(both.status).toBe(2);
  });
});

describe("fundledger check --narrative", () => {
  it("finds the golden narrative clean against the reference events", async () => {
    const run = await runCli(["check", "--example", "guangzhou-cac-2020", "--narrative", "golden.json"], inDir);
    expect([run.status, run.stdout]).toEqual([0, "clean: the 34 figures of golden.json agree with the events of 2020\n"]);
  });

  it("lists each altered figure with what was printed and what the events give, and exits 1", async () => {
    const run = await runCli(["check", "--example", "guangzhou-cac-2020", "--narrative", "altered.json"], inDir);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(
      [
        "differs income.total: published 18758.51, events give 18758.50",
        "differs income.institutional.rate: published 4.9, events give 4.8",
        "differs threePublic.vehicles.share: published 80.7, events give 80.6",
        "3 printed figures of altered.json differ from the events of 2020",
        "",
      ].join("\n"),
    );
  });

  it("refuses a file that is not a narrative, naming where", async () => {
    const run = await runCli(["check", "--example", "guangzhou-cac-2020", "--narrative", "bad-narrative.json"], inDir);
    expect([run.status, run.stderr]).toEqual([1, "fundledger: bad-narrative.json: figures.income.total: a figure is a printed string or an object of printed fields\n"]);
    const missing = await runCli(["check", "--example", "guangzhou-cac-2020", "--narrative", "nowhere.json"], inDir);
    expect([missing.status, missing.stderr]).toEqual([2, "fundledger: no such file: nowhere.json\n"]);
  });
});
