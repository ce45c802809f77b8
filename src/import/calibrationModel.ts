/**
 * The calibration model of a published report: the unknown amounts (in fen)
 * behind its cells, and the identities of the accounts that tie them.
 *
 * For every functional code the report prints (and the 款 and 类 above it)
 * there is one unknown per source of receipts (eight), per fund and category
 * of spending (general public budget, government fund and state capital:
 * basic and project; non-fiscal funds: the five categories), and per
 * printed balance; plus the sums the tables print (Table 2's total and
 * fiscal columns, Table 3's total, basic and project columns, Tables 5, 8
 * and 9's totals). Each family sums over the classification (类 = Σ 款 =
 * Σ 项, 合计 = Σ 类), each row over its columns, Table 1 and Table 4 over
 * the sources, classes and balances; Table 6's economic codes sum to Table
 * 5's basic spending; Table 7's actuals are Table 6's basic spending on the
 * 三公 codes plus project spending on them; Table 10's lines sum over their
 * children.
 *
 * Every printed cell binds the unknown it prints to the amounts that print as
 * it (its window). A table that does not print a code says its amounts there
 * are zero: such a code is bound to an exact zero ("implicit" bindings).
 *
 * @module
 */
import { PERSONNEL_ECONOMIC_CLASSES, PUBLIC_ECONOMIC_CLASSES, THREE_PUBLIC_ECONOMIC } from "../catalog/catalog.js";
import { FUNDS, FUND_NAMES, type Fund } from "../catalog/dimensions.js";
import type { NonTaxLine } from "../catalog/nonTaxLines.js";
import type { TableId } from "../tables/table.js";
import { describeAddress, type CellAddress, type PrintedCell, type PublishedReport, type PublishedRow } from "./publishedReport.js";

/** A printed cell bound to an unknown. */
export interface Binding {
  /** The cell. */
  readonly cell: PrintedCell;
  /** True for the exact zero of a code a table does not print. */
  readonly implicit: boolean;
  /** Where it comes in the order of fixing: [depth, column rank, table rank, position]. */
  readonly order: readonly [number, number, number, number];
  /** The functional code of its row (`""` for totals and for tables not by functional code). */
  readonly code: string;
}

/** An unknown amount. */
export interface ModelVariable {
  /** What it is, in words. */
  readonly name: string;
  /** The functional code it belongs to (`""`: the whole department, or no code). */
  readonly code: string;
  /** Least value its nature allows (0 for receipts and spending), fen. */
  lo: number;
  /** Greatest value, fen. */
  hi: number;
  /** Cells printing it. */
  readonly bindings: Binding[];
  /** A variable whose value it should take where its cells allow (−1: none). */
  tie: number;
  /** Whether events book it directly (a leaf amount), so that an adjustment can be booked on it. */
  bookable: boolean;
}

/** An identity Σ left = Σ right. */
export interface ModelIdentity {
  /** Short name, e.g. `T2.hierarchy`. */
  readonly rule: string;
  /** The identity in words. */
  readonly description: string;
  /** Variables on the left. */
  readonly left: readonly number[];
  /** Variables on the right. */
  readonly right: readonly number[];
}

/** Spending families of a functional code. */
export const SPENDING_FAMILIES = [
  "E.gpb.basic",
  "E.gpb.project",
  "E.gf.basic",
  "E.gf.project",
  "E.sc.basic",
  "E.sc.project",
  "E.nf.basic",
  "E.nf.project",
  "E.nf.remittedToSuperior",
  "E.nf.operating",
  "E.nf.subsidyToSubordinates",
] as const;

/** Receipt families: `R.<fund>`. */
export const RECEIPT_FAMILIES: readonly string[] = FUNDS.map((fund) => `R.${fund}`);

const SPENDING_NAMES: Readonly<Record<(typeof SPENDING_FAMILIES)[number], string>> = {
  "E.gpb.basic": "general-public-budget basic spending",
  "E.gpb.project": "general-public-budget project spending",
  "E.gf.basic": "government-fund basic spending",
  "E.gf.project": "government-fund project spending",
  "E.sc.basic": "state-capital basic spending",
  "E.sc.project": "state-capital project spending",
  "E.nf.basic": "non-fiscal basic spending",
  "E.nf.project": "non-fiscal project spending",
  "E.nf.remittedToSuperior": "spending remitted to the superior",
  "E.nf.operating": "operating spending",
  "E.nf.subsidyToSubordinates": "subsidies to subordinate units",
};

/** The 三公 economic codes in Table 7's order. */
export const THREE_PUBLIC_CODES = [
  THREE_PUBLIC_ECONOMIC.overseas,
  THREE_PUBLIC_ECONOMIC.vehiclePurchase,
  THREE_PUBLIC_ECONOMIC.vehicleOperation,
  THREE_PUBLIC_ECONOMIC.reception,
] as const;

/** The economic classes of basic spending. */
const BASIC_CLASSES: readonly string[] = [...PERSONNEL_ECONOMIC_CLASSES, ...PUBLIC_ECONOMIC_CLASSES];

