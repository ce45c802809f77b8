/**
 * A what-if scenario as data: a name and a list of adjustments, each of
 * which becomes ordinary events appended to a fork of a ledger.
 *
 * The typed form here is what {@link applyScenario} takes; a JSON scenario
 * file reads into it with {@link parseScenario}, which also accepts the
 * report's Chinese names for funds and categories and amounts in 万元.
 *
 * @module
 */
import type { Category, Fund } from "../catalog/dimensions.js";
import type { EventType } from "../events/types.js";

/** One value, or any of several. */
export type OneOrMore<T> = T | readonly T[];

/**
 * Selects expenditure (or appropriation) cells: every given dimension must
 * match, and a dimension given several values matches any of them. Codes
 * match at any level: functional `"201"`, `"20137"` or `"2013702"`; economic
 * `"302"` or `"30217"`. An empty filter selects every cell of the year.
 */
export interface SpendingFilter {
  /** Unit ids (or registered unit names). */
  readonly unit?: OneOrMore<string>;
  /** The fund that pays. */
  readonly fund?: OneOrMore<Fund>;
  /** Functional codes, 3, 5 or 7 digits. */
  readonly functional?: OneOrMore<string>;
  /** Economic codes, 3 or 5 digits. */
  readonly economic?: OneOrMore<string>;
  /** Categories of expenditure. */
  readonly category?: OneOrMore<Category>;
  /** Projects. */
  readonly project?: OneOrMore<string>;
}

/** Selects receipt cells: by unit, source of funds and functional code (at any level). */
export interface ReceiptFilter {
  /** Unit ids (or registered unit names). */
  readonly unit?: OneOrMore<string>;
  /** Sources of funds. */
  readonly source?: OneOrMore<Fund>;
  /** Functional codes, 3, 5 or 7 digits. */
  readonly functional?: OneOrMore<string>;
}

/**
 * Selects stored events to reverse: every given dimension must match the
 * event's own field (`fund` matches an expenditure's or appropriation's fund
 * and a receipt's source); an event without the field does not match it.
 */
export interface EventFilter extends SpendingFilter {
  /** Event types. */
  readonly type?: OneOrMore<EventType>;
}

/**
 * Where moved spending goes: the given dimensions replace those of each
 * source cell, the others stay. Codes are postable ones (a 7-digit functional
 * 项, a 5-digit economic 款). A move to a category other than project spending
 * drops the project; `project: null` drops it explicitly.
 */
export interface MoveTarget {
  readonly unit?: string;
  readonly fund?: Fund;
  readonly functional?: string;
  readonly economic?: string;
  readonly category?: Category;
  readonly project?: string | null;
}

/** An appropriation line to change: the coordinates of an `appropriationMade`. */
export interface AppropriationTarget {
  readonly unit: string;
  readonly fund: Fund;
  readonly functional: string;
  readonly category: Category;
  readonly economic?: string;
  readonly project?: string;
}

/** A change by a percentage (a decimal string: `"-10"`, `"12.5"`). */
export interface ByPercent {
  /** Percent of the selected amount, a decimal string. */
  readonly percent: string;
}

/** A change by an amount of fen. */
export interface ByAmount {
  /** Fen (the JSON file gives 万元). */
  readonly amountFen: number;
}

/**
 * Scales the selected spending by a percentage: one adjusting expenditure
 * per selected cell, split by the largest-remainder rule so the adjustments
 * sum exactly to the selected total × percent / 100, rounded half away from
 * zero.
 */
export interface ScaleAdjustment extends ByPercent {
  readonly kind: "scale";
  readonly filter: SpendingFilter;
  /** Optional note, carried as the events' memo. */
  readonly memo?: string;
}

/**
 * Moves spending from the selected cells to other coordinates: an amount
 * (or a percentage of the selected total) split over the source cells in
 * proportion to their amounts; negative adjusting expenditures at the
 * source, the same amounts positive at the target.
 */
export type MoveAdjustment = {
  readonly kind: "move";
  readonly from: SpendingFilter;
  readonly to: MoveTarget;
  readonly memo?: string;
} & (ByAmount | ByPercent);

/** Adds events (an id or year left out is filled in: the scenario's ids and year). */
export interface AddAdjustment {
  readonly kind: "add";
  /** Events as a caller writes them; `id`, `year` and `schema` may be left out. */
  readonly events: readonly unknown[];
}

/** Reverses every stored, not yet reversed event of the year that the filter selects. */
export interface RemoveAdjustment {
  readonly kind: "remove";
  readonly filter: EventFilter;
  /** The reason carried by the reversals (a default names the scenario). */
  readonly reason?: string;
}

/** Scales the selected appropriations (every stage) by a percentage, as 调整预算. */
export interface AppropriateByPercent extends ByPercent {
  readonly kind: "appropriate";
  readonly filter: SpendingFilter;
  readonly memo?: string;
}

/** Adds an amount (either sign) to one appropriation line, as 调整预算. */
export interface AppropriateLine extends ByAmount {
  readonly kind: "appropriate";
  readonly line: AppropriationTarget;
  readonly memo?: string;
}

/** Changes budgets (预算指标): appropriations with stage "adjustment". */
export type AppropriateAdjustment = AppropriateByPercent | AppropriateLine;

/**
 * Changes a source of funds: adjusting receipts on the selected receipt
 * cells, by a percentage of each, or an amount split over them in
 * proportion.
 */
export type ReceiptsAdjustment = {
  readonly kind: "receipts";
  readonly filter: ReceiptFilter;
  readonly memo?: string;
} & (ByAmount | ByPercent);

/** One adjustment of a scenario. */
export type Adjustment = ScaleAdjustment | MoveAdjustment | AddAdjustment | RemoveAdjustment | AppropriateAdjustment | ReceiptsAdjustment;

/** The kinds of adjustment. */
export type AdjustmentKind = Adjustment["kind"];

/** The kinds of adjustment, in the order the docs present them. */
export const ADJUSTMENT_KINDS: readonly AdjustmentKind[] = ["scale", "move", "add", "remove", "appropriate", "receipts"];

/** A what-if scenario: a name and adjustments applied in order. */
export interface Scenario {
  /** The name; the scenario's event ids start `scenario:<name>:`. */
  readonly name: string;
  /** What it asks, in words. */
  readonly description?: string;
  /** The adjustments, applied in order (each sees the ones before it). */
  readonly adjustments: readonly Adjustment[];
}

/** Bounds on a scenario. */
export const SCENARIO_LIMITS = {
  /** Longest name (event ids hold it and are at most 200 characters). */
  nameLengthMax: 100,
  /** Most adjustments. */
  adjustmentsMax: 10_000,
  /** Most events one `add` adjustment takes. */
  addedEventsMax: 100_000,
  /** Most values one filter dimension lists. */
  filterValuesMax: 10_000,
} as const;
