// Checks Markdown pipe tables by hand-made tables: escaping of pipes, backslashes, inline markup and line breaks, right-aligned amounts with thousands separators.
import { describe, expect, it } from "vitest";
import { escapeMarkdownCell, renderReportMarkdown, renderTableMarkdown } from "../../src/render/markdown.js";
import type { Table } from "../../src/tables/table.js";

const table: Table = {
  id: "T2",
  title: "收入决算表",
  columns: { "1": "本年收入合计", "2": "A|B" },
  rows: [
    { line: null, code: null, label: "合计", cells: { "1": 157_314_300_000, "2": 0 } },
    { line: null, code: "20137", label: "网信|事务 *重点*", cells: { "1": 5_000 } },
    { line: null, code: "2013701", label: "back\\slash\nnext", cells: {} },
  ],
};

/** Splits a pipe row into its cells, keeping escaped pipes inside cells. */
function cellsOf(row: string): string[] {
  return row
    .slice(2, -2)
    .split(/(?<!\\) \| /);
}

describe("escapeMarkdownCell", () => {
  it("escapes a pipe so that it does not end the cell", () => {
    expect(escapeMarkdownCell("a|b")).toBe("a\\|b");
  });

  it("escapes backslashes and inline markup", () => {
    expect(escapeMarkdownCell("a\\b")).toBe("a\\\\b");
    expect(escapeMarkdownCell("*x* _y_ `z` [w]")).toBe("\\*x\\* \\_y\\_ \\`z\\` \\[w\\]");
  });

  it("turns line breaks into spaces", () => {
    expect(escapeMarkdownCell("one\r\ntwo\nthree")).toBe("one two three");
  });

  it("leaves Chinese text and fullwidth punctuation alone", () => {
    expect(escapeMarkdownCell("维修（护）费：一｜二")).toBe("维修（护）费：一｜二");
  });
});

describe("renderTableMarkdown", () => {
  const lines = renderTableMarkdown(table).trimEnd().split("\n");

  it("starts with a heading naming the table", () => {
    expect(lines[0]).toBe("### T2 收入决算表");
  });

  it("gives every row as many cells as the header, escaped pipes included", () => {
    const rows = lines.slice(2);
    for (const row of rows) expect(cellsOf(row)).toHaveLength(4);
    expect(lines[2]).toBe("| 科目编码 | 科目名称 | 本年收入合计 (1) | A\\|B (2) |");
    expect(lines[4]).toBe("|  | 合计 | 157,314.30 | 0.00 |");
    expect(lines[5]).toBe("| 20137 | 网信\\|事务 \\*重点\\* | 0.01 |  |");
    expect(lines[6]).toBe("| 2013701 | back\\\\slash next |  |  |");
  });

  it("aligns the label left and the amounts right", () => {
    expect(lines[3]).toBe("| :--- | :--- | ---: | ---: |");
  });
});

describe("renderReportMarkdown", () => {
  it("puts the department, year and unit above the tables", () => {
    const markdown = renderReportMarkdown({ department: "测试|部门", year: 2020, tables: [table] });
    expect(markdown.startsWith("## 测试\\|部门 2020 年部门决算表\n\n单位：万元\n\n### T2 收入决算表\n")).toBe(true);
  });
});
