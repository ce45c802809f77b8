// Checks the catalog: the bundled 2020 codes and layouts, code levels, and createCatalog extensions accepted with names or rejected naming each bad code.
import { describe, expect, it } from "vitest";
import {
  CatalogError,
  PERSONNEL_ECONOMIC_CLASSES,
  PUBLIC_ECONOMIC_CLASSES,
  THREE_PUBLIC_ECONOMIC,
  classLineIndex,
  createCatalog,
  defaultCatalog,
  economicLevel,
  functionalLevel,
  safeCreateCatalog,
} from "../../src/catalog/catalog.js";
import { CLASS_LINES_2020 } from "../../src/catalog/classLines.js";
import { ECONOMIC_CODES_2020, FUNCTIONAL_CODES_2020 } from "../../src/catalog/codes2020.js";
import { NON_TAX_LINES_2020 } from "../../src/catalog/nonTaxLines.js";
import { EXTENSION, extendedCatalog } from "../support/fixtures.js";

describe("the bundled catalog", () => {
  const catalog = defaultCatalog();

  it("holds the reference report's functional codes at every level with their names", () => {
    expect(catalog.functional.get("201")).toBe("一般公共服务支出");
    expect(catalog.functional.get("20137")).toBe("网信事务");
    expect(catalog.functional.get("2013701")).toBe("行政运行");
    expect(catalog.functional.get("2150506")).toBe("信息安全建设");
    expect(catalog.functional.get("2060599")).toBe("其他科技条件与服务支出");
    expect(catalog.functional.get("2080505")).toBe("机关事业单位基本养老保险缴费支出");
    expect(catalog.functional.get("2210201")).toBe("住房公积金");
  });

  it("holds the reference report's economic codes with their names", () => {
    expect(catalog.economic.get("302")).toBe("商品和服务支出");
    expect(catalog.economic.get("30201")).toBe("办公费");
    expect(catalog.economic.get("30217")).toBe("公务接待费");
    expect(catalog.economic.get("30101")).toBe("基本工资");
    expect(catalog.economic.get("31013")).toBe("公务用车购置");
  });

  it("knows every code of the bundled lists and every class line", () => {
    for (const { code, name } of FUNCTIONAL_CODES_2020) expect(catalog.functional.get(code)).toBe(name);
    for (const { code, name } of ECONOMIC_CODES_2020) expect(catalog.economic.get(code)).toBe(name);
    for (const line of CLASS_LINES_2020) expect(catalog.functional.has(line.code)).toBe(true);
  });

  it("names the parents of every functional and economic code it holds", () => {
    for (const code of catalog.functional.keys()) {
      if (code.length >= 5) expect(catalog.functional.has(code.slice(0, 3)), code).toBe(true);
      if (code.length === 7) expect(catalog.functional.has(code.slice(0, 5)), code).toBe(true);
    }
    for (const code of catalog.economic.keys()) {
      if (code.length === 5) expect(catalog.economic.has(code.slice(0, 3)), code).toBe(true);
    }
  });

  it("holds only well-formed codes", () => {
    for (const code of catalog.functional.keys()) expect(functionalLevel(code), code).not.toBeNull();
    for (const code of catalog.economic.keys()) expect(economicLevel(code), code).not.toBeNull();
  });

  it("has the 26 class lines of Tables 1 and 4 in printed order", () => {
    expect(catalog.classLines).toHaveLength(26);
    expect(catalog.classLines[0]).toEqual({ code: "201", ordinal: "一", name: "一般公共服务支出" });
    expect(catalog.classLines[25]?.code).toBe("234");
    const codes = catalog.classLines.map((line) => line.code);
    expect([...codes].sort()).toEqual(codes);
  });

  it("lists the template codes of Tables 8 and 9 and the lines of Table 10", () => {
    expect(catalog.governmentFundListed).toContain("2082299");
    expect(catalog.governmentFundListed).toContain("2296003");
    expect(catalog.stateCapitalListed).toContain("2230199");
    expect(catalog.nonTaxLines).toBe(NON_TAX_LINES_2020);
    for (const code of [...catalog.governmentFundListed, ...catalog.stateCapitalListed]) expect(catalog.functional.has(code), code).toBe(true);
  });

  it("has Table 10 lines whose parents are lines printed before them", () => {
    const seen = new Set<string>();
    for (const line of catalog.nonTaxLines) {
      if (line.parent !== null) expect(seen.has(line.parent), line.id).toBe(true);
      seen.add(line.id);
    }
  });

  it("is built once and frozen", () => {
    expect(defaultCatalog()).toBe(catalog);
    expect(Object.isFrozen(catalog)).toBe(true);
  });

  it("classifies basic spending's economic classes and the three public codes", () => {
    expect(PERSONNEL_ECONOMIC_CLASSES).toEqual(["301", "303"]);
    expect(PUBLIC_ECONOMIC_CLASSES).toEqual(["302", "307", "310", "399"]);
    expect(Object.values(THREE_PUBLIC_ECONOMIC).sort()).toEqual(["30212", "30217", "30231", "31013"]);
    for (const code of Object.values(THREE_PUBLIC_ECONOMIC)) expect(catalog.economic.has(code)).toBe(true);
  });
});

