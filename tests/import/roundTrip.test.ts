// Round trip (property, fast-check, seeded): for generated valid ledgers, report → import → report gives back the same report cell for cell — from the report JSON, from its text layout, and from a nine-table pipe transcription (blank zeros, split codes, Table 9 with balances) — by generating ledgers, printing them, importing and comparing.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateLedger } from "../../src/generate/index.js";
import { importReport, projectedCells } from "../../src/import/index.js";
import { createLedger, type Ledger } from "../../src/ledger/ledger.js";
import { fenToWan } from "../../src/money/decimal.js";
import { reportToJson, type ReportJson } from "../../src/render/reportJson.js";
import { nineTablePipe, textLayout } from "./support/layouts.js";

const YEAR = 2020;

function generated(seed: number, events: number, units: number): Ledger {
  const ledger = createLedger();
  ledger.append(generateLedger({ events, seed, years: 1, units }));
  return ledger;
}

function reimported(input: string | object): Ledger {
  const result = importReport(input);
  expect(result.discrepancies).toEqual([]);
  const ledger = createLedger({ catalog: result.fullCatalog });
  ledger.append(result.events);
  return ledger;
}

const ledgers = fc.record({ seed: fc.integer({ min: 1, max: 1_000_000 }), events: fc.integer({ min: 12, max: 1_200 }), units: fc.integer({ min: 1, max: 5 }) });

describe("report(import(report(ledger))) equals report(ledger)", () => {
  it("for generated ledgers, from the report JSON, every table and cell", () => {
    fc.assert(
      fc.property(ledgers, ({ seed, events, units }) => {
        const original = reportToJson(generated(seed, events, units).report(YEAR));
        expect(reportToJson(reimported(original).report(YEAR))).toEqual(original);
      }),
      { seed: 20201231, numRuns: 60 },
    );
  });

  it("for generated ledgers, from the text layout (pages, repeated headers, thousands separators)", () => {
    fc.assert(
      fc.property(ledgers, ({ seed, events, units }) => {
        const original: ReportJson = reportToJson(generated(seed, events, units).report(YEAR));
        expect(reportToJson(reimported(textLayout(original)).report(YEAR))).toEqual(original);
      }),
      { seed: 20201231, numRuns: 25 },
    );
  });

  it("for generated ledgers, from a nine-table transcription: Tables 1 to 9 and Table 9's balances", () => {
    fc.assert(
      fc.property(ledgers, ({ seed, events, units }) => {
        const ledger = generated(seed, events, units);
        const { text, report } = nineTablePipe(ledger, YEAR);
        const back = reimported(text);
        expect(reportToJson(back.report(YEAR)).tables.slice(0, 9)).toEqual(report.tables.slice(0, 9));
        const balances = (cells: Map<string, number>): string[] =>
          [...cells]
            .filter(([key, fen]) => /^T9\|.*\|(opening|receipts|closing)$/.test(key) && fenToWan(fen) !== "0.00")
            .map(([key, fen]) => `${key}=${fenToWan(fen)}`)
            .sort();
        expect(balances(projectedCells(back, YEAR))).toEqual(balances(projectedCells(ledger, YEAR)));
      }),
      { seed: 20201231, numRuns: 25 },
    );
  });

  it("for a hand-made ledger with every source, fund and category, openings, surplus used and distributed", () => {
    const ledger = createLedger();
    ledger.append([
      { id: "u1", type: "unitRegistered", year: YEAR, unit: "office", name: "某市网信办", kind: "administrative", parent: null },
      { id: "u2", type: "unitRegistered", year: YEAR, unit: "centre", name: "某中心", kind: "publicServiceClass2", parent: "office" },
      { id: "o1", type: "balanceOpened", year: YEAR, unit: "office", fund: "generalPublicBudget", functional: "2013701", balance: "carried", amountFen: 38_700 },
      { id: "o2", type: "balanceOpened", year: YEAR, unit: "centre", fund: "institutional", functional: "2150506", balance: "reserve", amountFen: 5_000_000 },
      { id: "o3", type: "balanceOpened", year: YEAR, unit: "centre", fund: "governmentFund", functional: "2082299", balance: "carried", amountFen: 123_456 },
      { id: "r1", type: "receiptRecorded", year: YEAR, unit: "office", source: "generalPublicBudget", functional: "2013701", amountFen: 150_003_333 },
      { id: "r2", type: "receiptRecorded", year: YEAR, unit: "centre", source: "institutional", functional: "2150506", amountFen: 80_004_444 },
      { id: "r3", type: "receiptRecorded", year: YEAR, unit: "centre", source: "stateCapital", functional: "2230102", amountFen: 3_333_333 },
      { id: "r4", type: "receiptRecorded", year: YEAR, unit: "centre", source: "other", functional: "2150506", amountFen: 1_654_321 },
      { id: "x1", type: "expenditureRecorded", year: YEAR, unit: "office", fund: "generalPublicBudget", functional: "2013701", economic: "30101", category: "basic", amountFen: 120_004_999 },
      { id: "x2", type: "expenditureRecorded", year: YEAR, unit: "office", fund: "generalPublicBudget", functional: "2013701", economic: "30217", category: "project", amountFen: 1_204_999 },
      { id: "x3", type: "expenditureRecorded", year: YEAR, unit: "centre", fund: "institutional", functional: "2150506", economic: "30227", category: "operating", amountFen: 30_000_001 },
      { id: "x4", type: "expenditureRecorded", year: YEAR, unit: "centre", fund: "stateCapital", functional: "2230102", economic: "30227", category: "project", amountFen: 1_111_111 },
      { id: "x5", type: "expenditureRecorded", year: YEAR, unit: "centre", fund: "governmentFund", functional: "2082299", economic: "30227", category: "project", amountFen: 23_456 },
      { id: "a1", type: "appropriationMade", year: YEAR, unit: "office", fund: "generalPublicBudget", functional: "2013301", category: "basic", stage: "initial", amountFen: 200_000 },
      { id: "a2", type: "appropriationMade", year: YEAR, unit: "office", fund: "generalPublicBudget", functional: "2013701", category: "basic", economic: "30217", stage: "initial", amountFen: 2_000_000 },
      { id: "s1", type: "surplusUsed", year: YEAR, unit: "centre", fund: "institutional", functional: "2150506", amountFen: 1_000_000 },
      { id: "d1", type: "surplusDistributed", year: YEAR, unit: "centre", fund: "institutional", functional: "2150506", amountFen: 40_000_000 },
      { id: "n1", type: "nonTaxRevenueCollected", year: YEAR, unit: "centre", line: "institutionAssetDisposal", management: "specialAccount", amountFen: 813_000 },
    ]);
    const original = reportToJson(ledger.report(YEAR));
    expect(reportToJson(reimported(original).report(YEAR))).toEqual(original);
  });
});
