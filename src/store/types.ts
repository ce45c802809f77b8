/**
 * The contract of a durable event store: one interface, implemented in
 * memory ({@link createMemoryStore}), over SQLite (`fundledger/sqlite`) and
 * over PostgreSQL (`fundledger/postgres`). Every store accepts exactly what
 * an in-memory ledger accepts, stores accepted events at gapless positions
 * 1, 2, 3 … with a SHA-256 hash chain, and keeps the ten tables current.
 *
 * Every method is asynchronous, whatever the store, so code written against
 * the contract runs unchanged on each of them.
 *
 * @module
 */
import type { Catalog } from "../catalog/catalog.js";
import type { AppendOptions, ReadQuery } from "../ledger/ledger.js";
import type { LedgerEvent } from "../events/types.js";
import type { Aggregate } from "../projections/aggregate.js";
import type { Report } from "../tables/report.js";
import type { Table, TableId } from "../tables/table.js";

/** A stored event: its position, the event (deep-frozen) and the chain hash at its position. */
export interface StoredRecord {
  /** Position in the log, from 1, without gaps. */
  readonly position: number;
  /** The event, deep-frozen. */
  readonly event: LedgerEvent;
  /**
   * SHA-256 (64 lowercase hex digits) over the UTF-8 of the previous
   * position's hash (64 zeros before position 1), a line feed, and the
   * event's canonical JSON.
   */
  readonly hash: string;
}

/** The hash before the first event: 64 zeros. */
export const GENESIS_HASH = "0".repeat(64);

/**
 * Options of an append: `expectedVersion`, the version the caller last saw;
 * the append is refused with a {@link VersionConflictError} when the store
 * has moved on.
 */
export type StoreAppendOptions = AppendOptions;

/** What an append did. */
export interface StoreAppendResult {
  /** Events stored by this append, in order. */
  readonly appended: readonly StoredRecord[];
  /** Ids that were already stored with the same payload (no-ops). */
  readonly unchanged: readonly string[];
  /** The store's version after the append. */
  readonly version: number;
  /** The chain hash at that version ({@link GENESIS_HASH} when empty). */
  readonly head: string;
}

/** Which events to read (positions, year, unit, type); every given criterion must hold. */
export type StoreReadQuery = ReadQuery;

/** A read in batches, for logs too large to hold at once. */
export interface StoreStreamQuery extends StoreReadQuery {
  /** Most records per batch (default 10,000). */
  readonly batchSize?: number;
}

/** Why {@link EventStore.verify} failed at a position. */
export type VerifyFailureReason =
  /** A position is missing (a deleted row) or out of sequence (an inserted or renumbered one). */
  | "gap"
  /** The stored hash is not the chain hash of the stored body (an edited body or hash, reordered rows). */
  | "hash_mismatch"
  /** The stored body is not an event in canonical JSON (edited by hand). */
  | "body_invalid"
  /** A column derived from the body (id, type, year, unit, dimensions, amount) disagrees with it. */
  | "column_mismatch";

/** The outcome of {@link EventStore.verify}. */
export type VerifyResult =
  | {
      readonly ok: true;
      /** Number of stored events checked. */
      readonly version: number;
      /** The chain hash at the last position ({@link GENESIS_HASH} when empty). */
      readonly head: string;
    }
  | {
      readonly ok: false;
      /** The first bad position. */
      readonly position: number;
      /** What is wrong there. */
      readonly reason: VerifyFailureReason;
      /** A sentence naming the position and the fault. */
      readonly message: string;
    };

/**
 * A subscriber: called with batches of stored records, in position order,
 * each record once. When it returns a promise, the next batch waits for it.
 */
export type StoreListener = (records: readonly StoredRecord[]) => void | Promise<void>;

/** Stops a subscription; resolves once no further batch will be delivered. */
export type Unsubscribe = () => Promise<void>;

/** Options of {@link EventStore.subscribe}. */
export interface StoreSubscribeOptions {
  /**
   * Deliver the stored records from this position first (catch-up), then
   * live ones. Without it, only records appended after the call.
   */
  readonly from?: number;
}

/** A persisted snapshot of the projection. */
export interface SnapshotInfo {
  /** The position the snapshot was taken at (its state is the fold of 1 … position). */
  readonly position: number;
  /** The chain hash at that position. */
  readonly hash: string;
  /** The projection version it was written by ({@link PROJECTION_VERSION}). */
  readonly projectionVersion: number;
}

/** How a store built its state when it opened. */
export interface OpenInfo {
  /** The snapshot it started from, if one matched the projection version and the chain. */
  readonly snapshot: SnapshotInfo | undefined;
  /** Events folded from the log after the snapshot (all of them without one). */
  readonly folded: number;
}

