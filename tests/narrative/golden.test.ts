// Golden: all 34 figures of the reference report's parts 3 and 4 and every cell of its project self-evaluation table, projected from the reference events and compared with the published values.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createProjector } from "../../src/ledger/projector.js";
import { fenToWan } from "../../src/money/decimal.js";
import { narrativeFigures } from "../../src/narrative/figures.js";
import { selfEvaluationTable } from "../../src/narrative/performance.js";
import { referenceEvents, referenceLedger } from "../support/reference.js";

const GOLDEN = fileURLToPath(new URL("../golden/guangzhou-cac-2020.narrative.json", import.meta.url));
const SHARED = fileURLToPath(new URL("../../../shared/golden/guangzhou-cac-2020.narrative.json", import.meta.url));

interface GoldenNarrative {
  readonly department: string;
  readonly year: number;
  readonly unit: string;
  readonly figures: Readonly<Record<string, unknown>>;
}

const golden = JSON.parse(readFileSync(GOLDEN, "utf8")) as GoldenNarrative;
const ledger = referenceLedger();
const narrative = narrativeFigures(ledger, golden.year);

describe("the reference department's narrative figures", () => {
  it("has the published department, year and unit", () => {
    expect([narrative.department, narrative.year, narrative.unit]).toEqual([golden.department, golden.year, golden.unit]);
  });

  it("has exactly the 34 published figures, in the published order", () => {
    expect(Object.keys(golden.figures)).toHaveLength(34);
    expect(Object.keys(narrative.figures)).toEqual(Object.keys(golden.figures));
  });

  for (const [key, value] of Object.entries(golden.figures)) {
    it(`prints ${key} as the report does`, () => {
      expect(narrative.figures[key]).toEqual(value);
    });
  }

  it("gives the same figures from a projector, which keeps no event", () => {
    const projector = createProjector();
    projector.project(referenceEvents());
    expect(narrativeFigures(projector, golden.year)).toEqual(narrative);
  });

  it("uses the shared golden file unchanged", () => {
    let shared: string;
    try {
      shared = readFileSync(SHARED, "utf8");
    } catch {
      return;
    }
    expect(readFileSync(GOLDEN, "utf8")).toBe(shared);
  });
});

describe("the reference department's project self-evaluation table (网络信息内容生态治理)", () => {
  const table = selfEvaluationTable(ledger, 2020, "网络信息内容生态治理");
  const wan = (fen: number | undefined): string => fenToWan(fen ?? Number.NaN);

  it("names the project, the department and the implementing unit", () => {
    expect([table?.project, table?.department, table?.unitName]).toEqual([
      "网络信息内容生态治理",
      "中共广州市委网络安全和信息化委员会办公室",
      "中共广州市委网络安全和信息化委员会办公室",
    ]);
  });

  it("prints the budget and its completion by source of funds", () => {
    const rows = (["totalFen", "fiscalFen", "transferFen", "nonFiscalFen"] as const).map((field) => [wan(table?.budget[field]), wan(table?.executed[field])]);
    expect(rows).toEqual([
      ["613.50", "609.04"],
      ["613.50", "609.04"],
      ["0.00", "0.00"],
      ["0.00", "0.00"],
    ]);
  });

  it("scores the budget completion 19.27 of 20 at 99.27%", () => {
    expect([table?.budgetWeight, table?.completion, table?.budgetScore]).toEqual([20, "99.27", "19.27"]);
  });

  it("prints the goal and what was achieved", () => {
    expect(table?.goal).toBe("为将网络信息内容生态治理工作落到实处，结合本次疫情期间网络生态治理的经验和教训，继续做好后续阶段的疫情防控和经济发展的网络舆论宣传引导及应急处理相关工作。");
    expect(table?.outcome).toBe("深入开展抗击疫情网上正面宣传和网络舆论引导工作，积极谋划城市形象网络宣传，同时推动网络社会工作，指导互联网企业自律，同时做好重大舆情引导和处置工作，圆满完成了年初设定的绩效目标。");
  });

  it("prints every indicator row: class, first-level indicator, name, target, actual, weight, score and reason", () => {
    expect(table?.indicators.map((i) => [i.indicatorClass, i.dimension, i.name, i.target, i.actual, i.weight, i.score])).toEqual([
      ["output", "quantity", "与本土自媒体大V合作专题策划数量", "10", "11", 15, 15],
      ["output", "quantity", "与本土自媒体大V合作专题阅读量", "100万", "100万", 15, 15],
      ["output", "quantity", "聚合各级媒体发布疫情防控和复工复产信息数量", "14.5万篇次", "15万篇次", 15, 15],
      ["output", "quantity", "网络生态治理示范基地数量", "5个", "4个", 15, 10],
      ["outcome", "social", "舆情应急处置取得正面效应", "正面效应", "正面效应", 10, 10],
      ["outcome", "social", "网络舆情分析为政府决策提供参考", "为政府决策提供有利参考", "2020年对各种舆情进行分析并出具分析报告和建议，为政府决策提供参考。", 10, 10],
    ]);
    expect(table?.indicators.map((i) => i.reason)).toEqual([
      "与本土自媒体大V合作专题策划数量超过10个。",
      "与本土自媒体大V合作专题阅读量超过100万人次。",
      "聚合各级媒体发布疫情防控和复工复产信息数量达到15万条。",
      "由于预算压减问题，实际监理网络生态治理示范基地4个，未完成原计划5个的目标。",
      "2020年努力做好舆情处置工作，全年未发生重大舆情，取得了正面效应。",
      "2020年对各种舆情进行分析并出具分析报告和建议，为政府决策提供参考。",
    ]);
  });

  it("totals 94.27 points", () => {
    expect(table?.total).toBe("94.27");
  });
});
