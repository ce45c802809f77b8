// The readers: the reference report's JSON and text layout read into the same cells, the nine-table transcription read with its blank cells, and each template variant (split codes, 24 class lines, Table 7's column orders, Table 9's widths) read into the canonical layout — by reading the real inputs and small hand-made ones.
import { describe, expect, it } from "vitest";
import { addressKey, detectReportFormat, printedCells, readPrintedAmount, readReport, safeReadReport, type PublishedReport } from "../../src/import/index.js";
import { GOLDEN_JSON, REFERENCE_TEXT, SHANGHAI_PIPE, SHARED_PRESENT, text } from "./support/inputs.js";

function cellMap(report: PublishedReport): Map<string, string> {
  return new Map(printedCells(report).map((cell) => [addressKey(cell.address), `${cell.fen}/${cell.halfStepFen}`]));
}

describe("the report JSON reader", () => {
  it("reads the golden file's ten tables and 965 cells, with the department and the year", () => {
    const report = readReport(text(GOLDEN_JSON));
    expect(report.format).toBe("json");
    expect(report.department).toBe("中共广州市委网络安全和信息化委员会办公室");
    expect(report.year).toBe(2020);
    expect(report.tables.map((table) => table.id)).toEqual(["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10"]);
    expect(printedCells(report)).toHaveLength(965);
  });

  it("reads a parsed report object as well as its text", () => {
    expect(cellMap(readReport(JSON.parse(text(GOLDEN_JSON)) as object))).toEqual(cellMap(readReport(text(GOLDEN_JSON))));
  });

  it("keys Table 1 and Table 4 rows by the 行次 of the 2020 template and the functional tables by code", () => {
    const report = readReport(text(GOLDEN_JSON));
    const t1 = report.tables.find((table) => table.id === "T1");
    expect(t1?.rows.find((row) => row.key === "line 36")?.cells["2"]?.text).toBe("7443.88");
    expect(t1?.rows.find((row) => row.key === "line 36")?.code).toBe("206");
    const t4 = report.tables.find((table) => table.id === "T4");
    expect(t4?.rows.find((row) => row.key === "line 29")?.cells["1"]?.text).toBe("3.87");
    const t2 = report.tables.find((table) => table.id === "T2");
    expect(t2?.rows.find((row) => row.key === "20605")?.cells["1"]?.fen).toBe(7_443_880_000);
  });
});

describe.skipIf(!SHARED_PRESENT)("the text layout reader", () => {
  it("reads the reference report's text into exactly the cells of its JSON", () => {
    const fromText = readReport(text(REFERENCE_TEXT));
    expect(fromText.format).toBe("text");
    expect(fromText.department).toBe("中共广州市委网络安全和信息化委员会办公室");
    expect(fromText.year).toBe(2020);
    expect(cellMap(fromText)).toEqual(cellMap(readReport(text(GOLDEN_JSON))));
  });

  it("drops the total a table repeats at the top of every page, but not a total printed differently", () => {
    const page = (total: string): string =>
      ["支出决算表", "单位：万元", "项 目\t\t本年支出合计\t基本支出\t项目支出\t上缴上级支出\t经营支出\t对附属单位补助支出", "栏次\t\t1\t2\t3\t4\t5\t6", `\t合计\t${total}\t1.00\t0.00\t0.00\t0.00\t0.00`].join("\n");
    const rows = ["201\t一般公共服务支出\t1.00\t1.00\t0.00\t0.00\t0.00\t0.00", "20137\t网信事务\t1.00\t1.00\t0.00\t0.00\t0.00\t0.00", "2013701\t行政运行\t1.00\t1.00\t0.00\t0.00\t0.00\t0.00"];
    const same = safeReadReport(`2020 年部门决算\n${page("1.00")}\n${rows[0]}\n${page("1.00")}\n${rows[1]}\n${rows[2]}\n注：本表反映支出。\n`);
    expect(same.ok).toBe(true);
    const different = safeReadReport(`2020 年部门决算\n${page("1.00")}\n${rows[0]}\n${page("2.00")}\n${rows[1]}\n${rows[2]}\n注：本表反映支出。\n`);
    expect(different.ok).toBe(false);
    if (!different.ok) expect(different.issues[0]?.code).toBe("duplicate_row");
  });
});

