/**
 * The audit: the identities of the accounts, checked on a year's tables,
 * aggregate and postings. Every violation names the rule, the table, the row
 * and the column, with the expected and actual amounts in fen.
 *
 * The checks compare quantities computed along different paths (a table's
 * total against the sum of its rows, one table against another, balances
 * from the aggregate against balances from the postings), so a fault in any
 * one path shows.
 *
 * @module
 */
import { PERSONNEL_ECONOMIC_CLASSES, PUBLIC_ECONOMIC_CLASSES, THREE_PUBLIC_ECONOMIC, type Catalog } from "../catalog/catalog.js";
import { addFen } from "../money/fen.js";
import { fenToWan } from "../money/decimal.js";
import type { LedgerEvent } from "../events/types.js";
import { aggregateEvents, findBalance, type Aggregate } from "../projections/aggregate.js";
import { balanceMovements } from "../projections/balances.js";
import { balancesFromPostings, postingsOf, type Posting } from "../postings/postings.js";
import { buildTables } from "../tables/report.js";
import type { Table, TableId, TableRow } from "../tables/table.js";

/** One broken identity. */
export interface Violation {
  /** The identity, e.g. `"T1.total"` or `"T2=T1.income"`. */
  readonly rule: string;
  /** The table the checked cell is in, or null. */
  readonly table: string | null;
  /** The row: its code, its line (`"line 30"`) or its label; or a balance key. */
  readonly row: string | null;
  /** The column (栏次), or null. */
  readonly column: string | null;
  /** What the identity requires, fen. */
  readonly expectedFen: number;
  /** What was found, fen. */
  readonly actualFen: number;
  /** The identity and the amounts, in words. */
  readonly message: string;
}

/** The outcome of an audit. */
export interface AuditResult {
  /** Number of identities checked. */
  readonly checks: number;
  /** Every identity that does not hold. */
  readonly violations: readonly Violation[];
}

/** What the audit reads. */
export interface AuditInput {
  /** Every event of the ledger (all years: closings open the next year). */
  readonly events: readonly LedgerEvent[];
  /** The catalog. */
  readonly catalog: Catalog;
  /** The year audited. */
  readonly year: number;
  /** The events' aggregate when already at hand (else folded from `events`). */
  readonly aggregate?: Aggregate;
}

class Auditor {
  checks = 0;
  readonly violations: Violation[] = [];

  equal(rule: string, where: { table: string | null; row: string | null; column: string | null }, expectedFen: number, actualFen: number, what: string): void {
    this.checks += 1;
    if (expectedFen === actualFen) return;
    this.violations.push({
      rule,
      ...where,
      expectedFen,
      actualFen,
      message: `${what}: expected ${fenToWan(expectedFen)} (${expectedFen} fen), found ${fenToWan(actualFen)} (${actualFen} fen)`,
    });
  }
}

const rowName = (row: TableRow): string => row.code ?? (row.line !== null ? `line ${row.line}` : row.label);
const cell = (row: TableRow | undefined, column: string): number => row?.cells[column] ?? 0;
const byLine = (table: Table, line: number): TableRow | undefined => table.rows.find((row) => row.line === line);
const byCode = (table: Table, code: string): TableRow | undefined => table.rows.find((row) => row.code === code);
const totalRow = (table: Table): TableRow | undefined => table.rows.find((row) => row.label === "合计");
const sum = (values: readonly number[]): number => values.reduce((total, value) => addFen(total, value), 0);

/** Checks 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项 in every column of a functional table. */
function checkHierarchy(a: Auditor, table: Table): void {
  const coded = table.rows.filter((row) => row.code !== null);
  const total = totalRow(table);
  for (const column of Object.keys(table.columns)) {
    if (total !== undefined) {
      a.equal("classification.total", { table: table.id, row: "合计", column }, sum(coded.filter((r) => r.code?.length === 3).map((r) => cell(r, column))), cell(total, column), `${table.id} 合计 = Σ 类`);
    }
    for (const parent of coded) {
      const code = parent.code ?? "";
      if (code.length >= 7) continue;
      const children = coded.filter((row) => row.code !== null && row.code.length === code.length + 2 && row.code.startsWith(code));
      if (children.length === 0) continue;
      a.equal("classification.parent", { table: table.id, row: code, column }, sum(children.map((r) => cell(r, column))), cell(parent, column), `${table.id} ${code} = Σ its ${code.length === 3 ? "款" : "项"}`);
    }
  }
}