/** Tables in the order their cells are fixed at one depth (spending before receipts: receipts follow spending). */
const TABLE_RANK: Readonly<Record<TableId, number>> = { T1: 0, T4: 1, T3: 2, T5: 3, T8: 4, T9: 5, T2: 6, T6: 7, T7: 8, T10: 9 };

/** The calibration model of a report. */
export interface CalibrationModel {
  /** The unknowns. */
  readonly variables: readonly ModelVariable[];
  /** The identities. */
  readonly identities: readonly ModelIdentity[];
  /** Functional codes (类, 款, 项) the report prints or implies, sorted; the total is `""`. */
  readonly codes: readonly string[];
  /** Direct children of a code (`""`: the classes). */
  readonly children: ReadonlyMap<string, readonly string[]>;
  /** The variable of a family at a code, or −1. */
  at(family: string, code: string): number;
  /** Variables of the whole report: balances, surplus, 三公, Table 6 and Table 10. */
  readonly global: {
    readonly gpbOpening: number;
    readonly gpbClosing: number;
    readonly nonFiscalOpening: number;
    readonly nonFiscalClosing: number;
    readonly surplusUsed: number;
    readonly surplusDistributed: number;
    /** Table 6's economic sections, by code. */
    readonly basicByEconomic: ReadonlyMap<string, number>;
    /** By 三公 code: the budget, the basic and the project spending on it. */
    readonly threePublic: ReadonlyMap<string, { readonly budget: number; readonly basic: number; readonly project: number }>;
    /** Table 10's leaf lines: budget-managed and special-account-managed amounts. */
    readonly nonTax: ReadonlyMap<string, { readonly budget: number; readonly specialAccount: number }>;
  };
  /** Tables the report prints. */
  readonly present: ReadonlySet<TableId>;
  /** Whether balances of the government fund (Table 8) and the state capital fund (Table 9) are printed per code. */
  readonly balancesByCode: { readonly governmentFund: boolean; readonly stateCapital: boolean };
  /** Leaf codes Table 5 prints, and whether every cell of the row prints zero. */
  readonly generalBudgetRows: ReadonlyMap<string, boolean>;
}

function depthOf(code: string): number {
  return code === "" ? 0 : code.length === 3 ? 1 : code.length === 5 ? 2 : 3;
}

function rowName(code: string): string {
  return code === "" ? "合计" : code;
}

/** A variable's family and functional code. */
type FamilyKey = readonly [family: string, code: string];

/** Builds the calibration model of a report. */
class ModelBuilder {
  readonly variables: ModelVariable[] = [];
  readonly identities: ModelIdentity[] = [];
  /** Variables by family, then by code. */
  private readonly byKey = new Map<string, Map<string, number>>();
  private readonly tables = new Map<TableId, Map<string, PublishedRow>>();
  private zero = -1;
  position = 0;

  constructor(readonly report: PublishedReport) {
    for (const table of report.tables) this.tables.set(table.id, new Map(table.rows.map((row) => [row.key, row])));
  }

  has(table: TableId): boolean {
    return this.tables.has(table);
  }

  row(table: TableId, key: string): PublishedRow | undefined {
    return this.tables.get(table)?.get(key);
  }

  rows(table: TableId): PublishedRow[] {
    return [...(this.tables.get(table)?.values() ?? [])];
  }

  variable(name: string, lo: number, hi: number, key?: FamilyKey): number {
    const index = this.variables.length;
    this.variables.push({ name, code: key === undefined ? "" : key[1], lo, hi, bindings: [], tie: -1, bookable: false });
    if (key !== undefined) {
      let byCode = this.byKey.get(key[0]);
      if (byCode === undefined) {
        byCode = new Map();
        this.byKey.set(key[0], byCode);
      }
      byCode.set(key[1], index);
    }
    return index;
  }

  nonNegative(name: string, key?: FamilyKey): number {
    return this.variable(name, 0, Infinity, key);
  }

  free(name: string, key?: FamilyKey): number {
    return this.variable(name, -Infinity, Infinity, key);
  }

  /** An exact zero (a quantity no printed code can hold). */
  zeroVariable(): number {
    if (this.zero < 0) this.zero = this.variable("zero (nothing the report prints can hold it)", 0, 0);
    return this.zero;
  }

  /** Makes a family at a code the given variable (the shared zero). */
  alias(key: FamilyKey, variable: number): void {
    let byCode = this.byKey.get(key[0]);
    if (byCode === undefined) {
      byCode = new Map();
      this.byKey.set(key[0], byCode);
    }
    byCode.set(key[1], variable);
  }

  at(family: string, code: string): number {
    return this.byKey.get(family)?.get(code) ?? -1;
  }

  identity(rule: string, description: string, left: readonly number[], right: readonly number[]): void {
    // The shared zero adds nothing to a sum.
    const l = this.zero < 0 ? left : left.filter((variable) => variable !== this.zero);
    const r = this.zero < 0 ? right : right.filter((variable) => variable !== this.zero);
    if (l.length + r.length === 0) return;
    this.identities.push({ rule, description, left: l, right: r });
  }

  /** left = Σ right, as a new aggregate variable. */
  sum(name: string, parts: readonly number[], rule: string, description: string, lo = 0, key?: FamilyKey): number {
    const total = this.variable(name, lo, Infinity, key);
    this.identity(rule, description, [total], parts);
    return total;
  }

