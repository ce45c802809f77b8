/**
 * The explanations of a report (part 3, 情况说明) and its performance part
 * (part 4, 预算绩效管理情况) as sentences generated from the figures, in the
 * report's own phrasing ("一般公共预算财政拨款收入15,731.43万元，比上年决算增加
 * 1,060.37万元，增长7.2%。"). What the figures cannot say — the reasons for a
 * change (主要变动原因), what the money was for — comes from notes keyed by the
 * figure they explain, appended after the figure's sentence as written.
 *
 * The output is a list of blocks (headings, paragraphs, numbered lists,
 * grids) that a renderer turns into Markdown or HTML.
 *
 * @module
 */
import { CATEGORY_NAMES, FUND_NAMES, UNIT_KIND_NAMES, isFiscalFund, type Fund } from "../catalog/dimensions.js";
import { INDICATOR_CLASS_NAMES, INDICATOR_DIMENSION_NAMES, VEHICLE_PURPOSES, VEHICLE_PURPOSE_NAMES } from "../events/types.js";
import { fenToWan, groupThousands } from "../money/decimal.js";
import type { Catalog } from "../catalog/catalog.js";
import type { AgainstBudget, Comparison, Execution, Narrative } from "./narrative.js";
import type { SelfEvaluationTable } from "./performance.js";

/** A block of a document: what a renderer lays out. */
export type DocumentBlock =
  | { readonly kind: "heading"; readonly level: 1 | 2 | 3 | 4; readonly text: string }
  | { readonly kind: "paragraph"; readonly text: string }
  | { readonly kind: "list"; readonly items: readonly string[] }
  | { readonly kind: "grid"; readonly caption: string; readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] };

/**
 * Notes keyed by the figure they explain (`income.generalPublicBudget`,
 * `threePublic.total`, `adminOperating` …) or by a passage of part 4
 * (`performance.overview`, `performance.keyEvaluations`,
 * `performance.department`, `performance.project.<project>`). A note is a
 * paragraph, or several; the first is appended to the figure's sentence as
 * written ("主要变动原因：…"), the others follow it as paragraphs.
 */
export type DocumentNotes = Readonly<Record<string, string | readonly string[]>>;

/**
 * An amount in 万元 as the report's text prints it: thousands separators,
 * two decimals, and zero as "0".
 *
 * @param amountFen - exact fen
 * @returns e.g. `"15,731.43"`, `"0"`
 */
export function textWan(amountFen: number): string {
  const printed = fenToWan(amountFen);
  return printed === "0.00" ? "0" : groupThousands(printed);
}

function notesOf(notes: DocumentNotes, key: string): readonly string[] {
  const note = notes[key];
  if (note === undefined) return [];
  return typeof note === "string" ? [note] : note;
}

/** The figure's sentence with its note appended, and the note's further paragraphs. */
function withNote(sentence: string, notes: DocumentNotes, key: string): string[] {
  const [first, ...rest] = notesOf(notes, key);
  return [first === undefined ? sentence : `${sentence}${first}`, ...rest];
}

/** The name of a source of income as the explanations print it (财政拨款 sources end in 收入). */
export function incomeName(fund: Fund): string {
  return isFiscalFund(fund) ? `${FUND_NAMES[fund]}收入` : FUND_NAMES[fund];
}

/**
 * A figure against the previous year's, as the report phrases it.
 *
 * @param label - what the figure is, e.g. "一般公共预算财政拨款收入"
 * @param comparison - the figure and its change
 * @returns e.g. "一般公共预算财政拨款收入15,731.43万元，比上年决算增加1,060.37万元，增长7.2%。"
 */
export function comparisonSentence(label: string, comparison: Comparison): string {
  const head = `${label}${textWan(comparison.currentFen)}万元`;
  const { changeFen, rate } = comparison;
  if (changeFen === null) return `${head}，上年无此项，不可比。`;
  if (changeFen === 0) return `${head}，与上年决算持平。`;
  const [verb, growth] = changeFen > 0 ? ["增加", "增长"] : ["减少", "下降"];
  const change = `比上年决算${verb}${textWan(Math.abs(changeFen))}万元`;
  if (rate === null) return `${head}，${change}（上年基数为0，不可比）。`;
  return `${head}，${change}，${growth}${rate.replace(/^-/, "")}%。`;
}

/**
 * Spending against its 年初预算, as the report phrases it.
 *
 * @param label - e.g. "一般公共预算财政拨款支出"
 * @param against - the spending, the budget and the difference
 * @returns e.g. "一般公共预算财政拨款支出15,731.43万元，比年初预算数增加1,277.36万元，增长8.8%"
 */
