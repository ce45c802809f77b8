// The complete document: the reference department's five parts in the report's order, rendered as Markdown and as HTML with every text escaped; the example's notes hold no figure the events give.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { finalAccountsDocument } from "../../src/render/document.js";
import { escapeHtml, renderDocumentHtml, renderTableHtml } from "../../src/render/documentHtml.js";
import { renderDocumentMarkdown } from "../../src/render/documentMarkdown.js";
import { createLedger } from "../../src/ledger/ledger.js";
import { referenceLedger } from "../support/reference.js";
import { units } from "../support/fixtures.js";

const EXAMPLE = new URL("../../examples/guangzhou-cac-2020/", import.meta.url);
const notes = JSON.parse(readFileSync(new URL("notes.json", EXAMPLE), "utf8")) as Record<string, string | string[]>;
const profile = JSON.parse(readFileSync(new URL("profile.json", EXAMPLE), "utf8")) as { duties: string[] };
const ledger = referenceLedger();
const document = finalAccountsDocument(ledger, 2020, { profile, notes });
const markdown = renderDocumentMarkdown(document);
const html = renderDocumentHtml(document);

describe("the complete document of the reference department", () => {
  it("has the five parts in the report's order", () => {
    expect(document.title).toBe("2020年中共广州市委网络安全和信息化委员会办公室部门决算");
    expect(document.parts.map((part) => part.title)).toEqual([
      "第一部分 中共广州市委网络安全和信息化委员会办公室概况",
      "第二部分 中共广州市委网络安全和信息化委员会办公室2020年部门决算表",
      "第三部分 中共广州市委网络安全和信息化委员会办公室2020年部门决算情况说明",
      "第四部分 预算绩效管理情况",
      "第五部分 名词解释",
    ]);
  });

  it("prints the sections of each part in the report's order in Markdown", () => {
    const headings = [
      "# 2020年中共广州市委网络安全和信息化委员会办公室部门决算",
      "### （一）部门主要职责",
      "### （二）部门决算单位构成",
      "### T1 收入支出决算总表",
      "### T10 非税收入征缴情况表",
      "### 一、2020年度收入支出决算总体情况说明",
      "#### （一）年度收入总体情况",
      "#### （二）年度支出总体情况",
      "### 二、2020年度财政拨款收入支出总表说明",
      "### 三、2020年度一般公共预算财政拨款“三公”经费支出决算情况说明",
      "### 四、其他重要事项的情况说明",
      "#### （四）非税收入征缴情况说明",
      "### 一、绩效管理工作总体情况",
      "### 二、绩效自评结果",
      "##### 2020年度项目支出绩效自评表",
      "## 第五部分 名词解释",
    ];
    const positions = headings.map((heading) => markdown.indexOf(`\n${heading}\n`) >= 0 ? markdown.indexOf(`\n${heading}\n`) : markdown.indexOf(`${heading}\n`));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("carries the duties, the explanations with their reasons, the self-evaluation table and the glossary", () => {
    expect(markdown).toContain(profile.duties[0]);
    expect(markdown).toContain("一般公共预算财政拨款收入15,731.43万元，比上年决算增加1,060.37万元，增长7.2%。主要变动原因：");
    expect(markdown).toContain("| 总额 | 613.50 | 609.04 | 20 | 99.27% | 19.27 |");
    expect(markdown).toContain("| 总分 |  |  |  |  |  | 94.27 |  |");
    expect(markdown).toContain("机关运行经费：指为保障行政单位");
    expect(markdown.trimEnd().endsWith("四舍五入可能存在尾差。")).toBe(true);
  });

  it("renders the same content as one HTML page, tables balanced and text escaped", () => {
    expect(html.startsWith("<!DOCTYPE html>\n<html lang=\"zh-CN\">")).toBe(true);
    expect(html.match(/<table/g)?.length).toBe(html.match(/<\/table>/g)?.length);
    expect(html.match(/<caption>T\d+ /g)?.length).toBe(10);
    expect(html).toContain("<li>一般公共预算财政拨款收入15,731.43万元，比上年决算增加1,060.37万元，增长7.2%。");
    expect(html).toContain("“三公”经费");
    expect(html).not.toMatch(/<(?!\/?(html|head|meta|title|style|body|h[1-6]|nav|ol|li|section|p|table|caption|thead|tbody|tr|th|td)\b)[a-z]/);
  });
});

describe("the HTML renderer", () => {
  it("escapes the five characters HTML gives a meaning", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("escapes text that comes from events and notes", () => {
    const small = createLedger();
    small.append(units().map((unit) => (unit.parent === null ? { ...unit, name: "<script>某办</script>" } : unit)));
    const page = renderDocumentHtml(finalAccountsDocument(small, 2020, { notes: { "income.other": "<b>注</b>" } }));
    expect(page).not.toContain("<script>");
    expect(page).toContain("&lt;script&gt;某办&lt;/script&gt;");
    expect(page).toContain("&lt;b&gt;注&lt;/b&gt;");
    const table = renderTableHtml(small.tables(2020, ["T7"])[0] ?? { id: "T7", title: "", columns: {}, rows: [] });
    expect(table).toContain("<td class=\"num\">0.00</td>");
  });
});

describe("the example's notes", () => {
  it("hold no figure the events give: the explanations generate them", () => {
    const golden = JSON.parse(readFileSync(new URL("../golden/guangzhou-cac-2020.narrative.json", import.meta.url), "utf8")) as { figures: Record<string, unknown> };
    const amounts = new Set<string>();
    const collect = (value: unknown): void => {
      if (typeof value === "string" && /^\d+\.\d\d$/.test(value) && value !== "0.00") {
        amounts.add(value);
        amounts.add(value.replace(/\B(?=(\d{3})+(?!\d))/, ","));
      } else if (typeof value === "object" && value !== null) Object.values(value).forEach(collect);
    };
    collect(golden.figures);
    const text = JSON.stringify(notes);
    expect([...amounts].filter((amount) => text.includes(amount))).toEqual([]);
  });
});
