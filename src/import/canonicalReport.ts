/**
 * From the tables a reader saw to the canonical model: each row gets the key
 * and each value the column it has in the 2020 template, whatever layout the
 * report used — labels matched to lines, codes printed split (`201 06 01`)
 * joined, Table 9 with three or six value columns, Table 7's twelve columns
 * in either order, blank cells read as zero, every text checked to be an
 * amount, every row checked to be printed once.
 *
 * @module
 */
import { CLASS_LINES_2020 } from "../catalog/classLines.js";
import { FISCAL_FUNDS, FUNDS } from "../catalog/dimensions.js";
import type { NonTaxLine } from "../catalog/nonTaxLines.js";
import type { TableId } from "../tables/table.js";
import { inputIssue, nonEmpty, type ImportIssue, type ImportResultOf } from "./importIssues.js";
import { bareName, classOfLabel, compact, fundOfLabel, isTotalLabel, looksLikeClassLine, nonTaxLineOfLabel } from "./labels.js";
import { readPrintedAmount } from "./printedAmount.js";
import type { PrintedCell, PublishedReport, PublishedRow, PublishedTable } from "./publishedReport.js";
import type { RawReport, RawRow, RawTable } from "./rawReport.js";

/** The functional tables and the canonical columns of each layout they are printed in, by number of value columns. */
const FUNCTIONAL_LAYOUTS: Readonly<Record<string, Readonly<Record<number, { readonly columns: readonly string[]; readonly name: string }>>>> = {
  T2: { 7: { columns: ["1", "2", "3", "4", "5", "6", "7"], name: "total, fiscal, five other sources (7 columns)" } },
  T3: { 6: { columns: ["1", "2", "3", "4", "5", "6"], name: "total and five categories (6 columns)" } },
  T5: { 3: { columns: ["1", "2", "3"], name: "total, basic, project (3 columns)" } },
  T8: { 6: { columns: ["1", "2", "3", "4", "5", "6"], name: "opening, receipts, spending (total, basic, project), closing (6 columns)" } },
  T9: {
    3: { columns: ["1", "2", "3"], name: "spending: total, basic, project (3 columns)" },
    6: { columns: ["opening", "receipts", "1", "2", "3", "closing"], name: "opening, receipts, spending (total, basic, project), closing (6 columns)" },
  },
};

/** Table 7's columns in the 2020 order: six budget figures, then six actual ones. */
const THREE_PUBLIC_ITEMS = ["total", "overseas", "vehicles", "vehiclePurchase", "vehicleOperation", "reception"] as const;

/** Lines of Table 1 other than sources and classes. */
const T1_INCOME_LINES: Readonly<Record<string, number>> = { 本年收入合计: 27, 使用非财政拨款结余: 28, 年初结转和结余: 29, 总计: 30 };
const T1_SPENDING_LINES: Readonly<Record<string, number>> = { 本年支出合计: 57, 结余分配: 58, 年末结转和结余: 59, 总计: 60 };
const T4_SPENDING_LINES: Readonly<Record<string, number>> = { 本年支出合计: 59, 年末财政拨款结转和结余: 60, 年末结转和结余: 60, 总计: 64 };

/** Options of {@link canonicalReport}. */
export interface CanonicalOptions {
  /** The year, when the report does not print it (or to override it). */
  readonly year?: number;
  /** The department, to override what the report prints. */
  readonly department?: string;
  /** The lines of Table 10. */
  readonly nonTaxLines: readonly NonTaxLine[];
}

/** Collects rows and issues of one table. */
class TableBuilder {
  readonly rows: PublishedRow[] = [];
  private readonly seen = new Map<string, string>();

  constructor(
    readonly raw: RawTable,
    readonly issues: ImportIssue[],
  ) {}

  get id(): TableId {
    return this.raw.id;
  }

