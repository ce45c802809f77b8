// Golden: every one of the 965 published cells of the reference department equals the projection of its event log, rounded cell by cell from fen.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fenToWan } from "../../src/money/decimal.js";
import { GOLDEN_TABLES, goldenTables, referenceLedger } from "../support/reference.js";

const golden = goldenTables();
const ledger = referenceLedger();
const tables = ledger.tables(golden.year);

describe("the reference department's ten tables", () => {
  it("has the published department, year and the ten tables in order", () => {
    expect(ledger.report(golden.year).department).toBe(golden.department);
    expect(tables.map((table) => table.id)).toEqual(golden.tables.map((table) => table.id));
  });

  for (const goldenTable of golden.tables) {
    describe(`${goldenTable.id} ${goldenTable.title}`, () => {
      const table = tables.find((candidate) => candidate.id === goldenTable.id);

      it("has the published title, columns and rows (行次, codes, labels) in order", () => {
        expect(table?.title).toBe(goldenTable.title);
        expect(table?.columns).toEqual(goldenTable.columns);
        expect(table?.rows.map((row) => [row.line, row.code, row.label])).toEqual(goldenTable.rows.map((row) => [row.line, row.code, row.label]));
      });

      it("prints every published cell exactly, and no cell the report leaves blank", () => {
        const mismatches: string[] = [];
        goldenTable.rows.forEach((goldenRow, index) => {
          const row = table?.rows[index];
          const printed = Object.fromEntries(Object.entries(row?.cells ?? {}).map(([column, amountFen]) => [column, fenToWan(amountFen)]));
          for (const column of new Set([...Object.keys(goldenRow.cells), ...Object.keys(printed)])) {
            const want = goldenRow.cells[column] ?? "(blank)";
            const got = printed[column] ?? "(blank)";
            if (want !== got) mismatches.push(`${goldenTable.id} ${goldenRow.code ?? goldenRow.line ?? ""} ${goldenRow.label} column ${column}: published ${want}, projected ${got}`);
          }
        });
        expect(mismatches).toEqual([]);
      });
    });
  }

  it("covers all 965 published cells", () => {
    const count = golden.tables.reduce((total, table) => total + table.rows.reduce((n, row) => n + Object.keys(row.cells).length, 0), 0);
    expect(count).toBe(965);
  });

  it("reproduces the rounding tails rather than papering over them", () => {
    const t2 = tables.find((table) => table.id === "T2");
    const cell = (code: string): string => fenToWan(t2?.rows.find((row) => row.code === code)?.cells["1"] ?? 0);
    expect([cell("20605"), cell("2060503"), cell("2060599")]).toEqual(["7443.88", "334.40", "7109.49"]);
    const t6 = tables.find((table) => table.id === "T6");
    const label = (name: string): string => fenToWan(t6?.rows.find((row) => row.label === name || row.code === name)?.cells["1"] ?? 0);
    expect([label("公用经费合计"), label("302"), label("310")]).toEqual(["357.61", "344.12", "13.48"]);
  });
});

describe("the golden copy", () => {
  it("is the shared published file, unchanged", () => {
    const shared = fileURLToPath(new URL("../../../shared/golden/guangzhou-cac-2020.tables.json", import.meta.url));
    if (!existsSync(shared)) return expect(existsSync(GOLDEN_TABLES)).toBe(true);
    expect(readFileSync(GOLDEN_TABLES, "utf8")).toBe(readFileSync(shared, "utf8"));
  });
});

describe("the code that computes tables", () => {
  it("contains no published figure outside comments: the figures come from the events", () => {
    const figures = ["15731.43", "15,731.43", "7443.88", "7,443.88", "1453.21", "357.61", "18758.50", "3598.52", "2857.83"];
    const root = fileURLToPath(new URL("../../src/", import.meta.url));
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith(".ts")) files.push(path);
      }
    };
    walk(root);
    const code = (file: string): string => readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
    const found = files.flatMap((file) => figures.filter((figure) => code(file).includes(figure)).map((figure) => `${file}: ${figure}`));
    expect(found).toEqual([]);
  });
});