describe.skipIf(!SHARED_PRESENT)("the pipe transcription reader", () => {
  it("reads the nine-table example's part A: nine tables, 522 cells, blank cells as zero", () => {
    const report = readReport(text(SHANGHAI_PIPE));
    expect(report.format).toBe("pipe");
    expect(report.department).toBe("中共上海市普陀区委社会工作部");
    expect(report.year).toBe(2024);
    expect(report.tables.map((table) => `${table.id}:${table.rows.length}`)).toEqual(["T1:42", "T2:18", "T3:18", "T4:38", "T5:18", "T6:67", "T7:0", "T8:0", "T9:0"]);
    const cells = printedCells(report);
    expect(cells).toHaveLength(522);
    const blank = cells.find((cell) => cell.address.table === "T1" && cell.address.row === "line 2");
    expect(blank).toMatchObject({ blank: true, fen: 0, text: "" });
  });

  it("reads Table 4's opening lines after 年初财政拨款结转和结余 though they repeat the receipt lines' labels", () => {
    const report = readReport(text(SHANGHAI_PIPE));
    const t4 = report.tables.find((table) => table.id === "T4");
    expect(t4?.rows.map((row) => row.key).filter((key) => /^line (1|2|3|27|28|29|30|31|32)$/.test(key))).toEqual([
      "line 1", "line 2", "line 3", "line 27", "line 28", "line 29", "line 30", "line 31", "line 32",
    ]);
  });

  it("reads codes printed split by level (201 37 01) as the joined code", () => {
    const pipe = ["# TITLE: 某部门2021年度部门决算", "[T5 一般公共预算财政拨款支出决算表] 单位：万元", "201 | 一般公共服务支出 | 1.00 | 1.00 | ", "201 37 | 网信事务 | 1.00 | 1.00 | ", "201 37 01 | 行政运行 | 1.00 | 1.00 | ", " | 合计 | 1.00 | 1.00 | "].join("\n");
    const report = readReport(pipe);
    expect(report.year).toBe(2021);
    expect(report.tables[0]?.rows.map((row) => row.key)).toEqual(["201", "20137", "2013701", "合计"]);
  });

  it("reads Table 7's twelve columns side by side (budget and actual for each item) into the 2020 order", () => {
    const pipe = [
      "# TITLE: 某部门2021年度部门决算",
      "[T7 财政拨款“三公”经费支出决算表] 单位：万元",
      "# column groups as printed: 合计 | 因公出国（境）费 | 公务用车购置及运行维护费:小计 | 公务用车购置费 | 公务用车运行维护费 | 公务接待费 ; each split 预算数/决算数",
      "1.00 | 7.00 | 2.00 | 8.00 | 3.00 | 9.00 | 4.00 | 10.00 | 5.00 | 11.00 | 6.00 | 12.00",
    ].join("\n");
    const row = readReport(pipe).tables[0]?.rows[0];
    expect(Array.from({ length: 12 }, (_, i) => row?.cells[String(i + 1)]?.text)).toEqual(
      ["1.00", "2.00", "3.00", "4.00", "5.00", "6.00", "7.00", "8.00", "9.00", "10.00", "11.00", "12.00"],
    );
  });

  it("reads a text layout's Table 7 whose header puts budget and actual side by side for each item", () => {
    const layout = [
      "2021 年某部门部门决算",
      "财政拨款“三公”经费支出决算表",
      "单位：万元",
      "合计\t\t因公出国（境）费\t\t公务用车购置及运行维护费\t\t\t\t\t\t公务接待费\t",
      "\t\t\t\t小计\t\t公务用车购置费\t\t公务用车运行维护费\t\t\t",
      "预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数",
      "1.00\t7.00\t2.00\t8.00\t3.00\t9.00\t4.00\t10.00\t5.00\t11.00\t6.00\t12.00",
      "注：本表反映三公经费。",
    ].join("\n");
    const row = readReport(layout).tables[0]?.rows[0];
    expect(Array.from({ length: 12 }, (_, i) => row?.cells[String(i + 1)]?.text)).toEqual(
      ["1.00", "2.00", "3.00", "4.00", "5.00", "6.00", "7.00", "8.00", "9.00", "10.00", "11.00", "12.00"],
    );
  });

  it("reads Table 9 with three value columns or with opening, receipts, spending and closing", () => {
    const three = readReport(["# TITLE: 某部门2021年度部门决算", "[T9 国有资本经营预算财政拨款支出决算表]", " | 合计 | 1.00 | 0.40 | 0.60"].join("\n"));
    expect(Object.keys(three.tables[0]?.rows[0]?.cells ?? {})).toEqual(["1", "2", "3"]);
    const six = readReport(["# TITLE: 某部门2021年度部门决算", "[T9 国有资本经营预算财政拨款收入支出决算表]", " | 合计 | 5.00 | 2.00 | 1.00 | 0.40 | 0.60 | 6.00"].join("\n"));
    expect(six.tables[0]?.rows[0]?.cells).toMatchObject({ opening: { text: "5.00" }, receipts: { text: "2.00" }, "1": { text: "1.00" }, closing: { text: "6.00" } });
  });
});

