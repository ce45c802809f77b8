/**
 * The aggregate: every amount of every event summed by its coordinates, per
 * year. It is a commutative fold — addition of integers — so any order of
 * the same events gives the same aggregate, partial aggregates merge, and a
 * reversal subtracts exactly what its target added.
 *
 * The state a fold builds belongs to the fold: `apply` updates it in place
 * (the hot path adds integers on plain data), and callers see only the
 * result.
 *
 * @module
 */
import type { BudgetStage, Category, Fund, NonTaxManagement, ProcurementKind, SupplierSize, UnitKind } from "../catalog/dimensions.js";
import { addFen } from "../money/fen.js";
import {
  assertNever,
  type AppropriationMade,
  type BalanceOpened,
  type ExpenditureRecorded,
  type LedgerEvent,
  type ReceiptRecorded,
  type SurplusDistributed,
  type SurplusUsed,
  type YearClosed,
} from "../events/types.js";

/** A sum of fen at one set of coordinates. */
interface Summed {
  amountFen: number;
}

/** Receipts by unit, source and functional code. */
export interface ReceiptCell extends Summed {
  readonly unit: string;
  readonly source: Fund;
  readonly functional: string;
}

/** Expenditures by unit, fund, functional and economic code, category and project. */
export interface ExpenditureCell extends Summed {
  readonly unit: string;
  readonly fund: Fund;
  readonly functional: string;
  readonly economic: string;
  readonly category: Category;
  readonly project: string | null;
}

/** Appropriations by unit, fund, functional code, category, economic code, project and stage. */
export interface AppropriationCell extends Summed {
  readonly unit: string;
  readonly fund: Fund;
  readonly functional: string;
  readonly category: Category;
  readonly economic: string | null;
  readonly project: string | null;
  readonly stage: BudgetStage;
}

/** Balance movements other than receipts and spending, by unit, fund and functional code. */
export interface BalanceCell {
  readonly unit: string;
  readonly fund: Fund;
  readonly functional: string;
  /** 年初结转和结余. */
  openingCarriedFen: number;
  /** Reserve at the start of the year. */
  openingReserveFen: number;
  /** 结余分配. */
  distributedFen: number;
  /** 使用非财政拨款结余. */
  usedFen: number;
  /** Carried balance recorded by the year's close. */
  closedCarriedFen: number;
  /** Reserve recorded by the year's close. */
  closedReserveFen: number;
}

/** Non-tax revenue by Table 10 line and management. */
export interface NonTaxCell extends Summed {
  readonly line: string;
  readonly management: NonTaxManagement;
}

/** Procurement contracts by kind and supplier size. */
export interface ProcurementCell extends Summed {
  readonly procurement: ProcurementKind;
  readonly supplierSize: SupplierSize;
  /** Number of contracts (reversals subtract one). */
  count: number;
}

/** Nested maps keyed by dimension values, one level per dimension. */
type Level<V> = Map<string, V>;

/**
 * The lookup structure of a year's fold: nested maps keyed by the dimension
 * values themselves. A lookup hashes each (short, usually interned) string
 * once and allocates nothing, which keeps the fold on plain data.
 */
export interface YearIndex {
  /** unit › source › functional. */
  readonly receipts: Level<Level<Level<ReceiptCell>>>;
  /** unit › fund › functional › economic › category › project ("" for none). */
  readonly expenditures: Level<Level<Level<Level<Level<Level<ExpenditureCell>>>>>>;
  /** unit › fund › functional › category › economic ("" for none) › project ("" for none) › stage. */
  readonly appropriations: Level<Level<Level<Level<Level<Level<Level<AppropriationCell>>>>>>>;
  /** unit › fund › functional. */
  readonly balances: Level<Level<Level<BalanceCell>>>;
  /** line › management. */
  readonly nonTax: Level<Level<NonTaxCell>>;
  /** kind › supplier size. */
  readonly procurement: Level<Level<ProcurementCell>>;
}

/**
 * Everything summed for one year: one cell per distinct set of coordinates,
 * in the order they first appeared (tables sort what they print).
 */
export interface YearAggregate {
  readonly year: number;
  readonly receipts: ReceiptCell[];
  readonly expenditures: ExpenditureCell[];
  readonly appropriations: AppropriationCell[];
  readonly balances: BalanceCell[];
  readonly nonTax: NonTaxCell[];
  readonly procurement: ProcurementCell[];
  /** Units whose year is closed (yearClosed events of this year). */
  readonly closedUnits: Set<string>;
  /** The fold's lookup structure over the cells. */
  readonly index: YearIndex;
}

/** A unit as registered. */
export interface UnitInfo {
  readonly id: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly parent: string | null;
  /** The year it was registered in. */
  readonly year: number;
}

