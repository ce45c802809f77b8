// Malformed input gets a clear error naming where the problem is — truncated JSON and text, a cell that is not a number, a duplicated row, unknown rows and codes, shapes that are not a report, 30 MB of garbage — never a crash, in bounded time; by feeding each to the importer and the command line and checking the issues.
import { describe, expect, it } from "vitest";
import { INPUT_CHARACTERS_MAX, safeImportReport, safeReadReport, type ImportIssue } from "../../src/import/index.js";
import { runCli, tempDir } from "../cli/runCli.js";
import { GOLDEN_JSON, REFERENCE_TEXT, SHARED_PRESENT, text } from "./support/inputs.js";

interface MutableReport {
  tables: { id: string; rows: { code: string | null; label: string; line: number | null; cells: Record<string, string> }[] }[];
}

function golden(): MutableReport {
  return JSON.parse(text(GOLDEN_JSON)) as MutableReport;
}

function issuesOf(input: string | object): readonly ImportIssue[] {
  const result = safeImportReport(input);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.issues;
}

/** A string of pseudo-random printable garbage (seeded, no clock, no Math.random): a random megabyte, repeated. */
function garbage(length: number): string {
  let state = 20201231;
  const alphabet = "abcdefghij0123456789 \t,.|{}[]收入支出合计\n";
  const codes = new Array<number>(Math.min(length, 1 << 20));
  for (let i = 0; i < codes.length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    codes[i] = alphabet.charCodeAt(state % alphabet.length);
  }
  let block = "";
  for (let i = 0; i < codes.length; i += 8192) block += String.fromCharCode(...codes.slice(i, i + 8192));
  return block.repeat(Math.ceil(length / block.length)).slice(0, length);
}

describe("truncated input", () => {
  it("refuses report JSON cut in the middle as invalid JSON", () => {
    const whole = text(GOLDEN_JSON);
    const [issue] = issuesOf(whole.slice(0, Math.floor(whole.length / 2)));
    expect(issue?.code).toBe("invalid_json");
    expect(issue?.message).toMatch(/^not valid JSON/);
  });

  it.skipIf(!SHARED_PRESENT)("refuses a text layout cut inside a row, naming the table and the row", () => {
    const whole = text(REFERENCE_TEXT);
    const cut = whole.slice(0, whole.indexOf("2080505\t机关事业单位基本养老保险缴费支出\t166.85") + "2080505\t机关事业单位基本养老保险缴费支出\t166.8".length);
    const [issue] = issuesOf(cut);
    expect(issue).toMatchObject({ code: "wrong_cell_count", table: "T5", row: "2080505" });
    expect(issue?.message).toMatch(/truncated or misaligned row/);
  });

  it.skipIf(!SHARED_PRESENT)("refuses a text layout cut after a table's header rows as a truncated table", () => {
    const whole = text(REFERENCE_TEXT);
    const start = whole.indexOf("非税收入征缴情况表");
    const cut = whole.slice(0, whole.indexOf("栏次\t1\t2\t3", start) + "栏次\t1\t2\t3".length);
    const [issue] = issuesOf(cut);
    expect(issue).toMatchObject({ code: "truncated_table", table: "T10" });
  });

  it.skipIf(!SHARED_PRESENT)("refuses a text layout cut between two rows by the identity the missing rows break", () => {
    const whole = text(REFERENCE_TEXT);
    const cut = whole.slice(0, whole.indexOf("2080505\t机关事业单位基本养老保险缴费支出\t166.85"));
    const issues = issuesOf(cut);
    expect(issues.some((issue) => issue.code === "identity_fails" && issue.message.includes("T5"))).toBe(true);
  });
});

