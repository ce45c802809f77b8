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
import { createLedgerState, type IdMemory, type StateView } from "./state.js";
import { createIdIndex } from "./idIndex.js";
import { EVENT_SCHEMA_VERSION, type ClosingBalance, type EventType, type LedgerEvent, type YearClosed } from "../events/types.js";
import { mergeAggregates, type Aggregate, type UnitInfo } from "../projections/aggregate.js";
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
  /**
   * Refuse an expenditure on a fiscal fund beyond what remains of its line's
   * appropriation — unit, fund, functional 项 and category, every stage — as
   * a treasury's 指标 control does, with an `AppropriationExceededError`.
   */
  readonly enforceAppropriations?: boolean;
}

/** Options of {@link Ledger.fork}. */
export interface ForkOptions {
  /** Enforce appropriations on the fork's own appends (default: as the ledger forked). */
  readonly enforceAppropriations?: boolean;
  /** Called when a subscriber of the fork throws (see {@link LedgerOptions.onListenerError}). */
  readonly onListenerError?: (error: unknown, events: readonly StoredEvent[]) => void;
}

/**
 * A scenario: a ledger that continues another from the version it was forked
 * at. It shares the parent's events and sums without copying them; its own
 * appends are checked against the parent's state and its own, and never
 * change the parent.
 */
export interface LedgerFork extends Ledger {
  /** The ledger this one was forked from. */
  readonly parent: Ledger;
  /** The parent's version at the fork: the fork's own events start at the next position. */
  readonly forkedAt: number;
  /** The fork's own events (positions after {@link LedgerFork.forkedAt}). */
  own(): StoredEvent[];
  /**
   * The fold of the fork's own events alone — what the scenario changes. Its
   * units are every unit the fork knows, so tables can be built from it; the
   * tables of the fork are the parent's plus the delta's, cell by cell. Read
   * it, never change it.
   */
  delta(): Aggregate;
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
  /**
   * A scenario continuing this ledger: O(1) to create, whatever the size of
   * the log. If this ledger is appended to later, the fork keeps seeing it as
   * it was at the fork (it then makes a private copy of that state, once).
   */
  fork(options?: ForkOptions): LedgerFork;
}

/** How a ledger reads the state of the ledger it forks; not part of the public surface. */
const STATE_VIEW: unique symbol = Symbol("fundledger.stateView");

/** The internals a fork reads of its parent. */
interface Forkable extends Ledger {
  [STATE_VIEW](): StateView;
}

/** A fork's link to its parent. */
interface ParentLink {
  readonly parent: Ledger;
  readonly forkedAt: number;
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
  return buildLedger(options);
}