/** The aggregate of a set of events: units, and per-year sums. */
export interface Aggregate {
  readonly units: Map<string, UnitInfo>;
  readonly years: Map<number, YearAggregate>;
}

/**
 * An empty aggregate.
 *
 * @returns a fresh aggregate with no units and no years
 */
export function emptyAggregate(): Aggregate {
  return { units: new Map(), years: new Map() };
}

function emptyYear(year: number): YearAggregate {
  return {
    year,
    receipts: [],
    expenditures: [],
    appropriations: [],
    balances: [],
    nonTax: [],
    procurement: [],
    closedUnits: new Set(),
    index: { receipts: new Map(), expenditures: new Map(), appropriations: new Map(), balances: new Map(), nonTax: new Map(), procurement: new Map() },
  };
}

/** The map under `key` in `map`, created empty when absent. */
function level<V>(map: Level<Level<V>>, key: string): Level<V> {
  let found = map.get(key);
  if (found === undefined) {
    found = new Map();
    map.set(key, found);
  }
  return found;
}

/**
 * The aggregate of one year, created empty when absent.
 *
 * @param aggregate - the aggregate
 * @param year - a year
 * @returns its year aggregate
 */
export function yearOf(aggregate: Aggregate, year: number): YearAggregate {
  let found = aggregate.years.get(year);
  if (found === undefined) {
    found = emptyYear(year);
    aggregate.years.set(year, found);
  }
  return found;
}

function balanceCell(year: YearAggregate, unit: string, fund: Fund, functional: string): BalanceCell {
  const leaf = level(level(year.index.balances, unit), fund);
  let cell = leaf.get(functional);
  if (cell === undefined) {
    cell = {
      unit, fund, functional,
      openingCarriedFen: 0, openingReserveFen: 0, distributedFen: 0, usedFen: 0, closedCarriedFen: 0, closedReserveFen: 0,
    };
    leaf.set(functional, cell);
    year.balances.push(cell);
  }
  return cell;
}

/**
 * The balance cell of a unit, fund and functional code in a year, if any.
 *
 * @param year - a year's aggregate
 * @param unit - unit id
 * @param fund - fund
 * @param functional - functional 项 code
 * @returns the cell, or undefined
 */
export function findBalance(year: YearAggregate, unit: string, fund: Fund, functional: string): BalanceCell | undefined {
  return year.index.balances.get(unit)?.get(fund)?.get(functional);
}

/**
 * Adds one event to an aggregate, or subtracts it (`sign` −1: a reversal
 * cancels its target this way, and a rejected batch is rolled back this way).
 * Updates `aggregate` in place.
 *
 * @param aggregate - the fold's own state
 * @param event - a validated event
 * @param sign - 1 to add, −1 to cancel
 * @returns the one cell the event's amount went to, if it went to exactly one
 * @throws FenOverflowError when a sum leaves the safe-integer range; the
 *   aggregate is then unchanged
 */
export function applyEvent(aggregate: Aggregate, event: LedgerEvent, sign: 1 | -1 = 1): object | undefined {
  switch (event.type) {
    case "unitRegistered":
      if (sign === 1) aggregate.units.set(event.unit, { id: event.unit, name: event.name, kind: event.kind, parent: event.parent, year: event.year });
      else aggregate.units.delete(event.unit);
      return undefined;
    case "receiptRecorded":
      return addReceipt(yearOf(aggregate, event.year), event, sign * event.amountFen);
    case "expenditureRecorded":
      return addExpenditure(yearOf(aggregate, event.year), event, sign * event.amountFen);
    case "appropriationMade":
      return addAppropriation(yearOf(aggregate, event.year), event, sign * event.amountFen);
    case "nonTaxRevenueCollected":
      return addNonTax(yearOf(aggregate, event.year), event.line, event.management, sign * event.amountFen);
    case "procurementAwarded":
      return addProcurement(yearOf(aggregate, event.year), event.procurement, event.supplierSize, sign * event.amountFen, sign);
    case "surplusDistributed":
    case "surplusUsed":
    case "balanceOpened":
      return addToBalance(balanceCell(yearOf(aggregate, event.year), event.unit, event.fund, event.functional), balanceFieldOf(event), sign * event.amountFen);
    case "yearClosed":
      applyClose(aggregate, event, sign);
      return undefined;
    case "eventReversed":
      return applyEvent(aggregate, event.reverses, sign === 1 ? -1 : 1);
    default:
      return assertNever(event);
  }
}

/** The movement of a balance an event changes. */
export type BalanceField = "openingCarriedFen" | "openingReserveFen" | "distributedFen" | "usedFen";

function balanceFieldOf(event: SurplusDistributed | SurplusUsed | BalanceOpened): BalanceField {
  if (event.type === "surplusDistributed") return "distributedFen";
  if (event.type === "surplusUsed") return "usedFen";
  return event.balance === "carried" ? "openingCarriedFen" : "openingReserveFen";
}

