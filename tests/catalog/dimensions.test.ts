// Checks the closed dimensions: each vocabulary in its printed order, complete Chinese names, and the fiscal-fund and government-office predicates.
import { describe, expect, it } from "vitest";
import {
  BALANCE_KINDS,
  BUDGET_STAGES,
  BUDGET_STAGE_NAMES,
  CATEGORIES,
  CATEGORY_NAMES,
  FISCAL_CATEGORIES,
  FISCAL_FUNDS,
  FUNDS,
  FUND_NAMES,
  NON_TAX_MANAGEMENTS,
  NON_TAX_MANAGEMENT_NAMES,
  PROCUREMENT_KINDS,
  PROCUREMENT_KIND_NAMES,
  SUPPLIER_SIZES,
  SUPPLIER_SIZE_NAMES,
  UNIT_KINDS,
  UNIT_KIND_NAMES,
  isFiscalFund,
  runsAsGovernmentOffice,
} from "../../src/catalog/dimensions.js";

describe("vocabularies", () => {
  it("lists the sources of funds in the order of Table 1's lines 1–8", () => {
    expect(FUNDS.map((fund) => FUND_NAMES[fund])).toEqual([
      "一般公共预算财政拨款",
      "政府性基金预算财政拨款",
      "国有资本经营预算财政拨款",
      "上级补助收入",
      "事业收入",
      "经营收入",
      "附属单位上缴收入",
      "其他收入",
    ]);
  });

  it("lists the categories in the order of Table 3's columns", () => {
    expect(CATEGORIES.map((category) => CATEGORY_NAMES[category])).toEqual(["基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]);
    expect(FISCAL_CATEGORIES).toEqual(["basic", "project"]);
  });

  it("names every value of every vocabulary, without duplicates", () => {
    const vocabularies: [readonly string[], Readonly<Record<string, string>>][] = [
      [FUNDS, FUND_NAMES],
      [CATEGORIES, CATEGORY_NAMES],
      [UNIT_KINDS, UNIT_KIND_NAMES],
      [BUDGET_STAGES, BUDGET_STAGE_NAMES],
      [PROCUREMENT_KINDS, PROCUREMENT_KIND_NAMES],
      [SUPPLIER_SIZES, SUPPLIER_SIZE_NAMES],
      [NON_TAX_MANAGEMENTS, NON_TAX_MANAGEMENT_NAMES],
    ];
    for (const [values, names] of vocabularies) {
      expect(new Set(values).size).toBe(values.length);
      expect(Object.keys(names).sort()).toEqual([...values].sort());
      for (const value of values) expect(names[value]?.length).toBeGreaterThan(0);
    }
    expect(BALANCE_KINDS).toEqual(["carried", "reserve"]);
  });
});

describe("predicates", () => {
  it("calls exactly the three treasury appropriations fiscal", () => {
    expect(FUNDS.filter(isFiscalFund)).toEqual([...FISCAL_FUNDS]);
    expect(FISCAL_FUNDS).toEqual(["generalPublicBudget", "governmentFund", "stateCapital"]);
  });

  it("counts administrative and civil-service-managed units as government offices (机关运行经费)", () => {
    expect(UNIT_KINDS.filter(runsAsGovernmentOffice)).toEqual(["administrative", "civilServiceManaged"]);
  });
});
