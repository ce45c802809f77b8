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
  type EquipmentKind,
  type EvaluationKind,
  type ExpenditureRecorded,
  type Guests,
  type IndicatorClass,
  type IndicatorDimension,
  type LedgerEvent,
  type PerformanceGoalEvaluated,
  type PerformanceIndicatorEvaluated,
  type ReceiptRecorded,
  type SurplusDistributed,
  type SurplusUsed,
  type VehiclePurpose,
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

/** Vehicles by unit and purpose: bought in the year, held at its end. */
export interface VehicleCell {
  readonly unit: string;
  readonly purpose: VehiclePurpose;
  /** 公务用车购置数. */
  purchased: number;
  /** Vehicles held at the year's end (保有量). */
  held: number;
}

/** Equipment held at the year's end by unit, kind and unit price. */
export interface EquipmentCell {
  readonly unit: string;
  readonly equipment: EquipmentKind;
  readonly unitPriceFen: number;
  /** Items (台、套). */
  count: number;
}

/** Official receptions by unit and kind of guests. */
export interface ReceptionCell {
  readonly unit: string;
  readonly guests: Guests;
  /** Receptions (次) or delegations (团组). */
  receptions: number;
  /** Persons received. */
  visitors: number;
}

/** Official visits abroad by unit. */
export interface OverseasCell {
  readonly unit: string;
  /** Groups (团组). */
  groups: number;
  /** Person-trips (人次). */
  persons: number;
}

/** Performance evaluations of a project by unit and kind (self or key). */
export interface EvaluationCell {
  readonly unit: string;
  readonly project: string;
  readonly evaluation: EvaluationKind;
  /** Evaluation events (reversals subtract one); the project counts as evaluated when positive. */
  count: number;
}

/**
 * A recorded text-bearing fact (a goal or an indicator of a self-evaluation),
 * kept whole and keyed by its event's id: text is not summed, so the fold
 * counts each fact in (1) and out (−1), which keeps it commutative.
 */
interface Recorded {
  /** The id of the event that recorded it. */
  readonly id: string;
  readonly unit: string;
  readonly project: string;
  /** 1 while recorded, 0 once reversed (a partial fold of a reversal alone holds −1). */
  count: number;
}

/** The heading of a project's self-evaluation table, as recorded. */
export interface GoalCell extends Recorded, Pick<PerformanceGoalEvaluated, "goal" | "outcome" | "budgetWeight"> {}

/** One indicator of a project's self-evaluation, as recorded. */
export interface IndicatorCell extends Recorded, Pick<PerformanceIndicatorEvaluated, "name" | "target" | "actual" | "weight" | "score" | "reason"> {
  readonly indicatorClass: IndicatorClass;
  readonly dimension: IndicatorDimension;
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
  /** unit › purpose. */
  readonly vehicles: Level<Level<VehicleCell>>;
  /** unit › equipment kind › unit price (decimal digits). */
  readonly equipment: Level<Level<Level<EquipmentCell>>>;
  /** unit › guests. */
  readonly receptions: Level<Level<ReceptionCell>>;
  /** unit. */
  readonly overseas: Level<OverseasCell>;
  /** unit › project › evaluation kind. */
  readonly evaluations: Level<Level<Level<EvaluationCell>>>;
  /** unit › project › event id. */
  readonly goals: Level<Level<Level<GoalCell>>>;
  /** unit › project › event id. */
  readonly indicators: Level<Level<Level<IndicatorCell>>>;
}

/**
 * Where the fold finds the receipt, expenditure and appropriation cells:
 * every such cell of the year, keyed by a 32-bit hash of its coordinates
 * (the cells whose hashes collide share a bucket, each checked field by
 * field). Complete, so a miss means a new cell: the fold never walks the
 * {@link YearIndex} for these kinds, whose maps are built from the cells
 * only when something reads them, and kept current from then on. Made from
 * the year's cells on the first fold into the year, so any year (one read
 * from a snapshot, one summed in SQL) can be folded into.
 */
