/**
 * The glossary (名词解释) a department's final accounts end with: the terms of
 * the tables and explanations as the 部门决算 template defines them, and the
 * closing remark on rounding.
 *
 * @module
 */

/** A term of the glossary and its definition. */
export interface GlossaryEntry {
  /** The term, e.g. "财政拨款收入". */
  readonly term: string;
  /** Its definition, as the template words it. */
  readonly definition: string;
}

/** The glossary of the 部门决算 template, in the report's order. */
export const GLOSSARY: readonly GlossaryEntry[] = [
  { term: "财政拨款收入", definition: "指财政当年拨付的资金。包括一般公共预算财政拨款和政府性基金预算财政拨款。" },
  { term: "上级补助收入", definition: "指事业单位从主管部门和上级单位取得的非财政补助收入。" },
  { term: "事业收入", definition: "指事业单位开展专业业务活动及辅助活动所取得的收入。" },
  { term: "经营收入", definition: "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。" },
  { term: "附属单位上缴收入", definition: "指事业单位附属独立核算单位按照有关规定上缴的收入。" },
  { term: "其他收入", definition: "指除上述“财政拨款收入”、“事业收入”、“经营收入”等以外的收入。" },
  { term: "使用非财政拨款结余", definition: "指事业单位使用以前年度积累的非财政拨款结余弥补当年收支差额的金额。" },
  { term: "年初结转和结余", definition: "指以前年度尚未完成、结转到本年按有关规定继续使用的资金。" },
  { term: "结余分配", definition: "指事业单位按规定从非财政补助结余中分配的事业基金和职工福利基金等。" },
  {
    term: "年末结转和结余",
    definition: "指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需要延迟到以后年度按有关规定继续使用的资金。",
  },
  { term: "基本支出", definition: "指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。" },
  { term: "项目支出", definition: "指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。" },
  { term: "经营支出", definition: "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动所发生的支出。" },
  {
    term: "“三公”经费",
    definition:
      "按照党中央、国务院有关文件及部门预算管理有关规定，“三公”经费包括因公出国（境）费、公务用车购置及运行费和公务接待费。" +
      "（1）因公出国（境）费，指单位工作人员公务出国（境）的住宿费、旅费、伙食补助费、杂费、培训费等支出。" +
      "（2）公务用车购置及运行费，指单位公务用车购置费（含车辆购置税）及租用费、燃料费、维修费、过路过桥费、保险费等支出。" +
      "（3）公务接待费，指单位按规定开支的各类公务接待（含外宾接待）支出。",
  },
  {
    term: "机关运行经费",
    definition:
      "指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，包括办公及印刷费、邮电费、差旅费、会议费、福利费、" +
      "日常维修费、专项材料及一般设备购置费、办公用房水电费、取暖费、物业管理费、公务用车运行维护费以及其他费用。",
  },
];

/** The closing remark on rounding (特别说明) the report ends with. */
export const ROUNDING_REMARK = "特别说明：第三、第四部分情况说明因金额转化为万元时，四舍五入可能存在尾差。";
