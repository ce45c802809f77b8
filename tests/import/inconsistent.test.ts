// Inconsistent reports: the golden report with one cell altered is refused with each failing identity named (table, rows, columns, amount), and imported with allowInconsistent, the altered cell listed as a discrepancy booked by a marked adjustment event and every other cell reproduced — by altering cells and importing, in the library and on the command line.
import { describe, expect, it } from "vitest";
import { audit } from "../../src/audit/audit.js";
import { createLedger } from "../../src/ledger/ledger.js";
import { ImportError, importReport, safeImportReport, type IdentityIssue, type ImportIssue } from "../../src/import/index.js";
import { runCli, tempDir } from "../cli/runCli.js";
import { GOLDEN_JSON, text } from "./support/inputs.js";

interface MutableReport {
  tables: { id: string; rows: { code: string | null; line: number | null; cells: Record<string, string> }[] }[];
}

function altered(table: string, row: (r: { code: string | null; line: number | null }) => boolean, column: string, value: string): MutableReport {
  const report = JSON.parse(text(GOLDEN_JSON)) as MutableReport;
  const target = report.tables.find((t) => t.id === table)?.rows.find(row);
  if (target === undefined) throw new Error("no such row");
  target.cells[column] = value;
  return report;
}

const identities = (issues: readonly ImportIssue[]): IdentityIssue[] => issues.filter((issue): issue is IdentityIssue => issue.code === "identity_fails");

describe("a report with a leaf cell altered beyond rounding (T2 2013701 事业收入 0.00 → 10.00)", () => {
  const report = altered("T2", (r) => r.code === "2013701", "4", "10.00");

  it("is refused, naming both identities it breaks with their cells and the amount", () => {
    const result = safeImportReport(report);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const failed = identities(result.issues);
    expect(failed.map((issue) => issue.identity)).toEqual(["T2 2013701 column 1 = columns 2 to 7", "T2 20137 column 4 = Σ its 项"]);
    expect(failed[0]?.cells).toContainEqual({ table: "T2", row: "2013701", column: "4" });
    expect(failed[0]?.message).toContain("the two sides print 1528.68 and 1538.68, 10.00 apart");
    expect(failed.every((issue) => issue.gapFen > 9_900_000 && issue.gapFen <= 10_000_000)).toBe(true);
    expect(() => importReport(report)).toThrow(ImportError);
  });

  it("is imported with allowInconsistent: the cell is a discrepancy booked by a marked adjustment, every other cell prints back", () => {
    const result = importReport(report, { allowInconsistent: true });
    expect(result.reproduced).toBe(964);
    expect(result.discrepancies).toHaveLength(1);
    const [discrepancy] = result.discrepancies;
    expect(discrepancy).toMatchObject({ cell: { table: "T2", row: "2013701", column: "4" }, publishedFen: 10_000_000, importedFen: 0 });
    const adjustment = result.events.find((event) => event.id === discrepancy?.adjustmentEvent);
    expect(adjustment?.type).toBe("eventReversed");
    expect(adjustment !== undefined && "reason" in adjustment ? adjustment.reason : "").toMatch(/^import-adjustment: T2 2013701 column 4 prints 10\.00/);
    const booked = result.events.find((event) => event.memo?.startsWith("import-adjustment:") === true && event.type === "receiptRecorded");
    expect(booked).toMatchObject({ source: "institutional", functional: "2013701", amountFen: 10_000_000 });
    const ledger = createLedger({ catalog: result.fullCatalog });
    ledger.append(result.events);
    expect(audit({ events: ledger.events(), catalog: ledger.catalog, year: 2020 }).violations).toEqual([]);
  });
});

describe("a report with a total altered beyond rounding (T3 合计 本年支出合计 17,301.42 → 17,311.42)", () => {
  const report = altered("T3", (r) => r.code === null, "1", "17311.42");

  it("is refused, naming the identities of Table 3 and the tie to Table 1 it breaks", () => {
    const result = safeImportReport(report);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const failed = identities(result.issues);
    const named = failed.map((issue) => issue.identity);
    expect(named).toContain("T3 合计 column 1 = columns 2 to 6");
    expect(named).toContain("T3 合计 column 1 = Σ its 类");
    expect(failed.some((issue) => issue.cells.some((cell) => cell.table === "T1" && cell.row === "line 57"))).toBe(true);
  });

  it("is imported with allowInconsistent: the total is the discrepancy (no event books a total alone)", () => {
    const result = importReport(report, { allowInconsistent: true });
    expect(result.reproduced).toBe(964);
    expect(result.discrepancies.map((d) => [d.cell, d.publishedFen, d.importedFen, d.adjustmentEvent])).toEqual([
      [{ table: "T3", row: "合计", column: "1" }, 17_311_420_000, expect.any(Number), null],
    ]);
    expect(Math.round((result.discrepancies[0]?.importedFen ?? 0) / 10_000)).toBe(1_730_142);
  });
});

describe("the command line on an inconsistent report", () => {
  it("exits 1 listing each failing identity, and with --allow-inconsistent exits 0 listing the discrepancy", async () => {
    const dir = tempDir();
    try {
      dir.write("bad.json", JSON.stringify(altered("T2", (r) => r.code === "2013701", "4", "10.00")));
      const refused = await runCli(["import", "bad.json", "--out", "events.jsonl"], { cwd: dir.path });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain("fundledger: inconsistent: T2 2013701 column 1 = columns 2 to 7 fails");
      expect(refused.stderr).toContain("fundledger: inconsistent: T2 20137 column 4 = Σ its 项 fails");
      expect(refused.stderr).toMatch(/bad\.json is inconsistent: 2 identities .* --allow-inconsistent/);
      const accepted = await runCli(["import", "bad.json", "--out", "events.jsonl", "--allow-inconsistent"], { cwd: dir.path });
      expect(accepted.status).toBe(0);
      expect(accepted.stderr).toMatch(/discrepancy: T2 2013701 column 4: published 10\.00, imported 0\.00 .*adjustment event import-2020-rev-/);
      expect(accepted.stderr).toContain("964 of 965 published cells print back, 1 set aside as discrepancies");
      const check = await runCli(["check", "--events", "events.jsonl", "--year", "2020"], { cwd: dir.path });
      expect(check.status).toBe(0);
    } finally {
      dir.remove();
    }
  });
});
