// Checks the aligned text tables by measuring every rendered line with displayWidth (hand-made and reference ledgers), and the side-by-side pairing of Tables 1, 4 and 6.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createLedger } from "../../src/ledger/ledger.js";
import { displayWidth, type DisplayWidthOptions } from "../../src/render/displayWidth.js";
import { renderReportText, renderTableText } from "../../src/render/text.js";
import type { Table, TableId } from "../../src/tables/table.js";
import { HAND_MADE_DEPARTMENT, HAND_MADE_YEAR, handMadeLedger } from "./handMadeLedger.js";

const REFERENCE_EVENTS = new URL("../../examples/guangzhou-cac-2020/events.jsonl", import.meta.url);
const hasReference = existsSync(REFERENCE_EVENTS);

function referenceTables(): Table[] {
  const ledger = createLedger();
  const events = readFileSync(REFERENCE_EVENTS, "utf8").split("\n").filter((line) => line.trim() !== "").map((line) => JSON.parse(line) as unknown);
  ledger.append(events);
  return ledger.tables(2020);
}

function linesOf(text: string): string[] {
  expect(text.endsWith("\n")).toBe(true);
  return text.slice(0, -1).split("\n");
}

function widthsOf(text: string, options: DisplayWidthOptions = {}): Set<number> {
  return new Set(linesOf(text).map((line) => displayWidth(line, options)));
}

function table(tables: readonly Table[], id: TableId): Table {
  const found = tables.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no ${id}`);
  return found;
}

/** The body line holding a text. */
function lineWith(text: string, needle: string): string {
  const found = linesOf(text).find((line) => line.includes(needle));
  if (found === undefined) throw new Error(`no line with ${needle}`);
  return found;
}

describe("renderTableText", () => {
  const tables = handMadeLedger().tables(HAND_MADE_YEAR);

  it("gives every line of every table the same display width, Chinese labels included", () => {
    for (const each of tables) expect([...widthsOf(renderTableText(each, { department: HAND_MADE_DEPARTMENT }))], each.id).toHaveLength(1);
  });

  it("keeps the lines equal under narrow ambiguous characters too", () => {
    for (const each of tables) {
      const options = { department: HAND_MADE_DEPARTMENT, ambiguousWidth: 1 } as const;
      expect([...widthsOf(renderTableText(each, options), options)], each.id).toHaveLength(1);
    }
  });

  it("right-aligns amounts so that they end in the same column whatever the width of the label", () => {
    const text = renderTableText(table(tables, "T5"));
    const ends = ["合计", "一般公共服务支出", "网信事务", "行政运行", "一般行政管理事务"].map((label) => {
      const line = linesOf(text).find((candidate) => new RegExp(`(^|\\s)${label}\\s`).test(candidate)) ?? "";
      const amount = line.indexOf("0.01");
      expect(amount, label).toBeGreaterThan(0);
      return displayWidth(line.slice(0, amount + "0.01".length));
    });
    expect(new Set(ends).size).toBe(1);
  });

  it("prints the title, the department beside the unit, the column titles and the 栏次", () => {
    const lines = linesOf(renderTableText(table(tables, "T3"), { department: HAND_MADE_DEPARTMENT }));
    expect(lines[0]?.trim()).toBe("T3 支出决算表");
    expect(lines[1]?.startsWith(`部门：${HAND_MADE_DEPARTMENT}`)).toBe(true);
    expect(lines[1]?.endsWith("单位：万元")).toBe(true);
    const header = lines.find((line) => line.includes("本年支出合计")) ?? "";
    expect(header).toMatch(/科目编码.*科目名称.*本年支出合计.*基本支出.*项目支出/);
    expect(lines.find((line) => line.includes("栏次"))).toMatch(/栏次\s+1\s+2\s+3\s+4\s+5\s+6/);
  });

  it("prints amounts in 万元 with thousands separators", () => {
    const text = renderTableText(table(tables, "T1"));
    expect(lineWith(text, "一、一般公共预算财政拨款收入")).toContain("1,000.00");
  });

  it("prints Table 1 in two halves, income line i beside expenditure line i + 30", () => {
    const text = renderTableText(table(tables, "T1"));
    expect(lineWith(text, "一、一般公共预算财政拨款收入")).toMatch(/^\s*1\s.*\|\s+31\s+一、一般公共服务支出/);
    expect(lineWith(text, "本年收入合计")).toContain("本年支出合计");
    expect(linesOf(text).filter((line) => / 总计 /.test(line))).toHaveLength(1);
    expect(linesOf(text).some((line) => /^\s*收入\s+\|\s+支出\s*$/.test(line))).toBe(true);
  });

  it("prints Table 4 in two halves, line i beside line i + 32", () => {
    const text = renderTableText(table(tables, "T4"));
    expect(lineWith(text, "一、一般公共预算财政拨款 ")).toMatch(/^\s*1\s.*\|\s+33\s+一、一般公共服务支出/);
    expect(lineWith(text, "年初财政拨款结转和结余")).toMatch(/\|\s+60\s+年末财政拨款结转和结余/);
  });

  it("prints Table 6 with personnel expenses beside public expenses and their totals on one line", () => {
    const text = renderTableText(table(tables, "T6"));
    expect(lineWith(text, "工资福利支出")).toMatch(/301\s+工资福利支出.*\|\s+302\s+商品和服务支出/);
    expect(lineWith(text, "人员经费合计")).toContain("公用经费合计");
    expect(linesOf(text).some((line) => /^\s*人员经费\s+\|\s+公用经费\s*$/.test(line))).toBe(true);
  });

  it("prints the two-sided tables as one list when asked", () => {
    const lines = linesOf(renderTableText(table(tables, "T1"), { singleList: true }));
    expect(lines.filter((line) => line.includes("|"))).toEqual([]);
    expect(lines.filter((line) => /^\s*\d+\s/.test(line))).toHaveLength(60);
  });

  it("stacks the levels of column titles and spans a shared level over its columns", () => {
    const lines = linesOf(renderTableText(table(tables, "T7")));
    const top = lines.find((line) => line.includes("预算数")) ?? "";
    expect(top.match(/预算数/g)).toHaveLength(1);
    expect(top.match(/决算数/g)).toHaveLength(1);
    expect(lines.some((line) => line.includes("小计"))).toBe(true);
  });
});

describe("renderReportText", () => {
  it("renders the ten tables under a heading with the department and year", () => {
    const report = handMadeLedger().report(HAND_MADE_YEAR);
    const text = renderReportText(report);
    expect(text.startsWith(`${HAND_MADE_DEPARTMENT}${HAND_MADE_YEAR}年部门决算表\n`)).toBe(true);
    for (const each of report.tables) expect(text).toContain(`${each.id} ${each.title}`);
  });

  it.skipIf(!hasReference)("aligns every table of the reference department", () => {
    for (const each of referenceTables()) expect([...widthsOf(renderTableText(each, { department: "中共广州市委网络安全和信息化委员会办公室" }))], each.id).toHaveLength(1);
  });

  it.skipIf(!hasReference)("pairs the reference department's published lines as the report prints them", () => {
    const tables = referenceTables();
    expect(lineWith(renderTableText(table(tables, "T1")), "八、其他收入")).toMatch(/165\.37\s+\|\s+38\s+八、社会保障和就业支出\s+275\.32/);
    expect(lineWith(renderTableText(table(tables, "T6")), "人员经费合计")).toMatch(/3,240\.91\s+\|.*公用经费合计\s+357\.61/);
  });
});
