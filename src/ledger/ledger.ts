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
import { defaultCatalog, type Catalog } from "../catalog/catalog.js";
import { sameJson } from "../events/equal.js";
import { ledgerErrorOf, type Result } from "../events/issues.js";
import { acceptBatch, type BatchKeeper } from "./batch.js";
import { createColumns } from "./columns.js";
import { createInterner } from "./interner.js";
import { createLedgerState, type IdMemory } from "./state.js";
import { createIdIndex } from "./idIndex.js";
import { EVENT_SCHEMA_VERSION, type ClosingBalance, type EventType, type LedgerEvent, type YearClosed } from "../events/types.js";
import type { Aggregate, UnitInfo } from "../projections/aggregate.js";
import { postingsOf, type Posting } from "../postings/postings.js";
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
  /**
   * Rebuilds the aggregate from the stored events alone, into a fresh
   * aggregate equal to the live one (the ledger's columnar copy of the log
   * makes this a fold of integers).
   */
  replay(): Aggregate;
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
  const positionById = createIdIndex((position) => log[position - 1]?.id);
  const columns = createColumns();
  const state = createLedgerState();
  const aggregate = state.aggregate;
  const emitter = new EventEmitter<{ appended: [readonly StoredEvent[]] }>();
  const pending: (readonly StoredEvent[])[] = [];
  let delivering = false;
  const intern = createInterner();
  const memory: IdMemory = {
    recall(id, event) {
      const position = positionById.get(id);
      if (position === undefined) return "absent";
      return sameJson(log[position - 1], event) ? "same" : "different";
    },
  };
  const isClosed = (unit: string, year: number): boolean => aggregate.years.get(year)?.closedUnits.has(unit) ?? false;
  const keeper: BatchKeeper = {
    state,
    memory,
    freezes: true,
    keep(event) {
      log.push(event);
      positionById.add(event.id, log.length);
    },
    forget(events) {
      for (const event of events) positionById.remove(event.id);
      log.length -= events.length;
    },
  };

  /**
   * A subscriber that cannot stop the others: its error goes to
   * `onListenerError`, or is reported the way an event target reports a
   * listener's exception (re-thrown in a microtask).
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

  /**
   * Delivers a stored batch to every subscriber, in log order even when a
   * subscriber appends while being told (its batch is delivered after the
   * current one).
   */
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
    // The batch's events enter the log and the id index as they pass their checks, so later events of
    // the batch see them; a batch with any issue is taken out again, leaving the ledger as it was.
    const first = log.length + 1;
    const outcome = acceptBatch(inputs, catalog, intern, keeper);
    if (!outcome.ok) return outcome;
    const { cells, unchanged } = outcome.value;
    for (let position = first; position <= log.length; position++) columns.record(position, log[position - 1] as LedgerEvent, cells[position - first]);
    const version = log.length;
    const stored = (): StoredEvent[] => log.slice(first - 1, version).map((event, i) => ({ position: first + i, event }));
    if (version >= first && emitter.listenerCount("appended") > 0) deliver(stored());
    let appended: StoredEvent[] | undefined;
    return {
      ok: true,
      value: {
        get appended() {
          appended ??= stored();
          return appended;
        },
        unchanged,
        version,
      },
    };
  }

  function append(input: unknown, appendOptions?: AppendOptions): AppendResult {
    const result = safeAppend(input, appendOptions);
    if (!result.ok) throw ledgerErrorOf(result.issues);
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
        balances: state.closingOf(year, unit.id),
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
    closingBalances: state.closingOf,
    closeYear,
    tables: (year, ids) => buildTables(aggregate, year, catalog, ids),
    report: (year) => ({ department: departmentName(aggregate), year, tables: buildTables(aggregate, year, catalog) }),
    aggregate: () => aggregate,
    postings: () => log.flatMap((event) => postingsOf(event, state.kindOf)),
    replay: () => columns.replay(log),
  };
}