  bind(variable: number, cell: PrintedCell | undefined, depth: number, columnRank: number, implicit = false, code = ""): void {
    if (cell === undefined) return;
    const target = this.variables[variable];
    if (target === undefined) return;
    target.bindings.push({ cell, implicit, order: [depth, columnRank, TABLE_RANK[cell.address.table], this.position++], code });
  }

  /** Binds a code a table does not print to an exact zero. */
  bindZero(variable: number, address: CellAddress): void {
    this.bind(variable, { address, text: "", fen: 0, halfStepFen: 1, blank: true, source: `${address.table} prints no row ${address.row}` }, 9, 9, true, address.row);
  }
}

/**
 * Builds the calibration model of a report.
 *
 * @param report - the report, in the canonical layout
 * @param nonTaxLines - the lines of Table 10
 * @param options - `shareTails`: take non-fiscal spending to be zero where Tables 3 and 5 print the same
 * @returns the model
 */
export function buildCalibrationModel(report: PublishedReport, nonTaxLines: readonly NonTaxLine[], options: { readonly shareTails: boolean } = { shareTails: true }): CalibrationModel {
  const b = new ModelBuilder(report);
  const functionalTables: TableId[] = ["T2", "T3", "T5", "T8", "T9"];

  // ── The codes ──────────────────────────────────────────────────────────────
  const codeSet = new Set<string>();
  for (const table of functionalTables) {
    for (const row of b.rows(table)) {
      if (row.code === null) continue;
      codeSet.add(row.code);
      if (row.code.length >= 5) codeSet.add(row.code.slice(0, 3));
      if (row.code.length === 7) codeSet.add(row.code.slice(0, 5));
    }
  }
  const codes = [...codeSet].sort();
  const children = new Map<string, string[]>([["", []]]);
  for (const code of codes) children.set(code, []);
  for (const code of codes) {
    const parent = code.length === 3 ? "" : code.slice(0, code.length - 2);
    children.get(parent)?.push(code);
  }
  const all = ["", ...codes];
  const t9Balances = b.rows("T9").some((row) => "opening" in row.cells || "receipts" in row.cells || "closing" in row.cells);
  const gfByCode = b.has("T8");

  // ── Families at every code ──────────────────────────────────────────────────
  // A family is held at a code only where the table that prints it prints the code (or does
  // not exist): elsewhere it is the exact zero, one shared variable.
  const key = (family: string, code: string): FamilyKey => [family, code];
  const v = (family: string, code: string): number => b.at(family, code);
  const where = (code: string): string => (code === "" ? "the whole department" : code);
  const printedBy = (table: TableId, code: string): boolean => code === "" || !b.has(table) || b.row(table, code) !== undefined;
  const heldBy: Readonly<Record<string, readonly TableId[]>> = {
    "R.governmentFund": ["T2", "T8"],
    "R.stateCapital": t9Balances ? ["T2", "T9"] : ["T2"],
    "E.gpb.basic": ["T5", "T3"],
    "E.gpb.project": ["T5", "T3"],
    "E.gf.basic": ["T8", "T3"],
    "E.gf.project": ["T8", "T3"],
    "E.sc.basic": ["T9", "T3"],
    "E.sc.project": ["T9", "T3"],
    "B.gf.opening": ["T8"],
    "B.gf.closing": ["T8"],
    "B.sc.opening": ["T9"],
    "B.sc.closing": ["T9"],
  };
  const held = (family: string, code: string): boolean =>
    (heldBy[family] ?? (family.startsWith("R.") ? ["T2"] : ["T3"])).every((table) => printedBy(table, code));
  const zero = b.zeroVariable();
  const family = (name: string, code: string, make: () => number): number => {
    if (!held(name, code)) {
      b.alias(key(name, code), zero);
      return zero;
    }
    return make();
  };
  for (const code of all) {
    for (const fund of FUNDS) {
      family(`R.${fund}`, code, () => {
        const index = b.nonNegative(`receipts of ${FUND_NAMES[fund]} on ${where(code)}`, key(`R.${fund}`, code));
        (b.variables[index] as ModelVariable).bookable = code.length === 7;
        return index;
      });
    }
    for (const name of SPENDING_FAMILIES) {
      family(name, code, () => {
        const index = b.nonNegative(`${SPENDING_NAMES[name]} on ${where(code)}`, key(name, code));
        (b.variables[index] as ModelVariable).bookable = code.length === 7;
        return index;
      });
    }
    if (gfByCode || code === "") {
      family("B.gf.opening", code, () => {
        const opening = b.nonNegative(`government-fund opening balance on ${where(code)}`, key("B.gf.opening", code));
        (b.variables[opening] as ModelVariable).bookable = code.length === 7 || (!gfByCode && code === "");
        return opening;
      });
      family("B.gf.closing", code, () => b.free(`government-fund closing balance on ${where(code)}`, key("B.gf.closing", code)));
    }
    if (t9Balances || code === "") {
      family("B.sc.opening", code, () => {
        const opening = b.nonNegative(`state-capital opening balance on ${where(code)}`, key("B.sc.opening", code));
        (b.variables[opening] as ModelVariable).bookable = code.length === 7 || (!t9Balances && code === "");
        return opening;
      });
      family("B.sc.closing", code, () => b.free(`state-capital closing balance on ${where(code)}`, key("B.sc.closing", code)));
    }
  }
  const families = [...RECEIPT_FAMILIES, ...SPENDING_FAMILIES];
  for (const family of ["B.gf.opening", "B.gf.closing"]) if (gfByCode) families.push(family);
  for (const family of ["B.sc.opening", "B.sc.closing"]) if (t9Balances) families.push(family);

  // ── Sums the tables print, at every code ───────────────────────────────────
  const sumsAt = (code: string): void => {
    const r = (fund: Fund): number => v(`R.${fund}`, code);
    const rn = `on ${rowName(code)}`;
    const t22 = b.sum(`fiscal receipts ${rn}`, [r("generalPublicBudget"), r("governmentFund"), r("stateCapital")], "T2.fiscal", `T2 ${rowName(code)} column 2 (财政拨款收入) = receipts of the three fiscal funds`, 0, key("T2.2", code));
    b.sum(`receipts ${rn}`, [t22, r("superiorSubsidy"), r("institutional"), r("operating"), r("fromSubordinates"), r("other")], "T2.row", `T2 ${rowName(code)} column 1 = columns 2 to 7`, 0, key("T2.1", code));
    const e = (family: string): number => v(family, code);
    const basic = b.sum(`basic spending ${rn}`, [e("E.gpb.basic"), e("E.gf.basic"), e("E.sc.basic"), e("E.nf.basic")], "T3=T5+T8+T9.basic", `T3 ${rowName(code)} column 2 (基本支出) = general-public-budget (T5) + government-fund (T8) + state-capital (T9) + non-fiscal basic spending`, 0, key("T3.2", code));
    const project = b.sum(`project spending ${rn}`, [e("E.gpb.project"), e("E.gf.project"), e("E.sc.project"), e("E.nf.project")], "T3=T5+T8+T9.project", `T3 ${rowName(code)} column 3 (项目支出) = general-public-budget (T5) + government-fund (T8) + state-capital (T9) + non-fiscal project spending`, 0, key("T3.3", code));
    b.sum(`spending ${rn}`, [basic, project, e("E.nf.remittedToSuperior"), e("E.nf.operating"), e("E.nf.subsidyToSubordinates")], "T3.row", `T3 ${rowName(code)} column 1 = columns 2 to 6`, 0, key("T3.1", code));
    const t5 = b.sum(`general-public-budget spending ${rn}`, [e("E.gpb.basic"), e("E.gpb.project")], "T5.row", `T5 ${rowName(code)} column 1 = columns 2 and 3`, 0, key("T5.1", code));
    const t8 = b.sum(`government-fund spending ${rn}`, [e("E.gf.basic"), e("E.gf.project")], "T8.row", `T8 ${rowName(code)} column 3 (本年支出) = columns 4 and 5`, 0, key("T8.3", code));
    const t9 = b.sum(`state-capital spending ${rn}`, [e("E.sc.basic"), e("E.sc.project")], "T9.row", `T9 ${rowName(code)} column 1 = columns 2 and 3`, 0, key("T9.1", code));
    b.sum(`fiscal spending ${rn}`, [t5, t8, t9], "T4.row", `T4 ${rowName(code)} column 2 = general public budget + government fund + state capital`, 0, key("FS", code));
    if ((gfByCode || code === "") && v("B.gf.closing", code) !== zero) {
      b.identity("T8.balance", `T8 ${rowName(code)}: closing (column 6) = opening (1) + receipts (2) − spending (3)`, [v("B.gf.closing", code), t8], [v("B.gf.opening", code), r("governmentFund")]);
    }
    if ((t9Balances || code === "") && v("B.sc.closing", code) !== zero) {
      b.identity("T9.balance", `state capital ${rowName(code)}: closing = opening + receipts − spending`, [v("B.sc.closing", code), t9], [v("B.sc.opening", code), r("stateCapital")]);
    }
  };
  for (const code of all) sumsAt(code);
  for (const family of [...families, "T2.1", "T2.2", "T3.1", "T3.2", "T3.3", "T5.1", "T8.3", "T9.1", "FS"]) {
    for (const code of all) {
      if (code.length === 7) continue;
      const parent = v(family, code);
      if (parent === zero) continue;
      const kids = (children.get(code) ?? []).map((child) => v(family, child)).filter((child) => child !== zero);
      const kind = code === "" ? "类" : code.length === 3 ? "款" : "项";
      const name = (b.variables[parent] as ModelVariable).name;
      b.identity(family.startsWith("T") ? `${family.slice(0, 2)}.hierarchy` : "classification", `${name} = Σ its ${kind}`, [parent], kids);
    }
  }
  // Helpful ties: fiscal receipts follow fiscal spending where the prints allow.
  for (const code of all) {
    const tie = (family: string, to: string): void => {
      const index = v(family, code);
      const variable = b.variables[index];
      if (variable !== undefined && index !== zero) variable.tie = v(to, code);
    };
    tie("T2.2", "FS");
    tie("R.generalPublicBudget", "T5.1");
    tie("R.stateCapital", "T9.1");
    tie("R.governmentFund", "T8.3");
  }

  // ── Functional tables' cells ───────────────────────────────────────────────
  const columnsOf: Readonly<Record<string, readonly (readonly [string, string, number])[]>> = {
    T2: [["1", "T2.1", 0], ["2", "T2.2", 1], ["3", "R.superiorSubsidy", 1], ["4", "R.institutional", 1], ["5", "R.operating", 1], ["6", "R.fromSubordinates", 1], ["7", "R.other", 1]],
    T3: [["1", "T3.1", 0], ["2", "T3.2", 1], ["3", "T3.3", 1], ["4", "E.nf.remittedToSuperior", 1], ["5", "E.nf.operating", 1], ["6", "E.nf.subsidyToSubordinates", 1]],
    T5: [["1", "T5.1", 0], ["2", "E.gpb.basic", 1], ["3", "E.gpb.project", 1]],
    T8: [["3", "T8.3", 0], ["1", "B.gf.opening", 1], ["2", "R.governmentFund", 1], ["4", "E.gf.basic", 1], ["5", "E.gf.project", 1], ["6", "B.gf.closing", 2]],
    T9: [["1", "T9.1", 0], ["2", "E.sc.basic", 1], ["3", "E.sc.project", 1], ["opening", "B.sc.opening", 1], ["receipts", "R.stateCapital", 1], ["closing", "B.sc.closing", 2]],
  };
  const generalBudgetRows = new Map<string, boolean>();
  for (const table of functionalTables) {
    if (!b.has(table)) continue;
    const columns = (columnsOf[table] ?? []).filter(([column]) => table !== "T9" || t9Balances || !["opening", "receipts", "closing"].includes(column));
    for (const code of all) {
      const row = b.row(table, code === "" ? "合计" : code);
      if (row === undefined && code === "") continue; // a total not printed is not a zero
      for (const [column, family, rank] of columns) {
        const variable = v(family, code);
        if (variable < 0) continue;
        if (row === undefined) {
          if (variable !== zero) b.bindZero(variable, { table, row: rowName(code), column });
        }
        else b.bind(variable, row.cells[column], depthOf(code), rank, false, code);
      }
      if (row === undefined || code.length !== 7) continue;
      const allZero = Object.values(row.cells).every((cell) => cell.fen === 0);
      if (table === "T5") generalBudgetRows.set(code, allZero);
      // Tables 2 and 3 print a code only when it holds something, though every cell may round to zero.
      if (allZero && table === "T2") raiseLo(b, v("T2.1", code), 1);
      if (allZero && table === "T3") raiseLo(b, v("T3.1", code), 1);
    }
  }

  // Where Table 3 prints a leaf's basic (or project) spending exactly as Table 5 does (not zero)
  // and no other fiscal fund spends there, non-fiscal funds are taken to spend nothing on it: the
  // two tables then share their rounding tails, as they share their amounts. (An assumption, not
  // a print: calibration drops it when the report cannot be reproduced with it.)
  if (options.shareTails && b.has("T3") && b.has("T5")) {
    for (const code of codes) {
      if (code.length !== 7) continue;
      const t3 = b.row("T3", code);
      if (t3 === undefined) continue;
      for (const [t3Column, t5Column, t8Column, t9Column, family] of [
        ["2", "2", "4", "2", "E.nf.basic"],
        ["3", "3", "5", "3", "E.nf.project"],
      ] as const) {
        const fiscal = b.row("T5", code)?.cells[t5Column]?.fen ?? 0;
        const other = (b.row("T8", code)?.cells[t8Column]?.fen ?? 0) + (b.row("T9", code)?.cells[t9Column]?.fen ?? 0);
        const all = t3.cells[t3Column];
        if (all !== undefined && other === 0 && fiscal !== 0 && all.fen === fiscal) {
          const variable = b.variables[v(family, code)];
          if (variable !== undefined) variable.hi = 0;
        }
      }
    }
  }

  // ── Balances, Table 1 and Table 4 ───────────────────────────────────────────
  const root = (family: string): number => v(family, "");
  const gpbOpening = b.nonNegative("general-public-budget opening balance", ["B.gpb.opening", ""]);
  (b.variables[gpbOpening] as ModelVariable).bookable = true;
  const gpbClosing = b.free("general-public-budget closing balance", ["B.gpb.closing", ""]);
  b.identity("T4.balance", "general public budget: closing = opening + receipts − spending", [gpbClosing, root("T5.1")], [gpbOpening, root("R.generalPublicBudget")]);
  const nonFiscalOpening = b.nonNegative("non-fiscal opening balance (T1 line 29 − T4 line 28)");
  const nonFiscalClosing = b.free("non-fiscal closing balance (T1 line 59 − T4 line 60)");
  const surplusUsed = b.nonNegative("使用非财政拨款结余 (surplus used)");
  (b.variables[surplusUsed] as ModelVariable).bookable = true;
  const surplusDistributed = b.nonNegative("结余分配 (surplus distributed)");
  (b.variables[surplusDistributed] as ModelVariable).bookable = true;
  const nonFiscal = (["superiorSubsidy", "institutional", "operating", "fromSubordinates", "other"] as const).map((fund) => root(`R.${fund}`));
  const nonFiscalSpending = ["E.nf.basic", "E.nf.project", "E.nf.remittedToSuperior", "E.nf.operating", "E.nf.subsidyToSubordinates"].map(root);
  b.identity(
    "non-fiscal.balance",
    "non-fiscal funds: closing = opening + receipts + surplus used − spending − surplus distributed",
    [nonFiscalClosing, ...nonFiscalSpending, surplusDistributed],
    [nonFiscalOpening, ...nonFiscal, surplusUsed],
  );
  const fiscalOpening = b.sum("fiscal opening balances (T4 line 28)", [gpbOpening, root("B.gf.opening"), root("B.sc.opening")], "T4.opening", "T4 line 28 = lines 29 + 30 + 31");
  const fiscalClosing = b.sum("fiscal closing balances (T4 line 60)", [gpbClosing, root("B.gf.closing"), root("B.sc.closing")], "T4.closing", "T4 line 60 column 2 = columns 3 + 4 + 5", -Infinity);
  const opening = b.sum("opening balances (T1 line 29)", [fiscalOpening, nonFiscalOpening], "T1.opening", "T1 line 29 = fiscal openings (T4 line 28) + non-fiscal openings");
  const closing = b.sum("closing balances (T1 line 59)", [fiscalClosing, nonFiscalClosing], "T1.closing", "T1 line 59 = fiscal closings (T4 line 60) + non-fiscal closings", -Infinity);
  const incomeTotal = b.sum("T1 line 30 总计", [root("T2.1"), surplusUsed, opening], "T1.income", "T1 line 30 = lines 27 + 28 + 29");
  const spendingTotal = b.sum("T1 line 60 总计", [root("T3.1"), surplusDistributed, closing], "T1.spending", "T1 line 60 = lines 57 + 58 + 59", -Infinity);
  b.identity("T1.balance", "T1 line 30 (income side 总计) = line 60 (spending side 总计)", [incomeTotal], [spendingTotal]);
  const fiscalTotal = b.sum("T4 line 32 总计", [root("T2.2"), fiscalOpening], "T4.income", "T4 line 32 = lines 27 + 28");
  const t4Grand = (spent: number, closed: number, column: string): number =>
    b.sum(`T4 line 64 column ${column}`, [spent, closed], "T4.total", `T4 line 64 column ${column} = line 59 + line 60`, -Infinity);
  const grand = [t4Grand(root("FS"), fiscalClosing, "2"), t4Grand(root("T5.1"), gpbClosing, "3"), t4Grand(root("T8.3"), root("B.gf.closing"), "4"), t4Grand(root("T9.1"), root("B.sc.closing"), "5")];
  b.identity("T4.balance", "T4 line 32 (income side 总计) = line 64 column 2 (spending side 总计)", [fiscalTotal], [grand[0] as number]);

  const classVariable = (cls: string, family: string): number => (codeSet.has(cls) ? v(family, cls) : b.zeroVariable());
  const t1 = b.rows("T1");
  for (const row of t1) {
    const cell = row.cells["1"] ?? row.cells["2"];
    const line = row.line;
    let variable = -1;
    if (line !== null && line >= 1 && line <= 8) variable = root(`R.${FUNDS[line - 1] as Fund}`);
    else if (line === 27) variable = root("T2.1");
    else if (line === 28) variable = surplusUsed;
    else if (line === 29) variable = opening;
    else if (line === 30) variable = incomeTotal;
    else if (line !== null && line >= 31 && line <= 56) variable = classVariable(row.code ?? "", "T3.1");
    else if (line === 57) variable = root("T3.1");
    else if (line === 58) variable = surplusDistributed;
    else if (line === 59) variable = closing;
    else if (line === 60) variable = spendingTotal;
    else variable = b.zeroVariable(); // a class line of another template
    b.bind(variable, cell, line !== null && line >= 31 && line <= 56 ? 1 : 0, 0, false, row.code ?? "");
  }
  for (const row of b.rows("T4")) {
    const line = row.line;
    if (line === null) {
      for (const cell of Object.values(row.cells)) b.bind(b.zeroVariable(), cell, 1, 1);
      continue;
    }
    if (line <= 32) {
      const variable =
        line === 1 ? root("R.generalPublicBudget")
        : line === 2 ? root("R.governmentFund")
        : line === 3 ? root("R.stateCapital")
        : line === 27 ? root("T2.2")
        : line === 28 ? fiscalOpening
        : line === 29 ? gpbOpening
        : line === 30 ? root("B.gf.opening")
        : line === 31 ? root("B.sc.opening")
        : fiscalTotal;
      b.bind(variable, row.cells["1"], 0, 0);
      continue;
    }
    const byColumn: readonly (readonly [string, number])[] =
      line >= 33 && line <= 58
        ? (["FS", "T5.1", "T8.3", "T9.1"] as const).map((family, index) => [String(index + 2), classVariable(row.code ?? "", family)] as const)
        : line === 59
          ? (["FS", "T5.1", "T8.3", "T9.1"] as const).map((family, index) => [String(index + 2), root(family)] as const)
          : line === 60
            ? [["2", fiscalClosing], ["3", gpbClosing], ["4", root("B.gf.closing")], ["5", root("B.sc.closing")]]
            : grand.map((variable, index) => [String(index + 2), variable] as const);
    for (const [column, variable] of byColumn) b.bind(variable, row.cells[column], line >= 33 && line <= 58 ? 1 : 0, column === "2" ? 0 : 1, false, line >= 33 && line <= 58 ? (row.code ?? "") : "");
  }

  // ── Table 6: basic spending by economic code ───────────────────────────────
  const basicByEconomic = new Map<string, number>();
  const t6 = b.has("T6");
  const classOf = new Map<string, number>();
  if (t6) {
    const rows = b.rows("T6");
    for (const row of rows) {
      if (row.code === null || row.code.length !== 5 || !BASIC_CLASSES.includes(row.code.slice(0, 3))) continue;
      const section = b.nonNegative(`general-public-budget basic spending on economic ${row.code}`);
      (b.variables[section] as ModelVariable).bookable = true;
      basicByEconomic.set(row.code, section);
    }
    // Basic spending is on the classes of personnel and public expenses only; any other class prints zero.
    for (const row of rows) if (row.code !== null && !BASIC_CLASSES.includes(row.code.slice(0, 3))) classOf.set(row.code, b.zeroVariable());
    for (const cls of BASIC_CLASSES) {
      const sections = [...basicByEconomic].filter(([code]) => code.startsWith(cls)).map(([, variable]) => variable);
      classOf.set(cls, b.sum(`general-public-budget basic spending on economic ${cls}`, sections, "T6.hierarchy", `T6 ${cls} = Σ its 款`));
    }
    const personnel = b.sum("人员经费合计", PERSONNEL_ECONOMIC_CLASSES.map((cls) => classOf.get(cls) ?? b.zeroVariable()), "T6.personnel", "T6 人员经费合计 = 301 + 303");
    const publicExpenses = b.sum("公用经费合计", PUBLIC_ECONOMIC_CLASSES.map((cls) => classOf.get(cls) ?? b.zeroVariable()), "T6.public", "T6 公用经费合计 = 302 + 307 + 310 + 399");
    b.identity("T6=T5", "T6 人员经费合计 + 公用经费合计 = T5 合计 column 2 (基本支出)", [personnel, publicExpenses], [root("E.gpb.basic")]);
    for (const row of rows) {
      const variable =
        row.code === null ? (row.key === "人员经费合计" ? personnel : publicExpenses) : (basicByEconomic.get(row.code) ?? classOf.get(row.code) ?? classOf.get(row.code.slice(0, 3)));
      if (variable !== undefined) b.bind(variable, row.cells["1"], row.code === null ? 0 : row.code.length === 3 ? 1 : 2, 0);
    }
  }

  // ── Table 7: 三公 budgets and actual spending ───────────────────────────────
  const threePublic = new Map<string, { budget: number; basic: number; project: number; actual: number }>();
  for (const code of THREE_PUBLIC_CODES) {
    const budget = b.free(`三公 budget on economic ${code}`);
    (b.variables[budget] as ModelVariable).bookable = true;
    const basic = t6 ? (basicByEconomic.get(code) ?? b.zeroVariable()) : b.nonNegative(`general-public-budget basic spending on economic ${code}`);
    const project = b.nonNegative(`general-public-budget project spending on economic ${code}`);
    const actual = b.sum(`三公 spending on economic ${code}`, [basic, project], "T7.actual", `T7 actual on ${code} = basic spending on it (T6) + project spending on it`);
    threePublic.set(code, { budget, basic, project, actual });
  }
  const item = (code: string): { budget: number; basic: number; project: number; actual: number } => threePublic.get(code) as { budget: number; basic: number; project: number; actual: number };
  const [overseas, purchase, operation, reception] = THREE_PUBLIC_CODES.map(item) as [ReturnType<typeof item>, ReturnType<typeof item>, ReturnType<typeof item>, ReturnType<typeof item>];
  const vehiclesBudget = b.sum("三公 budget on vehicles", [purchase.budget, operation.budget], "T7.row", "T7 column 3 = columns 4 + 5", -Infinity);
  const totalBudget = b.sum("三公 budget", [overseas.budget, vehiclesBudget, reception.budget], "T7.row", "T7 column 1 = columns 2 + 3 + 6", -Infinity);
  const vehiclesActual = b.sum("三公 spending on vehicles", [purchase.actual, operation.actual], "T7.row", "T7 column 9 = columns 10 + 11");
  const totalActual = b.sum("三公 spending", [overseas.actual, vehiclesActual, reception.actual], "T7.row", "T7 column 7 = columns 8 + 9 + 12");
  const projectRest = b.nonNegative("general-public-budget project spending on other economic codes");
  b.identity("T7<=T5.project", "T5 合计 column 3 (项目支出) = project spending on the 三公 codes + on other codes", [root("E.gpb.project")], [...THREE_PUBLIC_CODES.map((code) => item(code).project), projectRest]);
  if (!t6) {
    const basicRest = b.nonNegative("general-public-budget basic spending on other economic codes");
    b.identity("T7<=T5.basic", "T5 合计 column 2 (基本支出) = basic spending on the 三公 codes + on other codes", [root("E.gpb.basic")], [...THREE_PUBLIC_CODES.map((code) => item(code).basic), basicRest]);
  }
  const t7Row = b.row("T7", "三公");
  if (t7Row !== undefined) {
    const columns: readonly number[] = [totalBudget, overseas.budget, vehiclesBudget, purchase.budget, operation.budget, reception.budget, totalActual, overseas.actual, vehiclesActual, purchase.actual, operation.actual, reception.actual];
    columns.forEach((variable, index) => b.bind(variable, t7Row.cells[String(index + 1)], index === 0 || index === 6 ? 0 : 1, 0));
  }

  // ── Table 10: non-tax revenue ───────────────────────────────────────────────
  const nonTax = new Map<string, { budget: number; specialAccount: number }>();
  const childrenOf = (parent: string | null): NonTaxLine[] => nonTaxLines.filter((line) => line.parent === parent);
  const lineVariables = (parent: string | null, depth: number): [number, number] => {
    const lines = childrenOf(parent);
    const budgets: number[] = [];
    const specials: number[] = [];
    for (const line of lines) {
      let budget: number;
      let special: number;
      if (childrenOf(line.id).length === 0) {
        budget = b.nonNegative(`non-tax revenue ${line.label} (budget-managed)`);
        special = b.nonNegative(`non-tax revenue ${line.label} (special-account-managed)`);
        (b.variables[budget] as ModelVariable).bookable = true;
        (b.variables[special] as ModelVariable).bookable = true;
        nonTax.set(line.id, { budget, specialAccount: special });
      } else {
        [budget, special] = lineVariables(line.id, depth + 1);
      }
      const total = b.sum(`non-tax revenue ${line.label}`, [budget, special], "T10.row", `T10 ${line.label} column 1 = columns 2 + 3`);
      const row = b.row("T10", line.id);
      if (b.has("T10")) {
        if (row === undefined) {
          b.bindZero(total, { table: "T10", row: line.id, column: "1" });
        } else {
          b.bind(total, row.cells["1"], depth, 0);
          b.bind(budget, row.cells["2"], depth, 1);
          b.bind(special, row.cells["3"], depth, 1);
        }
      }
      budgets.push(budget);
      specials.push(special);
    }
    const name = parent === null ? "合计" : (nonTaxLines.find((line) => line.id === parent)?.label ?? parent);
    return [
      b.sum(`non-tax revenue ${name} (budget-managed)`, budgets, "T10.hierarchy", `T10 ${name} column 2 = Σ its lines`),
      b.sum(`non-tax revenue ${name} (special-account-managed)`, specials, "T10.hierarchy", `T10 ${name} column 3 = Σ its lines`),
    ];
  };
  const [nonTaxBudget, nonTaxSpecial] = lineVariables(null, 1);
  const nonTaxTotal = b.sum("non-tax revenue", [nonTaxBudget, nonTaxSpecial], "T10.row", "T10 合计 column 1 = columns 2 + 3");
  const totalRow = b.row("T10", "合计");
  if (totalRow !== undefined) {
    b.bind(nonTaxTotal, totalRow.cells["1"], 0, 0);
    b.bind(nonTaxBudget, totalRow.cells["2"], 0, 1);
    b.bind(nonTaxSpecial, totalRow.cells["3"], 0, 1);
  }

  return {
    variables: b.variables,
    identities: b.identities,
    codes,
    children,
    at: (family, code) => v(family, code),
    global: {
      gpbOpening,
      gpbClosing,
      nonFiscalOpening,
      nonFiscalClosing,
      surplusUsed,
      surplusDistributed,
      basicByEconomic,
      threePublic,
      nonTax,
    },
    present: new Set(report.tables.map((table) => table.id)),
    balancesByCode: { governmentFund: gfByCode, stateCapital: t9Balances },
    generalBudgetRows,
  };
}

