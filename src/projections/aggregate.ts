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
import { assertNever, type AppropriationMade, type ExpenditureRecorded, type LedgerEvent, type ReceiptRecorded, type YearClosed } from "../events/types.js";

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
 * @throws FenOverflowError when a sum leaves the safe-integer range
 */
export function applyEvent(aggregate: Aggregate, event: LedgerEvent, sign: 1 | -1 = 1): void {
  switch (event.type) {
    case "unitRegistered":
      if (sign === 1) aggregate.units.set(event.unit, { id: event.unit, name: event.name, kind: event.kind, parent: event.parent, year: event.year });
      else aggregate.units.delete(event.unit);
      return;
    case "receiptRecorded":
      addReceipt(yearOf(aggregate, event.year), event, sign * event.amountFen);
      return;
    case "expenditureRecorded":
      addExpenditure(yearOf(aggregate, event.year), event, sign * event.amountFen);
      return;
    case "appropriationMade":
      addAppropriation(yearOf(aggregate, event.year), event, sign * event.amountFen);
      return;
    case "nonTaxRevenueCollected":
      addNonTax(yearOf(aggregate, event.year), event.line, event.management, sign * event.amountFen);
      return;
    case "procurementAwarded":
      addProcurement(yearOf(aggregate, event.year), event.procurement, event.supplierSize, sign * event.amountFen, sign);
      return;
    case "surplusDistributed": {
      const cell = balanceCell(yearOf(aggregate, event.year), event.unit, event.fund, event.functional);
      cell.distributedFen = addFen(cell.distributedFen, sign * event.amountFen);
      return;
    }
    case "surplusUsed": {
      const cell = balanceCell(yearOf(aggregate, event.year), event.unit, event.fund, event.functional);
      cell.usedFen = addFen(cell.usedFen, sign * event.amountFen);
      return;
    }
    case "balanceOpened": {
      const cell = balanceCell(yearOf(aggregate, event.year), event.unit, event.fund, event.functional);
      if (event.balance === "carried") cell.openingCarriedFen = addFen(cell.openingCarriedFen, sign * event.amountFen);
      else cell.openingReserveFen = addFen(cell.openingReserveFen, sign * event.amountFen);
      return;
    }
    case "yearClosed":
      applyClose(aggregate, event, sign);
      return;
    case "eventReversed":
      applyEvent(aggregate, event.reverses, sign === 1 ? -1 : 1);
      return;
    default:
      assertNever(event);
  }
}

function addReceipt(year: YearAggregate, event: ReceiptRecorded, amountFen: number): void {
  const leaf = level(level(year.index.receipts, event.unit), event.source);
  const cell = leaf.get(event.functional);
  if (cell !== undefined) {
    cell.amountFen = addFen(cell.amountFen, amountFen);
    return;
  }
  const created = { unit: event.unit, source: event.source, functional: event.functional, amountFen };
  leaf.set(event.functional, created);
  year.receipts.push(created);
}

function addExpenditure(year: YearAggregate, event: ExpenditureRecorded, amountFen: number): void {
  const project = event.project ?? "";
  const leaf = level(level(level(level(level(year.index.expenditures, event.unit), event.fund), event.functional), event.economic), event.category);
  const cell = leaf.get(project);
  if (cell !== undefined) {
    cell.amountFen = addFen(cell.amountFen, amountFen);
    return;
  }
  const created = {
    unit: event.unit, fund: event.fund, functional: event.functional, economic: event.economic,
    category: event.category, project: event.project ?? null, amountFen,
  };
  leaf.set(project, created);
  year.expenditures.push(created);
}

function addAppropriation(year: YearAggregate, event: AppropriationMade, amountFen: number): void {
  const economic = event.economic ?? "";
  const project = event.project ?? "";
  const leaf = level(level(level(level(level(level(year.index.appropriations, event.unit), event.fund), event.functional), event.category), economic), project);
  const cell = leaf.get(event.stage);
  if (cell !== undefined) {
    cell.amountFen = addFen(cell.amountFen, amountFen);
    return;
  }
  const created = {
    unit: event.unit, fund: event.fund, functional: event.functional, category: event.category,
    economic: event.economic ?? null, project: event.project ?? null, stage: event.stage, amountFen,
  };
  leaf.set(event.stage, created);
  year.appropriations.push(created);
}