  /** Adds a row; the values are read into cells of the given canonical columns. */
  add(raw: RawRow, key: string, line: number | null, code: string | null, columns: readonly string[], values: readonly (string | null)[]): void {
    const first = this.seen.get(key);
    if (first !== undefined) {
      this.issues.push(
        inputIssue("duplicate_row", `${this.id} prints row ${key} twice (${first} and ${raw.source})`, { table: this.id, row: key, source: raw.source }),
      );
      return;
    }
    this.seen.set(key, raw.source);
    const cells: Record<string, PrintedCell> = {};
    values.forEach((text, index) => {
      const column = columns[index];
      if (text === null || column === undefined) return;
      const amount = readPrintedAmount(text);
      if (amount === null) {
        this.issues.push(
          inputIssue("not_a_number", `${this.id} row ${key} column ${column} (${raw.source}): ${JSON.stringify(text.slice(0, 40))} is not an amount in 万元`, {
            table: this.id,
            row: key,
            column,
            source: raw.source,
          }),
        );
        return;
      }
      cells[column] = { address: { table: this.id, row: key, column }, text: text.trim(), ...amount, source: raw.source };
    });
    this.rows.push({ key, line, code, label: raw.label.trim(), cells, source: raw.source });
  }

  unknown(raw: RawRow, what: string): void {
    if (raw.values.every((value) => value === null || value.trim() === "") && raw.code === "") return;
    this.issues.push(
      inputIssue("unknown_row", `${this.id} (${raw.source}): ${what} ${JSON.stringify(raw.label.trim() || raw.code)} is not a row of this table`, {
        table: this.id,
        row: raw.label.trim() || raw.code,
        source: raw.source,
      }),
    );
  }

  count(raw: RawRow, expected: number): boolean {
    if (raw.values.length === expected) return true;
    this.issues.push(
      inputIssue(
        "wrong_cell_count",
        `${this.id} (${raw.source}): row ${JSON.stringify(raw.code || raw.label.trim())} has ${raw.values.length} value cell${raw.values.length === 1 ? "" : "s"} where the table has ${expected} (a truncated or misaligned row)`,
        { table: this.id, row: raw.code || raw.label.trim(), source: raw.source },
      ),
    );
    return false;
  }

  table(layout: string): PublishedTable {
    return { id: this.id, title: this.raw.title, layout, rows: this.rows };
  }
}

/** A functional code as printed (`2013701`, `201 37 01`), or null when it is not one. */
function functionalCode(text: string): string | null {
  const code = compact(text);
  return /^\d+$/.test(code) && (code.length === 3 || code.length === 5 || code.length === 7) ? code : null;
}

function functionalTable(b: TableBuilder): PublishedTable {
  const layouts = FUNCTIONAL_LAYOUTS[b.id] ?? {};
  const widths = Object.keys(layouts).map(Number);
  const counts = b.raw.rows.map((row) => row.values.length);
  const width = counts.find((count) => widths.includes(count)) ?? b.raw.columnTitles?.length ?? widths[0] ?? 0;
  const layout = layouts[width];
  if (layout === undefined) {
    b.issues.push(
      inputIssue("wrong_cell_count", `${b.id} has ${width} value columns; its layouts have ${widths.join(" or ")}`, { table: b.id, source: b.raw.source }),
    );
    return b.table("unknown");
  }
  for (const raw of b.raw.rows) {
    if (!b.count(raw, width)) continue;
    if (raw.code === "" && isTotalLabel(raw.label)) {
      b.add(raw, "合计", null, null, layout.columns, raw.values);
      continue;
    }
    if (raw.code === "") {
      b.unknown(raw, "row");
      continue;
    }
    const code = functionalCode(raw.code);
    if (code === null) {
      b.issues.push(
        inputIssue("invalid_code", `${b.id} (${raw.source}): ${JSON.stringify(raw.code)} is not a functional code of 3, 5 or 7 digits`, {
          table: b.id,
          row: raw.code,
          source: raw.source,
        }),
      );
      continue;
    }
    b.add(raw, code, null, code, layout.columns, raw.values);
  }
  return b.table(layout.name);
}

