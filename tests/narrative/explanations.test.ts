// The explanations generated from the figures: each phrasing rule on hand-made comparisons, and the reference department's part 3 and 4 sentences as the report prints them, with its notes appended where they belong.
import { describe, expect, it } from "vitest";
import { againstBudgetPhrase, comparisonSentence, executionPhrase, explanationBlocks, performanceBlocks, textWan, unitsParagraph, type DocumentBlock } from "../../src/narrative/explanations.js";
import { narrativeOf } from "../../src/narrative/narrative.js";
import { referenceLedger } from "../support/reference.js";

const ledger = referenceLedger();
const narrative = narrativeOf(ledger, 2020);

function texts(blocks: readonly DocumentBlock[]): string[] {
  return blocks.flatMap((block) => (block.kind === "paragraph" ? [block.text] : block.kind === "list" ? [...block.items] : block.kind === "heading" ? [block.text] : []));
}

describe("the phrasing of a figure", () => {
  it("prints amounts in 万元 with thousands separators, and zero as 0", () => {
    expect([textWan(15_731_428_000), textWan(0), textWan(36_000_000), textWan(-1_130_800_000)]).toEqual(["15,731.43", "0", "36.00", "-1,130.80"]);
  });

  it("says an increase, a decrease, no change, no base and no comparison as the report does", () => {
    expect(comparisonSentence("事业收入", { currentFen: 2_857_832_000, priorFen: 2_725_652_000, changeFen: 132_180_000, rate: "4.8" })).toBe("事业收入2,857.83万元，比上年决算增加132.18万元，增长4.8%。");
    expect(comparisonSentence("项目支出", { currentFen: 10_000, priorFen: 20_000, changeFen: -10_000, rate: "-50" })).toBe("项目支出0.01万元，比上年决算减少0.01万元，下降50%。");
    expect(comparisonSentence("经营收入", { currentFen: 0, priorFen: 0, changeFen: 0, rate: null })).toBe("经营收入0万元，与上年决算持平。");
    expect(comparisonSentence("上级补助收入", { currentFen: 50_000, priorFen: 0, changeFen: 50_000, rate: null })).toBe("上级补助收入0.05万元，比上年决算增加0.05万元（上年基数为0，不可比）。");
    expect(comparisonSentence("国有资本经营预算财政拨款收入", { currentFen: 0, priorFen: null, changeFen: null, rate: null })).toBe("国有资本经营预算财政拨款收入0万元，上年无此项，不可比。");
  });

  it("says spending against a budget, and a zero budget as not comparable", () => {
    expect(againstBudgetPhrase("政府性基金预算财政拨款支出", { currentFen: 0, budgetFen: 0, changeFen: 0, rate: null })).toBe("政府性基金预算财政拨款支出0万元，比年初预算数增加0万元，增长--%（预算基数为0，不可比）");
    expect(againstBudgetPhrase("一般公共预算财政拨款支出", { currentFen: 80_000, budgetFen: 100_000, changeFen: -20_000, rate: "-20" })).toBe("一般公共预算财政拨款支出0.08万元，比年初预算数减少0.02万元，下降20%");
    expect(executionPhrase("因公出国（境）费支出决算", { actualFen: 0, budgetFen: 0, completion: null })).toBe("因公出国（境）费支出决算为0万元，完成预算0万元的--%（预算基数为0，不可比）");
  });
});

describe("the reference department's explanations", () => {
  const part3 = texts(explanationBlocks(narrative, {}, ledger.catalog));
  const withNotes = texts(explanationBlocks(narrative, { "income.institutional": "主要变动情况是本年网络安全测评业务量有所增长。", "threePublic.total": ["第一段。", "第二段。"] }, ledger.catalog));

  it("print each figure's sentence as the report does", () => {
    for (const sentence of [
      "中共广州市委网络安全和信息化委员会办公室2020年度总收入18,758.50万元，其中本年收入18,754.63万元。具体情况如下：",
      "一般公共预算财政拨款收入15,731.43万元，比上年决算增加1,060.37万元，增长7.2%。",
      "政府性基金预算财政拨款收入0万元，与上年决算持平。",
      "事业收入2,857.83万元，比上年决算增加132.18万元，增长4.8%。",
      "其他收入165.37万元，比上年决算增加1.25万元，增长0.8%。",
      "基本支出4,155.18万元，比上年决算增加1,036.57万元，增长33.2%。",
      "项目支出13,146.24万元，比上年决算减少113.08万元，下降0.9%。",
    ]) {
      expect(part3).toContain(sentence);
    }
    const joined = part3.join("\n");
    expect(joined).toContain("一般公共预算财政拨款支出15,731.43万元，比年初预算数增加1,277.36万元，增长8.8%");
    expect(joined).toContain("“三公”经费财政拨款支出决算为54.97万元，完成预算60.18万元的91.34%");
    expect(joined).toContain("公务用车购置支出决算为35.28万元，完成预算36.00万元的98%");
    expect(joined).toContain("公务用车购置及运行费支出44.32万元，占80.6%；公务接待费支出10.65万元，占19.4%");
    expect(joined).toContain("2020年公务用车购置数2辆");
    expect(joined).toContain("发生国内接待17次，接待人数共208人");
    expect(joined).toContain("机关运行经费支出213.52万元，比年初预算数增加19.55万元，增长10.08%。");
    expect(joined).toContain("授予中小企业合同金额745.40万元，占政府采购支出总额的34.6%，其中：授予小微企业合同金额91.84万元，占政府采购支出总额的4.3%。");
    expect(joined).toContain("本部门共有车辆4辆，其中，机要通信用车2辆、应急保障用车2辆。单价50万元以上通用设备19台（套），单价100万元以上专用设备0台（套）。");
    expect(joined).toContain("国有资源（资产）有偿使用收入8.86万元，占100%，包括利息收入0.08万元，非经营性国有资产收入8.78万元");
  });

  it("append a note to its figure's sentence, and its further paragraphs after", () => {
    expect(withNotes).toContain("事业收入2,857.83万元，比上年决算增加132.18万元，增长4.8%。主要变动情况是本年网络安全测评业务量有所增长。");
    const at = withNotes.findIndex((text) => text === "第一段。");
    expect(at).toBeGreaterThan(0);
    expect(withNotes[at + 1]).toBe("第二段。");
  });

  it("name the units the accounts cover, from the registered units and their kinds", () => {
    expect(texts(unitsParagraph(narrative))).toEqual([
      "按照部门决算编报要求，纳入我部门（中共广州市委网络安全和信息化委员会办公室）2020年部门决算编报范围的单位共4个，包括办本级和下属3个预算单位，下属单位分别是：广州市网络舆情信息中心（参公事业单位）、广州市网络安全应急指挥中心（公益一类事业单位）、广州市信息安全测评中心（公益二类事业单位）。",
    ]);
  });

  it("print the performance overview from the evaluations", () => {
    const part4 = texts(performanceBlocks(narrative, {}, ["广州市800兆数字集群共网项目", "网络宣传和舆情建设专项经费项目"]));
    expect(part4).toContain("根据财政预算绩效管理要求，我部门组织对2020年度19个一般公共预算项目支出开展绩效自评，共涉及资金12,132.91万元，占一般公共预算项目支出总额的100%。");
    expect(part4).toContain("共组织对“广州市800兆数字集群共网项目”和“网络宣传和舆情建设专项经费项目”2个项目开展了重点绩效评价，涉及一般公共预算支出8,271.99万元。");
    expect(part4).toContain("全年预算数17,317.06万元，执行数17,301.42万元，完成预算的99.9%。");
  });
});
