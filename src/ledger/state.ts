/**
 * The state a ledger checks events against, and keeps current as it accepts
 * them: the aggregate (units, per-year sums, closed years), which events are
 * reversed, which unit-years have opening balances. Shared by the ledger,
 * which stores the events, and the projector, which only folds them; each
 * supplies its own memory of what ids it has seen.
 *
 * @module
 */
import type { UnitKind } from "../catalog/dimensions.js";
import { sameJson } from "../events/equal.js";
import { fieldIssue, type LedgerIssue } from "../events/issues.js";
import type { ClosingBalance, LedgerEvent } from "../events/types.js";
import { applyEvent, emptyAggregate, type Aggregate } from "../projections/aggregate.js";
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
  /** The closing balances a unit's year would close with now. */
  closingOf(year: number, unit: string): ClosingBalance[];
  /** The kind of a registered unit. */
  kindOf(unit: string): UnitKind | undefined;
}

/**
 * Creates an empty state.
 *
 * @returns the state
 */
export function createLedgerState(): LedgerState {
  const aggregate = emptyAggregate();
  const reversed = new Set<string>();
  const openings = new Map<string, number>();
  const isClosed = (unit: string, year: number): boolean => aggregate.years.get(year)?.closedUnits.has(unit) ?? false;
  const unitYear = (unit: string, year: number): string => `${unit}\u001f${year}`;

  function closingOf(year: number, unit: string): ClosingBalance[] {
    const yearAggregate = aggregate.years.get(year);
    if (yearAggregate === undefined) return [];
    return balanceMovements(yearAggregate)
      .filter((m) => m.unit === unit && (m.closingCarriedFen !== 0 || m.closingReserveFen !== 0))
      .map((m) => ({ fund: m.fund, functional: m.functional, carriedFen: m.closingCarriedFen, reserveFen: m.closingReserveFen }));
  }

  function countOpenings(event: LedgerEvent, sign: 1 | -1): void {
    if (event.type === "balanceOpened") {
      const key = unitYear(event.unit, event.year);
      openings.set(key, (openings.get(key) ?? 0) + sign);
    } else if (event.type === "eventReversed") countOpenings(event.reverses, sign === 1 ? -1 : 1);
  }

  function note(event: LedgerEvent, sign: 1 | -1): void {
    if (event.type === "eventReversed") {
      if (sign === 1) reversed.add(event.target);
      else reversed.delete(event.target);
    }
    countOpenings(event, sign);
  }

  function check(event: LedgerEvent, index: number, memory: IdMemory): LedgerIssue[] {
    const issues: LedgerIssue[] = [];
    const at = (field: string): (string | number)[] => [index, field];
    const knownUnit = aggregate.units.has(event.unit);
    if (event.type === "unitRegistered") {
      if (knownUnit) issues.push(fieldIssue("unit_exists", at("unit"), event.unit, "a unit is registered once"));
      if (event.parent !== null && !aggregate.units.has(event.parent)) {
        issues.push(fieldIssue("unknown_parent_unit", at("parent"), event.parent, "the parent unit must be registered first"));
      }
      return issues;
    }
    if (!knownUnit) issues.push(fieldIssue("unknown_unit", at("unit"), event.unit, "the unit must be registered first (unitRegistered)"));
    if (isClosed(event.unit, event.year)) {
      issues.push(fieldIssue("year_closed", at("year"), event.year, `the year ${event.year} of unit ${event.unit} is closed; record corrections in an open year`));
      return issues;
    }
    switch (event.type) {
      case "balanceOpened":
        if (isClosed(event.unit, event.year - 1)) {
          issues.push(fieldIssue("opening_after_close", at("year"), event.year, `the closed year ${event.year - 1} already opened ${event.year} for unit ${event.unit}`));
        }
        return issues;
      case "yearClosed": {
        if (isClosed(event.unit, event.year + 1)) {
          issues.push(fieldIssue("year_closed", at("year"), event.year, `${event.year + 1} is closed for unit ${event.unit}; years close in order`));
          return issues;
        }
        if ((openings.get(unitYear(event.unit, event.year + 1)) ?? 0) > 0) {
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
        else if (reversed.has(event.target)) issues.push(fieldIssue("already_reversed", at("target"), event.target, "an event is reversed once"));
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
    closingOf,
    kindOf: (unit) => aggregate.units.get(unit)?.kind,
  };
}