/** Options every store takes. */
export interface StoreOptions {
  /** Codes and layouts; the bundled 2020 catalog by default. */
  readonly catalog?: Catalog;
  /** Most events one append takes (default 100,000). */
  readonly batchMax?: number;
  /**
   * Whether opening starts from the newest usable snapshot (default true);
   * false always folds the whole log.
   */
  readonly useSnapshots?: boolean;
  /**
   * Takes a snapshot after an append whenever this many events were stored
   * since the last one (default: never automatically; call
   * {@link EventStore.snapshot}).
   */
  readonly snapshotEvery?: number;
  /**
   * Most appends on their way to the database at once: 4 by default for
   * PostgreSQL, whose server inserts and commits one batch while this
   * process checks the next; 1 for SQLite and memory, whose writes use this
   * thread anyway (1 runs each append whole before the next begins). While
   * one batch is being written and committed, the batches appended after it
   * are checked and chained on top of it, each then committed in its own
   * transaction, in call order — so every append settles exactly as it
   * would had the appends run one after another. Appends with an
   * `expectedVersion`, and every append while other processes are seen
   * writing to the same log, run one at a time.
   */
  readonly pipeline?: number;
  /**
   * Called when a subscriber throws or rejects. The append has succeeded and
   * other subscribers still get the batch; without this option the error is
   * re-thrown in a microtask, as an event target reports a listener's error.
   */
  readonly onListenerError?: (error: unknown, records: readonly StoredRecord[]) => void;
}

/**
 * A durable, validated, append-only event log with a hash chain, snapshots
 * and the ten tables kept current.
 *
 * Appends are checked exactly as {@link Ledger.append} checks them — shape,
 * codes, units, reversals, closed years, idempotent ids — against the whole
 * stored log, including events appended by other processes.
 */
export interface EventStore {
  /** The catalog events are checked against. */
  readonly catalog: Catalog;
  /** How the store built its state when it opened. */
  readonly opened: OpenInfo;
  /**
   * Appends one event or a batch atomically: all are stored, at the next
   * positions, or none. Durable when the promise resolves.
   *
   * @throws {@link LedgerError} with every issue (the store unchanged);
   *   {@link VersionConflictError} when `expectedVersion` is not the version;
   *   {@link DuplicateIdError} when an id names another stored fact
   */
  append(events: unknown, options?: StoreAppendOptions): Promise<StoreAppendResult>;
  /** Stored records matching a query, in position order. */
  read(query?: StoreReadQuery): Promise<StoredRecord[]>;
  /** Stored records matching a query, in position order, in batches. */
  stream(query?: StoreStreamQuery): AsyncIterable<StoredRecord[]>;
  /** The stored record with an id. */
  get(id: string): Promise<StoredRecord | undefined>;
  /** The number of stored events (the last position), as stored now. */
  version(): Promise<number>;
  /**
   * Recomputes the hash chain over every stored row and checks each row's
   * columns against its body.
   *
   * @returns ok with the version and head hash, or the first bad position
   */
  verify(): Promise<VerifyResult>;
  /**
   * Delivers stored records to `listener`: from `options.from` (catch-up),
   * then every later append — this store's at once, other processes' when
   * the store notices them — in order, each record once.
   *
   * @returns a function that stops the subscription
   */
  subscribe(listener: StoreListener, options?: StoreSubscribeOptions): Promise<Unsubscribe>;
  /**
   * The aggregate of one year computed where the data lives: the fold of
   * every stored event, keeping all units and only the year `year`.
   */
  aggregate(year: number): Promise<Aggregate>;
  /** Rebuilds the whole aggregate from the stored rows into a fresh aggregate. */
  replay(): Promise<Aggregate>;
  /**
   * Persists the live state at the current version, tagged with
   * {@link PROJECTION_VERSION} and the chain hash there.
   *
   * @returns the position of the snapshot
   */
  snapshot(): Promise<{ readonly position: number }>;
  /**
   * Catches the live state up with events other processes stored.
   *
   * @returns the version it is now at
   */
  refresh(): Promise<number>;
  /**
   * The live aggregate, caught up with the stored log. It belongs to the
   * store: read it, never change it.
   */
  live(): Promise<Aggregate>;
  /** The ten tables (or the chosen ones) of a year, from the live state. */
  tables(year: number, ids?: readonly TableId[]): Promise<Table[]>;
  /** The ten tables of a year with the department's name, from the live state. */
  report(year: number): Promise<Report>;
  /** Stops subscriptions and polling and closes the connection. */
  close(): Promise<void>;
}