describe("template variants of Tables 1 and 4", () => {
  it("maps class lines by name, so a template of 24 class lines reads as well as one of 26", () => {
    const pipe = [
      "# TITLE: 某部门2019年度部门决算",
      "[T1 收入支出决算总表]",
      "# 收入: 项目 | 决算数",
      "一、一般公共预算财政拨款收入 | 1.00",
      "本年收入合计 | 1.00",
      "总计 | 1.00",
      "# 支出: 项目 | 决算数",
      "一、一般公共服务支出 | 1.00",
      "二十二、灾害防治及应急管理支出 | ",
      "二十三、其他支出 | ",
      "二十四、债务付息支出 | ",
      "本年支出合计 | 1.00",
      "总计 | 1.00",
    ].join("\n");
    const rows = readReport(pipe).tables[0]?.rows ?? [];
    expect(rows.map((row) => `${row.key}:${row.code ?? ""}`)).toEqual(["line 1:", "line 27:", "line 30:", "line 31:201", "line 52:224", "line 53:229", "line 55:232", "line 57:", "line 60:"]);
  });
});

describe("printed amounts", () => {
  it("read with or without thousands separators, to the fen, with the half step of their decimals", () => {
    expect(readPrintedAmount("15,731.43")).toEqual({ fen: 15_731_430_000, halfStepFen: 5_000, blank: false });
    expect(readPrintedAmount("15731.43")).toEqual({ fen: 15_731_430_000, halfStepFen: 5_000, blank: false });
    expect(readPrintedAmount("36")).toEqual({ fen: 36_000_000, halfStepFen: 500_000, blank: false });
    expect(readPrintedAmount("-3.8")).toEqual({ fen: -3_800_000, halfStepFen: 50_000, blank: false });
  });

  it("read a blank cell or a lone dash as zero, and refuse anything else", () => {
    for (const blank of ["", "  ", "-", "—"]) expect(readPrintedAmount(blank)).toEqual({ fen: 0, halfStepFen: 5_000, blank: true });
    for (const bad of ["abc", "1,5.00", "1.234", "12%", "1e5", "１.００"]) expect(readPrintedAmount(bad)).toBeNull();
  });
});

describe("format detection", () => {
  it("recognises JSON, a pipe transcription and a text layout, and nothing else", () => {
    expect(detectReportFormat(text(GOLDEN_JSON))).toBe("json");
    expect(detectReportFormat("[T1 收入支出决算总表]\n一、一般公共预算财政拨款收入 | 1.00")).toBe("pipe");
    expect(detectReportFormat("2020 年部门决算\n收入决算表\n")).toBe("text");
    expect(detectReportFormat("hello\nworld\n")).toBeNull();
  });
});