export function againstBudgetPhrase(label: string, against: AgainstBudget): string {
  const [verb, growth] = against.changeFen >= 0 ? ["增加", "增长"] : ["减少", "下降"];
  const rate = against.rate === null ? "--%（预算基数为0，不可比）" : `${against.rate.replace(/^-/, "")}%`;
  return `${label}${textWan(against.currentFen)}万元，比年初预算数${verb}${textWan(Math.abs(against.changeFen))}万元，${growth}${rate}`;
}

/**
 * Spending against its full-year budget, as the 三公 explanation phrases it.
 *
 * @param label - e.g. "公务接待费支出决算"
 * @param execution - actual, budget and completion
 * @returns e.g. "公务接待费支出决算为10.65万元，完成预算13.26万元的80.32%"
 */
export function executionPhrase(label: string, execution: Execution): string {
  const completion = execution.completion === null ? "--%（预算基数为0，不可比）" : `${execution.completion}%`;
  return `${label}为${textWan(execution.actualFen)}万元，完成预算${textWan(execution.budgetFen)}万元的${completion}`;
}

/** "，占X%" or nothing when the whole is zero. */
function sharePhrase(share: string | null): string {
  return share === null ? "" : `，占${share}%`;
}

/**
 * The paragraph on the units the accounts cover (部门决算单位构成), from the
 * registered units and their kinds.
 *
 * @param narrative - the year's figures
 * @returns the paragraph as a block
 */
export function unitsParagraph(narrative: Narrative): DocumentBlock[] {
  const [top, ...subordinates] = narrative.units;
  const listed = subordinates.map((unit) => `${unit.name}（${UNIT_KIND_NAMES[unit.kind]}）`).join("、");
  const text =
    `按照部门决算编报要求，纳入我部门（${narrative.department}）${narrative.year}年部门决算编报范围的单位共${narrative.units.length}个，` +
    (top === undefined
      ? "尚无单位。"
      : subordinates.length === 0
        ? "即办本级。"
        : `包括办本级和下属${subordinates.length}个预算单位，下属单位分别是：${listed}。`);
  return [{ kind: "paragraph", text }];
}

/**
 * Part 3, 情况说明: every explanation of the report, sentence by sentence,
 * with the notes where they belong.
 *
 * @param narrative - the year's figures
 * @param notes - reasons and details keyed by figure
 * @param catalog - the catalog whose Table 10 lines the non-tax explanation names
 * @returns the blocks of part 3, from its first section heading
 */