/** Checks, on every row, that column `total` equals the sum (or signed sum) of `parts`. */
function checkRowSum(a: Auditor, table: Table, total: string, parts: readonly string[], rows: readonly TableRow[] = table.rows, signs?: readonly number[]): void {
  for (const row of rows) {
    if (!(total in row.cells)) continue;
    const expected = sum(parts.map((column, index) => (signs?.[index] ?? 1) * cell(row, column)));
    a.equal("row.sum", { table: table.id, row: rowName(row), column: total }, expected, cell(row, total), `${table.id} column ${total} = ${parts.map((p, i) => `${(signs?.[i] ?? 1) < 0 ? "−" : "+"}${p}`).join(" ")}`);
  }
}

/**
 * Audits one year: every identity of the accounts.
 *
 * @param input - the events, catalog and year
 * @returns the number of checks and every violation
 */
export function audit(input: AuditInput): AuditResult {
  const { catalog, year, events } = input;
  const aggregate = input.aggregate ?? aggregateEvents(events);
  const tables = new Map<TableId, Table>(buildTables(aggregate, year, catalog).map((table) => [table.id, table]));
  const t = (id: TableId): Table => {
    const table = tables.get(id);
    if (table === undefined) throw new Error(`table ${id} missing`);
    return table;
  };
  const a = new Auditor();
  const [t1, t2, t3, t4, t5, t6, t7, t8, t9, t10] = (["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10"] as const).map(t);
  if (!t1 || !t2 || !t3 || !t4 || !t5 || !t6 || !t7 || !t8 || !t9 || !t10) throw new Error("tables missing");
  const L = (table: Table, line: number, column: string): number => cell(byLine(table, line), column);
  const classLines = catalog.classLines.length;

  // Table 1: the totals and the conservation of the year.
  a.equal("T1.income", { table: "T1", row: "line 27", column: "1" }, sum([1, 2, 3, 4, 5, 6, 7, 8].map((l) => L(t1, l, "1"))), L(t1, 27, "1"), "本年收入合计 = lines 1–8");
  a.equal("T1.total.income", { table: "T1", row: "line 30", column: "1" }, sum([27, 28, 29].map((l) => L(t1, l, "1"))), L(t1, 30, "1"), "总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余");
  a.equal("T1.expenditure", { table: "T1", row: "line 57", column: "2" }, sum(Array.from({ length: classLines }, (_, i) => L(t1, 31 + i, "2"))), L(t1, 57, "2"), "本年支出合计 = Σ class lines");
  a.equal("T1.total.expenditure", { table: "T1", row: "line 60", column: "2" }, sum([57, 58, 59].map((l) => L(t1, l, "2"))), L(t1, 60, "2"), "总计 = 本年支出合计 + 结余分配 + 年末结转和结余");
  a.equal("T1.conservation", { table: "T1", row: "line 60", column: "2" }, L(t1, 30, "1"), L(t1, 60, "2"), "income side 总计 = expenditure side 总计");

  // Classification hierarchies and row sums.
  for (const table of [t2, t3, t5, t8, t9]) checkHierarchy(a, table);
  checkRowSum(a, t2, "1", ["2", "3", "4", "5", "6", "7"]);
  checkRowSum(a, t3, "1", ["2", "3", "4", "5", "6"]);
  checkRowSum(a, t5, "1", ["2", "3"]);
  checkRowSum(a, t8, "3", ["4", "5"]);
  checkRowSum(a, t8, "6", ["1", "2", "3"], t8.rows, [1, 1, -1]);
  checkRowSum(a, t9, "1", ["2", "3"]);
  checkRowSum(a, t10, "1", ["2", "3"]);
  const t4Expenditure = t4.rows.filter((row) => row.line !== null && row.line > 32 && "2" in row.cells);
  checkRowSum(a, t4, "2", ["3", "4", "5"], t4Expenditure);

  // Table 10: parent lines are the sums of their children.
  const nonTaxRows = t10.rows.slice(1);
  catalog.nonTaxLines.forEach((line, index) => {
    const children = catalog.nonTaxLines.map((l, i) => ({ l, i })).filter(({ l }) => l.parent === line.id);
    if (children.length === 0) return;
    for (const column of ["1", "2", "3"]) {
      a.equal("T10.parent", { table: "T10", row: line.label, column }, sum(children.map(({ i }) => cell(nonTaxRows[i], column))), cell(nonTaxRows[index], column), `${line.label} = Σ its lines`);
    }
  });
  for (const column of ["1", "2", "3"]) {
    a.equal("T10.total", { table: "T10", row: "合计", column }, sum(catalog.nonTaxLines.map((l, i) => (l.parent === null ? cell(nonTaxRows[i], column) : 0))), cell(totalRow(t10), column), "合计 = Σ top lines");
  }

  // Across tables.
  const t2Total = totalRow(t2);
  a.equal("T2=T1.income", { table: "T2", row: "合计", column: "1" }, L(t1, 27, "1"), cell(t2Total, "1"), "T2 合计 = T1 本年收入合计");
  a.equal("T2=T1.fiscal", { table: "T2", row: "合计", column: "2" }, sum([1, 2, 3].map((l) => L(t1, l, "1"))), cell(t2Total, "2"), "T2 财政拨款收入 = T1 lines 1–3");
  [4, 5, 6, 7, 8].forEach((line, index) => {
    a.equal("T2=T1.source", { table: "T2", row: "合计", column: String(3 + index) }, L(t1, line, "1"), cell(t2Total, String(3 + index)), `T2 column ${3 + index} = T1 line ${line}`);
  });
  a.equal("T3=T1.expenditure", { table: "T3", row: "合计", column: "1" }, L(t1, 57, "2"), cell(totalRow(t3), "1"), "T3 合计 = T1 本年支出合计");
  catalog.classLines.forEach((classLine, index) => {
    a.equal("T1=T3.class", { table: "T1", row: `line ${31 + index}`, column: "2" }, cell(byCode(t3, classLine.code), "1"), L(t1, 31 + index, "2"), `T1 ${classLine.name} = T3 ${classLine.code}`);
    a.equal("T4=T5.class", { table: "T4", row: `line ${33 + index}`, column: "3" }, cell(byCode(t5, classLine.code), "1"), L(t4, 33 + index, "3"), `T4 ${classLine.name} (一般公共预算) = T5 ${classLine.code}`);
    a.equal("T4=T8.class", { table: "T4", row: `line ${33 + index}`, column: "4" }, cell(byCode(t8, classLine.code), "3"), L(t4, 33 + index, "4"), `T4 ${classLine.name} (政府性基金) = T8 ${classLine.code}`);
    a.equal("T4=T9.class", { table: "T4", row: `line ${33 + index}`, column: "5" }, cell(byCode(t9, classLine.code), "1"), L(t4, 33 + index, "5"), `T4 ${classLine.name} (国有资本经营) = T9 ${classLine.code}`);
  });
  [1, 2, 3].forEach((line) => a.equal("T4=T1.fiscal", { table: "T4", row: `line ${line}`, column: "1" }, L(t1, line, "1"), L(t4, line, "1"), `T4 line ${line} = T1 line ${line}`));
  a.equal("T4.income", { table: "T4", row: "line 27", column: "1" }, sum([1, 2, 3].map((l) => L(t4, l, "1"))), L(t4, 27, "1"), "本年收入合计 = lines 1–3");
  a.equal("T4.opening", { table: "T4", row: "line 28", column: "1" }, sum([29, 30, 31].map((l) => L(t4, l, "1"))), L(t4, 28, "1"), "年初财政拨款结转和结余 = lines 29–31");
  a.equal("T4.total.income", { table: "T4", row: "line 32", column: "1" }, addFen(L(t4, 27, "1"), L(t4, 28, "1")), L(t4, 32, "1"), "总计 = 本年收入合计 + 年初结转和结余");
  const t4Spent = 33 + classLines;
  for (const column of ["2", "3", "4", "5"]) {
    a.equal("T4.expenditure", { table: "T4", row: `line ${t4Spent}`, column }, sum(Array.from({ length: classLines }, (_, i) => L(t4, 33 + i, column))), L(t4, t4Spent, column), "本年支出合计 = Σ class lines");
    a.equal("T4.total.expenditure", { table: "T4", row: `line ${t4Spent + 5}`, column }, addFen(L(t4, t4Spent, column), L(t4, t4Spent + 1, column)), L(t4, t4Spent + 5, column), "总计 = 本年支出合计 + 年末结转和结余");
  }
  a.equal("T4.conservation", { table: "T4", row: `line ${t4Spent + 5}`, column: "2" }, L(t4, 32, "1"), L(t4, t4Spent + 5, "2"), "income side 总计 = expenditure side 总计");
  a.equal("T4=T5.total", { table: "T4", row: `line ${t4Spent}`, column: "3" }, cell(totalRow(t5), "1"), L(t4, t4Spent, "3"), "T4 一般公共预算 本年支出合计 = T5 合计");
  a.equal("T4=T8.income", { table: "T4", row: "line 2", column: "1" }, cell(totalRow(t8), "2"), L(t4, 2, "1"), "T4 政府性基金 receipts = T8 本年收入");
  a.equal("T4=T8.opening", { table: "T4", row: "line 30", column: "1" }, cell(totalRow(t8), "1"), L(t4, 30, "1"), "T4 政府性基金 opening = T8 年初结转和结余");
  a.equal("T4=T8.closing", { table: "T4", row: `line ${t4Spent + 1}`, column: "4" }, cell(totalRow(t8), "6"), L(t4, t4Spent + 1, "4"), "T4 政府性基金 closing = T8 年末结转和结余");
  a.equal("T4=T8.expenditure", { table: "T4", row: `line ${t4Spent}`, column: "4" }, cell(totalRow(t8), "3"), L(t4, t4Spent, "4"), "T4 政府性基金 spending = T8 本年支出");
  a.equal("T4=T9.expenditure", { table: "T4", row: `line ${t4Spent}`, column: "5" }, cell(totalRow(t9), "1"), L(t4, t4Spent, "5"), "T4 国有资本经营 spending = T9 本年支出");

  // Table 6: economic classes, personnel and public expenses, and its tie to Table 5.
  const t6Code = (code: string): number => cell(byCode(t6, code), "1");
  for (const cls of [...PERSONNEL_ECONOMIC_CLASSES, ...PUBLIC_ECONOMIC_CLASSES]) {
    const sections = t6.rows.filter((row) => row.code !== null && row.code.length === 5 && row.code.startsWith(cls));
    a.equal("T6.class", { table: "T6", row: cls, column: "1" }, sum(sections.map((r) => cell(r, "1"))), t6Code(cls), `${cls} = Σ its 款`);
  }
  const personnel = t6.rows.find((row) => row.label === "人员经费合计");
  const publicExpenses = t6.rows.find((row) => row.label === "公用经费合计");
  a.equal("T6.personnel", { table: "T6", row: "人员经费合计", column: "1" }, sum(PERSONNEL_ECONOMIC_CLASSES.map(t6Code)), cell(personnel, "1"), "人员经费 = 301 + 303");
  a.equal("T6.public", { table: "T6", row: "公用经费合计", column: "1" }, sum(PUBLIC_ECONOMIC_CLASSES.map(t6Code)), cell(publicExpenses, "1"), "公用经费 = 302 + 307 + 310 + 399");
  a.equal("T6=T5.basic", { table: "T6", row: "人员经费合计 + 公用经费合计", column: "1" }, cell(totalRow(t5), "2"), addFen(cell(personnel, "1"), cell(publicExpenses, "1")), "T6 人员经费 + 公用经费 = T5 基本支出");

  // Table 7: its sums, and its actuals tied to the economic codes.
  const t7Row = t7.rows[0];
  const c7 = (column: number): number => cell(t7Row, String(column));
  for (const offset of [0, 6]) {
    a.equal("T7.total", { table: "T7", row: "“三公”经费", column: String(1 + offset) }, sum([2, 3, 6].map((c) => c7(c + offset))), c7(1 + offset), "合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费");
    a.equal("T7.vehicles", { table: "T7", row: "“三公”经费", column: String(3 + offset) }, addFen(c7(4 + offset), c7(5 + offset)), c7(3 + offset), "公务用车购置及运行费 = 购置费 + 运行费");
  }
  const yearAggregate = aggregate.years.get(year);
  const gpbSpentOn = (economic: string): number => {
    let total = 0;
    for (const e of yearAggregate?.expenditures.values() ?? []) {
      if (e.fund === "generalPublicBudget" && e.economic === economic && (e.category === "basic" || e.category === "project")) total = addFen(total, e.amountFen);
    }
    return total;
  };
  const ties: [string, number][] = [
    [THREE_PUBLIC_ECONOMIC.overseas, 8],
    [THREE_PUBLIC_ECONOMIC.vehiclePurchase, 10],
    [THREE_PUBLIC_ECONOMIC.vehicleOperation, 11],
    [THREE_PUBLIC_ECONOMIC.reception, 12],
  ];
  for (const [economic, column] of ties) {
    a.equal("T7=economic", { table: "T7", row: "“三公”经费", column: String(column) }, gpbSpentOn(economic), c7(column), `三公 actual = general-public-budget spending on ${economic}`);
    const basicPart = t6Code(economic);
    a.equal("T7>=T6", { table: "T6", row: economic, column: "1" }, Math.min(basicPart, c7(column)), basicPart, `T6 basic spending on ${economic} is part of T7 column ${column}`);
  }

  // Balances: the aggregate's closing balances against the postings'.
  const kinds = new Map([...aggregate.units.values()].map((unit) => [unit.id, unit.kind]));
  const postings: Posting[] = [];
  for (const event of events) {
    const own = postingsOf(event, (unit) => kinds.get(unit));
    a.equal("postings.balanced", { table: null, row: event.id, column: null }, 0, sum(own.map((p) => p.amountFen)), `the postings of ${event.type} ${event.id} sum to zero`);
    postings.push(...own);
  }
  const posted = balancesFromPostings(postings.filter((p) => p.year === year));
  const movements = yearAggregate === undefined ? [] : balanceMovements(yearAggregate);
  for (const m of movements) {
    const key = `${year}|${m.unit}|${m.fund}|${m.functional}`;
    const fromPostings = posted.get(key);
    a.equal("balance.carried", { table: null, row: key, column: "carried" }, fromPostings?.carriedFen ?? 0, m.closingCarriedFen, "opening + receipts + surplus used − spending − distribution = what the postings leave");
    a.equal("balance.reserve", { table: null, row: key, column: "reserve" }, fromPostings?.reserveFen ?? 0, m.closingReserveFen, "opening reserve + distribution − surplus used = 专用结余 posted");
  }
  // A closed year's recorded closing balances are the computed ones, and open the next year.
  for (const cellOfYear of yearAggregate?.balances.values() ?? []) {
    if (!yearAggregate?.closedUnits.has(cellOfYear.unit)) continue;
    const m = movements.find((x) => x.unit === cellOfYear.unit && x.fund === cellOfYear.fund && x.functional === cellOfYear.functional);
    const key = `${year}|${cellOfYear.unit}|${cellOfYear.fund}|${cellOfYear.functional}`;
    a.equal("close.carried", { table: null, row: key, column: "carried" }, m?.closingCarriedFen ?? 0, cellOfYear.closedCarriedFen, "the recorded closing balance is the computed one");
    a.equal("close.reserve", { table: null, row: key, column: "reserve" }, m?.closingReserveFen ?? 0, cellOfYear.closedReserveFen, "the recorded closing reserve is the computed one");
    const nextYear = aggregate.years.get(year + 1);
    const next = nextYear === undefined ? undefined : findBalance(nextYear, cellOfYear.unit, cellOfYear.fund, cellOfYear.functional);
    a.equal("close.opens", { table: null, row: key, column: "carried" }, cellOfYear.closedCarriedFen, next?.openingCarriedFen ?? 0, `the closing balance of ${year} is the opening balance of ${year + 1}`);
  }
  // Reversals cancel their targets, account by account.
  const byId = new Map(events.map((event) => [event.id, event]));
  for (const event of events) {
    if (event.type !== "eventReversed" || event.year !== year) continue;
    const target = byId.get(event.target);
    if (target === undefined) continue;
    const net = new Map<string, number>();
    for (const p of [...postingsOf(target, (u) => kinds.get(u)), ...postingsOf(event, (u) => kinds.get(u))]) {
      const key = `${p.account}|${p.unit}|${p.fund ?? ""}|${p.functional ?? ""}`;
      net.set(key, addFen(net.get(key) ?? 0, p.amountFen));
    }
    for (const [key, amount] of net) a.equal("reversal.cancels", { table: null, row: `${event.id} › ${event.target}`, column: key }, 0, amount, "a reversal and its target cancel in every account");
  }
  return { checks: a.checks, violations: a.violations };
}

/**
 * Audits a year of a ledger.
 *
 * @param ledger - anything with its events, catalog and aggregate (a {@link Ledger})
 * @param year - the year
 * @returns every violation; empty when the accounts hold
 */
export function auditLedger(
  ledger: { readonly catalog: Catalog; events(): readonly LedgerEvent[]; aggregate(): Aggregate },
  year: number,
): Violation[] {
  return [...audit({ events: ledger.events(), catalog: ledger.catalog, year, aggregate: ledger.aggregate() }).violations];
}