function raiseLo(b: ModelBuilder, variable: number, lo: number): void {
  const target = b.variables[variable];
  if (target !== undefined && lo > target.lo) target.lo = lo;
}

/**
 * The cells an identity involves, with their printed values, for messages.
 *
 * @param model - the model
 * @param identity - the identity
 * @returns the printed (not implicit) cells bound to its variables
 */
export function cellsOfIdentity(model: CalibrationModel, identity: ModelIdentity): PrintedCell[] {
  const cells: PrintedCell[] = [];
  for (const variable of [...identity.left, ...identity.right]) {
    for (const binding of model.variables[variable]?.bindings ?? []) if (!binding.implicit) cells.push(binding.cell);
  }
  return cells;
}

/**
 * A variable in words: the first cell printing it, or its name.
 *
 * @param model - the model
 * @param variable - its index
 * @returns e.g. `T2 2013701 column 1 (1528.68)`
 */
export function describeVariable(model: CalibrationModel, variable: number): string {
  const target = model.variables[variable];
  if (target === undefined) return `#${variable}`;
  const printed = target.bindings.find((binding) => !binding.implicit);
  if (printed !== undefined) return `${describeAddress(printed.cell.address)} (${printed.cell.blank ? "blank" : printed.cell.text})`;
  const implicit = target.bindings[0];
  if (implicit !== undefined) return `${target.name} (0: ${implicit.cell.source})`;
  return target.name;
}
