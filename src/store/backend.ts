/**
 * What a database must do to hold a store: the small interface a backend
 * implements. The store core (`openStore` in ./core.ts) does everything that
 * is the same for every database — validation through the ledger's own
 * checks, canonical bodies, the hash chain, the derived columns, the live
 * state, snapshots' contents, subscriptions — and asks the backend only to
 * keep rows, find them, lock, group and notify.
 *
 * Rows are written only inside {@link StoreBackend.write} or by
 * {@link StoreBackend.commitAt}; the core computes every column
 * ({@link RowColumns}) and the backend stores them as given.
 *
 * A backend never parses or validates a body and never computes a hash (it
 * may provide the hash function, {@link StoreBackend.sha256}).
 *
 * @module
 */
import type { CellKind } from "../projections/aggregate.js";

/** The position and chain hash of the last stored row. */
export interface Head {
  /** The last position (0 when empty). */
  readonly version: number;
  /** The hash at that position (64 zeros when empty). */
  readonly hash: string;
}

/** Whether two heads are the same: the same last position with the same hash. */
export function sameHead(a: Head, b: Head): boolean {
  return a.version === b.version && a.hash === b.hash;
}

/**
 * The dimension columns of a row whose amount goes to exactly one aggregate
 * cell (`cellKind` not null): receipts, expenditures, appropriations,
 * non-tax revenue, surplus distributed and used, opening balances, and
 * reversals of those (which carry their target's coordinates and the
 * negated amount). A column a kind of cell does not have is null.
 */
export interface CellColumns {
  /**
   * {@link cellKindOf} of the event: "receipt", "expenditure",
   * "appropriation", "nonTax", "openingCarriedFen", "openingReserveFen",
   * "distributedFen" or "usedFen"; null for every other event.
   */
  readonly cellKind: CellKind | null;
  /** The event's unit (a non-tax cell has none and ignores it). */
  readonly unit: string;
  /** Fund; a receipt's source. */
  readonly fund: string | null;
  /** Functional code. */
  readonly functional: string | null;
  /** Economic code (expenditures; appropriations that name one). */
  readonly economic: string | null;
  /** Category (expenditures, appropriations). */
  readonly category: string | null;
  /** Project (expenditures and appropriations that name one). */
  readonly project: string | null;
  /** Budget stage (appropriations). */
  readonly stage: string | null;
  /** Table 10 line (non-tax revenue). */
  readonly line: string | null;
  /** Management of non-tax revenue. */
  readonly management: string | null;
  /** Signed amount in fen (a reversal's is its target's, negated); null when `cellKind` is null. */
  readonly amountFen: number | null;
}

/** Every column of a stored row, as the core computes it and a backend stores it. */
export interface RowColumns extends CellColumns {
  /** Position, from 1 (primary key). */
  readonly position: number;
  /** Event id (unique). */
  readonly id: string;
  /** Event type. */
  readonly type: string;
  /** Event year (a reversal's year is its target's). */
  readonly year: number;
  /** The event's canonical JSON. */
  readonly body: string;
  /** The chain hash at this position. */
  readonly hash: string;
}

/** A stored row as reads need it. */
export interface BodyRow {
  /** Position. */
  readonly position: number;
  /** Canonical JSON of the event. */
  readonly body: string;
  /** Chain hash at the position. */
  readonly hash: string;
}

/** Which rows to read: every given criterion holds; in position order. */
export interface RowQuery {
  /** First position, inclusive (≥ 1). */
  readonly from: number;
  /** Last position, inclusive. */
  readonly to: number;
  /** Only rows of this year. */
  readonly year?: number;
  /** Only rows of this unit. */
  readonly unit?: string;
  /** Only rows of this type. */
  readonly type?: string;
  /** At most this many rows (the first ones). */
  readonly limit: number;
}

/**
 * Receives the rows of a scan in position order. A backend may pass the same
 * `CellColumns` object to every call, changing its fields: the sink copies
 * what it keeps.
 */
export interface ScanSink {
  /**
   * A row whose amount goes to one cell (`cellKind` not null), its year, and
   * its dimension columns.
   *
   * Two optional arguments let a backend that numbers its cells (a dimension
   * table) go faster: `cellId`, a number equal for rows of the same year and
   * coordinates and different otherwise, so the sink sums by number instead
   * of by the coordinates' text; and with it `firstPosition`, the position of
   * the first row of that cell in the whole log — then the backend may send
   * the cell rows and the body rows in any order (without it, every row comes
   * in position order).
   */
  cell(year: number, columns: CellColumns, cellId?: number, firstPosition?: number): void;
  /** A row whose body is needed: its position and canonical JSON. */
  body(position: number, body: string): void;
}

