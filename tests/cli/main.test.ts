// Checks the fundledger command in-process, on small event files in temporary directories: each command's output and exit status, and one-line errors.
import { existsSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { createLedger } from "../../src/ledger/ledger.js";
import { renderReportJson, type ReportJson } from "../../src/render/reportJson.js";
import { HAND_MADE_DEPARTMENT, HAND_MADE_EVENTS, HAND_MADE_YEAR, handMadeJsonLines, handMadeLedger } from "../render/handMadeLedger.js";
import { runCli, tempDir } from "./runCli.js";

const dir = tempDir();
afterAll(() => dir.remove());

dir.write("events.jsonl", handMadeJsonLines());
dir.write("examples/tiny/events.jsonl", handMadeJsonLines());
dir.write("examples/tiny/example.json", JSON.stringify({ name: "tiny", department: "另一个名字", defaultYear: HAND_MADE_YEAR }));
dir.write("examples/bare/events.jsonl", handMadeJsonLines());
const examples = `${dir.path}/examples`;
const inDir = { cwd: dir.path, examples } as const;

const hasReference = existsSync(new URL("../../examples/guangzhou-cac-2020/events.jsonl", import.meta.url));
const hasGenerator = existsSync(new URL("../../src/generate/generate.ts", import.meta.url));

/** One line on stderr, starting with the program's name. */
function expectOneLine(stderr: string): void {
  expect(stderr).toMatch(/^fundledger: [^\n]+\n$/);
}

describe("fundledger with no command", () => {
  it("prints the usage and exits 0 when run without arguments", async () => {
    const run = await runCli([]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Usage:");
    expect(run.stdout).toContain("fundledger report");
  });

  it("prints the usage for --help, after a command too", async () => {
    for (const argv of [["--help"], ["report", "--help"], ["-h"]]) {
      const run = await runCli(argv);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain("Usage:");
    }
  });

  it("prints its version", async () => {
    const run = await runCli(["--version"]);
    expect(run.stdout).toMatch(/^fundledger \d+\.\d+\.\d+/);
  });
});

describe("usage errors", () => {
  const cases: readonly (readonly [string, readonly string[], RegExp])[] = [
    ["an unknown command", ["frobnicate"], /unknown command "frobnicate"; the commands are demo, report, check, export, generate/],
    ["an unknown flag", ["report", "--events", "events.jsonl", "--year", "2020", "--fmt", "json"], /report: unknown flag --fmt \(it takes --events/],
    ["a flag before the command", ["--year", "2020"], /unknown flag --year \(a command comes first\)/],
    ["a flag without its value", ["report", "--events"], /report: --events needs a value/],
    ["a flag given twice", ["report", "--events", "a", "--events", "b"], /report: --events is given twice/],
    ["a stray argument", ["report", "events.jsonl"], /report: unexpected argument "events.jsonl"/],
    ["an unknown format", ["report", "--events", "events.jsonl", "--year", "2020", "--format", "xml"], /--format must be one of text, md, csv, json, not "xml"/],
    ["an unknown table", ["report", "--events", "events.jsonl", "--year", "2020", "--table", "T11"], /--table must be one of T1, .*T10, not "T11"/],
    ["a year that is not a year", ["report", "--events", "events.jsonl", "--year", "20x0"], /--year must be a year from 1949 to 9999, not "20x0"/],
    ["no year for an events file", ["report", "--events", "events.jsonl"], /report needs --year YEAR \(events\.jsonl has no default year\)/],
    ["no source of events", ["check", "--year", "2020"], /check needs --events FILE or --example NAME/],
    ["two sources of events", ["export", "--events", "events.jsonl", "--example", "tiny"], /export: give --events FILE or --example NAME, not both/],
    ["an unknown example", ["export", "--example", "nope"], /no such example: nope \(examples: bare, tiny\)/],
    ["a missing events file", ["report", "--events", "absent.jsonl", "--year", "2020"], /no such file: absent\.jsonl/],
  ];
  for (const [what, argv, message] of cases) {
    it(`exits 2 with one line for ${what}`, async () => {
      const run = await runCli(argv, inDir);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe("");
      expectOneLine(run.stderr);
      expect(run.stderr).toMatch(message);
    });
  }

  it("says exactly which file is missing", async () => {
    const run = await runCli(["check", "--events", "nowhere/events.jsonl", "--year", "2020"], inDir);
    expect(run.stderr).toBe("fundledger: no such file: nowhere/events.jsonl\n");
  });
});

describe("fundledger report", () => {
  it("prints the report JSON of an events file exactly as renderReportJson does", async () => {
    const run = await runCli(["report", "--events", "events.jsonl", "--year", "2020", "--format", "json"], inDir);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(renderReportJson(handMadeLedger().report(HAND_MADE_YEAR)));
    const json = JSON.parse(run.stdout) as ReportJson;
    expect(json.department).toBe(HAND_MADE_DEPARTMENT);
    expect(json.tables.find((table) => table.id === "T3")?.rows.find((row) => row.code === "20137")?.cells["1"]).toBe("0.01");
  });

  it("prints only the chosen tables, in the order given", async () => {
    const run = await runCli(["report", "--events", "events.jsonl", "--year", "2020", "--format", "json", "--table", "t5,T3", "--table", "T5"], inDir);
    const json = JSON.parse(run.stdout) as ReportJson;
    expect(json.tables.map((table) => table.id)).toEqual(["T5", "T3"]);
  });

  it("prints aligned text by default", async () => {
    const run = await runCli(["report", "--events", "events.jsonl", "--year", "2020", "--table", "T1"], inDir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("T1 收入支出决算总表");
    expect(run.stdout).toContain("单位：万元");
    expect(run.stdout).toContain("1,000.00");
  });

  it("prints Markdown and CSV", async () => {
    const md = await runCli(["report", "--events", "events.jsonl", "--year", "2020", "--table", "T5", "--format", "md"], inDir);
    expect(md.stdout).toContain("| 2013701 | 行政运行 | 0.01 | 0.01 | 0.00 |");
    const csv = await runCli(["report", "--events", "events.jsonl", "--year", "2020", "--table", "T5", "--format", "csv"], inDir);
    expect(csv.stdout.split("\r\n").slice(0, 2)).toEqual(["table,line,code,label,本年支出合计,基本支出,项目支出", "T5,,,合计,0.01,0.01,0.00"]);
  });

  it("takes an example's default year and keeps the department its events register", async () => {
    const run = await runCli(["report", "--example", "tiny", "--format", "json"], inDir);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as ReportJson;
    expect(json.year).toBe(HAND_MADE_YEAR);
    expect(json.department).toBe(HAND_MADE_DEPARTMENT);
  });

  it("needs --year for an example without a default year", async () => {
    const run = await runCli(["report", "--example", "bare"], inDir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("report needs --year YEAR");
  });

  it("notes on stderr a year without events and prints empty tables", async () => {
    const run = await runCli(["report", "--events", "events.jsonl", "--year", "2019", "--table", "T1"], inDir);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("fundledger: note: events.jsonl has no events in 2019 (its years: 2020); the tables are empty\n");
  });

  it("extends the catalog with --catalog so that events may use other codes", async () => {
    const event = { id: "r-204", type: "receiptRecorded", year: 2020, unit: "office", source: "generalPublicBudget", functional: "2040101", amountFen: 7_000_000 };
    dir.write("extended.jsonl", `${handMadeJsonLines()}${JSON.stringify(event)}\n`);
    dir.write("catalog.json", JSON.stringify({ functional: [{ code: "20401", name: "武装警察部队" }, { code: "2040101", name: "行政运行" }] }));
    const without = await runCli(["report", "--events", "extended.jsonl", "--year", "2020"], inDir);
    expect(without.status).toBe(1);
    expect(without.stderr).toMatch(/^fundledger: extended\.jsonl:5: functional = "2040101": /);
    const run = await runCli(["report", "--events", "extended.jsonl", "--year", "2020", "--format", "json", "--table", "T2", "--catalog", "catalog.json"], inDir);
    expect(run.status).toBe(0);
    const rows = (JSON.parse(run.stdout) as ReportJson).tables[0]?.rows ?? [];
    expect(rows.find((row) => row.code === "20401")).toMatchObject({ label: "武装警察部队", cells: { "1": "7.00" } });
  });

  it("refuses a catalog file with a bad code in one line naming the file", async () => {
    dir.write("bad-catalog.json", JSON.stringify({ functional: [{ code: "20", name: "两位" }] }));
    const run = await runCli(["report", "--events", "events.jsonl", "--year", "2020", "--catalog", "bad-catalog.json"], inDir);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('fundledger: bad-catalog.json: functional code "20": a functional code has 3, 5 or 7 digits\n');
  });

  it("refuses a catalog file that is not a catalog", async () => {
    dir.write("list.json", "[1, 2]");
    const run = await runCli(["report", "--events", "events.jsonl", "--year", "2020", "--catalog", "list.json"], inDir);
    expect(run.status).toBe(1);
    expectOneLine(run.stderr);
    expect(run.stderr).toContain("list.json: a catalog is an object");
  });
});

describe("invalid events", () => {
  it("names the line and says it is not valid JSON, with exit 1", async () => {
    dir.write("malformed.jsonl", `${handMadeJsonLines()}\n{"id": oops}\n`);
    const run = await runCli(["report", "--events", "malformed.jsonl", "--year", "2020"], inDir);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expectOneLine(run.stderr);
    expect(run.stderr).toMatch(/^fundledger: malformed\.jsonl:6: not valid JSON/);
  });

  it("names the line and the field of an invalid event, with exit 1", async () => {
    const bad = { ...HAND_MADE_EVENTS[1], id: "receipt-bad", functional: "2999999" };
    dir.write("invalid.jsonl", `${handMadeJsonLines()}${JSON.stringify(bad)}\n`);
    const run = await runCli(["check", "--events", "invalid.jsonl", "--year", "2020"], inDir);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'fundledger: invalid.jsonl:5: functional = "2999999": functional is not a functional code of the catalog (extend the catalog with its name)\n',
    );
  });
});

describe("fundledger check", () => {
  it("prints one clean line and exits 0 when every identity holds", async () => {
    const run = await runCli(["check", "--events", "events.jsonl", "--year", "2020"], inDir);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^clean: \d+ checks of 2020 hold \(4 events\)\n$/);
  });

  it.skipIf(!hasReference)("finds the reference department clean", async () => {
    const run = await runCli(["check", "--example", "guangzhou-cac-2020"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^clean: \d+ checks of 2020 hold/);
  });
});

describe("fundledger export", () => {
  it("prints an example's events as JSON Lines, normalized by the ledger", async () => {
    const run = await runCli(["export", "--example", "tiny"], inDir);
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(HAND_MADE_EVENTS.length);
    const events = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.map((event) => event["id"])).toEqual(HAND_MADE_EVENTS.map((event) => event["id"]));
    expect(events.every((event) => event["schema"] === 1)).toBe(true);
  });

  it("prints events that read back into the same tables", async () => {
    const run = await runCli(["export", "--example", "tiny"], inDir);
    dir.write("exported.jsonl", run.stdout);
    const again = await runCli(["report", "--events", "exported.jsonl", "--year", "2020", "--format", "json"], inDir);
    expect(again.stdout).toBe(renderReportJson(handMadeLedger().report(HAND_MADE_YEAR)));
  });

  it.skipIf(!hasReference)("prints the bundled reference example", async () => {
    const run = await runCli(["export", "--example", "guangzhou-cac-2020"]);
    expect(run.status).toBe(0);
    expect(run.stdout.split("\n").filter((line) => line !== "").length).toBeGreaterThan(100);
  });
});

describe("fundledger demo", () => {
  it.skipIf(!hasReference)("prints the ten tables of the reference department as text", async () => {
    const run = await runCli(["demo"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("中共广州市委网络安全和信息化委员会办公室");
    for (const id of ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10"]) expect(run.stdout).toContain(`${id} `);
    expect(run.stdout).toContain("15,731.43");
  });

  it.skipIf(!hasReference)("prints the golden JSON of the reference department", async () => {
    const run = await runCli(["demo", "--format", "json", "--table", "T1"]);
    const json = JSON.parse(run.stdout) as ReportJson;
    expect(json.tables[0]?.rows[0]?.cells).toEqual({ "1": "15731.43" });
  });
});

describe("fundledger generate", () => {
  it.skipIf(!hasGenerator)("prints N events as N lines of JSON that a ledger accepts", async () => {
    const run = await runCli(["generate", "--events", "300", "--seed", "7"]);
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(300);
    const ledger = createLedger();
    ledger.append(lines.map((line) => JSON.parse(line) as unknown));
    expect(ledger.version).toBe(300);
  });

  it.skipIf(!hasGenerator)("prints the same events for the same seed", async () => {
    const first = await runCli(["generate", "--events", "50", "--seed", "3"]);
    const second = await runCli(["generate", "--events", "50", "--seed", "3"]);
    expect(second.stdout).toBe(first.stdout);
  });

  it.skipIf(!hasGenerator)("refuses a count that is not a whole number, with exit 2", async () => {
    const run = await runCli(["generate", "--events", "ten"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('fundledger: generate: --events must be a whole number of at least 0, not "ten"\n');
  });
});
