// Golden: the reference report, from its JSON and from its text layout, imports into events whose ten tables equal the published ones table by table (965 cells, tails included) and pass the audit; the nine-table Shanghai example imports and prints back every cell it was read with — by importing, appending to a fresh ledger and comparing.
import { describe, expect, it } from "vitest";
import { audit } from "../../src/audit/audit.js";
import { createLedger, type Ledger } from "../../src/ledger/ledger.js";
import { reportToJson } from "../../src/render/reportJson.js";
import { importReport, printedCells, projectedCells, unreproducedCells, type ImportResult } from "../../src/import/index.js";
import { goldenTables } from "../support/reference.js";
import { GOLDEN_JSON, REFERENCE_TEXT, SHANGHAI_PIPE, SHARED_PRESENT, text } from "./support/inputs.js";

function ledgerOf(result: ImportResult): Ledger {
  const ledger = createLedger({ catalog: result.fullCatalog });
  ledger.append(result.events);
  return ledger;
}

function expectClean(ledger: Ledger, year: number): void {
  const result = audit({ events: ledger.events(), catalog: ledger.catalog, year, aggregate: ledger.aggregate() });
  expect(result.violations).toEqual([]);
  expect(result.checks).toBeGreaterThan(500);
}

const golden = goldenTables();

describe.each([
  ["its JSON", (): string => text(GOLDEN_JSON), true],
  ["its text layout", (): string => text(REFERENCE_TEXT), SHARED_PRESENT],
] as const)("the reference report imported from %s", (_, input, present) => {
  const result = present ? importReport(input()) : null;

  it.skipIf(!present)("reads all 965 published cells and reproduces every one, with no discrepancy", () => {
    expect(result?.cells).toBe(965);
    expect(result?.reproduced).toBe(965);
    expect(result?.discrepancies).toEqual([]);
    expect(result?.catalog).toEqual({ functional: [], economic: [] });
  });

  it.skipIf(!present)("prints the ten published tables back exactly: titles, columns, rows and every cell", () => {
    const json = reportToJson(ledgerOf(result as ImportResult).report(golden.year));
    expect(json.department).toBe(golden.department);
    golden.tables.forEach((table, index) => expect(json.tables[index]).toEqual(table));
  });

  it.skipIf(!present)("passes the audit: every identity of the accounts holds in fen", () => {
    expectClean(ledgerOf(result as ImportResult), golden.year);
  });

  it.skipIf(!present)("keeps the rounding tails the report prints (20605 is 7,443.88 while its children print 334.40 and 7,109.49)", () => {
    const tables = ledgerOf(result as ImportResult).tables(2020, ["T2", "T6"]);
    const t2 = tables[0];
    const fen = (code: string): number => t2?.rows.find((row) => row.code === code)?.cells["1"] ?? 0;
    expect(fen("20605")).toBe(fen("2060503") + fen("2060599"));
    expect([fen("20605"), fen("2060503"), fen("2060599")].map((amount) => Math.round(amount / 10_000) / 100)).toEqual([7443.88, 334.4, 7109.49]);
  });

  it.skipIf(!present)("is deterministic: the same report gives the same events", () => {
    expect(importReport(input()).events).toEqual(result?.events);
  });
});

describe.skipIf(!SHARED_PRESENT)("the nine-table Shanghai example", () => {
  const result = importReport(text(SHANGHAI_PIPE));
  const ledger = ledgerOf(result);

  it("prints back every one of the 522 cells its reader read, blank cells as zero", () => {
    expect(result.cells).toBe(522);
    expect(unreproducedCells(result.report, projectedCells(ledger, 2024))).toEqual([]);
    expect(printedCells(result.report)).toHaveLength(522);
  });

  it("names the codes beyond the bundled catalog as the report prints them", () => {
    expect(result.catalog.functional).toEqual([
      { code: "20139", name: "社会工作事务" },
      { code: "2013901", name: "行政运行" },
      { code: "2013950", name: "事业运行" },
      { code: "2013999", name: "其他社会工作事务支出" },
      { code: "21011", name: "行政事业单位医疗" },
      { code: "2101101", name: "行政单位医疗" },
      { code: "2101102", name: "事业单位医疗" },
    ]);
    expect(result.catalog.economic).toEqual([]);
  });

  it("registers the department of the report for its year, and passes the audit", () => {
    expect(ledger.report(2024).department).toBe("中共上海市普陀区委社会工作部");
    expectClean(ledger, 2024);
  });

  it("reproduces Table 6's tail: 商品和服务支出 prints 10.23 while its codes print 10.22", () => {
    const t6 = ledger.tables(2024, ["T6"])[0];
    const fen = (code: string): number => t6?.rows.find((row) => row.code === code)?.cells["1"] ?? 0;
    expect(Math.round(fen("302") / 10_000)).toBe(1023);
  });
});
