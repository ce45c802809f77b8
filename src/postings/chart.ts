/**
 * The chart of accounts of budget accounting (预算会计) that fundledger posts
 * to: fund holdings, budget revenues, budget expenditures, balances, and the
 * memorandum accounts of budget authority and non-tax collection.
 *
 * Debits are positive, credits negative; every event's postings sum to zero.
 *
 * @module
 */
import type { Category, Fund, UnitKind } from "../catalog/dimensions.js";
import { isFiscalFund } from "../catalog/dimensions.js";

/** An account of the chart. */
export type Account =
  | "fundsHeld"
  | "fiscalAppropriationRevenue"
  | "superiorSubsidyRevenue"
  | "institutionalRevenue"
  | "operatingRevenue"
  | "subordinateRemittanceRevenue"
  | "otherRevenue"
  | "administrativeExpenditure"
  | "institutionalExpenditure"
  | "operatingExpenditure"
  | "remittanceToSuperiorExpenditure"
  | "subsidyToSubordinatesExpenditure"
  | "fiscalCarryForward"
  | "nonFiscalCarryForward"
  | "surplusDistribution"
  | "surplusUsed"
  | "reservedSurplus"
  | "budgetAuthority"
  | "approvedBudget"
  | "nonTaxCollected"
  | "payableToTreasury";

/** An account's Chinese name and its group. */
export interface AccountInfo {
  /** The name in the government accounting system. */
  readonly name: string;
  /** Which group it belongs to. */
  readonly group: "asset" | "revenue" | "expenditure" | "balance" | "memorandum";
}

/** Every account with its name and group. */
export const ACCOUNTS: Readonly<Record<Account, AccountInfo>> = {
  fundsHeld: { name: "资金结存", group: "asset" },
  fiscalAppropriationRevenue: { name: "财政拨款预算收入", group: "revenue" },
  superiorSubsidyRevenue: { name: "上级补助预算收入", group: "revenue" },
  institutionalRevenue: { name: "事业预算收入", group: "revenue" },
  operatingRevenue: { name: "经营预算收入", group: "revenue" },
  subordinateRemittanceRevenue: { name: "附属单位上缴预算收入", group: "revenue" },
  otherRevenue: { name: "其他预算收入", group: "revenue" },
  administrativeExpenditure: { name: "行政支出", group: "expenditure" },
  institutionalExpenditure: { name: "事业支出", group: "expenditure" },
  operatingExpenditure: { name: "经营支出", group: "expenditure" },
  remittanceToSuperiorExpenditure: { name: "上缴上级支出", group: "expenditure" },
  subsidyToSubordinatesExpenditure: { name: "对附属单位补助支出", group: "expenditure" },
  fiscalCarryForward: { name: "财政拨款结转", group: "balance" },
  nonFiscalCarryForward: { name: "非财政拨款结转", group: "balance" },
  surplusDistribution: { name: "非财政拨款结余分配", group: "balance" },
  surplusUsed: { name: "使用非财政拨款结余", group: "balance" },
  reservedSurplus: { name: "专用结余", group: "balance" },
  budgetAuthority: { name: "预算指标", group: "memorandum" },
  approvedBudget: { name: "已批复预算", group: "memorandum" },
  nonTaxCollected: { name: "代收非税收入", group: "memorandum" },
  payableToTreasury: { name: "应缴财政款", group: "memorandum" },
};

/**
 * The budget revenue account a source of funds is credited to.
 *
 * @param source - the source of a receipt
 * @returns the revenue account
 */
export function revenueAccount(source: Fund): Account {
  if (isFiscalFund(source)) return "fiscalAppropriationRevenue";
  switch (source) {
    case "superiorSubsidy":
      return "superiorSubsidyRevenue";
    case "institutional":
      return "institutionalRevenue";
    case "operating":
      return "operatingRevenue";
    case "fromSubordinates":
      return "subordinateRemittanceRevenue";
    default:
      return "otherRevenue";
  }
}

/**
 * The budget expenditure account a spending is debited to: basic and project
 * spending go to 行政支出 for administrative units and 事业支出 for
 * institutions; the other categories have accounts of their own.
 *
 * @param category - the category of expenditure
 * @param kind - the kind of the unit that spends
 * @returns the expenditure account
 */
export function expenditureAccount(category: Category, kind: UnitKind): Account {
  switch (category) {
    case "basic":
    case "project":
      return kind === "administrative" ? "administrativeExpenditure" : "institutionalExpenditure";
    case "operating":
      return "operatingExpenditure";
    case "remittedToSuperior":
      return "remittanceToSuperiorExpenditure";
    case "subsidyToSubordinates":
      return "subsidyToSubordinatesExpenditure";
  }
}
