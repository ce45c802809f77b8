/**
 * A compact text form of an aggregate, for snapshots: every string once in a
 * table, every cell a run of small integers in a flat array, so writing and
 * reading it costs about what JSON.stringify and JSON.parse of an array of
 * numbers cost. Reading rebuilds the lookup index, giving an aggregate equal
 * to the one written (cells in the same order, the same sums) that further
 * events fold into exactly as they would have into the original.
 *
 * @module
 */
import type { BudgetStage, Category, Fund, NonTaxManagement, ProcurementKind, SupplierSize, UnitKind } from "../catalog/dimensions.js";
import type { EquipmentKind, EvaluationKind, Guests, IndicatorClass, IndicatorDimension, VehiclePurpose } from "../events/types.js";
import {
  emptyAggregate,
  indexLazily,
  type Aggregate,
  type AppropriationCell,
  type BalanceCell,
  type EquipmentCell,
  type EvaluationCell,
  type ExpenditureCell,
  type GoalCell,
  type IndicatorCell,
  type NonTaxCell,
  type OverseasCell,
  type ProcurementCell,
  type ReceiptCell,
  type ReceptionCell,
  type UnitInfo,
  type VehicleCell,
  type YearAggregate,
} from "./aggregate.js";

/**
 * The version of the fold: what an aggregate means. Bump it whenever
 * `applyEvent` changes what any event adds, so that snapshots written by the
 * old fold are ignored and the state is rebuilt from the events.
 */
export const PROJECTION_VERSION = 1;

export { indexLazily };

/** The tag and layout version at the start of a serialised aggregate. */
const FORMAT = "fundledger-aggregate/1";

/** Thrown when a text is not a serialised aggregate of this format. */
export class AggregateFormatError extends Error {
  override readonly name = "AggregateFormatError";
}

/** A string table: strings to indexes while writing. */
interface Strings {
  readonly list: string[];
  readonly index: Map<string, number>;
}

function put(strings: Strings, text: string): number {
  let at = strings.index.get(text);
  if (at === undefined) {
    at = strings.list.length;
    strings.list.push(text);
    strings.index.set(text, at);
  }
  return at;
}

/** Index of an optional string: −1 for null. */
function putOptional(strings: Strings, text: string | null): number {
  return text === null ? -1 : put(strings, text);
}

/** Every field of a year, in a fixed order; cells as flat arrays of numbers. */
type YearRecord = [
  year: number,
  receipts: number[],
  expenditures: number[],
  appropriations: number[],
  balances: number[],
  nonTax: number[],
  procurement: number[],
  vehicles: number[],
  equipment: number[],
  receptions: number[],
  overseas: number[],
  evaluations: number[],
  goals: number[],
  indicators: number[],
  closedUnits: number[],
];

/** The serialised whole: format, strings, units ([id, name, kind, parent or −1, year] flat), years. */
type Serialised = [format: string, strings: string[], units: number[], years: YearRecord[]];

/**
 * Writes an aggregate as compact JSON text.
 *
 * @param aggregate - the aggregate (not changed)
 * @returns its serialised form
 */
export function serializeAggregate(aggregate: Aggregate): string {
  return JSON.stringify(collect(aggregate));
}

