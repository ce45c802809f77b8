/**
 * The ledger: an append-only log of validated, deep-frozen events, with the
 * aggregate kept current on every append, optimistic concurrency, idempotent
 * ids, reversals instead of edits, year closing, and subscriptions.
 *
 * An append is atomic: it checks every event in order (each against the
 * ledger and the batch's earlier events), and either stores them all or
 * changes nothing and reports every issue.
 *
 * @module
 */
import { EventEmitter } from "eventemitter3";
import { freeze } from "immer";
import { defaultCatalog, type Catalog } from "../catalog/catalog.js";
import type { UnitKind } from "../catalog/dimensions.js";
import { FenOverflowError } from "../money/fen.js";
import { canonicalJson } from "../events/canonical.js";
import { fieldIssue, LedgerError, type Issues, type LedgerIssue, type Result } from "../events/issues.js";
import { checkEvent } from "../events/validate.js";
import { EVENT_SCHEMA_VERSION, type ClosingBalance, type EventType, type LedgerEvent, type YearClosed } from "../events/types.js";
import { applyEvent, emptyAggregate, type Aggregate, type UnitInfo } from "../projections/aggregate.js";
import { postingsOf, type Posting } from "../postings/postings.js";
import { balanceMovements } from "../projections/balances.js";
import { buildTables, departmentName, type Report } from "../tables/report.js";
import type { Table, TableId } from "../tables/table.js";

/** A stored event with its global position (1, 2, 3 … without gaps). */
export interface StoredEvent {
  /** Position in the log, from 1. */
  readonly position: number;
  /** The event, deep-frozen. */
  readonly event: LedgerEvent;
}

/** Options of an append. */
export interface AppendOptions {
  /**
   * The version (number of stored events) the caller last saw; the append is
   * refused with a `version_conflict` issue when the ledger has moved on.
   */
  readonly expectedVersion?: number;
}

/** What an append did. */
export interface AppendResult {
  /** Events stored by this append. */
  readonly appended: readonly StoredEvent[];
  /** Ids that were already stored with the same payload (no-ops). */
  readonly unchanged: readonly string[];
  /** The ledger's version after the append. */
  readonly version: number;
}

/** Which events to read; every given criterion must hold. */
export interface ReadQuery {
  /** First position, inclusive (default 1). */
  readonly from?: number;
  /** Last position, inclusive (default the version). */
  readonly to?: number;
  /** Only this year. */
  readonly year?: number;
  /** Only this unit. */
  readonly unit?: string;
  /** Only this type. */
  readonly type?: EventType;
}

/** A listener of appended events. */
export type AppendListener = (events: readonly StoredEvent[]) => void;

/** Options of {@link createLedger}. */
export interface LedgerOptions {
  /** Codes and layouts; the bundled 2020 catalog by default. */
  readonly catalog?: Catalog;
  /** Most events one append takes (default 100,000). */
  readonly batchMax?: number;
  /**
   * Called when a subscriber throws. The append has succeeded and the other
   * subscribers still get the batch; without this option the error is
   * re-thrown in a microtask, as an event target reports a listener's error.
   */
  readonly onListenerError?: (error: unknown, events: readonly StoredEvent[]) => void;
}