function addToBalance(cell: BalanceCell, field: BalanceField, amountFen: number): BalanceCell {
  cell[field] = addFen(cell[field], amountFen);
  return cell;
}

/** What a single-cell event adds to: the kind of cell and, for a balance, the movement. */
export type CellKind = "receipt" | "expenditure" | "appropriation" | "nonTax" | BalanceField;

/**
 * The kind of cell an event adds to when it touches exactly one cell with
 * its amount (a reversal: its target's), or undefined for the events that
 * do otherwise (units, procurement with its count, year closes).
 *
 * @param event - a validated event
 * @returns the cell kind, or undefined
 */
export function cellKindOf(event: LedgerEvent): CellKind | undefined {
  switch (event.type) {
    case "receiptRecorded":
      return "receipt";
    case "expenditureRecorded":
      return "expenditure";
    case "appropriationMade":
      return "appropriation";
    case "nonTaxRevenueCollected":
      return "nonTax";
    case "surplusDistributed":
    case "surplusUsed":
    case "balanceOpened":
      return balanceFieldOf(event);
    case "eventReversed":
      return cellKindOf(event.reverses);
    default:
      return undefined;
  }
}

/**
 * Adds an amount to the cell of another aggregate that has the coordinates
 * of `like` — the step by which a replay from stored coordinates rebuilds
 * an aggregate without re-reading events.
 *
 * @param aggregate - the aggregate to add to
 * @param year - the year of the cell
 * @param kind - the kind of cell
 * @param like - a cell of that kind (its coordinates are read, never changed)
 * @param amountFen - fen to add
 */
export function addToCellLike(aggregate: Aggregate, year: number, kind: CellKind, like: object, amountFen: number): void {
  const into = yearOf(aggregate, year);
  switch (kind) {
    case "receipt": {
      const c = like as ReceiptCell;
      addReceipt(into, { unit: c.unit, source: c.source, functional: c.functional }, amountFen);
      return;
    }
    case "expenditure": {
      const c = like as ExpenditureCell;
      addExpenditure(into, { unit: c.unit, fund: c.fund, functional: c.functional, economic: c.economic, category: c.category, project: c.project ?? undefined }, amountFen);
      return;
    }
    case "appropriation": {
      const c = like as AppropriationCell;
      addAppropriation(
        into,
        { unit: c.unit, fund: c.fund, functional: c.functional, category: c.category, economic: c.economic ?? undefined, project: c.project ?? undefined, stage: c.stage },
        amountFen,
      );
      return;
    }
    case "nonTax": {
      const c = like as NonTaxCell;
      addNonTax(into, c.line, c.management, amountFen);
      return;
    }
    default: {
      const c = like as BalanceCell;
      addToBalance(balanceCell(into, c.unit, c.fund, c.functional), kind, amountFen);
    }
  }
}

type ReceiptCoordinates = Pick<ReceiptRecorded, "unit" | "source" | "functional">;
type ExpenditureCoordinates = Pick<ExpenditureRecorded, "unit" | "fund" | "functional" | "economic" | "category"> & { readonly project?: string | undefined };
type AppropriationCoordinates = Pick<AppropriationMade, "unit" | "fund" | "functional" | "category" | "stage"> & {
  readonly economic?: string | undefined;
  readonly project?: string | undefined;
};

function addReceipt(year: YearAggregate, event: ReceiptCoordinates, amountFen: number): ReceiptCell {
  const leaf = level(level(year.index.receipts, event.unit), event.source);
  const cell = leaf.get(event.functional);
  if (cell !== undefined) {
    cell.amountFen = addFen(cell.amountFen, amountFen);
    return cell;
  }
  const created = { unit: event.unit, source: event.source, functional: event.functional, amountFen };
  leaf.set(event.functional, created);
  year.receipts.push(created);
  return created;
}

function addExpenditure(year: YearAggregate, event: ExpenditureCoordinates, amountFen: number): ExpenditureCell {
  const project = event.project ?? "";
  const leaf = level(level(level(level(level(year.index.expenditures, event.unit), event.fund), event.functional), event.economic), event.category);
  const cell = leaf.get(project);
  if (cell !== undefined) {
    cell.amountFen = addFen(cell.amountFen, amountFen);
    return cell;
  }
  const created = {
    unit: event.unit, fund: event.fund, functional: event.functional, economic: event.economic,
    category: event.category, project: event.project ?? null, amountFen,
  };
  leaf.set(project, created);
  year.expenditures.push(created);
  return created;
}