interface CellCache {
  readonly receipts: Map<number, Bucket<ReceiptCell>>;
  readonly expenditures: Map<number, Bucket<ExpenditureCell>>;
  readonly appropriations: Map<number, Bucket<AppropriationCell>>;
}

/** The cells under one hash: one (almost always), or those whose hashes collide. */
type Bucket<C> = C | C[];

/** Where a year keeps its {@link CellCache}: a property no table, merge or serialisation reads. */
const CELL_CACHE = Symbol("cellCache");

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
  /** Vehicles bought and held. */
  readonly vehicles: VehicleCell[];
  /** Equipment held. */
  readonly equipment: EquipmentCell[];
  /** Official receptions. */
  readonly receptions: ReceptionCell[];
  /** Official visits abroad. */
  readonly overseas: OverseasCell[];
  /** Performance evaluations of projects. */
  readonly evaluations: EvaluationCell[];
  /** Headings of self-evaluation tables. */
  readonly goals: GoalCell[];
  /** Indicators of self-evaluation tables. */
  readonly indicators: IndicatorCell[];
  /** Units whose year is closed (yearClosed events of this year). */
  readonly closedUnits: Set<string>;
  /** The fold's lookup structure over the cells. */
  readonly index: YearIndex;
  /** The fold's cache of cells by hash (see {@link CellCache}), made on the first fold into the year. */
  readonly [CELL_CACHE]?: CellCache;
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
  const made: YearAggregate = {
    year,
    receipts: [],
    expenditures: [],
    appropriations: [],
    balances: [],
    nonTax: [],
    procurement: [],
    vehicles: [],
    equipment: [],
    receptions: [],
    overseas: [],
    evaluations: [],
    goals: [],
    indicators: [],
    closedUnits: new Set(),
    index: {
      receipts: new Map(), expenditures: new Map(), appropriations: new Map(), balances: new Map(), nonTax: new Map(), procurement: new Map(),
      vehicles: new Map(), equipment: new Map(), receptions: new Map(), overseas: new Map(), evaluations: new Map(), goals: new Map(), indicators: new Map(),
    },
  };
  // The fold finds these kinds by the cell cache: their maps are built only for a reader.
  indexLazily(made, CACHED_KINDS);
  return made;
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

/** The year's cell cache, made from its cells on first use. */
function cacheOf(year: YearAggregate): CellCache {
  let cache = year[CELL_CACHE];
  if (cache === undefined) {
    cache = { receipts: new Map(), expenditures: new Map(), appropriations: new Map() };
    for (const cell of year.receipts) put(cache.receipts, receiptHash(cell), cell);
    for (const cell of year.expenditures) put(cache.expenditures, expenditureHash(cell), cell);
    for (const cell of year.appropriations) put(cache.appropriations, appropriationHash(cell), cell);
    // Not enumerable: comparisons, copies and serialisations of a year see its cells only.
    Object.defineProperty(year, CELL_CACHE, { value: cache, enumerable: false, writable: false, configurable: false });
  }
  return cache;
}

/** Adds a cell to its hash's bucket. */
function put<C extends object>(cache: Map<number, Bucket<C>>, hash: number, cell: C): void {
  const found = cache.get(hash);
  if (found === undefined) cache.set(hash, cell);
  else if (Array.isArray(found)) found.push(cell);
  else cache.set(hash, [found, cell]);
}

/** The cell of a bucket that has an event's coordinates. */
function pick<C extends object, E>(found: Bucket<C> | undefined, same: (cell: C, event: E) => boolean, event: E): C | undefined {
  if (found === undefined) return undefined;
  if (!Array.isArray(found)) return same(found, event) ? found : undefined;
  for (const cell of found) if (same(cell, event)) return cell;
  return undefined;
}

/** Whether a receipt cell has a receipt's coordinates. */
function sameReceipt(c: ReceiptCell, e: ReceiptCoordinates): boolean {
  return c.unit === e.unit && c.source === e.source && c.functional === e.functional;
}

/** Whether an expenditure cell has an expenditure's coordinates (no project: null in the cell, absent in the event). */
function sameExpenditure(c: ExpenditureCell, e: ExpenditureCoordinates): boolean {
  return (
    c.unit === e.unit && c.fund === e.fund && c.functional === e.functional && c.economic === e.economic && c.category === e.category &&
    (c.project ?? "") === (e.project ?? "")
  );
}