export function explanationBlocks(narrative: Narrative, notes: DocumentNotes, catalog: Catalog): DocumentBlock[] {
  const n = narrative;
  const y = n.year;
  const blocks: DocumentBlock[] = [];
  const heading = (level: 2 | 3 | 4, text: string): void => {
    blocks.push({ kind: "heading", level, text });
  };
  const paragraphs = (texts: readonly string[]): void => {
    for (const text of texts) blocks.push({ kind: "paragraph", text });
  };
  const list = (items: readonly string[][]): void => {
    blocks.push({ kind: "list", items: items.map((texts) => texts.join("")) });
  };

  heading(2, `一、${y}年度收入支出决算总体情况说明`);
  heading(3, "（一）年度收入总体情况");
  paragraphs([`${n.department}${y}年度总收入${textWan(n.income.totalFen)}万元，其中本年收入${textWan(n.income.currentYearFen)}万元。具体情况如下：`]);
  list(Object.entries(n.income.byFund).map(([fund, comparison]) => withNote(comparisonSentence(incomeName(fund as Fund), comparison), notes, `income.${fund}`)));
  heading(3, "（二）年度支出总体情况");
  paragraphs([`${n.department}${y}年度总支出${textWan(n.expenditure.totalFen)}万元，其中本年支出${textWan(n.expenditure.currentYearFen)}万元。具体情况如下：`]);
  list(
    Object.entries(n.expenditure.byCategory).map(([category, comparison]) =>
      withNote(comparisonSentence(CATEGORY_NAMES[category as keyof typeof CATEGORY_NAMES], comparison), notes, `expenditure.${category}`),
    ),
  );

  heading(2, `二、${y}年度财政拨款收入支出总表说明`);
  heading(3, `（一）${y}年度财政拨款收入说明`);
  const fiscalIncome = (["generalPublicBudget", "governmentFund", "stateCapital"] as const).map((fund) =>
    withNote(comparisonSentence(incomeName(fund), n.income.byFund[fund]).replace(/。$/, ""), notes, `fiscal.income.${fund}`).join(""),
  );
  paragraphs([`${n.department}${y}年度财政拨款收入合计${textWan(n.fiscal.incomeFen)}万元。其中：${fiscalIncome.join("；")}。`]);
  heading(3, `（二）${y}年度财政拨款支出说明`);
  const fiscalSpending = (["generalPublicBudget", "governmentFund", "stateCapital"] as const).map((fund) =>
    withNote(againstBudgetPhrase(`${FUND_NAMES[fund]}支出`, n.fiscal.spendingAgainstBudget[fund]), notes, `fiscal.expenditure.${fund}`).join(""),
  );
  paragraphs([`${n.department}${y}年度财政拨款支出合计${textWan(n.fiscal.expenditureFen)}万元。其中：${fiscalSpending.join("；")}。`]);

  const t = n.threePublic;
  heading(2, `三、${y}年度一般公共预算财政拨款“三公”经费支出决算情况说明`);
  heading(3, "（一）“三公”经费财政拨款支出决算总体情况说明");
  paragraphs([
    `${n.department}${y}年度${executionPhrase("“三公”经费财政拨款支出决算", t.total)}。其中：` +
      `${executionPhrase("因公出国（境）费支出决算", t.overseas)}；` +
      `${executionPhrase("公务用车购置及运行费支出决算", t.vehicles)}（其中：${executionPhrase("公务用车购置支出决算", t.vehiclePurchase)}；${executionPhrase("公务用车运行费支出决算", t.vehicleOperation)}）；` +
      `${executionPhrase("公务接待费支出决算", t.reception)}。`,
    ...notesOf(notes, "threePublic.total"),
  ]);
  heading(3, "（二）“三公”经费财政拨款支出决算具体情况说明");
  paragraphs([
    `${y}年“三公”经费财政拨款支出决算中，因公出国（境）费${textWan(t.overseas.actualFen)}万元${sharePhrase(t.overseas.share)}；` +
      `公务用车购置及运行费支出${textWan(t.vehicles.actualFen)}万元${sharePhrase(t.vehicles.share)}；公务接待费支出${textWan(t.reception.actualFen)}万元${sharePhrase(t.reception.share)}。具体情况如下：`,
  ]);
  const c = t.counts;
  const scope = `办机关及下属${Math.max(n.units.length - 1, 0)}个单位`;
  list([
    withNote(`因公出国（境）费支出${textWan(t.overseas.actualFen)}万元。全年使用财政拨款安排${scope}出国团组${c.overseasGroups}个、累计${c.overseasPersons}人次。`, notes, "threePublic.overseas"),
    withNote(
      `公务用车购置及运行维护费支出${textWan(t.vehicles.actualFen)}万元，其中：公务用车购置支出为${textWan(t.vehiclePurchase.actualFen)}万元，${y}年公务用车购置数${c.vehiclesPurchased}辆。` +
        `公务用车运行及维护支出${textWan(t.vehicleOperation.actualFen)}万元，${y}年${scope}公务用车保有量为${c.vehiclesHeld}辆。`,
      notes,
      "threePublic.vehicles",
    ),
    withNote(
      `公务接待费支出${textWan(t.reception.actualFen)}万元。${y}年，${scope}共接待国外、境外来访团组${c.foreignDelegations}个，来访外宾${c.foreignVisitors}人次；` +
        `发生国内接待${c.domesticReceptions}次，接待人数共${c.domesticVisitors}人。`,
      notes,
      "threePublic.reception",
    ),
  ]);

  heading(2, "四、其他重要事项的情况说明");
  heading(3, "（一）机关运行经费支出情况");
  const o = n.officeRunning;
  const [officeVerb, officeGrowth] = o.changeFen >= 0 ? ["增加", "增长"] : ["减少", "下降"];
  const officeRate = o.rate === null ? "--%（预算基数为0，不可比）" : `${o.rate.replace(/^-/, "")}%`;
  paragraphs(
    withNote(
      `${y}年本部门机关运行经费支出${textWan(o.actualFen)}万元，比年初预算数${officeVerb}${textWan(Math.abs(o.changeFen))}万元，${officeGrowth}${officeRate}。`,
      notes,
      "adminOperating",
    ),
  );
  heading(3, "（二）政府采购支出情况说明");
  const p = n.procurement;
  paragraphs(
    withNote(
      `${y}年本部门政府采购支出总额${textWan(p.totalFen)}万元，其中：政府采购货物支出${textWan(p.goodsFen)}万元、政府采购工程支出${textWan(p.worksFen)}万元、政府采购服务支出${textWan(p.servicesFen)}万元。` +
        `授予中小企业合同金额${textWan(p.smeFen)}万元${p.smeShare === null ? "" : `，占政府采购支出总额的${p.smeShare}%`}，` +
        `其中：授予小微企业合同金额${textWan(p.smallMicroFen)}万元${p.smallMicroShare === null ? "" : `，占政府采购支出总额的${p.smallMicroShare}%`}。`,
      notes,
      "procurement",
    ),
  );
  heading(3, "（三）国有资产占用情况");
  const a = n.assets;
  const byPurpose = VEHICLE_PURPOSES.filter((purpose) => a.vehiclesByPurpose[purpose] > 0).map((purpose) => `${VEHICLE_PURPOSE_NAMES[purpose]}${a.vehiclesByPurpose[purpose]}辆`);
  paragraphs(
    withNote(
      `截至${y}年12月31日，本部门共有车辆${a.vehicles}辆${byPurpose.length === 0 ? "" : `，其中，${byPurpose.join("、")}`}。` +
        `单价50万元以上通用设备${a.generalEquipmentOverThreshold}台（套），单价100万元以上专用设备${a.specialEquipmentOverThreshold}台（套）。`,
      notes,
      "assets",
    ),
  );
  heading(3, "（四）非税收入征缴情况说明");
  paragraphs(withNote(nonTaxSentence(n, nonTaxLabels(catalog)), notes, "nonTax"));
  return blocks;
}