function addAppropriation(year: YearAggregate, event: AppropriationCoordinates, amountFen: number): AppropriationCell {
  const economic = event.economic ?? "";
  const project = event.project ?? "";
  const leaf = level(level(level(level(level(level(year.index.appropriations, event.unit), event.fund), event.functional), event.category), economic), project);
  const cell = leaf.get(event.stage);
  if (cell !== undefined) {
    cell.amountFen = addFen(cell.amountFen, amountFen);
    return cell;
  }
  const created = {
    unit: event.unit, fund: event.fund, functional: event.functional, category: event.category,
    economic: event.economic ?? null, project: event.project ?? null, stage: event.stage, amountFen,
  };
  leaf.set(event.stage, created);
  year.appropriations.push(created);
  return created;
}

function addNonTax(year: YearAggregate, line: string, management: NonTaxManagement, amountFen: number): NonTaxCell {
  const leaf = level(year.index.nonTax, line);
  const cell = leaf.get(management);
  if (cell !== undefined) {
    cell.amountFen = addFen(cell.amountFen, amountFen);
    return cell;
  }
  const created = { line, management, amountFen };
  leaf.set(management, created);
  year.nonTax.push(created);
  return created;
}

function addProcurement(year: YearAggregate, procurement: ProcurementKind, supplierSize: SupplierSize, amountFen: number, count: number): ProcurementCell {
  const leaf = level(year.index.procurement, procurement);
  const cell = leaf.get(supplierSize);
  if (cell !== undefined) {
    cell.amountFen = addFen(cell.amountFen, amountFen);
    cell.count += count;
    return cell;
  }
  const created = { procurement, supplierSize, amountFen, count };
  leaf.set(supplierSize, created);
  year.procurement.push(created);
  return created;
}

function applyClose(aggregate: Aggregate, event: YearClosed, sign: 1 | -1): void {
  const closed = yearOf(aggregate, event.year);
  const next = yearOf(aggregate, event.year + 1);
  // Every sum is computed before any is stored, so an overflow leaves the aggregate unchanged.
  const updates = event.balances.map((balance) => {
    const here = balanceCell(closed, event.unit, balance.fund, balance.functional);
    const there = balanceCell(next, event.unit, balance.fund, balance.functional);
    return {
      here,
      there,
      closedCarried: addFen(here.closedCarriedFen, sign * balance.carriedFen),
      closedReserve: addFen(here.closedReserveFen, sign * balance.reserveFen),
      openingCarried: addFen(there.openingCarriedFen, sign * balance.carriedFen),
      openingReserve: addFen(there.openingReserveFen, sign * balance.reserveFen),
    };
  });
  for (const update of updates) {
    update.here.closedCarriedFen = update.closedCarried;
    update.here.closedReserveFen = update.closedReserve;
    update.there.openingCarriedFen = update.openingCarried;
    update.there.openingReserveFen = update.openingReserve;
  }
  if (sign === 1) closed.closedUnits.add(event.unit);
  else closed.closedUnits.delete(event.unit);
}

/**
 * Folds events into a fresh aggregate.
 *
 * @param events - validated events, in any order
 * @returns their aggregate
 */
export function aggregateEvents(events: Iterable<LedgerEvent>): Aggregate {
  const aggregate = emptyAggregate();
  for (const event of events) applyEvent(aggregate, event);
  return aggregate;
}

/**
 * Merges two aggregates into a new one: the aggregate of the union of their
 * events. `merge(fold(a), fold(b))` equals `fold(a ++ b)`.
 *
 * @param left - an aggregate
 * @param right - another aggregate
 * @returns a new aggregate; neither input is changed
 */
export function mergeAggregates(left: Aggregate, right: Aggregate): Aggregate {
  const merged = emptyAggregate();
  for (const source of [left, right]) {
    for (const [id, unit] of source.units) merged.units.set(id, unit);
    for (const [yearNumber, from] of source.years) {
      const into = yearOf(merged, yearNumber);
      for (const c of from.receipts) addToCellLike(merged, yearNumber, "receipt", c, c.amountFen);
      for (const c of from.expenditures) addToCellLike(merged, yearNumber, "expenditure", c, c.amountFen);
      for (const c of from.appropriations) addToCellLike(merged, yearNumber, "appropriation", c, c.amountFen);
      for (const c of from.nonTax) addToCellLike(merged, yearNumber, "nonTax", c, c.amountFen);
      for (const c of from.procurement) addProcurement(into, c.procurement, c.supplierSize, c.amountFen, c.count);
      for (const c of from.balances) {
        const target = balanceCell(into, c.unit, c.fund, c.functional);
        for (const field of ["openingCarriedFen", "openingReserveFen", "distributedFen", "usedFen", "closedCarriedFen", "closedReserveFen"] as const) {
          target[field] = addFen(target[field], c[field]);
        }
      }
      for (const unit of from.closedUnits) into.closedUnits.add(unit);
    }
  }
  return merged;
}