/** Whether an appropriation cell has an appropriation's coordinates. */
function sameAppropriation(c: AppropriationCell, e: AppropriationCoordinates): boolean {
  return (
    c.unit === e.unit && c.fund === e.fund && c.functional === e.functional && c.category === e.category &&
    (c.economic ?? "") === (e.economic ?? "") && (c.project ?? "") === (e.project ?? "") && c.stage === e.stage
  );
}

/** The kinds the cell cache holds, whose index is built only for a reader. */
const CACHED_KINDS = ["receipts", "expenditures", "appropriations"] as const satisfies readonly (keyof YearIndex)[];

/** Whether a kind's maps of a year's index are built (not still waiting, lazily, for their first reader). */
function indexBuilt(year: YearAggregate, kind: keyof YearIndex): boolean {
  return Object.getOwnPropertyDescriptor(year.index, kind)?.get === undefined;
}

/**
 * FNV-1a over a text, continuing from `hash`, with a separator after it (so
 * "ab"+"c" ≠ "a"+"bc"): how the fold's cache, and the stores' cell numbers,
 * hash coordinates.
 *
 * @param hash - the hash so far (a kind's seed to begin)
 * @param text - the next coordinate
 * @returns the hash continued
 * @internal
 */
export function mix(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return Math.imul(h ^ 0x1f, 0x01000193);
}

/** The seed of each kind's hash. */
const RECEIPT_SEED = 0x811c9dc5 | 0;
const EXPENDITURE_SEED = 0x050c5d1f;
const APPROPRIATION_SEED = 0x2f0b3c4d;

/**
 * The hash under which the fold's cache keeps a receipt cell. Exported for
 * the tests that make two cells collide; nothing else needs it.
 *
 * @param c - the cell's coordinates
 * @returns a 32-bit hash
 * @internal
 */
export function receiptHash(c: ReceiptCoordinates): number {
  return mix(mix(mix(RECEIPT_SEED, c.unit), c.source), c.functional);
}

/**
 * The hash under which the fold's cache keeps an expenditure cell.
 *
 * @param c - the cell's coordinates
 * @returns a 32-bit hash
 * @internal
 */
export function expenditureHash(c: ExpenditureCoordinates): number {
  return mix(mix(mix(mix(mix(mix(EXPENDITURE_SEED, c.unit), c.fund), c.functional), c.economic), c.category), c.project ?? "");
}

/**
 * The hash under which the fold's cache keeps an appropriation cell.
 *
 * @param c - the cell's coordinates
 * @returns a 32-bit hash
 * @internal
 */