function buildLedger(options: LedgerOptions, link?: ParentLink): Ledger {
  const catalog = options.catalog ?? defaultCatalog();
  const batchMax = options.batchMax ?? 100_000;
  /** Positions before the first own event: the parent's version at the fork, 0 for a ledger of its own. */
  const offset = link?.forkedAt ?? 0;
  /** The ledger the fork continues: the parent while it stands where it was forked, else a private copy of it. */
  let base: Ledger | undefined = link?.parent;
  const baseNow = (): Ledger | undefined => {
    if (link !== undefined && base === link.parent && link.parent.version !== offset) base = copyOf(link.parent, offset, catalog);
    return base;
  };
  const log: LedgerEvent[] = [];
  const positionById = createIdIndex((position) => log[position - offset - 1]?.id);
  const columns = createColumns();
  const state = createLedgerState({
    ...(link === undefined ? {} : { base: () => (baseNow() as Forkable)[STATE_VIEW]() }),
    ...(options.enforceAppropriations === true ? { enforceAppropriations: true } : {}),
  });
  const aggregate = state.aggregate;
  const emitter = new EventEmitter<{ appended: [readonly StoredEvent[]] }>();
  const pending: (readonly StoredEvent[])[] = [];
  let delivering = false;
  const intern = createInterner();
  const memory: IdMemory = {
    recall(id, event) {
      const position = positionById.get(id);
      if (position === undefined) {
        const stored = baseNow()?.get(id);
        return stored === undefined ? "absent" : sameJson(stored.event, event) ? "same" : "different";
      }
      return sameJson(log[position - offset - 1], event) ? "same" : "different";
    },
  };
  const version = (): number => offset + log.length;
  const keeper: BatchKeeper = {
    state,
    memory,
    freezes: true,
    keep(event) {
      log.push(event);
      positionById.add(event.id, version());
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
    const before = version();
    if (expected !== undefined && expected !== before) {
      return {
        ok: false,
        issues: [{ code: "version_conflict", path: [], expected, actual: before, message: `expected version ${expected} but the ledger is at ${before}` }],
      };
    }
    // The batch's events enter the log and the id index as they pass their checks, so later events of
    // the batch see them; a batch with any issue is taken out again, leaving the ledger as it was.
    const first = log.length + 1;
    const outcome = acceptBatch(inputs, catalog, intern, keeper);
    if (!outcome.ok) return outcome;
    const { cells, unchanged } = outcome.value;
    for (let local = first; local <= log.length; local++) columns.record(local, log[local - 1] as LedgerEvent, cells[local - first]);
    const last = log.length;
    const stored = (): StoredEvent[] => log.slice(first - 1, last).map((event, i) => ({ position: offset + first + i, event }));
    if (last >= first && emitter.listenerCount("appended") > 0) deliver(stored());
    let appended: StoredEvent[] | undefined;
    return {
      ok: true,
      value: {
        get appended() {
          appended ??= stored();
          return appended;
        },
        unchanged,
        version: offset + last,
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
    const to = Math.min(version(), Math.floor(query.to ?? version()));
    const found: StoredEvent[] = from <= offset && to >= 1 ? (baseNow() as Ledger).read({ ...query, from, to: Math.min(to, offset) }) : [];
    for (let position = Math.max(from, offset + 1); position <= to; position++) {
      const event = log[position - offset - 1] as LedgerEvent;
      if (query.year !== undefined && event.year !== query.year) continue;
      if (query.unit !== undefined && event.unit !== query.unit) continue;
      if (query.type !== undefined && event.type !== query.type) continue;
      found.push({ position, event });
    }
    return found;
  }

  /** Every unit the ledger knows: its base's and its own (for a ledger of its own, the aggregate's map). */
  let unitsCache: { readonly at: number; readonly units: ReadonlyMap<string, UnitInfo> } | undefined;
  function units(): ReadonlyMap<string, UnitInfo> {
    const parent = baseNow();
    if (parent === undefined) return aggregate.units;
    const at = version();
    if (unitsCache?.at !== at) unitsCache = { at, units: new Map([...parent.units(), ...aggregate.units]) };
    return unitsCache.units;
  }

  /** The aggregate of every event the ledger holds: for a fork, its base's merged with its own (cached per version). */
  let wholeCache: { readonly at: number; readonly base: Ledger; readonly aggregate: Aggregate } | undefined;
  function whole(): Aggregate {
    const parent = baseNow();
    if (parent === undefined) return aggregate;
    const at = version();
    if (wholeCache?.at !== at || wholeCache.base !== parent) wholeCache = { at, base: parent, aggregate: mergeAggregates(parent.aggregate(), aggregate) };
    return wholeCache.aggregate;
  }

  function closeYear(year: number, appendOptions?: AppendOptions): AppendResult {
    const view = state.view();
    const closing: YearClosed[] = [];
    for (const unit of [...units().values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
      if (unit.year > year || view.isClosed(unit.id, year)) continue;
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

  const ledger: Forkable = {
    catalog,
    get version() {
      return version();
    },
    append,
    safeAppend,
    read,
    get: (id) => {
      const position = positionById.get(id);
      if (position !== undefined) return { position, event: log[position - offset - 1] as LedgerEvent };
      const stored = baseNow()?.get(id);
      return stored !== undefined && stored.position <= offset ? stored : undefined;
    },
    events: () => {
      const parent = baseNow();
      return parent === undefined ? log : [...parent.events().slice(0, offset), ...log];
    },
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
    units,
    closingBalances: state.closingOf,
    closeYear,
    tables: (year, ids) => buildTables(whole(), year, catalog, ids),
    report: (year) => {
      const all = whole();
      return { department: departmentName(all), year, tables: buildTables(all, year, catalog) };
    },
    aggregate: whole,
    postings: () => {
      const parent = baseNow();
      const own = log.flatMap((event) => postingsOf(event, state.kindOf));
      return parent === undefined ? own : [...parent.postings(), ...own];
    },
    replay: () => {
      const parent = baseNow();
      const own = columns.replay(log);
      return parent === undefined ? own : mergeAggregates(parent.replay(), own);
    },
    fork: (forkOptions = {}) => forkOf(ledger, options, forkOptions),
    [STATE_VIEW]: () => state.view(),
  };
  if (link === undefined) return ledger;
  let deltaCache: { readonly at: number; readonly aggregate: Aggregate } | undefined;
  const fork: LedgerFork & Forkable = Object.assign(ledger, {
    parent: link.parent,
    forkedAt: offset,
    own: (): StoredEvent[] => log.map((event, i) => ({ position: offset + i + 1, event })),
    delta: (): Aggregate => {
      const at = version();
      if (deltaCache?.at !== at) deltaCache = { at, aggregate: { units: new Map(units()), years: aggregate.years } };
      return deltaCache.aggregate;
    },
  });
  return fork;
}

/** Forks a ledger at its current version. */
function forkOf(parent: Ledger, parentOptions: LedgerOptions, forkOptions: ForkOptions): LedgerFork {
  const enforce = forkOptions.enforceAppropriations ?? parentOptions.enforceAppropriations;
  const listenerError = forkOptions.onListenerError ?? parentOptions.onListenerError;
  const options: LedgerOptions = {
    catalog: parent.catalog,
    ...(parentOptions.batchMax === undefined ? {} : { batchMax: parentOptions.batchMax }),
    ...(enforce === undefined ? {} : { enforceAppropriations: enforce }),
    ...(listenerError === undefined ? {} : { onListenerError: listenerError }),
  };
  return buildLedger(options, { parent, forkedAt: parent.version }) as LedgerFork;
}

/**
 * A private ledger holding a ledger's first `version` events: what a fork
 * continues once its parent has moved on. The events were accepted in this
 * order, so they are accepted again.
 */
function copyOf(parent: Ledger, version: number, catalog: Catalog): Ledger {
  const copy = createLedger({ catalog });
  const chunk = 50_000;
  for (let from = 1; from <= version; from += chunk) {
    copy.append(parent.read({ from, to: Math.min(version, from + chunk - 1) }).map((stored) => stored.event));
  }
  return copy;
}
