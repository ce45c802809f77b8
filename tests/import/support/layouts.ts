// Test helpers that print a ledger's report in the other layouts the import reads: the reference report's text layout (tabs, pages with repeated headers, thousands separators) and a nine-table pipe transcription (blank zeros, split codes, Table 9 with balances, Table 7 side by side).
import { groupThousands } from "../../../src/money/decimal.js";
import { fenToWan } from "../../../src/money/decimal.js";
import { PERSONNEL_ECONOMIC_CLASSES } from "../../../src/catalog/catalog.js";
import type { Ledger } from "../../../src/ledger/ledger.js";
import type { ReportJson, RowJson, TableJson } from "../../../src/render/reportJson.js";
import { reportToJson } from "../../../src/render/reportJson.js";
import { projectedCells } from "../../../src/import/projectedCells.js";
import { addressKey } from "../../../src/import/publishedReport.js";

const PAGE_ROWS = 9;

function table(report: ReportJson, id: string): TableJson {
  const found = report.tables.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no ${id}`);
  return found;
}

function amount(text: string | undefined): string {
  return text === undefined ? "" : groupThousands(text);
}

/** Pages of rows, each page under the title, the department, the unit and the header rows. */
function pages(title: string, department: string, header: readonly string[], rows: readonly string[], repeat: readonly string[] = []): string[] {
  const out: string[] = [];
  for (let start = 0; start < Math.max(rows.length, 1); start += PAGE_ROWS) {
    out.push(title, "", `部门：${department}`, "", "单位：万元", "", ...header, ...repeat, ...rows.slice(start, start + PAGE_ROWS), "");
  }
  return out;
}

/**
 * The text layout of a report: the reference report's, with every table split into pages.
 *
 * @param report - a report JSON of the ten tables
 * @returns the text
 */
export function textLayout(report: ReportJson): string {
  const lines: string[] = [`${report.year} 年${report.department} 部门决算`, "", `第二部分 ${report.department} ${report.year} 年部门决算表`, ""];
  const d = report.department;
  // Table 1 and Table 4: income and spending side by side.
  const twoSided = (id: "T1" | "T4", title: string, header: readonly string[], split: number, spendingColumns: readonly string[]): void => {
    const rows = table(report, id).rows;
    const income = rows.filter((row) => (row.line ?? 0) <= split);
    const spending = rows.filter((row) => (row.line ?? 0) > split);
    const out: string[] = [];
    for (let i = 0; i < Math.max(income.length, spending.length); i++) {
      const left = income[i];
      const right = spending[i];
      const leftCells = left === undefined ? ["", "", ""] : [left.label, String(left.line ?? ""), amount(left.cells["1"])];
      const rightCells = right === undefined ? ["", "", ...spendingColumns.map(() => "")] : [right.label, String(right.line ?? ""), ...spendingColumns.map((column) => amount(right.cells[column]))];
      out.push([...leftCells, ...rightCells].join("\t"));
    }
    lines.push(...pages(title, d, header, out));
    lines.push("注：本表反映部门本年度的总收支情况。", "");
  };
  twoSided("T1", "收入支出决算总表", ["收入\t\t\t支出\t\t", "项 目\t行次\t决算数\t项 目\t行次\t决算数", "栏 次\t\t1\t栏 次\t\t2"], 30, ["2"]);
  const functional = (id: string, title: string): void => {
    const t = table(report, id);
    const columns = Object.keys(t.columns);
    const header = [`项 目\t\t${columns.map((column) => t.columns[column] ?? "").join("\t")}`, `功能分类 科目编码\t科目名称${"\t".repeat(columns.length)}`, `栏次\t\t${columns.join("\t")}`];
    const total = t.rows.find((row) => row.code === null);
    const body = t.rows.filter((row) => row.code !== null).map((row) => [row.code ?? "", row.label, ...columns.map((column) => amount(row.cells[column]))].join("\t"));
    const totalLine = total === undefined ? [] : [["", "合计", ...columns.map((column) => amount(total.cells[column]))].join("\t")];
    lines.push(...pages(title, d, header, body, totalLine), "注：本表反映部门本年度的情况。", "");
  };
  functional("T2", "收入决算表");
  functional("T3", "支出决算表");
  twoSided(
    "T4",
    "财政拨款收入支出决算总表",
    [
      "收入\t\t\t支出\t\t\t\t\t",
      "项 目\t行次\t金额\t项 目\t行次\t合计\t一般公共预算 财政拨款\t政府性基金预 算财政拨款\t国有资本经营 预算财政拨款",
      "栏 次\t\t1\t栏 次\t\t2\t3\t4\t5",
    ],
    32,
    ["2", "3", "4", "5"],
  );
  functional("T5", "一般公共预算财政拨款支出决算表");
  // Table 6: personnel expenses on the left, public expenses on the right.
  {
    const rows = table(report, "T6").rows;
    const left = rows.filter((row) => row.code !== null && PERSONNEL_ECONOMIC_CLASSES.includes(row.code.slice(0, 3)));
    const right = rows.filter((row) => row.code !== null && !PERSONNEL_ECONOMIC_CLASSES.includes(row.code.slice(0, 3)));
    const side = (row: RowJson | undefined): string[] => (row === undefined ? ["", "", ""] : [row.code ?? "", row.label, amount(row.cells["1"])]);
    const body: string[] = [];
    for (let i = 0; i < Math.max(left.length, right.length); i++) body.push([...side(left[i]), ...side(right[i])].join("\t"));
    const personnel = rows.find((row) => row.label === "人员经费合计");
    const publicTotal = rows.find((row) => row.label === "公用经费合计");
    body.push(["", "人员经费合计", amount(personnel?.cells["1"]), "", "公用经费合计", amount(publicTotal?.cells["1"])].join("\t"));
    lines.push(...pages("一般公共预算财政拨款基本支出决算表", d, ["人员经费\t\t\t公用经费\t\t", "经济分类 科目编码\t科目名称\t金额\t经济分类 科目编码\t科目名称\t金额"], body));
    lines.push("注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。", "");
  }
  {
    const row = table(report, "T7").rows[0];
    const values = Array.from({ length: 12 }, (_, index) => amount(row?.cells[String(index + 1)]));
    lines.push(
      ...pages(
        "一般公共预算财政拨款“三公”经费支出决算表",
        d,
        [
          "预算数\t\t\t\t\t\t决算数\t\t\t\t\t",
          "合计\t因公出国 (境)费\t公务用车购置及运行费\t\t\t公务接待 费\t合计\t因公出国 (境)费\t公务用车购置及运行费\t\t\t公务接待 费",
          "\t\t小计\t公务用车 购置费\t公务用车 运行费\t\t\t\t小计\t公务用车 购置费\t公务用车 运行费\t",
          "1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12",
        ],
        [values.join("\t")],
      ),
      "注：本表反映部门本年度“三公”经费支出预决算情况。",
      "",
    );
  }
  functional("T8", "政府性基金预算财政拨款收入支出决算表");
  functional("T9", "国有资本经营预算财政拨款支出决算表");
  {
    const t = table(report, "T10");
    const body = t.rows.map((row) => [row.label, amount(row.cells["1"]), amount(row.cells["2"]), amount(row.cells["3"])].join("\t"));
    lines.push(...pages("非税收入征缴情况表", d, ["科目名称\t合计\t纳入预算管理\t纳入财政专户管理", "栏次\t1\t2\t3"], body), "注：本表反映部门本年度非税收入征缴情况。", "");
  }
  lines.push(`第三部分 ${report.department} ${report.year} 年部门决算情况说明`, "一、总体情况\t（这一行有制表符，但已不在表内）");
  return `${lines.join("\n")}\n`;
}

/** A code printed split by level: `2013701` → `201 37 01`. */
function split(code: string | null): string {
  if (code === null) return "";
  return code.length === 7 ? `${code.slice(0, 3)} ${code.slice(3, 5)} ${code.slice(5)}` : code.length === 5 ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}

function blankZero(text: string | undefined): string {
  return text === undefined || text === "0.00" ? "" : groupThousands(text);
}

/**
 * A nine-table pipe transcription of a ledger's year, in the style of the
 * Shanghai example: zeros printed blank (but in Table 6), codes split by
 * level in Tables 3 and 5, Table 5's total last, Table 6 linearized (personnel
 * then public), Table 7's budget and actual side by side for each item,
 * Table 9 with opening, receipts, spending and closing, no Table 10.
 *
 * @param ledger - the ledger
 * @param year - the year
 * @returns the transcription, and the report JSON it was printed from
 */
export function nineTablePipe(ledger: Ledger, year: number): { readonly text: string; readonly report: ReportJson } {
  const report = reportToJson(ledger.report(year));
  const projected = projectedCells(ledger, year);
  const lines: string[] = [
    "# A nine-table transcription made by the tests.",
    `# TITLE: ${report.department}${year}年度部门决算`,
    "",
    "==================== PART A: TABLES (structured transcription) ====================",
    "",
  ];
  const rowsOf = (id: string): readonly RowJson[] => table(report, id).rows;
  // Tables 1 and 4.
  lines.push("[T1 收入支出决算总表] 单位：万元", "# 收入: 项目 | 决算数");
  for (const row of rowsOf("T1")) if (row.cells["1"] !== undefined) lines.push(`${row.label} | ${blankZero(row.cells["1"])}`);
  lines.push("# 支出: 项目 | 决算数");
  for (const row of rowsOf("T1")) if (row.cells["2"] !== undefined) lines.push(`${row.label} | ${blankZero(row.cells["2"])}`);
  lines.push("");
  const functional = (id: string, title: string, columns: readonly string[], codes: (code: string | null) => string, totalLast: boolean): void => {
    lines.push(`[${id} ${title}] 单位：万元`, `# 功能分类科目编码 | 科目名称 | ${columns.map((column) => table(report, id).columns[column] ?? column).join(" | ")}`);
    const rows = rowsOf(id);
    const render = (row: RowJson): string => [codes(row.code), row.code === null ? "合计" : row.label, ...columns.map((column) => blankZero(row.cells[column]))].join(" | ");
    const total = rows.filter((row) => row.code === null).map(render);
    const body = rows.filter((row) => row.code !== null).map(render);
    lines.push(...(totalLast ? [...body, ...total] : [...total, ...body]), "");
  };
  functional("T2", "收入决算表", ["1", "2", "3", "4", "5", "6", "7"], (code) => code ?? "", false);
  functional("T3", "支出决算表", ["1", "2", "3", "4", "5", "6"], split, false);
  lines.push("[T4 财政拨款收入支出决算总表] 单位：万元", "# 收入: 项目 | 决算数");
  for (const row of rowsOf("T4")) {
    if (row.cells["1"] === undefined) continue;
    const label = row.line !== null && row.line >= 29 && row.line <= 31 ? ["一、", "二、", "三、"][row.line - 29] + row.label : row.label;
    lines.push(`${label} | ${blankZero(row.cells["1"])}`);
  }
  lines.push("# 支出: 项目 | 合计 | 一般公共预算财政拨款 | 政府性基金预算财政拨款 | 国有资本经营预算财政拨款");
  for (const row of rowsOf("T4")) if (row.cells["2"] !== undefined) lines.push([row.label, ...["2", "3", "4", "5"].map((column) => blankZero(row.cells[column]))].join(" | "));
  lines.push("");
  functional("T5", "一般公共预算财政拨款支出决算表", ["1", "2", "3"], split, true);
  lines.push("[T6 一般公共预算财政拨款基本支出决算表] 单位：万元", "# 经济分类科目编码 | 科目名称 | 决算数", "# -- left group");
  const t6 = rowsOf("T6");
  const personnel = (row: RowJson): boolean => row.code !== null && PERSONNEL_ECONOMIC_CLASSES.includes(row.code.slice(0, 3));
  for (const row of t6.filter(personnel)) lines.push(`${row.code ?? ""} | ${row.label} | ${row.cells["1"] ?? ""}`);
  lines.push(` | 人员经费合计 | ${t6.find((row) => row.label === "人员经费合计")?.cells["1"] ?? ""}`, "# -- right group");
  for (const row of t6.filter((row) => row.code !== null && !personnel(row))) lines.push(`${row.code ?? ""} | ${row.label} | ${row.cells["1"] ?? ""}`);
  lines.push(` | 公用经费合计 | ${t6.find((row) => row.label === "公用经费合计")?.cells["1"] ?? ""}`, "");
  lines.push(
    "[T7 财政拨款“三公”经费支出决算表] 单位：万元",
    "# column groups as printed: 合计 | 因公出国（境）费 | 公务用车购置及运行维护费:小计 | 公务用车购置费 | 公务用车运行维护费 | 公务接待费 ; each split 预算数/决算数",
  );
  const t7 = rowsOf("T7")[0];
  lines.push(Array.from({ length: 6 }, (_, item) => [blankZero(t7?.cells[String(item + 1)]), blankZero(t7?.cells[String(item + 7)])]).flat().join(" | "), "");
  functional("T8", "政府性基金预算财政拨款收入支出决算表", ["1", "2", "3", "4", "5", "6"], (code) => code ?? "", false);
  lines.push(
    "[T9 国有资本经营预算财政拨款收入支出决算表] 单位：万元",
    "# columns: 功能分类科目编码 | 科目名称 | 年初结转和结余 | 本年收入 | 本年支出.合计 | 本年支出.基本支出 | 本年支出.项目支出 | 年末结转和结余",
  );
  for (const row of rowsOf("T9")) {
    const key = row.code ?? "合计";
    const extra = (column: string): string => blankZero(fenToWan(projected.get(addressKey({ table: "T9", row: key, column })) ?? 0));
    lines.push([row.code ?? "", row.code === null ? "合计" : row.label, extra("opening"), extra("receipts"), ...["1", "2", "3"].map((column) => blankZero(row.cells[column])), extra("closing")].join(" | "));
  }
  lines.push("", "==================== PART B: NARRATIVE FIGURES ====================", "[T10 not part of this template] | 1 | 2");
  return { text: `${lines.join("\n")}\n`, report };
}
