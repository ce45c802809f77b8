/**
 * The closed dimensions of an amount: sources of funds, categories of
 * expenditure, kinds of unit, and the small vocabularies of procurement and
 * non-tax revenue. Each value has a stable English id (what events carry) and
 * the report's Chinese name.
 *
 * @module
 */

/** A source of funds (资金来源); also the fund that pays an expenditure. */
export type Fund =
  | "generalPublicBudget"
  | "governmentFund"
  | "stateCapital"
  | "superiorSubsidy"
  | "institutional"
  | "operating"
  | "fromSubordinates"
  | "other";

/** The sources of funds in the order of Table 1's lines 1–8. */
export const FUNDS: readonly Fund[] = [
  "generalPublicBudget",
  "governmentFund",
  "stateCapital",
  "superiorSubsidy",
  "institutional",
  "operating",
  "fromSubordinates",
  "other",
];

/** Chinese names of the sources of funds, as Table 1 prints them. */
export const FUND_NAMES: Readonly<Record<Fund, string>> = {
  generalPublicBudget: "一般公共预算财政拨款",
  governmentFund: "政府性基金预算财政拨款",
  stateCapital: "国有资本经营预算财政拨款",
  superiorSubsidy: "上级补助收入",
  institutional: "事业收入",
  operating: "经营收入",
  fromSubordinates: "附属单位上缴收入",
  other: "其他收入",
};

/** The fiscal funds (财政拨款): appropriated by the treasury. */
export const FISCAL_FUNDS: readonly Fund[] = ["generalPublicBudget", "governmentFund", "stateCapital"];

/**
 * True for the three fiscal funds (财政拨款).
 *
 * @param fund - a source of funds
 * @returns whether it is a fiscal appropriation
 */
export function isFiscalFund(fund: Fund): boolean {
  return fund === "generalPublicBudget" || fund === "governmentFund" || fund === "stateCapital";
}

/** A category of expenditure (支出类别). */
export type Category = "basic" | "project" | "remittedToSuperior" | "operating" | "subsidyToSubordinates";

/** The categories in the order of Table 3's columns 2–6. */
export const CATEGORIES: readonly Category[] = ["basic", "project", "remittedToSuperior", "operating", "subsidyToSubordinates"];

/** Chinese names of the categories of expenditure. */
export const CATEGORY_NAMES: Readonly<Record<Category, string>> = {
  basic: "基本支出",
  project: "项目支出",
  remittedToSuperior: "上缴上级支出",
  operating: "经营支出",
  subsidyToSubordinates: "对附属单位补助支出",
};

/** The categories a fiscal fund may pay: only basic and project spending. */
export const FISCAL_CATEGORIES: readonly Category[] = ["basic", "project"];

/** A kind of budget unit (单位性质). */
export type UnitKind =
  | "administrative"
  | "civilServiceManaged"
  | "publicServiceClass1"
  | "publicServiceClass2"
  | "otherInstitution";

/** The kinds of unit. */
export const UNIT_KINDS: readonly UnitKind[] = [
  "administrative",
  "civilServiceManaged",
  "publicServiceClass1",
  "publicServiceClass2",
  "otherInstitution",
];

/** Chinese names of the kinds of unit. */
export const UNIT_KIND_NAMES: Readonly<Record<UnitKind, string>> = {
  administrative: "行政单位",
  civilServiceManaged: "参公事业单位",
  publicServiceClass1: "公益一类事业单位",
  publicServiceClass2: "公益二类事业单位",
  otherInstitution: "其他事业单位",
};

/**
 * True for the kinds whose general-public-budget 公用经费 counts as 机关运行经费:
 * administrative units and institutions managed as civil service.
 *
 * @param kind - a kind of unit
 * @returns whether its public expenses are 机关运行经费
 */
export function runsAsGovernmentOffice(kind: UnitKind): boolean {
  return kind === "administrative" || kind === "civilServiceManaged";
}

/** A budget stage of an appropriation (预算指标). */
export type BudgetStage = "initial" | "adjustment";

/** The budget stages. */
export const BUDGET_STAGES: readonly BudgetStage[] = ["initial", "adjustment"];

/** Chinese names of the budget stages. */
export const BUDGET_STAGE_NAMES: Readonly<Record<BudgetStage, string>> = {
  initial: "年初预算",
  adjustment: "调整预算",
};

/** What a procurement contract buys (政府采购品目). */
export type ProcurementKind = "goods" | "works" | "services";

/** The procurement kinds. */
export const PROCUREMENT_KINDS: readonly ProcurementKind[] = ["goods", "works", "services"];

/** Chinese names of the procurement kinds. */
export const PROCUREMENT_KIND_NAMES: Readonly<Record<ProcurementKind, string>> = {
  goods: "货物",
  works: "工程",
  services: "服务",
};

/** The size of the supplier a contract is awarded to (企业规模). */
export type SupplierSize = "large" | "medium" | "small" | "micro";

/** The supplier sizes. */
export const SUPPLIER_SIZES: readonly SupplierSize[] = ["large", "medium", "small", "micro"];

/** Chinese names of the supplier sizes. */
export const SUPPLIER_SIZE_NAMES: Readonly<Record<SupplierSize, string>> = {
  large: "大型企业",
  medium: "中型企业",
  small: "小型企业",
  micro: "微型企业",
};

/** How a non-tax revenue is managed (管理方式). */
export type NonTaxManagement = "budget" | "specialAccount";

/** The ways of managing non-tax revenue. */
export const NON_TAX_MANAGEMENTS: readonly NonTaxManagement[] = ["budget", "specialAccount"];

/** Chinese names of the ways of managing non-tax revenue. */
export const NON_TAX_MANAGEMENT_NAMES: Readonly<Record<NonTaxManagement, string>> = {
  budget: "纳入预算管理",
  specialAccount: "纳入财政专户管理",
};

/** Whether a balance is carried (结转和结余) or reserved (distributed surplus: 专用结余, 事业基金). */
export type BalanceKind = "carried" | "reserve";

/** The kinds of balance. */
export const BALANCE_KINDS: readonly BalanceKind[] = ["carried", "reserve"];