function summaryTable(b: TableBuilder): PublishedTable {
  const isT1 = b.id === "T1";
  let afterOpeningHeader = false;
  for (const raw of b.raw.rows) {
    const name = bareName(raw.label);
    if (raw.side !== "spending") {
      if (!b.count(raw, 1)) continue;
      let line: number | null = null;
      const fund = fundOfLabel(raw.label);
      if (isT1) {
        if (fund !== null) line = FUNDS.indexOf(fund) + 1;
        else line = T1_INCOME_LINES[name] ?? (name.startsWith("使用非财政拨款结余") ? 28 : null);
      } else if (name === "年初财政拨款结转和结余" || name === "年初结转和结余") {
        line = 28;
        afterOpeningHeader = true;
      } else if (fund !== null && FISCAL_FUNDS.includes(fund)) {
        line = (afterOpeningHeader ? 29 : 1) + FISCAL_FUNDS.indexOf(fund);
      } else if (name === "本年收入合计") line = 27;
      else if (name === "总计") line = 32;
      if (line === null) {
        b.unknown(raw, "income line");
        continue;
      }
      b.add(raw, `line ${line}`, line, null, ["1"], raw.values);
      continue;
    }
    const width = isT1 ? 1 : 4;
    if (!b.count(raw, width)) continue;
    const columns = isT1 ? ["2"] : ["2", "3", "4", "5"];
    const cls = classOfLabel(raw.label);
    const first = isT1 ? 31 : 33;
    if (cls !== null) {
      const line = first + CLASS_LINES_2020.findIndex((classLine) => classLine.code === cls);
      b.add(raw, `line ${line}`, line, cls, columns, raw.values);
      continue;
    }
    const line = (isT1 ? T1_SPENDING_LINES : T4_SPENDING_LINES)[name];
    if (line !== undefined) {
      b.add(raw, `line ${line}`, line, null, columns, raw.values);
      continue;
    }
    if (looksLikeClassLine(raw.label)) {
      // A class line of another template (e.g. 债务发行费用支出): kept, checked against zero.
      b.add(raw, `class ${name}`, null, null, columns, raw.values);
      continue;
    }
    b.unknown(raw, "spending line");
  }
  return b.table(isT1 ? "income and spending by class line" : "fiscal income and spending by class line and fund");
}

function basicTable(b: TableBuilder): PublishedTable {
  for (const raw of b.raw.rows) {
    if (!b.count(raw, 1)) continue;
    const code = compact(raw.code);
    const name = compact(raw.label);
    if (code === "" && (name === "人员经费合计" || name === "公用经费合计")) {
      b.add(raw, name, null, null, ["1"], raw.values);
      continue;
    }
    if (code === "") {
      b.unknown(raw, "row");
      continue;
    }
    if (!/^\d{3}(\d{2})?$/.test(code)) {
      b.issues.push(
        inputIssue("invalid_code", `T6 (${raw.source}): ${JSON.stringify(raw.code)} is not an economic code of 3 or 5 digits`, {
          table: "T6",
          row: raw.code,
          source: raw.source,
        }),
      );
      continue;
    }
    b.add(raw, code, null, code, ["1"], raw.values);
  }
  return b.table("economic codes of basic spending (personnel and public)");
}

