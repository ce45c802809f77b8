// Checks the report JSON against exactly-known cells of a hand-made ledger (0.005 万元 rounds half away from zero, a parent is rounded from its own fen), its round trip through JSON text, and byte equality with the golden file for the reference department.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createLedger } from "../../src/ledger/ledger.js";
import { parseWan } from "../../src/money/decimal.js";
import { renderReportJson, reportToJson, type ReportJson, type TableJson } from "../../src/render/reportJson.js";
import type { Report } from "../../src/tables/report.js";
import { HAND_MADE_DEPARTMENT, HAND_MADE_YEAR, handMadeLedger } from "./handMadeLedger.js";

const GOLDEN = new URL("../golden/guangzhou-cac-2020.tables.json", import.meta.url);
const REFERENCE_EVENTS = new URL("../../examples/guangzhou-cac-2020/events.jsonl", import.meta.url);

function tableOf(json: ReportJson, id: string): TableJson {
  const found = json.tables.find((table) => table.id === id);
  if (found === undefined) throw new Error(`no ${id}`);
  return found;
}

function cellsOf(table: TableJson, code: string | null, label?: string): Readonly<Record<string, string>> | undefined {
  return table.rows.find((row) => row.code === code && (label === undefined || row.label === label))?.cells;
}

describe("reportToJson", () => {
  const report = handMadeLedger().report(HAND_MADE_YEAR);
  const json = reportToJson(report);

  it("carries the department, the year and the unit 万元", () => {
    expect(json.department).toBe(HAND_MADE_DEPARTMENT);
    expect(json.year).toBe(HAND_MADE_YEAR);
    expect(json.unit).toBe("万元");
    expect(json.tables.map((table) => table.id)).toEqual(["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10"]);
  });

  it("rounds 5,000 fen (0.005 万元) half away from zero to 0.01", () => {
    const t3 = tableOf(json, "T3");
    expect(cellsOf(t3, "2013701")).toEqual({ "1": "0.01", "2": "0.01", "3": "0.00", "4": "0.00", "5": "0.00", "6": "0.00" });
    expect(cellsOf(t3, "2013702")?.["1"]).toBe("0.01");
  });

  it("rounds every parent from its own exact fen, never from its rounded children", () => {
    const t3 = tableOf(json, "T3");
    // 20137 holds 10,000 fen = 0.01 万元, while its two 项 print 0.01 each.
    expect(cellsOf(t3, "20137")?.["1"]).toBe("0.01");
    expect(cellsOf(t3, "201")?.["1"]).toBe("0.01");
    expect(cellsOf(t3, null, "合计")?.["1"]).toBe("0.01");
    const t6 = tableOf(json, "T6");
    expect(cellsOf(t6, "30101")?.["1"]).toBe("0.01");
    expect(cellsOf(t6, "30201")?.["1"]).toBe("0.01");
  });

  it("prints exact amounts with two decimals and no thousands separators", () => {
    const t1 = tableOf(json, "T1");
    expect(t1.rows.find((row) => row.line === 1)?.cells).toEqual({ "1": "1000.00" });
    expect(t1.rows.find((row) => row.line === 59)?.cells).toEqual({ "2": "999.99" });
  });

  it("leaves blank cells absent rather than zero", () => {
    const t1 = tableOf(json, "T1");
    expect(t1.rows.find((row) => row.line === 9)).toEqual({ line: 9, code: null, label: "", cells: {} });
    expect(Object.keys(t1.rows.find((row) => row.line === 31)?.cells ?? {})).toEqual(["2"]);
  });

  it("keeps every cell within half a printed step of its exact fen", () => {
    report.tables.forEach((table, tableIndex) => {
      table.rows.forEach((row, rowIndex) => {
        for (const [column, amountFen] of Object.entries(row.cells)) {
          const printed = json.tables[tableIndex]?.rows[rowIndex]?.cells[column] ?? "";
          const parsed = parseWan(printed);
          expect(parsed.ok && Math.abs(parsed.value - amountFen) <= 5_000, `${table.id} ${row.label} ${column}: ${printed}`).toBe(true);
        }
      });
    });
  });

  it("round-trips through JSON text unchanged", () => {
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(JSON.parse(renderReportJson(report))).toEqual(json);
  });

  it("orders keys as the golden file does", () => {
    const golden = JSON.parse(readFileSync(GOLDEN, "utf8")) as ReportJson;
    expect(Object.keys(json)).toEqual(Object.keys(golden));
    expect(Object.keys(json.tables[0] ?? {})).toEqual(Object.keys(golden.tables[0] ?? {}));
    expect(Object.keys(json.tables[0]?.rows[0] ?? {})).toEqual(Object.keys(golden.tables[0]?.rows[0] ?? {}));
    expect(Object.keys(cellsOf(tableOf(json, "T7"), null) ?? {})).toEqual(Object.keys(cellsOf(tableOf(golden, "T7"), null) ?? {}));
  });

  it("does not change the report it reads", () => {
    const ledger = handMadeLedger();
    const before = JSON.stringify(ledger.report(HAND_MADE_YEAR));
    const fresh: Report = ledger.report(HAND_MADE_YEAR);
    reportToJson(fresh);
    expect(JSON.stringify(fresh)).toBe(before);
  });
});

describe("renderReportJson", () => {
  it.skipIf(!existsSync(REFERENCE_EVENTS))("prints the reference department exactly as the golden file, byte for byte", () => {
    const ledger = createLedger();
    const events = readFileSync(REFERENCE_EVENTS, "utf8").split("\n").filter((line) => line.trim() !== "").map((line) => JSON.parse(line) as unknown);
    ledger.append(events);
    expect(renderReportJson(ledger.report(2020))).toBe(`${readFileSync(GOLDEN, "utf8").trimEnd()}\n`);
  });
});