/** One group of single-cell rows of a year: their shared coordinates, summed amount and first position. */
export interface CellGroup extends CellColumns {
  /** Sum of the group's `amountFen` (a reversal's rows count negative). */
  readonly amountFen: number;
  /** The smallest position in the group (the fold creates cells in this order). */
  readonly firstPosition: number;
}

/** The procurement rows of a year of one kind and supplier size, summed (a reversal's counting negative). */
export interface ProcurementGroup {
  /** Goods, works or services. */
  readonly procurement: string;
  /** The size of the supplier. */
  readonly supplierSize: string;
  /** Sum of the amounts, fen. */
  readonly amountFen: number;
  /** Procurements less their reversals. */
  readonly count: number;
  /** The smallest position in the group. */
  readonly firstPosition: number;
}

/** What {@link StoreBackend.aggregateRows} returns for a year. */
export interface YearRows {
  /**
   * Rows with `cellKind` not null and year = Y, grouped by cell_kind,
   * unit, fund, functional, economic, category, project, stage, line,
   * management (SQL GROUP BY), any order.
   */
  readonly groups: readonly CellGroup[];
  /**
   * Rows with `cellKind` null that a year's aggregate needs, in position
   * order: every row of year Y, every `unitRegistered` row (any year) and
   * every `yearClosed` row of year Y − 1.
   */
  readonly bodies: readonly { readonly position: number; readonly body: string }[];
  /**
   * Optional: the year's `procurementAwarded` rows and their reversals,
   * grouped by kind and supplier size in the database — which `bodies` then
   * leaves out.
   */
  readonly procurement?: readonly ProcurementGroup[];
}

/** A stored snapshot, without its data. */
export interface SnapshotHeader {
  /** Position it was taken at. */
  readonly position: number;
  /** Chain hash at that position when it was taken. */
  readonly hash: string;
  /** Projection version of its data. */
  readonly projectionVersion: number;
}

/** What {@link StoreBackend.openingSnapshot} found. */
export interface OpeningSnapshot {
  /** The committed head. */
  readonly head: Head;
  /** The newest snapshot the chain agrees with, if any, and its bytes if read. */
  readonly snapshot: { readonly header: SnapshotHeader; readonly data: Uint8Array | undefined } | undefined;
}

/** Reads and writes inside one exclusive write transaction. */
export interface WriteTransaction {
  /** The head as of this transaction (no other writer can move it until the transaction ends). */
  head(): Promise<Head>;
  /**
   * The stored bodies of those of `ids` that are stored.
   *
   * @param ids - event ids (a batch's ids and reversal targets), distinct
   * @returns id → canonical JSON body, for the ids found
   */
  bodiesOf(ids: readonly string[]): Promise<Map<string, string>>;
  /**
   * Bodies of the rows `from` … `to` (the tail another process stored), in
   * position order.
   */
  rows(from: number, to: number): Promise<BodyRow[]>;
  /** Inserts rows at positions head + 1, head + 2 …, in order (the core guarantees the sequence). */
  insert(rows: readonly RowColumns[]): Promise<void>;
}

/**
 * A database holding a store's rows and snapshots. Implemented by
 * `src/store/memory.ts`, `src/store/sqlite/` and `src/store/postgres/`;
 * turned into an {@link EventStore} by `openStore(backend, options)`.
 */