/** An append-only, validated, event-sourced ledger. */
export interface Ledger {
  /** The catalog events are checked against. */
  readonly catalog: Catalog;
  /** Number of stored events (the last position). */
  readonly version: number;
  /**
   * Appends one event or a batch, atomically.
   *
   * @throws {@link LedgerError} with every issue; the ledger is unchanged
   */
  append(events: unknown, options?: AppendOptions): AppendResult;
  /** Like {@link Ledger.append}, returning issues instead of throwing. */
  safeAppend(events: unknown, options?: AppendOptions): Result<AppendResult>;
  /** Stored events matching a query, in position order. */
  read(query?: ReadQuery): StoredEvent[];
  /** The stored event with an id. */
  get(id: string): StoredEvent | undefined;
  /** Every stored event in order (a read-only view; no copy). */
  events(): readonly LedgerEvent[];
  /**
   * Calls `listener` with every batch appended from now on; with `from`, first
   * with the stored events from that position (catch-up, then live).
   *
   * @returns a function that unsubscribes
   */
  subscribe(listener: AppendListener, options?: { readonly from?: number }): () => void;
  /** Registered units, by id. */
  units(): ReadonlyMap<string, UnitInfo>;
  /**
   * The closing balances a unit's year would close with now.
   */
  closingBalances(year: number, unit: string): ClosingBalance[];
  /**
   * Closes a year for every unit registered by then that is not closed yet:
   * appends one yearClosed event per unit, whose balances open the next year.
   */
  closeYear(year: number, options?: AppendOptions): AppendResult;
  /** The ten tables (or the chosen ones) of a year, current with every append. */
  tables(year: number, ids?: readonly TableId[]): Table[];
  /** The ten tables of a year with the department's name. */
  report(year: number): Report;
  /** The live aggregate. It belongs to the ledger: read it, never change it. */
  aggregate(): Aggregate;
  /** The double-entry postings of every stored event, in order. */
  postings(): Posting[];
}

interface BatchState {
  readonly applied: LedgerEvent[];
  readonly ids: Map<string, number>;
}

/**
 * Creates an empty in-memory ledger.
 *
 * @param options - catalog and bounds
 * @returns the ledger
 *
 * @example
 * ```ts
 * const ledger = createLedger();
 * ledger.append({ id: "u1", type: "unitRegistered", year: 2020, unit: "office", name: "办本级", kind: "administrative", parent: null });
 * ledger.append({ id: "r1", type: "receiptRecorded", year: 2020, unit: "office", source: "generalPublicBudget", functional: "2013701", amountFen: 1_000_000 });
 * ledger.tables(2020, ["T1"]);
 * ```
 */