function addNonTax(year: YearAggregate, line: string, management: NonTaxManagement, amountFen: number): void {
  const leaf = level(year.index.nonTax, line);
  const cell = leaf.get(management);
  if (cell !== undefined) {
    cell.amountFen = addFen(cell.amountFen, amountFen);
    return;
  }
  const created = { line, management, amountFen };
  leaf.set(management, created);
  year.nonTax.push(created);
}

function addProcurement(year: YearAggregate, procurement: ProcurementKind, supplierSize: SupplierSize, amountFen: number, count: number): void {
  const leaf = level(year.index.procurement, procurement);
  const cell = leaf.get(supplierSize);
  if (cell !== undefined) {
    cell.amountFen = addFen(cell.amountFen, amountFen);
    cell.count += count;
    return;
  }
  const created = { procurement, supplierSize, amountFen, count };
  leaf.set(supplierSize, created);
  year.procurement.push(created);
}

function applyClose(aggregate: Aggregate, event: YearClosed, sign: 1 | -1): void {
  const closed = yearOf(aggregate, event.year);
  const next = yearOf(aggregate, event.year + 1);
  if (sign === 1) closed.closedUnits.add(event.unit);
  else closed.closedUnits.delete(event.unit);
  for (const balance of event.balances) {
    const carried = sign * balance.carriedFen;
    const reserve = sign * balance.reserveFen;
    const here = balanceCell(closed, event.unit, balance.fund, balance.functional);
    here.closedCarriedFen = addFen(here.closedCarriedFen, carried);
    here.closedReserveFen = addFen(here.closedReserveFen, reserve);
    const there = balanceCell(next, event.unit, balance.fund, balance.functional);
    there.openingCarriedFen = addFen(there.openingCarriedFen, carried);
    there.openingReserveFen = addFen(there.openingReserveFen, reserve);
  }
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
      const envelope = { schema: 1 as const, year: yearNumber, id: "" };
      for (const c of from.receipts) addReceipt(into, { ...envelope, type: "receiptRecorded", unit: c.unit, source: c.source, functional: c.functional, amountFen: c.amountFen }, c.amountFen);
      for (const c of from.expenditures) {
        applyEvent(merged, {
          ...envelope, type: "expenditureRecorded", unit: c.unit, fund: c.fund, functional: c.functional, economic: c.economic,
          category: c.category, ...(c.project === null ? {} : { project: c.project }), amountFen: c.amountFen,
        });
      }
      for (const c of from.appropriations) {
        applyEvent(merged, {
          ...envelope, type: "appropriationMade", unit: c.unit, fund: c.fund, functional: c.functional, category: c.category,
          ...(c.economic === null ? {} : { economic: c.economic }), ...(c.project === null ? {} : { project: c.project }),
          stage: c.stage, amountFen: c.amountFen,
        });
      }
      for (const c of from.nonTax) addNonTax(into, c.line, c.management, c.amountFen);
      for (const c of from.procurement) addProcurement(into, c.procurement, c.supplierSize, c.amountFen, c.count);
      for (const c of from.balances) {
        const target = balanceCell(into, c.unit, c.fund, c.functional);
        target.openingCarriedFen = addFen(target.openingCarriedFen, c.openingCarriedFen);
        target.openingReserveFen = addFen(target.openingReserveFen, c.openingReserveFen);
        target.distributedFen = addFen(target.distributedFen, c.distributedFen);
        target.usedFen = addFen(target.usedFen, c.usedFen);
        target.closedCarriedFen = addFen(target.closedCarriedFen, c.closedCarriedFen);
        target.closedReserveFen = addFen(target.closedReserveFen, c.closedReserveFen);
      }
      for (const unit of from.closedUnits) into.closedUnits.add(unit);
    }
  }
  return merged;
}
