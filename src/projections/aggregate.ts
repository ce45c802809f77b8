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
import { assertNever, type LedgerEvent } from "../events/types.js";

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

/** Everything summed for one year. */
export interface YearAggregate {
  readonly year: number;
  readonly receipts: Map<string, ReceiptCell>;
  readonly expenditures: Map<string, ExpenditureCell>;
  readonly appropriations: Map<string, AppropriationCell>;
  readonly balances: Map<string, BalanceCell>;
  readonly nonTax: Map<string, NonTaxCell>;
  readonly procurement: Map<string, ProcurementCell>;
  /** Units whose year is closed (yearClosed events of this year). */
  readonly closedUnits: Set<string>;
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
    receipts: new Map(),
    expenditures: new Map(),
    appropriations: new Map(),
    balances: new Map(),
    nonTax: new Map(),
    procurement: new Map(),
    closedUnits: new Set(),
  };
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
  const key = `${unit}\u001f${fund}\u001f${functional}`;
  let cell = year.balances.get(key);
  if (cell === undefined) {
    cell = {
      unit, fund, functional,
      openingCarriedFen: 0, openingReserveFen: 0, distributedFen: 0, usedFen: 0, closedCarriedFen: 0, closedReserveFen: 0,
    };
    year.balances.set(key, cell);
  }
  return cell;
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
    case "receiptRecorded": {
      const year = yearOf(aggregate, event.year);
      const key = `${event.unit}\u001f${event.source}\u001f${event.functional}`;
      const cell = year.receipts.get(key);
      if (cell === undefined) {
        year.receipts.set(key, { unit: event.unit, source: event.source, functional: event.functional, amountFen: sign * event.amountFen });
      } else cell.amountFen = addFen(cell.amountFen, sign * event.amountFen);
      return;
    }
    case "expenditureRecorded": {
      const year = yearOf(aggregate, event.year);
      const project = event.project ?? null;
      const key = `${event.unit}\u001f${event.fund}\u001f${event.functional}\u001f${event.economic}\u001f${event.category}\u001f${project ?? ""}`;
      const cell = year.expenditures.get(key);
      if (cell === undefined) {
        year.expenditures.set(key, {
          unit: event.unit, fund: event.fund, functional: event.functional, economic: event.economic,
          category: event.category, project, amountFen: sign * event.amountFen,
        });
      } else cell.amountFen = addFen(cell.amountFen, sign * event.amountFen);
      return;
    }
    case "appropriationMade": {
      const year = yearOf(aggregate, event.year);
      const economic = event.economic ?? null;
      const project = event.project ?? null;
      const key = `${event.unit}\u001f${event.fund}\u001f${event.functional}\u001f${event.category}\u001f${economic ?? ""}\u001f${project ?? ""}\u001f${event.stage}`;
      const cell = year.appropriations.get(key);
      if (cell === undefined) {
        year.appropriations.set(key, {
          unit: event.unit, fund: event.fund, functional: event.functional, category: event.category,
          economic, project, stage: event.stage, amountFen: sign * event.amountFen,
        });
      } else cell.amountFen = addFen(cell.amountFen, sign * event.amountFen);
      return;
    }
    case "nonTaxRevenueCollected": {
      const year = yearOf(aggregate, event.year);
      const key = `${event.line}\u001f${event.management}`;
      const cell = year.nonTax.get(key);
      if (cell === undefined) year.nonTax.set(key, { line: event.line, management: event.management, amountFen: sign * event.amountFen });
      else cell.amountFen = addFen(cell.amountFen, sign * event.amountFen);
      return;
    }
    case "procurementAwarded": {
      const year = yearOf(aggregate, event.year);
      const key = `${event.procurement}\u001f${event.supplierSize}`;
      const cell = year.procurement.get(key);
      if (cell === undefined) {
        year.procurement.set(key, { procurement: event.procurement, supplierSize: event.supplierSize, amountFen: sign * event.amountFen, count: sign });
      } else {
        cell.amountFen = addFen(cell.amountFen, sign * event.amountFen);
        cell.count += sign;
      }
      return;
    }
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
    case "yearClosed": {
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
      return;
    }
    case "eventReversed":
      applyEvent(aggregate, event.reverses, sign === 1 ? -1 : 1);
      return;
    default:
      assertNever(event);
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

function mergeSummed<C extends Summed>(into: Map<string, C>, from: ReadonlyMap<string, C>, extra?: (into: C, from: C) => void): void {
  for (const [key, cell] of from) {
    const existing = into.get(key);
    if (existing === undefined) into.set(key, { ...cell });
    else {
      existing.amountFen = addFen(existing.amountFen, cell.amountFen);
      extra?.(existing, cell);
    }
  }
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
    for (const [year, from] of source.years) {
      const into = yearOf(merged, year);
      mergeSummed(into.receipts, from.receipts);
      mergeSummed(into.expenditures, from.expenditures);
      mergeSummed(into.appropriations, from.appropriations);
      mergeSummed(into.nonTax, from.nonTax);
      mergeSummed(into.procurement, from.procurement, (a, b) => {
        a.count += b.count;
      });
      for (const [key, cell] of from.balances) {
        const target = into.balances.get(key);
        if (target === undefined) into.balances.set(key, { ...cell });
        else {
          target.openingCarriedFen = addFen(target.openingCarriedFen, cell.openingCarriedFen);
          target.openingReserveFen = addFen(target.openingReserveFen, cell.openingReserveFen);
          target.distributedFen = addFen(target.distributedFen, cell.distributedFen);
          target.usedFen = addFen(target.usedFen, cell.usedFen);
          target.closedCarriedFen = addFen(target.closedCarriedFen, cell.closedCarriedFen);
          target.closedReserveFen = addFen(target.closedReserveFen, cell.closedReserveFen);
        }
      }
      for (const unit of from.closedUnits) into.closedUnits.add(unit);
    }
  }
  return merged;
}