export function createLedger(options: LedgerOptions = {}): Ledger {
  const catalog = options.catalog ?? defaultCatalog();
  const batchMax = options.batchMax ?? 100_000;
  const log: LedgerEvent[] = [];
  const positionById = new Map<string, number>();
  const reversed = new Set<string>();
  const openings = new Map<string, number>();
  const aggregate = emptyAggregate();
  const emitter = new EventEmitter<{ appended: [readonly StoredEvent[]] }>();
  const pending: (readonly StoredEvent[])[] = [];
  let delivering = false;
  const strings = new Map<string, string>();
  const intern = (text: string): string => {
    const found = strings.get(text);
    if (found !== undefined) return found;
    strings.set(text, text);
    return text;
  };

  const kindOf = (unit: string): UnitKind | undefined => aggregate.units.get(unit)?.kind;
  const isClosed = (unit: string, year: number): boolean => aggregate.years.get(year)?.closedUnits.has(unit) ?? false;
  const unitYear = (unit: string, year: number): string => `${unit}\u001f${year}`;

  function closingOf(year: number, unit: string): ClosingBalance[] {
    const yearAggregate = aggregate.years.get(year);
    if (yearAggregate === undefined) return [];
    return balanceMovements(yearAggregate)
      .filter((m) => m.unit === unit && (m.closingCarriedFen !== 0 || m.closingReserveFen !== 0))
      .map((m) => ({ fund: m.fund, functional: m.functional, carriedFen: m.closingCarriedFen, reserveFen: m.closingReserveFen }));
  }

  /** Checks an event against the ledger (and the batch so far); returns its issues. */
  function checkState(event: LedgerEvent, index: number, batch: BatchState): LedgerIssue[] {
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
        const expected = canonicalJson(closingOf(event.year, event.unit));
        if (canonicalJson(event.balances) !== expected) {
          issues.push(fieldIssue("closing_mismatch", at("balances"), event.balances, `the closing balances must be those the year's events leave: ${expected}`));
        }
        return issues;
      }
      case "eventReversed": {
        const position = positionById.get(event.target) ?? batch.ids.get(event.target);
        const target = position === undefined ? undefined : log[position - 1] ?? batch.applied[position - log.length - 1];
        if (target === undefined) {
          issues.push(fieldIssue("unknown_target", at("target"), event.target, "the reversed event must be stored"));
        } else if (canonicalJson(target) !== canonicalJson(event.reverses)) {
          issues.push(fieldIssue("reversal_mismatch", at("reverses"), event.target, "reverses must be the target exactly as stored"));
        } else if (reversed.has(event.target)) {
          issues.push(fieldIssue("already_reversed", at("target"), event.target, "an event is reversed once"));
        }
        return issues;
      }
      default:
        return issues;
    }
  }

  function applyState(event: LedgerEvent, sign: 1 | -1): void {
    applyEvent(aggregate, event, sign);
    if (event.type === "eventReversed") {
      if (sign === 1) reversed.add(event.target);
      else reversed.delete(event.target);
    }
    countOpenings(event, sign);
  }

  function countOpenings(event: LedgerEvent, sign: 1 | -1): void {
    if (event.type === "balanceOpened") {
      const key = unitYear(event.unit, event.year);
      openings.set(key, (openings.get(key) ?? 0) + sign);
    } else if (event.type === "eventReversed") countOpenings(event.reverses, sign === 1 ? -1 : 1);
  }

  /** Recomputes every derived state from the stored log (after a batch failed midway through an event). */
  function rebuildState(): void {
    aggregate.units.clear();
    aggregate.years.clear();
    reversed.clear();
    openings.clear();
    for (const event of log) applyState(event, 1);
  }

  /**
   * Delivers a stored batch to every subscriber, in log order even when a
   * subscriber appends while being told (its batch is delivered after the
   * current one). A subscriber that throws does not stop the others: its
   * error goes to `onListenerError`, or is reported the way an event
   * target reports a listener's exception (re-thrown in a microtask).
   */
  function guarded(listener: AppendListener): AppendListener {
    return (batch) => {
      try {
        listener(batch);
      } catch (error) {
        if (options.onListenerError !== undefined) options.onListenerError(error, batch);
        else {
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    };
  }

  function deliver(batch: readonly StoredEvent[]): void {
    pending.push(batch);
    if (delivering) return;
    delivering = true;
    try {
      for (let next = pending.shift(); next !== undefined; next = pending.shift()) emitter.emit("appended", next);
    } finally {
      delivering = false;
    }
  }

  function safeAppend(input: unknown, appendOptions: AppendOptions = {}): Result<AppendResult> {
    const inputs: unknown[] = Array.isArray(input) ? input : [input];
    if (inputs.length > batchMax) {
      return { ok: false, issues: [{ code: "batch_too_large", path: [], size: inputs.length, max: batchMax, message: `one append takes at most ${batchMax} events` }] };
    }
    const expected = appendOptions.expectedVersion;
    if (expected !== undefined && expected !== log.length) {
      return {
        ok: false,
        issues: [{ code: "version_conflict", path: [], expected, actual: log.length, message: `expected version ${expected} but the ledger is at ${log.length}` }],
      };
    }
    const batch: BatchState = { applied: [], ids: new Map() };
    const issues: LedgerIssue[] = [];
    const unchanged: string[] = [];
    let overflowed = false;
    for (let index = 0; index < inputs.length; index++) {
      const checked = checkEvent(inputs[index], catalog, [index], intern);
      if (!checked.ok) {
        issues.push(...checked.issues);
        continue;
      }
      // After an overflow the state is no longer that of the batch so far: only shapes are checked.
      if (overflowed) continue;
      const event = checked.value;
      const storedAt = positionById.get(event.id) ?? batch.ids.get(event.id);
      if (storedAt !== undefined) {
        const stored = log[storedAt - 1] ?? batch.applied[storedAt - log.length - 1];
        if (stored !== undefined && canonicalJson(stored) === canonicalJson(event)) unchanged.push(event.id);
        else issues.push(fieldIssue("duplicate_id", [index, "id"], event.id, "an id names one fact: the same id with another payload is refused"));
        continue;
      }
      const stateIssues = checkState(event, index, batch);
      if (stateIssues.length > 0) {
        issues.push(...stateIssues);
        continue;
      }
      // Flat events freeze in one call; the two with nested data freeze deeply.
      const frozen = event.type === "eventReversed" || event.type === "yearClosed" ? freeze(event, true) : Object.freeze(event);
      try {
        applyState(frozen, 1);
      } catch (error) {
        if (!(error instanceof FenOverflowError)) throw error;
        overflowed = true;
        issues.push(fieldIssue("invalid_amount", [index, "amountFen"], error.operands, "a sum of fen would leave the safe-integer range"));
        continue;
      }
      batch.applied.push(frozen);
      batch.ids.set(frozen.id, log.length + batch.applied.length);
    }
    if (issues.length > 0) {
      if (overflowed) rebuildState();
      else for (let i = batch.applied.length - 1; i >= 0; i--) applyState(batch.applied[i] as LedgerEvent, -1);
      return { ok: false, issues: issues as unknown as Issues };
    }
    const first = log.length + 1;
    for (const event of batch.applied) {
      log.push(event);
      positionById.set(event.id, log.length);
    }
    const appended = batch.applied.map((event, i) => ({ position: first + i, event }));
    if (appended.length > 0) deliver(appended);
    return { ok: true, value: { appended, unchanged, version: log.length } };
  }

  function append(input: unknown, appendOptions?: AppendOptions): AppendResult {
    const result = safeAppend(input, appendOptions);
    if (!result.ok) throw new LedgerError(result.issues);
    return result.value;
  }

  function read(query: ReadQuery = {}): StoredEvent[] {
    const from = Math.max(1, Math.ceil(query.from ?? 1));
    const to = Math.min(log.length, Math.floor(query.to ?? log.length));
    const found: StoredEvent[] = [];
    for (let position = from; position <= to; position++) {
      const event = log[position - 1] as LedgerEvent;
      if (query.year !== undefined && event.year !== query.year) continue;
      if (query.unit !== undefined && event.unit !== query.unit) continue;
      if (query.type !== undefined && event.type !== query.type) continue;
      found.push({ position, event });
    }
    return found;
  }

  function closeYear(year: number, appendOptions?: AppendOptions): AppendResult {
    const closing: YearClosed[] = [];
    for (const unit of [...aggregate.units.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
      if (unit.year > year || isClosed(unit.id, year)) continue;
      closing.push({
        id: `yearClosed:${year}:${unit.id}`,
        type: "yearClosed",
        schema: EVENT_SCHEMA_VERSION,
        year,
        unit: unit.id,
        balances: closingOf(year, unit.id),
      });
    }
    return append(closing, appendOptions);
  }

  return {
    catalog,
    get version() {
      return log.length;
    },
    append,
    safeAppend,
    read,
    get: (id) => {
      const position = positionById.get(id);
      return position === undefined ? undefined : { position, event: log[position - 1] as LedgerEvent };
    },
    events: () => log,
    subscribe(listener, subscribeOptions = {}) {
      const wrapper = guarded(listener);
      if (subscribeOptions.from !== undefined) {
        const past = read({ from: subscribeOptions.from });
        if (past.length > 0) wrapper(past);
      }
      emitter.on("appended", wrapper);
      return () => {
        emitter.off("appended", wrapper);
      };
    },
    units: () => aggregate.units,
    closingBalances: closingOf,
    closeYear,
    tables: (year, ids) => buildTables(aggregate, year, catalog, ids),
    report: (year) => ({ department: departmentName(aggregate), year, tables: buildTables(aggregate, year, catalog) }),
    aggregate: () => aggregate,
    postings: () => log.flatMap((event) => postingsOf(event, kindOf)),
  };
}
