/**
 * The shape of a published table, with exact fen in every cell, and the
 * helpers the ten tables share: vectors of columns and the functional
 * hierarchy (类 › 款 › 项).
 *
 * @module
 */
import type { Catalog } from "../catalog/catalog.js";
import type { Fund } from "../catalog/dimensions.js";
import { addFen } from "../money/fen.js";
import type { UnitInfo, YearAggregate } from "../projections/aggregate.js";
import type { YearSums } from "./sums.js";

/** The id of one of the ten tables. */
export type TableId = "T1" | "T2" | "T3" | "T4" | "T5" | "T6" | "T7" | "T8" | "T9" | "T10";

/** The ten table ids in order. */
export const TABLE_IDS: readonly TableId[] = ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10"];

/** One row of a table. */
export interface TableRow {
  /** The 行次 (line number) where the table prints one (Tables 1 and 4), else null. */
  readonly line: number | null;
  /** The classification code, or null. */
  readonly code: string | null;
  /** The row's label as printed. */
  readonly label: string;
  /** Exact fen, keyed by the 栏次 (column number) as printed; an absent key is a blank cell. */
  readonly cells: Readonly<Record<string, number>>;
}

/** A table with exact amounts. */
export interface Table {
  /** T1 … T10. */
  readonly id: TableId;
  /** The printed title. */
  readonly title: string;
  /** Column titles keyed by 栏次. */
  readonly columns: Readonly<Record<string, string>>;
  /** Rows in printed order. */
  readonly rows: readonly TableRow[];
}

/** What a table builder may consult beyond the year's aggregate. */
export interface TableContext {
  /** Codes, names and layouts. */
  readonly catalog: Catalog;
  /** Registered units. */
  readonly units: ReadonlyMap<string, UnitInfo>;
}

/** A year's aggregate with the sums several tables share, computed once. */
export interface YearView {
  /** The year's aggregate. */
  readonly aggregate: YearAggregate;
  /** Its shared sums. */
  readonly sums: YearSums;
}

/** A vector of column amounts, fen. */
export type Vector = number[];

/**
 * Adds `amount` to position `index` of a vector (exactly).
 *
 * @param vector - the vector
 * @param index - a column position
 * @param amountFen - fen
 */
export function addAt(vector: Vector, index: number, amountFen: number): void {
  vector[index] = addFen(vector[index] ?? 0, amountFen);
}

/**
 * A vector's cells keyed by 栏次 "1", "2", ….
 *
 * @param vector - column amounts
 * @returns cells
 */
export function cellsOf(vector: readonly number[]): Record<string, number> {
  const cells: Record<string, number> = {};
  vector.forEach((amount, index) => {
    cells[String(index + 1)] = amount;
  });
  return cells;
}

/** Options of {@link functionalRows}. */
export interface FunctionalRowsOptions {
  /** Columns in each vector. */
  readonly width: number;
  /** 项 codes to print even when their vector is zero. */
  readonly forcedItems?: Iterable<string>;
  /** Codes at any level printed even when zero (a template's listed codes). */
  readonly listed?: Iterable<string>;
}

/**
 * Rows of a functional-classification table: each 项 with a non-zero vector
 * (or forced), its 款 and 类, and listed codes; each row's vector is the exact
 * sum of the 项 beneath it. Sorted by code, so 类 › 款 › 项 nest.
 *
 * @param byItem - vectors by 7-digit functional code
 * @param catalog - for the names
 * @param options - width, forced and listed codes
 * @returns rows in printed order
 */
export function functionalRows(byItem: ReadonlyMap<string, Vector>, catalog: Catalog, options: FunctionalRowsOptions): TableRow[] {
  const printed = new Set<string>(options.listed ?? []);
  const forced = new Set<string>(options.forcedItems ?? []);
  const sums = new Map<string, Vector>();
  const vectorAt = (code: string): Vector => {
    let found = sums.get(code);
    if (found === undefined) {
      found = new Array<number>(options.width).fill(0);
      sums.set(code, found);
    }
    return found;
  };
  for (const [item, vector] of byItem) {
    const nonZero = vector.some((amount) => amount !== 0);
    for (const code of [item.slice(0, 3), item.slice(0, 5), item]) {
      const target = vectorAt(code);
      vector.forEach((amount, index) => addAt(target, index, amount));
      if (nonZero) printed.add(code);
    }
  }
  for (const item of forced) for (const code of [item.slice(0, 3), item.slice(0, 5), item]) printed.add(code);
  return [...printed].sort().map((code) => ({
    line: null,
    code,
    label: catalog.functional.get(code) ?? code,
    cells: cellsOf(sums.get(code) ?? new Array<number>(options.width).fill(0)),
  }));
}

/**
 * The vector of one 7-digit code in a map of vectors, created when absent.
 *
 * @param map - vectors by code
 * @param code - a code
 * @param width - columns
 * @returns the code's vector
 */
export function vectorFor(map: Map<string, Vector>, code: string, width: number): Vector {
  let found = map.get(code);
  if (found === undefined) {
    found = new Array<number>(width).fill(0);
    map.set(code, found);
  }
  return found;
}

/**
 * One fund's spending by 7-digit functional code in three columns — total,
 * basic, project — and their total: the body of Tables 5 and 9.
 *
 * @param view - the year
 * @param fund - the fund that pays
 * @returns vectors by functional code, and the total vector
 */
export function spendingByItem(view: YearView, fund: Fund): { readonly byItem: Map<string, Vector>; readonly total: Vector } {
  const byItem = new Map<string, Vector>();
  const total = new Array<number>(3).fill(0);
  for (const cell of view.aggregate.expenditures) {
    if (cell.fund !== fund) continue;
    const vector = vectorFor(byItem, cell.functional, 3);
    const column = cell.category === "basic" ? 1 : cell.category === "project" ? 2 : -1;
    for (const target of [vector, total]) {
      addAt(target, 0, cell.amountFen);
      if (column > 0) addAt(target, column, cell.amountFen);
    }
  }
  return { byItem, total };
}