describe("code levels", () => {
  it("reads a functional code's level from its length", () => {
    expect(functionalLevel("201")).toBe("class");
    expect(functionalLevel("20137")).toBe("section");
    expect(functionalLevel("2013701")).toBe("item");
    for (const code of ["", "20", "2013", "201370", "20137011", "20a3701", " 201", "２０１"]) expect(functionalLevel(code), code).toBeNull();
  });

  it("reads an economic code's level from its length", () => {
    expect(economicLevel("302")).toBe("class");
    expect(economicLevel("30217")).toBe("section");
    for (const code of ["", "3021", "302170", "3021701", "3o217"]) expect(economicLevel(code), code).toBeNull();
  });

  it("finds the Table 1 class line of a code by its first three digits", () => {
    const catalog = defaultCatalog();
    expect(classLineIndex(catalog, "2013701")).toBe(0);
    expect(classLineIndex(catalog, "215")).toBe(13);
    expect(classLineIndex(catalog, "2340101")).toBe(25);
    expect(classLineIndex(catalog, "2270101")).toBe(-1);
  });
});

describe("createCatalog extensions", () => {
  it("accepts codes with names and their parents, keeping the bundled ones", () => {
    const catalog = createCatalog({
      functional: [
        { code: "2040101", name: "行政运行" },
        { code: "20401", name: "武装警察部队" },
      ],
      economic: [{ code: "30230", name: "新增款" }],
    });
    expect(catalog.functional.get("2040101")).toBe("行政运行");
    expect(catalog.functional.get("20401")).toBe("武装警察部队");
    expect(catalog.economic.get("30230")).toBe("新增款");
    expect(catalog.functional.get("2013701")).toBe("行政运行");
    expect(catalog.classLines).toBe(defaultCatalog().classLines);
  });

  it("accepts a new class, section and item together, and a new economic class with its sections", () => {
    const catalog = extendedCatalog();
    for (const { code, name } of [...EXTENSION.functional]) expect(catalog.functional.get(code)).toBe(name);
    for (const { code, name } of [...EXTENSION.economic]) expect(catalog.economic.get(code)).toBe(name);
    expect(classLineIndex(catalog, "2270101")).toBe(-1);
  });

  it("leaves the bundled catalog unchanged", () => {
    extendedCatalog();
    expect(defaultCatalog().functional.has("2270101")).toBe(false);
    expect(defaultCatalog().economic.has("30901")).toBe(false);
  });

  it("lets an extension rename a bundled code", () => {
    expect(createCatalog({ functional: [{ code: "2013701", name: "行政运行（网信）" }] }).functional.get("2013701")).toBe("行政运行（网信）");
  });

  it("rejects an item whose class and section have no names, naming the code and each missing parent", () => {
    const result = safeCreateCatalog({ functional: [{ code: "2270101", name: "预备费" }] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { scheme: "functional", code: "2270101", rule: "its parent 227 needs a name too" },
      { scheme: "functional", code: "2270101", rule: "its parent 22701 needs a name too" },
    ]);
  });

  it("rejects a section whose class has no name", () => {
    const result = safeCreateCatalog({ functional: [{ code: "22701", name: "预备费" }], economic: [{ code: "30901", name: "房屋建筑物购建" }] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual({ scheme: "functional", code: "22701", rule: "its parent 227 needs a name too" });
    expect(result.problems).toContainEqual({ scheme: "economic", code: "30901", rule: "its class 309 needs a name too" });
    expect(result.problems).toHaveLength(2);
  });

  it("throws CatalogError whose problems and message name the code", () => {
    expect(() => createCatalog({ economic: [{ code: "30901", name: "房屋建筑物购建" }] })).toThrow(CatalogError);
    try {
      createCatalog({ economic: [{ code: "30901", name: "房屋建筑物购建" }] });
    } catch (error) {
      if (!(error instanceof CatalogError)) throw error;
      expect(error.name).toBe("CatalogError");
      expect(error.problems).toEqual([{ scheme: "economic", code: "30901", rule: "its class 309 needs a name too" }]);
      expect(error.message).toContain('"30901"');
      expect(error.message).toContain("309");
    }
  });

  it("rejects codes of the wrong length or with non-digits, in either scheme", () => {
    const result = safeCreateCatalog({
      functional: [
        { code: "2271", name: "四位" },
        { code: "227010101", name: "九位" },
        { code: "22a", name: "字母" },
      ],
      economic: [
        { code: "3090101", name: "七位" },
        { code: "30", name: "两位" },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { scheme: "functional", code: "2271", rule: "a functional code has 3, 5 or 7 digits" },
      { scheme: "functional", code: "227010101", rule: "a functional code has 3, 5 or 7 digits" },
      { scheme: "functional", code: "22a", rule: "a functional code has 3, 5 or 7 digits" },
      { scheme: "economic", code: "3090101", rule: "an economic code has 3 or 5 digits" },
      { scheme: "economic", code: "30", rule: "an economic code has 3 or 5 digits" },
    ]);
  });

  it("rejects a code with a blank name", () => {
    const result = safeCreateCatalog({ functional: [{ code: "2013703", name: "  " }], economic: [{ code: "30230", name: "" }] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { scheme: "functional", code: "2013703", rule: "a code needs a non-empty name" },
      { scheme: "economic", code: "30230", rule: "a code needs a non-empty name" },
    ]);
  });

  it("builds a fresh catalog without an extension equal to the bundled one", () => {
    const fresh = createCatalog();
    expect(fresh).not.toBe(defaultCatalog());
    expect([...fresh.functional]).toEqual([...defaultCatalog().functional]);
    expect([...fresh.economic]).toEqual([...defaultCatalog().economic]);
  });
});