describe("cells and rows", () => {
  it("refuses a cell that is not a number, naming the table, the row and the column", () => {
    const report = golden();
    const row = report.tables.find((t) => t.id === "T3")?.rows.find((r) => r.code === "2013702");
    if (row !== undefined) row.cells["3"] = "1,401.8x";
    const [issue] = issuesOf(report);
    expect(issue).toMatchObject({ code: "not_a_number", table: "T3", row: "2013702", column: "3" });
    expect(issue?.message).toContain('"1,401.8x" is not an amount in 万元');
  });

  it("refuses a cell that is a JSON number instead of a printed text", () => {
    const report = golden() as unknown as { tables: { rows: { cells: Record<string, unknown> }[] }[] };
    const row = report.tables[1]?.rows[2];
    if (row !== undefined) row.cells["1"] = 5;
    expect(issuesOf(report)[0]?.code).toBe("not_a_number");
  });

  it("refuses a row printed twice, naming both places", () => {
    const report = golden();
    const t2 = report.tables.find((t) => t.id === "T2");
    const row = t2?.rows.find((r) => r.code === "2013701");
    if (t2 !== undefined && row !== undefined) t2.rows.push({ ...row, cells: { ...row.cells } });
    const [issue] = issuesOf(report);
    expect(issue).toMatchObject({ code: "duplicate_row", table: "T2", row: "2013701" });
    expect(issue?.message).toMatch(/prints row 2013701 twice \(tables\[1\]\.rows\[5\] and tables\[1\]\.rows\[32\]\)/);
  });

  it("refuses a row whose label is not one of its table's", () => {
    const report = golden();
    const row = report.tables.find((t) => t.id === "T1")?.rows.find((r) => r.line === 28);
    if (row !== undefined) row.label = "某个不存在的行";
    expect(issuesOf(report)[0]).toMatchObject({ code: "unknown_row", table: "T1" });
  });

  it("refuses a code that is not one, and a class without a line in Tables 1 and 4", () => {
    const report = golden();
    const row = report.tables.find((t) => t.id === "T2")?.rows.find((r) => r.code === "2013701");
    if (row !== undefined) row.code = "20137011";
    expect(issuesOf(report)[0]).toMatchObject({ code: "invalid_code", table: "T2", row: "20137011" });
    const pipe = ["# TITLE: 某部门2021年度部门决算", "[T5 一般公共预算财政拨款支出决算表]", "299 | 某类 | 1.00 | 1.00 | ", "29901 | 某款 | 1.00 | 1.00 | ", "2990101 | 某项 | 1.00 | 1.00 | "].join("\n");
    expect(issuesOf(pipe)[0]).toMatchObject({ code: "invalid_code", table: "T5", row: "299" });
  });
});

describe("input that is not a report", () => {
  it("refuses JSON that is not shaped as a report, naming the field", () => {
    expect(issuesOf({ tables: "T1" })[0]).toMatchObject({ code: "invalid_shape", message: "tables: must be an array of tables" });
    expect(issuesOf({ year: 2020, tables: [{ id: "T11", rows: [] }] })[0]).toMatchObject({ code: "unknown_table" });
    expect(issuesOf({ year: 2020, unit: "元", tables: [] })[0]?.message).toMatch(/unit: must be "万元"/);
    expect(issuesOf([1, 2, 3])[0]?.code).toBe("invalid_shape");
  });

  it("refuses text in no format it knows, and a report without a year unless one is given", () => {
    expect(issuesOf("just some words\nand more words\n")[0]?.code).toBe("unknown_format");
    const noYear = "[T5 一般公共预算财政拨款支出决算表]\n | 合计 | 0.00 | 0.00 | 0.00";
    expect(issuesOf(noYear)[0]?.code).toBe("no_year");
    expect(safeImportReport(noYear, { year: 2021 }).ok).toBe(true);
  });

  it("refuses 30 MB of garbage at once, in bounded time", () => {
    const input = garbage(30 * 1024 * 1024);
    const start = performance.now();
    const [issue] = issuesOf(input);
    expect(issue?.code).toBe("input_too_large");
    expect(issue?.message).toContain(String(INPUT_CHARACTERS_MAX));
    expect(performance.now() - start).toBeLessThan(1_000);
  });

  it("refuses a megabyte of garbage below the size limit as no report, in bounded time", () => {
    const input = garbage(1024 * 1024);
    const start = performance.now();
    expect(safeReadReport(input).ok).toBe(false);
    expect(safeReadReport(`{${input}`).ok).toBe(false);
    expect(safeReadReport(`收入决算表\n${input}`).ok).toBe(false);
    expect(safeReadReport(`[T2 收入决算表]\n${input}`).ok).toBe(false);
    expect(performance.now() - start).toBeLessThan(5_000);
  });
});

describe("the command line on malformed input", () => {
  it("exits with one clear line for a missing file, a non-number and a 30 MB file of garbage", async () => {
    const dir = tempDir();
    try {
      const missing = await runCli(["import", "nope.json"], { cwd: dir.path });
      expect(missing).toMatchObject({ status: 2, stderr: "fundledger: no such file: nope.json\n" });
      const report = golden();
      const row = report.tables.find((t) => t.id === "T3")?.rows.find((r) => r.code === "2013702");
      if (row !== undefined) row.cells["3"] = "abc";
      dir.write("bad.json", JSON.stringify(report));
      const bad = await runCli(["import", "bad.json"], { cwd: dir.path });
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(/fundledger: bad\.json: T3 row 2013702 column 3 \(tables\[2\]\.rows\[6\]\): "abc" is not an amount in 万元\n$/);
      dir.write("garbage.txt", garbage(30 * 1024 * 1024));
      const start = performance.now();
      const huge = await runCli(["import", "garbage.txt", "--out", "e.jsonl"], { cwd: dir.path });
      expect(huge.status).toBe(1);
      expect(huge.stderr).toMatch(/garbage\.txt: the input has \d+ characters; a report has at most/);
      expect(performance.now() - start).toBeLessThan(5_000);
    } finally {
      dir.remove();
    }
  });
});
