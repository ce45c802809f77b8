// Checks CSV output by hand-made tables: RFC 4180 quoting of commas, quotes and line breaks, one section per table with its header line, plain two-decimal amounts.
import { describe, expect, it } from "vitest";
import { csvField, renderReportCsv, renderTableCsv } from "../../src/render/csv.js";
import type { Report } from "../../src/tables/report.js";
import type { Table } from "../../src/tables/table.js";

const table: Table = {
  id: "T10",
  title: "非税收入征缴情况表",
  columns: { "1": "合计", "2": "纳入预算管理, 含\"专户\"" },
  rows: [
    { line: null, code: null, label: "合计", cells: { "1": 12_345_678_900, "2": 5_000 } },
    { line: null, code: "1030", label: "利息收入，其他", cells: { "1": 4_999 } },
    { line: 3, code: null, label: "a, b", cells: {} },
    { line: null, code: null, label: "two\nlines \"quoted\"", cells: { "2": -5_000 } },
  ],
};

describe("csvField", () => {
  it("writes a plain field as it is, Chinese punctuation and quotation marks included", () => {
    expect(csvField("利息收入，其他")).toBe("利息收入，其他");
    expect(csvField("“三公”经费")).toBe("“三公”经费");
    expect(csvField("")).toBe("");
  });

  it("quotes a field holding a comma, a double quote or a line break, doubling its quotes", () => {
    expect(csvField("a, b")).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
  });
});

describe("renderTableCsv", () => {
  it("writes a header line, then one record per row with plain two-decimal amounts", () => {
    expect(renderTableCsv(table, { lineEnding: "\n" })).toBe(
      [
        'table,line,code,label,合计,"纳入预算管理, 含""专户"""',
        "T10,,,合计,12345.68,0.01",
        "T10,,1030,利息收入，其他,0.00,",
        'T10,3,,"a, b",,',
        'T10,,,"two\nlines ""quoted""",,-0.01',
        "",
      ].join("\n"),
    );
  });

  it("ends records with CRLF by default, as RFC 4180 says", () => {
    const csv = renderTableCsv(table);
    expect(csv.split("\r\n")).toHaveLength(table.rows.length + 2);
    expect(csv.endsWith("\r\n")).toBe(true);
  });
});

describe("renderReportCsv", () => {
  it("writes one section per table separated by an empty line", () => {
    const report: Report = { department: "部门", year: 2020, tables: [table, { ...table, id: "T9", rows: [] }] };
    const csv = renderReportCsv(report, { lineEnding: "\n" });
    const sections = csv.split("\n\n");
    expect(sections).toHaveLength(2);
    expect(sections[1]).toBe('table,line,code,label,合计,"纳入预算管理, 含""专户"""\n');
  });
});