/** The lines of Table 10 that the non-tax explanation names, with their labels. */
interface NonTaxLabels {
  readonly top: readonly { readonly id: string; readonly label: string }[];
  readonly childrenOf: ReadonlyMap<string, readonly { readonly id: string; readonly label: string }[]>;
}

function nonTaxLabels(catalog: Catalog): NonTaxLabels {
  const lines = catalog.nonTaxLines;
  const strip = (label: string): string => label.replace(/^[一二三四五六七八九十]+、/, "");
  const childrenOf = new Map<string, { id: string; label: string }[]>();
  for (const line of lines) {
    if (line.parent === null) continue;
    const siblings = childrenOf.get(line.parent) ?? [];
    siblings.push({ id: line.id, label: strip(line.label) });
    childrenOf.set(line.parent, siblings);
  }
  return { top: lines.filter((line) => line.parent === null).map((line) => ({ id: line.id, label: strip(line.label) })), childrenOf };
}

function nonTaxSentence(n: Narrative, labels: NonTaxLabels): string {
  const amount = (id: string): number => n.nonTax.byLine.get(id)?.amountFen ?? 0;
  const parts = labels.top.map((line) => {
    const share = n.nonTax.byLine.get(line.id)?.share ?? null;
    const children = (labels.childrenOf.get(line.id) ?? []).filter((child) => amount(child.id) !== 0);
    const detail = children.length === 0 ? "" : `，包括${children.map((child) => `${child.label}${textWan(amount(child.id))}万元`).join("，")}`;
    return `${line.label}${textWan(amount(line.id))}万元${sharePhrase(share)}${detail}`;
  });
  return (
    `本部门${n.year}年度各类非税收入合计${textWan(n.nonTax.totalFen)}万元，纳入预算管理${textWan(n.nonTax.budgetManagedFen)}万元；纳入财政专户管理${textWan(n.nonTax.specialAccountFen)}万元。` +
    (parts.length === 0 ? "" : `其中：${parts.join("；")}。`)
  );
}

function points(value: number): string {
  return String(value);
}

/**
 * A project's self-evaluation table as grids: the money, the goal, the
 * indicators and the total.
 *
 * @param table - the projection of the table
 * @returns its blocks
 */
