/**
 * The state a ledger checks events against, and keeps current as it accepts
 * them: the aggregate (units, per-year sums, closed years), which events are
 * reversed, which unit-years have opening balances. Shared by the ledger,
 * which stores the events, and the projector, which only folds them; each
 * supplies its own memory of what ids it has seen.
 *
 * @module
 */
import { isFiscalFund, type Category, type Fund, type UnitKind } from "../catalog/dimensions.js";
import { sameJson } from "../events/equal.js";
import { fieldIssue, type LedgerIssue } from "../events/issues.js";
import type { ClosingBalance, LedgerEvent } from "../events/types.js";
import { addFen } from "../money/fen.js";
import { applyEvent, dropSince, emptyAggregate, markOf, mergeAggregates, type Aggregate, type AggregateMark, type UnitInfo, type YearAggregate } from "../projections/aggregate.js";
import { appropriationLines, lineTotals } from "../projections/appropriationLines.js";
import { balanceMovements } from "../projections/balances.js";

/** What a memory of ids says of an id and a payload. */
export type Recall = "absent" | "same" | "different";

/** A memory of the ids accepted so far and of their payloads. */
export interface IdMemory {
  /**
   * Whether `id` was accepted, and if so whether `event` is the same fact.
   *
   * @param id - an event id
   * @param event - a payload to compare with the accepted one
   */
  recall(id: string, event: LedgerEvent): Recall;
}

/** The checked and folded state of a ledger. */
export interface LedgerState {
  /** The live aggregate. */
  readonly aggregate: Aggregate;
  /** The issues of an event against the state (the event at `index` of its batch). */
  check(event: LedgerEvent, index: number, memory: IdMemory): LedgerIssue[];
  /**
   * Notes what the checks of later events need to know of an event (which
   * events are reversed, which unit-years have openings), in (`sign` 1) or out
   * again (−1). Sums are {@link LedgerState.fold}'s.
   */
  note(event: LedgerEvent, sign: 1 | -1): void;
  /**
   * Folds an event's amounts (and unit registrations and year closes) into
   * the aggregate, in (`sign` 1) or out again (−1); returns the cell its amount
   * went to. Atomic: an overflow throws and changes nothing.
   */
  fold(event: LedgerEvent, sign: 1 | -1): object | undefined;
  /** {@link LedgerState.note} and {@link LedgerState.fold} together. */
  apply(event: LedgerEvent, sign: 1 | -1): object | undefined;
  /** Marks the aggregate before events are folded in that may be folded back out ({@link LedgerState.dropSince}). */
  mark(): AggregateMark;
  /**
   * After every event folded in since `mark` was folded back out: removes the
   * empty years and cells they made, so the aggregate is exactly as before.
   */
  dropSince(mark: AggregateMark): void;
  /**
   * Notes what events checked and folded elsewhere leave for the checks of
   * later ones, when their aggregate is added to this state's: the ids they
   * reversed, and how they changed each unit-year's count of opening
   * balances ([unit, year, change]).
   */
  noteDetached(reversed: readonly string[], openings: readonly (readonly [string, number, number])[]): void;
  /** The closing balances a unit's year would close with now. */
  closingOf(year: number, unit: string): ClosingBalance[];
  /** The kind of a registered unit. */
  kindOf(unit: string): UnitKind | undefined;
  /** What the checks remember beyond the aggregate, as plain data (for a snapshot). */
  memo(): LedgerStateMemo;
  /** This state (and its base, if any) seen from a fork: what a fork checks its events against. */
  view(): StateView;
}

/**
 * What a fork's state reads of the state it was forked from: the answers the
 * checks need, without copying anything. A fork's own state answers for its
 * own events and asks its base for the rest.
 */
export interface StateView {
  /** A registered unit. */
  unit(unit: string): UnitInfo | undefined;
  /** Whether a unit's year is closed. */
  isClosed(unit: string, year: number): boolean;
  /** Whether an event is reversed. */
  isReversed(id: string): boolean;
  /** Opening balances in force for a unit-year (balanceOpened events not reversed). */
  openings(unit: string, year: number): number;
  /** The year aggregates whose sum is this state's year, base first. */
  yearParts(year: number): YearAggregate[];
  /** What remains of a fiscal line's appropriation: appropriated − spent, fen. */
  lineRemaining(year: number, unit: string, fund: Fund, functional: string, category: Category): number;
}

/** Options of {@link createLedgerState}. */
export interface LedgerStateOptions {
  /** An aggregate and the memo saved with it (a snapshot), which the state then owns. */
  readonly restored?: { readonly aggregate: Aggregate; readonly memo: LedgerStateMemo };
  /**
   * The state this one continues (a fork's parent), read through a function
   * so that the parent can be swapped for a private copy; the state's own
   * aggregate then holds only its own events.
   */
  readonly base?: () => StateView | undefined;
  /**
   * Refuse an expenditure on a fiscal fund beyond what remains of its line's
   * appropriation (unit, fund, functional 项, category; every stage).
   */
  readonly enforceAppropriations?: boolean;
}