/** An aggregate as a string table and runs of numbers (the form both the text and the packed layouts write). */
function collect(aggregate: Aggregate): Serialised {
  const strings: Strings = { list: [], index: new Map() };
  const s = (text: string): number => put(strings, text);
  const o = (text: string | null): number => putOptional(strings, text);
  const units: number[] = [];
  for (const unit of aggregate.units.values()) units.push(s(unit.id), s(unit.name), s(unit.kind), o(unit.parent), unit.year);
  const years: YearRecord[] = [];
  for (const y of aggregate.years.values()) {
    const record: YearRecord = [y.year, [], [], [], [], [], [], [], [], [], [], [], [], [], []];
    for (const c of y.receipts) record[1].push(s(c.unit), s(c.source), s(c.functional), c.amountFen);
    for (const c of y.expenditures) record[2].push(s(c.unit), s(c.fund), s(c.functional), s(c.economic), s(c.category), o(c.project), c.amountFen);
    for (const c of y.appropriations) {
      record[3].push(s(c.unit), s(c.fund), s(c.functional), s(c.category), o(c.economic), o(c.project), s(c.stage), c.amountFen);
    }
    for (const c of y.balances) {
      record[4].push(
        s(c.unit), s(c.fund), s(c.functional),
        c.openingCarriedFen, c.openingReserveFen, c.distributedFen, c.usedFen, c.closedCarriedFen, c.closedReserveFen,
      );
    }
    for (const c of y.nonTax) record[5].push(s(c.line), s(c.management), c.amountFen);
    for (const c of y.procurement) record[6].push(s(c.procurement), s(c.supplierSize), c.amountFen, c.count);
    for (const c of y.vehicles) record[7].push(s(c.unit), s(c.purpose), c.purchased, c.held);
    for (const c of y.equipment) record[8].push(s(c.unit), s(c.equipment), c.unitPriceFen, c.count);
    for (const c of y.receptions) record[9].push(s(c.unit), s(c.guests), c.receptions, c.visitors);
    for (const c of y.overseas) record[10].push(s(c.unit), c.groups, c.persons);
    for (const c of y.evaluations) record[11].push(s(c.unit), s(c.project), s(c.evaluation), c.count);
    for (const c of y.goals) record[12].push(s(c.id), s(c.unit), s(c.project), s(c.goal), s(c.outcome), c.budgetWeight, c.count);
    for (const c of y.indicators) {
      record[13].push(
        s(c.id), s(c.unit), s(c.project), s(c.indicatorClass), s(c.dimension), s(c.name), s(c.target), s(c.actual),
        c.weight, c.score, s(c.reason), c.count,
      );
    }
    for (const unit of y.closedUnits) record[14].push(s(unit));
    years.push(record);
  }
  return [FORMAT, strings.list, units, years];
}

/**
 * Reads an aggregate written by {@link serializeAggregate}.
 *
 * @param text - the serialised form
 * @returns a fresh aggregate equal to the one written, with its lookup index
 * @throws {@link AggregateFormatError} when the text is not of this format
 */