/** Table 7's canonical column for a column title, or null when the title does not tell. */
function threePublicColumn(title: string): string | null {
  const text = compact(title);
  const kind = /预算/.test(text) ? 0 : /决算/.test(text) ? 6 : -1;
  if (kind < 0) return null;
  const parts = text.replace(/预算数|决算数|预算|决算/g, "").split(/[·.:：]/).filter((part) => part !== "");
  const last = parts[parts.length - 1] ?? "";
  let item: (typeof THREE_PUBLIC_ITEMS)[number] | null = null;
  if (text.includes("小计")) item = "vehicles";
  else if (last.includes("购置")) item = "vehiclePurchase";
  else if (last.includes("运行")) item = "vehicleOperation";
  else if (last.includes("出国")) item = "overseas";
  else if (last.includes("接待")) item = "reception";
  else if (last.includes("合计") || last === "") item = "total";
  return item === null ? null : String(kind + THREE_PUBLIC_ITEMS.indexOf(item) + 1);
}

function threePublicTable(b: TableBuilder): PublishedTable {
  const fallback = Array.from({ length: 12 }, (_, index) => String(index + 1));
  const titles = b.raw.columnTitles;
  let columns = fallback;
  let layout = "budget (6 columns), then actual (6 columns)";
  if (titles !== null && titles.length === 12) {
    const mapped = titles.map(threePublicColumn);
    if (mapped.every((column) => column !== null) && new Set(mapped).size === 12) {
      columns = mapped as string[];
      if (columns.join() !== fallback.join()) layout = "budget and actual side by side for each item (12 columns)";
    }
  }
  for (const raw of b.raw.rows) {
    if (!b.count(raw, 12)) continue;
    b.add(raw, "三公", null, null, columns, raw.values);
  }
  return b.table(layout);
}

function nonTaxTable(b: TableBuilder, lines: readonly NonTaxLine[]): PublishedTable {
  for (const raw of b.raw.rows) {
    if (!b.count(raw, 3)) continue;
    const line = nonTaxLineOfLabel(raw.label, lines);
    if (line === null) {
      b.unknown(raw, "line");
      continue;
    }
    b.add(raw, line, null, null, ["1", "2", "3"], raw.values);
  }
  return b.table("total, budget-managed, special-account-managed (3 columns)");
}

/**
 * Interprets the layout of every table a reader saw.
 *
 * @param raw - the tables as texts
 * @param options - year and department overrides, the lines of Table 10
 * @returns the report in the canonical layout, or every issue found
 */
export function canonicalReport(raw: RawReport, options: CanonicalOptions): ImportResultOf<PublishedReport> {
  const issues: ImportIssue[] = [];
  const year = options.year ?? raw.year;
  if (year === null || !Number.isInteger(year) || year < 1949 || year > 9999) {
    issues.push(inputIssue("no_year", year === null ? "the report prints no year; give one (--year)" : `the year ${year} is not a year from 1949 to 9999`));
  }
  if (raw.tables.length === 0) issues.push(inputIssue("no_tables", `no table of a final-accounts report was found in the ${raw.format} input`));
  const tables: PublishedTable[] = [];
  const seen = new Map<TableId, string>();
  for (const table of raw.tables) {
    const first = seen.get(table.id);
    if (first !== undefined) {
      issues.push(inputIssue("duplicate_table", `${table.id} is printed twice (${first} and ${table.source})`, { table: table.id, source: table.source }));
      continue;
    }
    seen.set(table.id, table.source);
    const builder = new TableBuilder(table, issues);
    switch (table.id) {
      case "T1":
      case "T4":
        tables.push(summaryTable(builder));
        break;
      case "T6":
        tables.push(basicTable(builder));
        break;
      case "T7":
        tables.push(threePublicTable(builder));
        break;
      case "T10":
        tables.push(nonTaxTable(builder, options.nonTaxLines));
        break;
      default:
        tables.push(functionalTable(builder));
    }
  }
  const problems = nonEmpty(issues);
  if (problems !== null) return { ok: false, issues: problems };
  const order = (id: TableId): number => Number(id.slice(1));
  return {
    ok: true,
    value: {
      kind: "publishedReport",
      format: raw.format,
      department: options.department ?? raw.department ?? "",
      year: year as number,
      tables: tables.sort((a, b) => order(a.id) - order(b.id)),
    },
  };
}