export function selfEvaluationBlocks(table: SelfEvaluationTable): DocumentBlock[] {
  const percent = (text: string | null): string => (text === null ? "--" : `${text}%`);
  return [
    { kind: "paragraph", text: `项目名称：${table.project}；主管部门：${table.department}；实施单位：${table.unitName}。` },
    {
      kind: "grid",
      caption: "项目资金（万元）",
      columns: ["", "年度预算数", "年度预算完成数", "分值", "预算完成率", "得分"],
      rows: [
        ["总额", fenToWan(table.budget.totalFen), fenToWan(table.executed.totalFen), points(table.budgetWeight), percent(table.completion), table.budgetScore ?? "--"],
        ["其中：财政拨款（市本级支出）", fenToWan(table.budget.fiscalFen), fenToWan(table.executed.fiscalFen), "", "", ""],
        ["财政拨款（转移支付）", fenToWan(table.budget.transferFen), fenToWan(table.executed.transferFen), "", "", ""],
        ["非财政拨款", fenToWan(table.budget.nonFiscalFen), fenToWan(table.executed.nonFiscalFen), "", "", ""],
      ],
    },
    { kind: "grid", caption: "绩效目标完成情况", columns: ["年度绩效目标内容", "目标实际完成情况"], rows: [[table.goal, table.outcome]] },
    {
      kind: "grid",
      caption: "绩效指标",
      columns: ["指标类别", "一级指标", "二级指标", "年度指标值", "实际完成指标值", "分值", "得分", "偏差原因分析及改进措施"],
      rows: [
        ...table.indicators.map((indicator) => [
          INDICATOR_CLASS_NAMES[indicator.indicatorClass],
          INDICATOR_DIMENSION_NAMES[indicator.dimension],
          indicator.name,
          indicator.target,
          indicator.actual,
          points(indicator.weight),
          points(indicator.score),
          indicator.reason,
        ]),
        ["总分", "", "", "", "", "", table.total, ""],
      ],
    },
  ];
}

/**
 * Part 4, 预算绩效管理情况: the overview of the evaluations, the department's
 * budget completion and each published project self-evaluation, with the
 * notes of part 4.
 *
 * @param narrative - the year's figures
 * @param notes - passages keyed `performance.*`
 * @param keyEvaluated - the key-evaluated projects' names, in the order to print
 * @returns the blocks of part 4, from its first section heading
 */
export function performanceBlocks(narrative: Narrative, notes: DocumentNotes, keyEvaluated: readonly string[]): DocumentBlock[] {
  const n = narrative;
  const perf = n.performance;
  const blocks: DocumentBlock[] = notesOf(notes, "performance.introduction").map((text) => ({ kind: "paragraph", text }));
  blocks.push({ kind: "heading", level: 2, text: "一、绩效管理工作总体情况" });
  const share = perf.selfEvaluated.shareOfProjectSpending === null ? "" : `，占一般公共预算项目支出总额的${perf.selfEvaluated.shareOfProjectSpending}%`;
  blocks.push({
    kind: "paragraph",
    text: `根据财政预算绩效管理要求，我部门组织对${n.year}年度${perf.selfEvaluated.projects}个一般公共预算项目支出开展绩效自评，共涉及资金${textWan(perf.selfEvaluated.fundsFen)}万元${share}。`,
  });
  if (perf.keyEvaluations.projects > 0) {
    const names = keyEvaluated.map((name) => `“${name}”`).join("和");
    blocks.push({
      kind: "paragraph",
      text: `共组织对${names}${perf.keyEvaluations.projects}个项目开展了重点绩效评价，涉及一般公共预算支出${textWan(perf.keyEvaluations.fundsFen)}万元。`,
    });
  }
  for (const text of notesOf(notes, "performance.keyEvaluations")) blocks.push({ kind: "paragraph", text });
  blocks.push({ kind: "heading", level: 2, text: "二、绩效自评结果" });
  blocks.push({ kind: "heading", level: 3, text: "（一）部门整体支出绩效自评综述" });
  const completion = perf.department.completion === null ? "--%" : `${perf.department.completion}%`;
  for (const text of withNote(
    `全年预算数${textWan(perf.department.budgetFen)}万元，执行数${textWan(perf.department.executedFen)}万元，完成预算的${completion}。`,
    notes,
    "performance.department",
  )) {
    blocks.push({ kind: "paragraph", text });
  }
  if (perf.projects.length > 0) {
    blocks.push({ kind: "heading", level: 3, text: "（二）项目绩效自评综述" });
    for (const table of perf.projects) {
      blocks.push({ kind: "paragraph", text: `本部门${n.year}年度${table.project}项目的绩效自评结果如下：` });
      for (const text of notesOf(notes, `performance.project.${table.project}`)) blocks.push({ kind: "paragraph", text });
      blocks.push({ kind: "heading", level: 4, text: `${n.year}年度项目支出绩效自评表` });
      blocks.push(...selfEvaluationBlocks(table));
    }
  }
  return blocks;
}