/**
 * What a state remembers beyond its aggregate: which events are reversed and
 * how many opening balances each unit-year has. With the aggregate, it is all
 * a snapshot must keep to check further events as the full log would.
 */
export interface LedgerStateMemo {
  /** Ids of reversed events, sorted. */
  readonly reversed: readonly string[];
  /** [unit, year, number of balanceOpened events in force], sorted by unit and year. */
  readonly openings: readonly (readonly [string, number, number])[];
}

/**
 * Creates a state: empty, restored from a snapshot, or continuing a base.
 *
 * @param options - a snapshot to restore, a base to continue, enforcement
 * @returns the state
 */
export function createLedgerState(options: LedgerStateOptions = {}): LedgerState {
  const restored = options.restored;
  const baseOf = options.base ?? ((): undefined => undefined);
  const enforce = options.enforceAppropriations === true;
  const aggregate = restored?.aggregate ?? emptyAggregate();
  // A restored memo's reversed ids become a set when first needed: reopening a store does not wait for them.
  let reversedSet: Set<string> | undefined;
  const reversed = (): Set<string> => (reversedSet ??= new Set<string>(restored?.memo.reversed ?? []));
  const openings = new Map<string, number>();
  for (const [unit, year, count] of restored?.memo.openings ?? []) openings.set(`${unit}\u001f${year}`, count);
  /** Appropriated − spent of the lines this state's own events touched, kept as events are noted. */
  const lines = new Map<string, number>();
  const unitYear = (unit: string, year: number): string => `${unit}\u001f${year}`;
  const lineKey = (year: number, unit: string, fund: Fund, functional: string, category: Category): string =>
    `${year}\u001f${unit}\u001f${fund}\u001f${functional}\u001f${category}`;
  if (enforce && restored !== undefined) {
    for (const [year, yearAggregate] of aggregate.years) {
      for (const line of appropriationLines(yearAggregate)) {
        lines.set(lineKey(year, line.unit, line.fund, line.functional, line.category), line.appropriatedFen - line.spentFen);
      }
    }
  }

  const view: StateView = {
    unit: (unit) => aggregate.units.get(unit) ?? baseOf()?.unit(unit),
    isClosed: (unit, year) => (aggregate.years.get(year)?.closedUnits.has(unit) ?? false) || (baseOf()?.isClosed(unit, year) ?? false),
    isReversed: (id) => reversed().has(id) || (baseOf()?.isReversed(id) ?? false),
    openings: (unit, year) => (openings.get(unitYear(unit, year)) ?? 0) + (baseOf()?.openings(unit, year) ?? 0),
    yearParts(year) {
      const own = aggregate.years.get(year);
      const parts = baseOf()?.yearParts(year) ?? [];
      return own === undefined ? parts : [...parts, own];
    },
    lineRemaining(year, unit, fund, functional, category) {
      const own = aggregate.years.get(year);
      const totals = own === undefined ? { appropriatedFen: 0, spentFen: 0 } : lineTotals(own, unit, fund, functional, category);
      return addFen(totals.appropriatedFen - totals.spentFen, baseOf()?.lineRemaining(year, unit, fund, functional, category) ?? 0);
    },
  };

  function closingOf(year: number, unit: string): ClosingBalance[] {
    const parts = view.yearParts(year);
    if (parts.length === 0) return [];
    // A fork's year is its base's parts plus its own: merged, they are the year of all its events.
    const whole = parts.length === 1 ? (parts[0] as YearAggregate) : (parts.map((part): Aggregate => ({ units: new Map(), years: new Map([[year, part]]) })).reduce(mergeAggregates).years.get(year) as YearAggregate);
    return balanceMovements(whole)
      .filter((m) => m.unit === unit && (m.closingCarriedFen !== 0 || m.closingReserveFen !== 0))
      .map((m) => ({ fund: m.fund, functional: m.functional, carriedFen: m.closingCarriedFen, reserveFen: m.closingReserveFen }));
  }

  function countOpenings(event: LedgerEvent, sign: 1 | -1): void {
    if (event.type === "balanceOpened") {
      const key = unitYear(event.unit, event.year);
      openings.set(key, (openings.get(key) ?? 0) + sign);
    } else if (event.type === "eventReversed") countOpenings(event.reverses, sign === 1 ? -1 : 1);
  }

  function countLines(event: LedgerEvent, sign: 1 | -1): void {
    if (event.type === "eventReversed") countLines(event.reverses, sign === 1 ? -1 : 1);
    else if ((event.type === "appropriationMade" || event.type === "expenditureRecorded") && isFiscalFund(event.fund)) {
      const key = lineKey(event.year, event.unit, event.fund, event.functional, event.category);
      const change = event.type === "appropriationMade" ? sign * event.amountFen : -sign * event.amountFen;
      lines.set(key, (lines.get(key) ?? 0) + change);
    }
  }

  function note(event: LedgerEvent, sign: 1 | -1): void {
    if (event.type === "eventReversed") {
      if (sign === 1) reversed().add(event.target);
      else reversed().delete(event.target);
    }
    countOpenings(event, sign);
    if (enforce) countLines(event, sign);
  }

  /** What remains of a line: the base's (its aggregate is current) and this state's own, noted as events pass. */
  function remainingOf(year: number, unit: string, fund: Fund, functional: string, category: Category): number {
    const base = baseOf()?.lineRemaining(year, unit, fund, functional, category) ?? 0;
    return base + (lines.get(lineKey(year, unit, fund, functional, category)) ?? 0);
  }

  function check(event: LedgerEvent, index: number, memory: IdMemory): LedgerIssue[] {
    const issues: LedgerIssue[] = [];
    const at = (field: string): (string | number)[] => [index, field];
    const knownUnit = view.unit(event.unit) !== undefined;
    if (event.type === "unitRegistered") {
      if (knownUnit) issues.push(fieldIssue("unit_exists", at("unit"), event.unit, "a unit is registered once"));
      if (event.parent !== null && view.unit(event.parent) === undefined) {
        issues.push(fieldIssue("unknown_parent_unit", at("parent"), event.parent, "the parent unit must be registered first"));
      }
      return issues;
    }
    if (!knownUnit) issues.push(fieldIssue("unknown_unit", at("unit"), event.unit, "the unit must be registered first (unitRegistered)"));
    if (view.isClosed(event.unit, event.year)) {
      issues.push(fieldIssue("year_closed", at("year"), event.year, `the year ${event.year} of unit ${event.unit} is closed; record corrections in an open year`));
      return issues;
    }
    switch (event.type) {
      case "balanceOpened":
        if (view.isClosed(event.unit, event.year - 1)) {
          issues.push(fieldIssue("opening_after_close", at("year"), event.year, `the closed year ${event.year - 1} already opened ${event.year} for unit ${event.unit}`));
        }
        return issues;
      case "yearClosed": {
        if (view.isClosed(event.unit, event.year + 1)) {
          issues.push(fieldIssue("year_closed", at("year"), event.year, `${event.year + 1} is closed for unit ${event.unit}; years close in order`));
          return issues;
        }
        if (view.openings(event.unit, event.year + 1) > 0) {
          issues.push(fieldIssue("opening_after_close", at("year"), event.year, `${event.year + 1} already has opening balances for unit ${event.unit}; closing ${event.year} would open it twice`));
        }
        const expected = closingOf(event.year, event.unit);
        if (!sameJson(event.balances, expected)) {
          issues.push(fieldIssue("closing_mismatch", at("balances"), event.balances, `the closing balances must be those the year's events leave: ${JSON.stringify(expected)}`));
        }
        return issues;
      }
      case "eventReversed": {
        const recall = memory.recall(event.target, event.reverses);
        if (recall === "absent") issues.push(fieldIssue("unknown_target", at("target"), event.target, "the reversed event must be stored"));
        else if (recall === "different") issues.push(fieldIssue("reversal_mismatch", at("reverses"), event.target, "reverses must be the target exactly as stored"));
        else if (view.isReversed(event.target)) issues.push(fieldIssue("already_reversed", at("target"), event.target, "an event is reversed once"));
        return issues;
      }
      case "expenditureRecorded": {
        if (!enforce || !isFiscalFund(event.fund) || event.amountFen <= 0) return issues;
        const remaining = remainingOf(event.year, event.unit, event.fund, event.functional, event.category);
        if (event.amountFen > remaining) {
          issues.push(
            fieldIssue(
              "appropriation_exceeded",
              at("amountFen"),
              event.amountFen,
              `spending on a fiscal fund stays within its line's appropriation: ${event.year} ${event.unit} ${event.fund} ${event.functional} ${event.category} has ${remaining} fen left`,
            ),
          );
        }
        return issues;
      }
      default:
        return issues;
    }
  }

  return {
    aggregate,
    check,
    note,
    fold: (event, sign) => applyEvent(aggregate, event, sign),
    apply(event, sign) {
      const cell = applyEvent(aggregate, event, sign);
      note(event, sign);
      return cell;
    },
    mark: () => markOf(aggregate),
    dropSince: (mark) => dropSince(aggregate, mark),
    noteDetached(reversedIds, openingChanges) {
      if (enforce) throw new Error("a state that enforces appropriations cannot take events folded elsewhere: it needs their lines");
      for (const id of reversedIds) reversed().add(id);
      for (const [unit, year, change] of openingChanges) {
        const key = unitYear(unit, year);
        openings.set(key, (openings.get(key) ?? 0) + change);
      }
    },
    closingOf,
    kindOf: (unit) => view.unit(unit)?.kind,
    memo() {
      const counted: [string, number, number][] = [];
      for (const [key, count] of openings) {
        if (count === 0) continue;
        const cut = key.lastIndexOf("\u001f");
        counted.push([key.slice(0, cut), Number(key.slice(cut + 1)), count]);
      }
      counted.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
      return { reversed: [...reversed()].sort(), openings: counted };
    },
    view: () => view,
  };
}