export function appropriationHash(c: AppropriationCoordinates): number {
  return mix(mix(mix(mix(mix(mix(mix(APPROPRIATION_SEED, c.unit), c.fund), c.functional), c.category), c.economic ?? ""), c.project ?? ""), c.stage);
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
    case "vehiclesPurchased":
      addVehicles(yearOf(aggregate, event.year), event.unit, event.purpose, sign * event.count, 0);
      return undefined;
    case "vehiclesHeld":
      addVehicles(yearOf(aggregate, event.year), event.unit, event.purpose, 0, sign * event.count);
      return undefined;
    case "equipmentHeld":
      addEquipment(yearOf(aggregate, event.year), event.unit, event.equipment, event.unitPriceFen, sign * event.count);
      return undefined;
    case "receptionsHosted":
      addReceptions(yearOf(aggregate, event.year), event.unit, event.guests, sign * event.receptions, sign * event.visitors);
      return undefined;
    case "overseasVisitsMade":
      addOverseas(yearOf(aggregate, event.year), event.unit, sign * event.groups, sign * event.persons);
      return undefined;
    case "performanceEvaluated":
      addEvaluation(yearOf(aggregate, event.year), event.unit, event.project, event.evaluation, sign);
      return undefined;
    case "performanceGoalEvaluated": {
      const { id, unit, project, goal, outcome, budgetWeight } = event;
      addRecorded(yearOf(aggregate, event.year), "goals", { id, unit, project, goal, outcome, budgetWeight, count: 0 }, sign);
      return undefined;
    }
    case "performanceIndicatorEvaluated": {
      const { id, unit, project, indicatorClass, dimension, name, target, actual, weight, score, reason } = event;
      addRecorded(yearOf(aggregate, event.year), "indicators", { id, unit, project, indicatorClass, dimension, name, target, actual, weight, score, reason, count: 0 }, sign);
      return undefined;
    }
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
 * do otherwise (units, procurement with its count, year closes, and the
 * reported facts — counts, holdings, evaluations — which add no amount).
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

/** What places a receipt in its cell. */
export type ReceiptCoordinates = Pick<ReceiptRecorded, "unit" | "source" | "functional">;
/** What places an expenditure in its cell. */
export type ExpenditureCoordinates = Pick<ExpenditureRecorded, "unit" | "fund" | "functional" | "economic" | "category"> & {
  /** None: absent (an event) or null (a cell). */
  readonly project?: string | null | undefined;
};
/** What places an appropriation in its cell (none: absent in an event, null in a cell). */
export type AppropriationCoordinates = Pick<AppropriationMade, "unit" | "fund" | "functional" | "category" | "stage"> & {
  readonly economic?: string | null | undefined;
  readonly project?: string | null | undefined;
};

function addReceipt(year: YearAggregate, event: ReceiptCoordinates, amountFen: number): ReceiptCell {
  const cache = cacheOf(year).receipts;
  const hash = receiptHash(event);
  const found = cache.get(hash);
  const hit = found !== undefined && !Array.isArray(found) && sameReceipt(found, event) ? found : pick(found, sameReceipt, event);
  if (hit !== undefined) {
    hit.amountFen = addFen(hit.amountFen, amountFen);
    return hit;
  }
  const cell: ReceiptCell = { unit: event.unit, source: event.source, functional: event.functional, amountFen };
  year.receipts.push(cell);
  put(cache, hash, cell);
  if (indexBuilt(year, "receipts")) level(level(year.index.receipts, cell.unit), cell.source).set(cell.functional, cell);
  return cell;
}

function addExpenditure(year: YearAggregate, event: ExpenditureCoordinates, amountFen: number): ExpenditureCell {
  const cache = cacheOf(year).expenditures;
  const hash = expenditureHash(event);
  const found = cache.get(hash);
  const hit = found !== undefined && !Array.isArray(found) && sameExpenditure(found, event) ? found : pick(found, sameExpenditure, event);
  if (hit !== undefined) {
    hit.amountFen = addFen(hit.amountFen, amountFen);
    return hit;
  }
  const cell: ExpenditureCell = {
    unit: event.unit, fund: event.fund, functional: event.functional, economic: event.economic,
    category: event.category, project: event.project ?? null, amountFen,
  };
  year.expenditures.push(cell);
  put(cache, hash, cell);
  if (indexBuilt(year, "expenditures")) {
    level(level(level(level(level(year.index.expenditures, cell.unit), cell.fund), cell.functional), cell.economic), cell.category).set(cell.project ?? "", cell);
  }
  return cell;
}

function addAppropriation(year: YearAggregate, event: AppropriationCoordinates, amountFen: number): AppropriationCell {
  const cache = cacheOf(year).appropriations;
  const hash = appropriationHash(event);
  const found = cache.get(hash);
  const hit = found !== undefined && !Array.isArray(found) && sameAppropriation(found, event) ? found : pick(found, sameAppropriation, event);
  if (hit !== undefined) {
    hit.amountFen = addFen(hit.amountFen, amountFen);
    return hit;
  }
  const cell: AppropriationCell = {
    unit: event.unit, fund: event.fund, functional: event.functional, category: event.category,
    economic: event.economic ?? null, project: event.project ?? null, stage: event.stage, amountFen,
  };
  year.appropriations.push(cell);
  put(cache, hash, cell);
  if (indexBuilt(year, "appropriations")) {
    const index = year.index.appropriations;
    level(level(level(level(level(level(index, cell.unit), cell.fund), cell.functional), cell.category), cell.economic ?? ""), cell.project ?? "").set(cell.stage, cell);
  }
  return cell;
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

/**
 * Adds summed procurements (their amount and how many) to the cell of a
 * kind and supplier size — what folding them one by one would add.
 *
 * @param aggregate - the aggregate
 * @param year - their year
 * @param procurement - goods, works or services
 * @param supplierSize - the size of the supplier
 * @param amountFen - their amounts' sum
 * @param count - how many (reversals counting −1)
 * @throws FenOverflowError when the sum leaves the safe integers
 */
export function addProcurementSums(aggregate: Aggregate, year: number, procurement: ProcurementKind, supplierSize: SupplierSize, amountFen: number, count: number): void {
  addProcurement(yearOf(aggregate, year), procurement, supplierSize, amountFen, count);
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

function addVehicles(year: YearAggregate, unit: string, purpose: VehiclePurpose, purchased: number, held: number): VehicleCell {
  const leaf = level(year.index.vehicles, unit);
  const cell = leaf.get(purpose);
  if (cell !== undefined) {
    // Counts are safe integers too: the same checked addition as fen, so an overflow leaves the cell unchanged.
    const nextPurchased = addFen(cell.purchased, purchased);
    cell.held = addFen(cell.held, held);
    cell.purchased = nextPurchased;
    return cell;
  }
  const created = { unit, purpose, purchased, held };
  leaf.set(purpose, created);
  year.vehicles.push(created);
  return created;
}

function addEquipment(year: YearAggregate, unit: string, equipment: EquipmentKind, unitPriceFen: number, count: number): EquipmentCell {
  const leaf = level(level(year.index.equipment, unit), equipment);
  const price = String(unitPriceFen);
  const cell = leaf.get(price);
  if (cell !== undefined) {
    cell.count = addFen(cell.count, count);
    return cell;
  }
  const created = { unit, equipment, unitPriceFen, count };
  leaf.set(price, created);
  year.equipment.push(created);
  return created;
}

function addReceptions(year: YearAggregate, unit: string, guests: Guests, receptions: number, visitors: number): ReceptionCell {
  const leaf = level(year.index.receptions, unit);
  const cell = leaf.get(guests);
  if (cell !== undefined) {
    const nextReceptions = addFen(cell.receptions, receptions);
    cell.visitors = addFen(cell.visitors, visitors);
    cell.receptions = nextReceptions;
    return cell;
  }
  const created = { unit, guests, receptions, visitors };
  leaf.set(guests, created);
  year.receptions.push(created);
  return created;
}

function addOverseas(year: YearAggregate, unit: string, groups: number, persons: number): OverseasCell {
  const cell = year.index.overseas.get(unit);
  if (cell !== undefined) {
    const nextGroups = addFen(cell.groups, groups);
    cell.persons = addFen(cell.persons, persons);
    cell.groups = nextGroups;
    return cell;
  }
  const created = { unit, groups, persons };
  year.index.overseas.set(unit, created);
  year.overseas.push(created);
  return created;
}

function addEvaluation(year: YearAggregate, unit: string, project: string, evaluation: EvaluationKind, count: number): EvaluationCell {
  const leaf = level(level(year.index.evaluations, unit), project);
  const cell = leaf.get(evaluation);
  if (cell !== undefined) {
    cell.count = addFen(cell.count, count);
    return cell;
  }
  const created = { unit, project, evaluation, count };
  leaf.set(evaluation, created);
  year.evaluations.push(created);
  return created;
}

/** Counts a recorded fact in (`count` 1) or out (−1); `like` gives its fields, its own count is ignored. */
function addRecorded<K extends "goals" | "indicators">(year: YearAggregate, kind: K, like: YearAggregate[K][number], count: number): void {
  const leaf = level(level(year.index[kind] as Level<Level<Level<Recorded>>>, like.unit), like.project);
  const cell = leaf.get(like.id);
  if (cell !== undefined) {
    cell.count = addFen(cell.count, count);
    return;
  }
  const created = { ...like, count };
  leaf.set(like.id, created);
  (year[kind] as Recorded[]).push(created);
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
  addAggregate(merged, left);
  addAggregate(merged, right);
  return merged;
}

/**
 * Adds one aggregate into another in place: `into` becomes the aggregate of
 * its events and `from`'s. Cells new to `into` are added in `from`'s order.
 * Not atomic: an overflow part-way leaves `into` part-merged, so a caller
 * that must not change on failure checks {@link largestMagnitude} first.
 *
 * @param into - the aggregate that grows
 * @param from - the aggregate added (not changed)
 * @throws {@link FenOverflowError} when a sum leaves the safe integers
 */
export function addAggregate(into: Aggregate, from: Aggregate): void {
  for (const [id, unit] of from.units) into.units.set(id, unit);
  for (const [yearNumber, source] of from.years) addYear(into, yearNumber, source);
}

/** Adds one year's cells (and closed units) to an aggregate's year of that number. */
function addYear(into: Aggregate, yearNumber: number, source: YearAggregate): void {
  const target = yearOf(into, yearNumber);
  for (const c of source.receipts) addToCellLike(into, yearNumber, "receipt", c, c.amountFen);
  for (const c of source.expenditures) addToCellLike(into, yearNumber, "expenditure", c, c.amountFen);
  for (const c of source.appropriations) addToCellLike(into, yearNumber, "appropriation", c, c.amountFen);
  for (const c of source.nonTax) addToCellLike(into, yearNumber, "nonTax", c, c.amountFen);
  for (const c of source.procurement) addProcurement(target, c.procurement, c.supplierSize, c.amountFen, c.count);
  for (const c of source.vehicles) addVehicles(target, c.unit, c.purpose, c.purchased, c.held);
  for (const c of source.equipment) addEquipment(target, c.unit, c.equipment, c.unitPriceFen, c.count);
  for (const c of source.receptions) addReceptions(target, c.unit, c.guests, c.receptions, c.visitors);
  for (const c of source.overseas) addOverseas(target, c.unit, c.groups, c.persons);
  for (const c of source.evaluations) addEvaluation(target, c.unit, c.project, c.evaluation, c.count);
  for (const c of source.goals) addRecorded(target, "goals", c, c.count);
  for (const c of source.indicators) addRecorded(target, "indicators", c, c.count);
  for (const c of source.balances) {
    const cell = balanceCell(target, c.unit, c.fund, c.functional);
    for (const field of ["openingCarriedFen", "openingReserveFen", "distributedFen", "usedFen", "closedCarriedFen", "closedReserveFen"] as const) {
      cell[field] = addFen(cell[field], c[field]);
    }
  }
  for (const unit of source.closedUnits) target.closedUnits.add(unit);
}

/** The cells a year holds. */
function cellCount(year: YearAggregate): number {
  let count = 0;
  for (const kind of CELL_ARRAYS) count += year[kind].length;
  return count;
}

/**
 * {@link addAggregate} for an aggregate given up: a year `into` has not got
 * is taken over whole, and of a year both have, the one with fewer cells is
 * added to the other — the work is that of the smaller side. The sums are
 * those of adding; the order of cells in a year's arrays may differ (tables
 * do not depend on it). `from` must not be used afterwards, and no
 * reference to a year of either aggregate kept: `into`'s years may now be
 * `from`'s objects.
 *
 * @param into - the aggregate that grows
 * @param from - the aggregate given up
 * @throws {@link FenOverflowError} when a sum leaves the safe integers
 */
export function adoptAggregate(into: Aggregate, from: Aggregate): void {
  for (const [id, unit] of from.units) into.units.set(id, unit);
  for (const [yearNumber, year] of from.years) {
    const own = into.years.get(yearNumber);
    if (own === undefined) into.years.set(yearNumber, year);
    else if (cellCount(year) > cellCount(own)) {
      into.years.set(yearNumber, year);
      addYear(into, yearNumber, own);
    } else addYear(into, yearNumber, year);
  }
}

/**
 * The largest magnitude of any number an aggregate's cells hold (sums,
 * counts, scores): with a bound on what is added to it, it tells whether an
 * addition could leave the safe integers, before anything is added.
 *
 * @param aggregate - an aggregate
 * @returns the largest absolute value among its cells' numbers (0 when none)
 */
export function largestMagnitude(aggregate: Aggregate): number {
  let largest = 0;
  const take = (value: number): void => {
    const magnitude = Math.abs(value);
    if (magnitude > largest) largest = magnitude;
  };
  for (const year of aggregate.years.values()) {
    // The kinds that hold most cells have one number each, read directly; the rest are walked.
    for (const cell of year.receipts) take(cell.amountFen);
    for (const cell of year.expenditures) take(cell.amountFen);
    for (const cell of year.appropriations) take(cell.amountFen);
    for (const kind of CELL_ARRAYS) {
      if (kind === "receipts" || kind === "expenditures" || kind === "appropriations") continue;
      for (const cell of year[kind]) for (const value of Object.values(cell)) if (typeof value === "number") take(value);
    }
  }
  return largest;
}

/** The arrays of cells a year holds. */
const CELL_ARRAYS = [
  "receipts", "expenditures", "appropriations", "nonTax", "procurement", "vehicles", "equipment", "receptions", "overseas",
  "evaluations", "goals", "indicators", "balances",
] as const satisfies readonly (keyof YearAggregate)[];

/**
 * What an aggregate held, for {@link dropSince} to cut back to: for each year
 * in turn, the year and its count of cells of each kind ({@link CELL_ARRAYS}
 * order), in one flat list (taken before every batch: one allocation).
 */
export type AggregateMark = readonly number[];

/** Entries of a mark per year: the year and a count per kind. */
const MARK_STRIDE = 1 + CELL_ARRAYS.length;

/**
 * Marks what an aggregate holds, before events are folded in that may be
 * folded back out.
 *
 * @param aggregate - the aggregate
 * @returns its years and each year's count of cells of each kind
 */
export function markOf(aggregate: Aggregate): AggregateMark {
  const mark = new Array<number>(aggregate.years.size * MARK_STRIDE);
  let at = 0;
  for (const [number, year] of aggregate.years) {
    mark[at++] = number;
    for (const kind of CELL_ARRAYS) mark[at++] = year[kind].length;
  }
  return mark;
}

/**
 * Removes the years and cells made since a mark, once every event folded in
 * since has been folded back out (each of those cells is then empty): the
 * aggregate is again exactly what it was at the mark — as a replay of its
 * events gives it — not that plus empty cells. The fold's lookup structures
 * of the kinds cut are rebuilt from the cells left.
 *
 * @param aggregate - the aggregate, changed in place
 * @param mark - what {@link markOf} returned before those events were folded in
 */
export function dropSince(aggregate: Aggregate, mark: AggregateMark): void {
  const marked = new Map<number, number>();
  for (let at = 0; at < mark.length; at += MARK_STRIDE) marked.set(mark[at] as number, at + 1);
  for (const [number, year] of [...aggregate.years]) {
    const from = marked.get(number);
    if (from === undefined) {
      aggregate.years.delete(number);
      continue;
    }
    CELL_ARRAYS.forEach((kind, k) => {
      const cells = year[kind] as object[];
      const length = mark[from + k] as number;
      if (cells.length <= length) return;
      cells.length = length;
      reindex(year, kind);
    });
  }
}

/** Rebuilds a kind's lookup structures of a year from its cells: the cache of the fold, and the index where built. */
function reindex(year: YearAggregate, kind: (typeof CELL_ARRAYS)[number]): void {
  const cache = year[CELL_CACHE];
  if (cache !== undefined) {
    if (kind === "receipts") {
      cache.receipts.clear();
      for (const cell of year.receipts) put(cache.receipts, receiptHash(cell), cell);
    } else if (kind === "expenditures") {
      cache.expenditures.clear();
      for (const cell of year.expenditures) put(cache.expenditures, expenditureHash(cell), cell);
    } else if (kind === "appropriations") {
      cache.appropriations.clear();
      for (const cell of year.appropriations) put(cache.appropriations, appropriationHash(cell), cell);
    }
  }
  if (indexBuilt(year, kind)) {
    const root = year.index[kind] as Map<string, unknown>;
    root.clear();
    INDEX_BUILDERS[kind](year, root);
  }
}

/** Puts a cell at the end of a path of nested maps, creating the maps on the way. */
function place(root: Map<string, unknown>, keys: readonly string[], cell: object): void {
  let map = root;
  const last = keys.length - 1;
  for (let i = 0; i < last; i++) {
    const key = keys[i] as string;
    let next = map.get(key) as Map<string, unknown> | undefined;
    if (next === undefined) {
      next = new Map();
      map.set(key, next);
    }
    map = next;
  }
  map.set(keys[last] as string, cell);
}

/** The cells of one kind of a year, placed in its index by their keys. */
type IndexBuilder = (y: YearAggregate, root: Map<string, unknown>) => void;

/**
 * How each kind of cell is keyed in a year's index, exactly as the fold keys
 * it (see {@link YearIndex}: "" for an absent project or economic code, a unit
 * price as its decimal digits). Cells are placed in array order, so every
 * map's insertion order is the fold's.
 */
const INDEX_BUILDERS: Readonly<Record<keyof YearIndex, IndexBuilder>> = {
  receipts: (y, root) => y.receipts.forEach((c) => place(root, [c.unit, c.source, c.functional], c)),
  expenditures: (y, root) => y.expenditures.forEach((c) => place(root, [c.unit, c.fund, c.functional, c.economic, c.category, c.project ?? ""], c)),
  appropriations: (y, root) =>
    y.appropriations.forEach((c) => place(root, [c.unit, c.fund, c.functional, c.category, c.economic ?? "", c.project ?? "", c.stage], c)),
  balances: (y, root) => y.balances.forEach((c) => place(root, [c.unit, c.fund, c.functional], c)),
  nonTax: (y, root) => y.nonTax.forEach((c) => place(root, [c.line, c.management], c)),
  procurement: (y, root) => y.procurement.forEach((c) => place(root, [c.procurement, c.supplierSize], c)),
  vehicles: (y, root) => y.vehicles.forEach((c) => place(root, [c.unit, c.purpose], c)),
  equipment: (y, root) => y.equipment.forEach((c) => place(root, [c.unit, c.equipment, String(c.unitPriceFen)], c)),
  receptions: (y, root) => y.receptions.forEach((c) => place(root, [c.unit, c.guests], c)),
  overseas: (y, root) => y.overseas.forEach((c) => place(root, [c.unit], c)),
  evaluations: (y, root) => y.evaluations.forEach((c) => place(root, [c.unit, c.project, c.evaluation], c)),
  goals: (y, root) => y.goals.forEach((c) => place(root, [c.unit, c.project, c.id], c)),
  indicators: (y, root) => y.indicators.forEach((c) => place(root, [c.unit, c.project, c.id], c)),
};

/** Every kind of cell in a year's index. */
const INDEXED_KINDS = Object.keys(INDEX_BUILDERS) as (keyof YearIndex)[];

/**
 * Makes parts of a year's lookup index lazy: each named kind's nested maps
 * are built from the year's cells the first time anything reads them (the
 * fold adding a cell of that kind, a lookup), then kept. A year whose cells
 * were put in its arrays directly — from a snapshot, from grouped rows —
 * costs nothing more until it is folded into.
 *
 * The cells of those kinds must be in the year's arrays already and the
 * index's maps of those kinds empty.
 *
 * @param year - a year aggregate
 * @param kinds - the kinds of cell to index lazily (all by default)
 */
export function indexLazily(year: YearAggregate, kinds: readonly (keyof YearIndex)[] = INDEXED_KINDS): void {
  const index = year.index as unknown as Record<keyof YearIndex, Map<string, unknown>>;
  for (const kind of kinds) {
    Object.defineProperty(index, kind, {
      configurable: true,
      enumerable: true,
      get() {
        const root = new Map<string, unknown>();
        INDEX_BUILDERS[kind](year, root);
        Object.defineProperty(index, kind, { value: root, enumerable: true, writable: false, configurable: false });
        return root;
      },
    });
  }
}