export function deserializeAggregate(text: string): Aggregate {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new AggregateFormatError(`not a serialised aggregate: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed) || parsed[0] !== FORMAT || parsed.length !== 4) throw new AggregateFormatError(`not a serialised aggregate of format ${FORMAT}`);
  const [, strings, units, years] = parsed as Serialised;
  if (!Array.isArray(strings) || !Array.isArray(units) || !Array.isArray(years)) throw new AggregateFormatError("a serialised aggregate holds strings, units and years");
  for (const record of years) {
    if (!Array.isArray(record) || record.length !== 15) throw new AggregateFormatError("a year of a serialised aggregate has 15 fields");
    for (let i = 1; i < 15; i++) if (!Array.isArray(record[i])) throw new AggregateFormatError("a year's cells are lists of numbers");
  }
  return rebuild(strings, units, years);
}

/** A run of numbers: an array parsed from JSON, or a view of a packed aggregate's numbers. */
type Run = ArrayLike<number>;

/** A year's runs as {@link rebuild} reads them: the year, then its fourteen runs in {@link YearRecord}'s order. */
type YearRuns = readonly [year: number, Run, Run, Run, Run, Run, Run, Run, Run, Run, Run, Run, Run, Run, Run];

/** Builds an aggregate from a string table and runs of numbers, checking every reference. */
function rebuild(strings: readonly unknown[], units: Run, years: readonly YearRuns[]): Aggregate {
  const str = <T extends string = string>(at: number | undefined): T => {
    const found = strings[at as number];
    if (typeof found !== "string") throw new AggregateFormatError(`string ${String(at)} is missing`);
    return found as T;
  };
  const opt = <T extends string = string>(at: number | undefined): T | null => (at === -1 ? null : str<T>(at));
  const num = (value: number | undefined): number => {
    if (typeof value !== "number" || !Number.isFinite(value)) throw new AggregateFormatError("a number is missing");
    return value;
  };
  const aggregate = emptyAggregate();
  for (let i = 0; i < units.length; i += 5) {
    const unit: UnitInfo = { id: str(units[i]), name: str(units[i + 1]), kind: str<UnitKind>(units[i + 2]), parent: opt(units[i + 3]), year: num(units[i + 4]) };
    aggregate.units.set(unit.id, unit);
  }
  for (const record of years) {
    const [yearNumber, r, e, a, b, n, p, v, q, rc, ov, ev, g, ind, closed] = record;
    const y = bareYear(num(yearNumber));
    const checkLength = (flat: Run, stride: number): void => {
      if (flat.length % stride !== 0) throw new AggregateFormatError(`a list of cells of year ${y.year} has a wrong length`);
    };
    const each = (flat: Run, stride: number, make: (at: number) => void): void => {
      checkLength(flat, stride);
      for (let at = 0; at < flat.length; at += stride) make(at);
    };
    // The three kinds that hold most cells are read by plain loops (a closure per cell costs a call each).
    checkLength(r, 4);
    for (let i = 0; i < r.length; i += 4) {
      y.receipts.push({ unit: str(r[i]), source: str<Fund>(r[i + 1]), functional: str(r[i + 2]), amountFen: num(r[i + 3]) } satisfies ReceiptCell);
    }
    checkLength(e, 7);
    for (let i = 0; i < e.length; i += 7) {
      y.expenditures.push({
        unit: str(e[i]), fund: str<Fund>(e[i + 1]), functional: str(e[i + 2]), economic: str(e[i + 3]),
        category: str<Category>(e[i + 4]), project: opt(e[i + 5]), amountFen: num(e[i + 6]),
      } satisfies ExpenditureCell);
    }
    checkLength(a, 8);
    for (let i = 0; i < a.length; i += 8) {
      y.appropriations.push({
        unit: str(a[i]), fund: str<Fund>(a[i + 1]), functional: str(a[i + 2]), category: str<Category>(a[i + 3]),
        economic: opt(a[i + 4]), project: opt(a[i + 5]), stage: str<BudgetStage>(a[i + 6]), amountFen: num(a[i + 7]),
      } satisfies AppropriationCell);
    }
    each(b, 9, (i) =>
      y.balances.push({
        unit: str(b[i]), fund: str<Fund>(b[i + 1]), functional: str(b[i + 2]),
        openingCarriedFen: num(b[i + 3]), openingReserveFen: num(b[i + 4]), distributedFen: num(b[i + 5]),
        usedFen: num(b[i + 6]), closedCarriedFen: num(b[i + 7]), closedReserveFen: num(b[i + 8]),
      } satisfies BalanceCell),
    );
    each(n, 3, (i) => y.nonTax.push({ line: str(n[i]), management: str<NonTaxManagement>(n[i + 1]), amountFen: num(n[i + 2]) } satisfies NonTaxCell));
    each(p, 4, (i) =>
      y.procurement.push({
        procurement: str<ProcurementKind>(p[i]), supplierSize: str<SupplierSize>(p[i + 1]), amountFen: num(p[i + 2]), count: num(p[i + 3]),
      } satisfies ProcurementCell),
    );
    each(v, 4, (i) => y.vehicles.push({ unit: str(v[i]), purpose: str<VehiclePurpose>(v[i + 1]), purchased: num(v[i + 2]), held: num(v[i + 3]) } satisfies VehicleCell));
    each(q, 4, (i) =>
      y.equipment.push({ unit: str(q[i]), equipment: str<EquipmentKind>(q[i + 1]), unitPriceFen: num(q[i + 2]), count: num(q[i + 3]) } satisfies EquipmentCell),
    );
    each(rc, 4, (i) =>
      y.receptions.push({ unit: str(rc[i]), guests: str<Guests>(rc[i + 1]), receptions: num(rc[i + 2]), visitors: num(rc[i + 3]) } satisfies ReceptionCell),
    );
    each(ov, 3, (i) => y.overseas.push({ unit: str(ov[i]), groups: num(ov[i + 1]), persons: num(ov[i + 2]) } satisfies OverseasCell));
    each(ev, 4, (i) =>
      y.evaluations.push({ unit: str(ev[i]), project: str(ev[i + 1]), evaluation: str<EvaluationKind>(ev[i + 2]), count: num(ev[i + 3]) } satisfies EvaluationCell),
    );
    each(g, 7, (i) =>
      y.goals.push({
        id: str(g[i]), unit: str(g[i + 1]), project: str(g[i + 2]), goal: str(g[i + 3]), outcome: str(g[i + 4]), budgetWeight: num(g[i + 5]), count: num(g[i + 6]),
      } satisfies GoalCell),
    );
    each(ind, 12, (i) =>
      y.indicators.push({
        id: str(ind[i]), unit: str(ind[i + 1]), project: str(ind[i + 2]), indicatorClass: str<IndicatorClass>(ind[i + 3]),
        dimension: str<IndicatorDimension>(ind[i + 4]), name: str(ind[i + 5]), target: str(ind[i + 6]), actual: str(ind[i + 7]),
        weight: num(ind[i + 8]), score: num(ind[i + 9]), reason: str(ind[i + 10]), count: num(ind[i + 11]),
      } satisfies IndicatorCell),
    );
    for (let i = 0; i < closed.length; i++) y.closedUnits.add(str(closed[i]));
    indexLazily(y);
    aggregate.years.set(y.year, y);
  }
  return aggregate;
}

/**
 * An aggregate in the parts of a binary layout: its string table, the
 * lengths of its runs of numbers, and every number in one array — so that
 * reading it back parses no number from text.
 */
export interface PackedAggregate {
  /** Every string the cells name, once. */
  readonly strings: readonly string[];
  /** The units' run length; then for each year the year and its fourteen run lengths. */
  readonly layout: readonly number[];
  /** The runs, one after another. */
  readonly numbers: Float64Array;
}

/** Runs a year has after its number. */
const RUNS_PER_YEAR = 14;

/**
 * Packs an aggregate: the strings and runs of {@link serializeAggregate},
 * with the runs in one array of numbers.
 *
 * @param aggregate - the aggregate (not changed)
 * @returns its packed parts
 */
export function packAggregate(aggregate: Aggregate): PackedAggregate {
  const [, strings, units, years] = collect(aggregate);
  const layout: number[] = [units.length];
  let total = units.length;
  for (const record of years) {
    layout.push(record[0]);
    for (let i = 1; i <= RUNS_PER_YEAR; i++) {
      const run = record[i] as number[];
      layout.push(run.length);
      total += run.length;
    }
  }
  const numbers = new Float64Array(total);
  numbers.set(units, 0);
  let at = units.length;
  for (const record of years) {
    for (let i = 1; i <= RUNS_PER_YEAR; i++) {
      const run = record[i] as number[];
      numbers.set(run, at);
      at += run.length;
    }
  }
  return { strings, layout, numbers };
}

/**
 * Unpacks what {@link packAggregate} wrote.
 *
 * @param packed - the parts
 * @returns a fresh aggregate equal to the one packed, with its lookup index
 * @throws {@link AggregateFormatError} when the layout does not fit the numbers or a reference is out of range
 */
export function unpackAggregate(packed: PackedAggregate): Aggregate {
  const { strings, layout, numbers } = packed;
  const whole = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value) && value >= 0;
  if (!Array.isArray(strings) || !Array.isArray(layout) || (layout.length - 1) % (RUNS_PER_YEAR + 1) !== 0 || !layout.every(whole)) {
    throw new AggregateFormatError("a packed aggregate's layout is the units' length and fifteen numbers a year");
  }
  let at = 0;
  const take = (length: number): Float64Array => {
    if (at + length > numbers.length) throw new AggregateFormatError("a packed aggregate's layout runs past its numbers");
    const run = numbers.subarray(at, at + length);
    at += length;
    return run;
  };
  const units = take(layout[0] as number);
  const years: YearRuns[] = [];
  for (let i = 1; i < layout.length; i += RUNS_PER_YEAR + 1) {
    const runs = layout.slice(i + 1, i + 1 + RUNS_PER_YEAR).map(take);
    years.push([layout[i] as number, ...runs] as unknown as YearRuns);
  }
  if (at !== numbers.length) throw new AggregateFormatError("a packed aggregate has numbers its layout does not place");
  return rebuild(strings, units, years);
}

/** A year with cell arrays and an empty index (made lazy by {@link indexLazily} once the cells are read). */
function bareYear(year: number): YearAggregate {
  return {
    year,
    receipts: [], expenditures: [], appropriations: [], balances: [], nonTax: [], procurement: [], vehicles: [], equipment: [],
    receptions: [], overseas: [], evaluations: [], goals: [], indicators: [], closedUnits: new Set(),
    index: {
      receipts: new Map(), expenditures: new Map(), appropriations: new Map(), balances: new Map(), nonTax: new Map(), procurement: new Map(),
      vehicles: new Map(), equipment: new Map(), receptions: new Map(), overseas: new Map(), evaluations: new Map(), goals: new Map(), indicators: new Map(),
    },
  };
}