export interface StoreBackend {
  /** Names the store in messages, e.g. `sqlite:/var/lib/ledger.db`, `postgres://host/db`, `memory`. */
  readonly name: string;
  /**
   * SHA-256 of a string's UTF-8, as 64 lowercase hex digits (an adapter
   * passes node:crypto's; the core's pure TypeScript one by default).
   */
  readonly sha256?: (text: string) => string;
  /**
   * Whether the database does a write's work elsewhere — a server — leaving
   * this thread free until the commit is done, so that checking the next
   * batch meanwhile pays: the store then keeps up to 4 appends in flight by
   * default ({@link StoreOptions.pipeline}), else 1.
   */
  readonly commitsElsewhere?: boolean;
  /** The committed head. */
  head(): Promise<Head>;
  /**
   * Runs `work` inside one exclusive, atomic write transaction: no other
   * writer (in this process or another) runs until it ends. Commits when
   * `work` resolves — durably, before this promise resolves — and rolls
   * back when it rejects (rethrowing its error). A failed commit rejects.
   * Committed rows become visible to readers and to other processes'
   * {@link StoreBackend.watch} at once.
   */
  write<T>(work: (tx: WriteTransaction) => Promise<T>): Promise<T>;
  /**
   * The committed bodies of those of `ids` that are stored, read outside any
   * write transaction (what {@link WriteTransaction.bodiesOf} reads under the
   * lock). Optional: a backend with it lets the core check a batch while the
   * batch before it is being committed.
   *
   * @param ids - event ids, distinct
   * @returns id → canonical JSON body, for the ids found
   */
  bodiesOf?(ids: readonly string[]): Promise<Map<string, string>>;
  /**
   * Commits `rows` — positions `after.version + 1` on, chained on
   * `after.hash` — if and only if the stored log still ends at `after`:
   * atomically and durably, like a {@link StoreBackend.write} that reads the
   * head, finds `after` and inserts them, but in one step where the database
   * allows (one statement, one round trip to a server). Optional: without
   * it, the core commits a batch checked outside the lock by such a write.
   *
   * @param after - the head the rows are chained on
   * @param rows - the rows, in position order (at least one)
   * @returns true when they were committed; false when nothing was written because another writer had moved the head
   */
  commitAt?(after: Head, rows: readonly RowColumns[]): Promise<boolean>;
  /** Committed rows matching a query (bodies and hashes), in position order. */
  rows(query: RowQuery): Promise<BodyRow[]>;
  /** The committed row of an id. */
  rowOf(id: string): Promise<BodyRow | undefined>;
  /** The committed chain hash at a position (undefined when there is no row there). */
  hashAt(position: number): Promise<string | undefined>;
  /**
   * Every column of the committed rows from position `from` on, in position
   * order, at most `limit` (for verify: whatever is stored, unchecked).
   */
  columns(from: number, limit: number): Promise<RowColumns[]>;
  /**
   * Streams the committed rows `from` … `to` in position order into `sink`:
   * a row whose `cellKind` is not null and whose type is not in
   * `bodiesOf` goes to {@link ScanSink.cell} with its dimension columns;
   * every other row to {@link ScanSink.body}. Reading the columns instead of
   * the JSON body is what makes a replay fast.
   */
  scan(from: number, to: number, bodiesOf: readonly string[], sink: ScanSink): Promise<void>;
  /** The grouped and raw rows of one year's aggregate ({@link YearRows}). */
  aggregateRows(year: number): Promise<YearRows>;
  /** Stores a snapshot's bytes (replacing one at the same position and projection version). */
  saveSnapshot(header: SnapshotHeader, data: Uint8Array): Promise<void>;
  /** Snapshots of a projection version, newest (highest position) first. */
  snapshots(projectionVersion: number): Promise<SnapshotHeader[]>;
  /** The bytes of a snapshot (undefined when it is gone). */
  snapshotData(header: SnapshotHeader): Promise<Uint8Array | undefined>;
  /**
   * What opening a store reads, at once where a backend can (one round trip
   * to a server): the committed head, and the newest snapshot of a
   * projection version whose hash the stored chain has at its position,
   * with its bytes (`data` undefined when they are to be read apart, by
   * {@link StoreBackend.snapshotData}). Optional: without it, the store
   * asks {@link StoreBackend.head}, {@link StoreBackend.snapshots},
   * {@link StoreBackend.hashAt} and {@link StoreBackend.snapshotData}.
   */
  openingSnapshot?(projectionVersion: number): Promise<OpeningSnapshot>;
  /**
   * Calls `onChange` (without arguments, possibly more often than needed)
   * when rows may have been committed by another connection or process:
   * PostgreSQL by LISTEN/NOTIFY, SQLite by polling. Commits of this backend's
   * own {@link StoreBackend.write} need not be signalled.
   *
   * @returns a function that stops watching
   */
  watch(onChange: () => void): () => void;
  /**
   * Checks data the backend derives from the rows and keeps beside them (a
   * table of running sums, say) against the rows; called by verify after the
   * chain checked out. Optional.
   *
   * @returns undefined when it agrees, else what disagrees
   */
  checkDerived?(): Promise<string | undefined>;
  /** Closes connections and timers; the backend is not used afterwards. */
  close(): Promise<void>;
}
