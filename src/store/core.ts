/**
 * The store core: an {@link EventStore} over any {@link StoreBackend}. It
 * keeps an in-process ledger state caught up with the stored log, and runs
 * every append in one exclusive write transaction of the backend:
 *
 * 1. read the head; fold in any rows other processes stored since the state
 *    last saw the log;
 * 2. check the expected version against the head;
 * 3. look up the batch's ids and reversal targets among the stored rows;
 * 4. check and fold the batch with the ledger's own {@link acceptBatch} —
 *    on any issue the transaction rolls back and the state is as it was;
 * 5. compute the canonical bodies, the hash chain and the derived columns,
 *    insert the rows, commit (durably); a failed commit folds the batch back
 *    out of the state.
 *
 * Appends called while others are on their way run ahead where the backend
 * commits elsewhere (see the pipeline below and {@link StoreOptions.pipeline}):
 * each is checked and chained on the batches before it while they commit, and
 * sent after them, each in its own transaction — in one step where the
 * backend has {@link StoreBackend.commitAt} — every append settling as it
 * would have had they run one after another.
 *
 * Opening loads the newest snapshot written by this projection version
 * whose hash matches the stored chain, then folds the rows after it.
 *
 * @module
 */
import { freeze } from "immer";
import { defaultCatalog } from "../catalog/catalog.js";
import { sameJson } from "../events/equal.js";
import { ledgerErrorOf, type LedgerIssue } from "../events/issues.js";
import type { EventType, LedgerEvent } from "../events/types.js";
import { acceptBatch, type BatchKeeper } from "../ledger/batch.js";
import { createInterner } from "../ledger/interner.js";
import { createLedgerState, type IdMemory, type LedgerState } from "../ledger/state.js";
import type { BudgetStage, Category, Fund, ProcurementKind, SupplierSize } from "../catalog/dimensions.js";
import { FenOverflowError } from "../money/fen.js";
import { addProcurementSums, addToCellLike, applyEvent, emptyAggregate, yearOf, type Aggregate, type AggregateMark, type CellKind } from "../projections/aggregate.js";
import { PROJECTION_VERSION, indexLazily } from "../projections/serialize.js";
import { buildTables, departmentName } from "../tables/report.js";
import { sameHead, type BodyRow, type Head, type ProcurementGroup, type RowColumns, type SnapshotHeader, type StoreBackend, type WriteTransaction } from "./backend.js";
import { canonicalJson } from "../events/canonical.js";
import { chainHash, type Sha256 } from "./chain.js";
import { columnMismatch, rowColumnsOf } from "./rows.js";
import { sha256Hex } from "./sha256.js";
import { createFoldingSink } from "./replaySink.js";
import { decodeSnapshot, encodeSnapshot } from "./snapshot.js";
import {
  GENESIS_HASH,
  type EventStore,
  type OpenInfo,
  type SnapshotInfo,
  type StoreAppendOptions,
  type StoreAppendResult,
  type StoredRecord,
  type StoreListener,
  type StoreOptions,
  type StoreReadQuery,
  type StoreStreamQuery,
  type Unsubscribe,
  type VerifyResult,
} from "./types.js";

/** Rows per page when the core pages through a backend (reads, verify, subscriptions). */
const PAGE_ROWS = 10_000;

/** Types whose bodies the live state needs while folding stored rows (its memo notes them). */
const NOTED_TYPES: readonly EventType[] = ["eventReversed", "balanceOpened"];

/** Positions a query reads past: the whole log. */
const LAST_POSITION = Number.MAX_SAFE_INTEGER;

/** A subscriber and where it is in the log. */
interface Subscription {
  readonly listener: StoreListener;
  /** The next position it is to receive. */
  next: number;
  active: boolean;
  /** Deliveries run one after another on this chain. */
  chain: Promise<void>;
}

/** Appends on their way at once, by default, to a database that commits elsewhere ({@link StoreOptions.pipeline}). */
const DEFAULT_PIPELINE = 4;

/** An append, refresh or snapshot waiting its turn. */
interface Job {
  /** The append's batch; undefined for work that runs alone. */
  readonly inputs: unknown[] | undefined;
  readonly expected: number | undefined;
  /** What it does when it runs alone. */
  readonly work: () => Promise<unknown>;
  /** Set when it must run alone (after a failed commit before it). */
  alone: boolean;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** A batch checked and chained on the batches before it, on its way to the database. */
interface InFlight {
  /** The append it settles. */
  readonly job: Job;
  /** The head it was chained on, and the head after it. */
  readonly from: Head;
  readonly to: Head;
  /** The aggregate before it was folded in. */
  readonly mark: AggregateMark;
  /** Its events folded into the state (folded back out if it does not commit). */
  readonly accepted: readonly LedgerEvent[];
  readonly rows: readonly RowColumns[];
  /** Its accepted events by id, for the batches checked after it. */
  readonly kept: ReadonlyMap<string, LedgerEvent>;
  /** Its refusal, given once every batch before it has committed; or its result. */
  readonly error: unknown;
  readonly result: StoreAppendResult | undefined;
}

/** A commit that found the head moved past the one its batch was chained on: another process wrote. */
class HeadMoved extends Error {
  /** @param found - the head found (undefined when the backend only said it moved; NaN when it could not be read) */
  constructor(found: number | undefined, cause?: unknown) {
    super(
      found === undefined ? "the head moved while the batch was on its way" : Number.isNaN(found) ? "the head could not be read" : `the head moved to ${found} while the batch was on its way`,
      { cause },
    );
  }
}

/**
 * Parses a stored body into a deep-frozen event.
 *
 * @param body - canonical JSON written by a store
 * @returns the event
 */
function eventOf(body: string): LedgerEvent {
  return freeze(JSON.parse(body) as LedgerEvent, true);
}

/** A row as a stored record; a body that is not JSON (edited by hand) throws, naming the position. */
function recordOf(row: BodyRow): StoredRecord {
  let event: LedgerEvent;
  try {
    event = eventOf(row.body);
  } catch (error) {
    throw new Error(`the body stored at position ${row.position} is not JSON (${(error as Error).message}); run verify`, { cause: error });
  }
  return { position: row.position, event, hash: row.hash };
}

/** The ids a raw batch names (its events' ids and reversal targets), to look up among stored rows. */
function namedIds(inputs: readonly unknown[]): string[] {
  const ids = new Set<string>();
  for (const input of inputs) {
    if (typeof input !== "object" || input === null) continue;
    const record = input as Record<string, unknown>;
    if (typeof record["id"] === "string") ids.add(record["id"]);
    if (typeof record["target"] === "string") ids.add(record["target"]);
  }
  return [...ids];
}

/**
 * Recomputes the hash chain over every row a backend stores and checks each
 * row's columns against its body, without folding anything (so it runs on a
 * log that no longer folds).
 *
 * @param backend - the database
 * @returns ok with the version and the head hash, or the first bad position and why
 */
export async function verifyBackend(backend: StoreBackend): Promise<VerifyResult> {
  const sha256: Sha256 = backend.sha256 ?? sha256Hex;
  let expected = 1;
  let previous = GENESIS_HASH;
  const fail = (position: number, reason: Extract<VerifyResult, { ok: false }>["reason"], message: string): VerifyResult => ({
    ok: false, position, reason, message: `position ${position}: ${message}`,
  });
  for (;;) {
    const rows = await backend.columns(expected, PAGE_ROWS);
    for (const row of rows) {
      if (row.position !== expected) return fail(expected, "gap", `no event is stored at position ${expected} (the next stored position is ${row.position})`);
      if (chainHash(previous, row.body, sha256) !== row.hash) {
        return fail(expected, "hash_mismatch", "the stored hash is not the chain hash of the stored body after the previous position's hash");
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(row.body);
      } catch {
        return fail(expected, "body_invalid", "the stored body is not JSON");
      }
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed) || canonicalJson(parsed) !== row.body) {
        return fail(expected, "body_invalid", "the stored body is not an event in canonical JSON");
      }
      let derived: RowColumns;
      try {
        derived = rowColumnsOf(row.position, parsed as LedgerEvent, row.body, row.hash);
      } catch {
        return fail(expected, "body_invalid", "the stored body is not an event");
      }
      const column = columnMismatch(row, derived);
      if (column !== undefined) {
        return fail(expected, "column_mismatch", `the column ${column} holds ${JSON.stringify(row[column])} but the body says ${JSON.stringify(derived[column])}`);
      }
      previous = row.hash;
      expected += 1;
    }
    if (rows.length < PAGE_ROWS) break;
  }
  // A snapshot taken further along than the log reaches means rows were cut off its end.
  for (const snapshot of await backend.snapshots(PROJECTION_VERSION)) {
    if (snapshot.position >= expected) {
      return fail(expected, "gap", `the log ends at position ${expected - 1} but a snapshot was taken at position ${snapshot.position}`);
    }
  }
  const derived = backend.checkDerived === undefined ? undefined : await backend.checkDerived();
  if (derived !== undefined) return fail(expected - 1, "column_mismatch", `the rows check out, but ${derived}`);
  return { ok: true, version: expected - 1, head: previous };
}

/**
 * Opens an event store over a backend: loads the newest usable snapshot and
 * folds the rows after it (or the whole log) into the live state.
 *
 * @param backend - the database
 * @param options - catalog, bounds, snapshots, listener errors
 * @returns the store
 */
export async function openStore(backend: StoreBackend, options: StoreOptions = {}): Promise<EventStore> {
  const catalog = options.catalog ?? defaultCatalog();
  const batchMax = options.batchMax ?? 100_000;
  const sha256: Sha256 = backend.sha256 ?? sha256Hex;
  const intern = createInterner();
  let state: LedgerState = createLedgerState();
  /** The version the state is at, and the chain hash there. */
  let version = 0;
  let head = GENESIS_HASH;
  let sinceSnapshot = 0;
  let closed = false;
  /** Whether the last write found rows another process stored (or another process is heard writing). */
  let othersWrite = true;
  const subscriptions = new Set<Subscription>();
  let stopWatching: (() => void) | undefined;
  function assertOpen(): void {
    if (closed) throw new Error(`the store ${backend.name} is closed`);
  }

  /** Folds committed rows `from` … `to` into the live state (reading columns where it can). */
  async function foldStored(from: number, to: number): Promise<number> {
    if (to < from) return 0;
    const sink = createFoldingSink(from);
    await backend.scan(from, to, NOTED_TYPES, sink);
    sink.finish(state.aggregate, (event) => {
      state.apply(event, 1);
    });
    return sink.count;
  }

  /** Catches the state up with the committed head (outside any write transaction). */
  async function catchUp(): Promise<void> {
    const committed = await backend.head();
    if (committed.version <= version) return;
    const folded = await foldStored(version + 1, committed.version);
    if (folded !== committed.version - version) {
      throw new Error(`${backend.name}: expected rows ${version + 1} to ${committed.version}, found ${folded}; run verify`);
    }
    version = committed.version;
    head = (await backend.hashAt(version)) ?? committed.hash;
  }

  // Opening: the newest snapshot of this projection version that the chain still agrees with, then the tail.
  // A log that cannot be folded (a body edited into garbage) still opens, for verify and reads; what
  // needs the state then throws the reason.
  let broken: Error | undefined;
  let opened: OpenInfo = { snapshot: undefined, folded: 0 };
  try {
    opened = await load();
  } catch (error) {
    state = createLedgerState();
    version = 0;
    head = GENESIS_HASH;
    broken = new Error(`${backend.name}: the stored log could not be folded (${(error as Error).message}); run verify`, { cause: error });
  }

  /** Restores the state from a snapshot's bytes; false when they do not decode. */
  function restore(header: SnapshotHeader, data: Uint8Array): boolean {
    let restored: ReturnType<typeof decodeSnapshot>;
    try {
      restored = decodeSnapshot(data);
    } catch {
      return false;
    }
    state = createLedgerState({ restored });
    version = header.position;
    head = header.hash;
    return true;
  }

  async function load(): Promise<OpenInfo> {
    let opening: Head;
    let fromSnapshot: SnapshotInfo | undefined;
    const infoOf = (header: SnapshotHeader): SnapshotInfo => ({ position: header.position, hash: header.hash, projectionVersion: header.projectionVersion });
    // The head and the newest agreeing snapshot in one go where the backend can; every older snapshot only when that fails.
    const quick = options.useSnapshots !== false && backend.openingSnapshot !== undefined ? await backend.openingSnapshot(PROJECTION_VERSION) : undefined;
    if (quick !== undefined) {
      opening = quick.head;
      const found = quick.snapshot;
      if (found?.data !== undefined && restore(found.header, found.data)) fromSnapshot = infoOf(found.header);
    } else opening = await backend.head();
    if (options.useSnapshots !== false && fromSnapshot === undefined && (quick === undefined || quick.snapshot !== undefined)) {
      for (const header of await backend.snapshots(PROJECTION_VERSION)) {
        if (header.position > opening.version || header.projectionVersion !== PROJECTION_VERSION) continue;
        if ((await backend.hashAt(header.position)) !== header.hash) continue;
        const data = await backend.snapshotData(header);
        if (data === undefined || !restore(header, data)) continue;
        fromSnapshot = infoOf(header);
        break;
      }
    }
    const count = await foldStored(version + 1, opening.version);
    if (count !== opening.version - version) throw new Error(`expected rows ${version + 1} to ${opening.version}, found ${count}`);
    version = opening.version;
    head = opening.hash;
    return { snapshot: fromSnapshot, folded: count };
  }

  /** Throws when the store is closed or its log could not be folded. */
  function assertUsable(): void {
    assertOpen();
    if (broken !== undefined) throw broken;
  }

  /** Folds the rows another process stored inside the write transaction (their bodies). */
  async function foldTail(tx: WriteTransaction, to: Head): Promise<void> {
    if (to.version <= version) return;
    const rows = await tx.rows(version + 1, to.version);
    if (rows.length !== to.version - version) throw new Error(`${backend.name}: expected rows ${version + 1} to ${to.version}, found ${rows.length}; run verify`);
    for (const row of rows) state.apply(JSON.parse(row.body) as LedgerEvent, 1);
    version = to.version;
    head = to.hash;
  }

  /** Checks and folds a batch into the state, recalling ids from `stored` bodies and from batches not yet committed. */
  function checkBatch(inputs: readonly unknown[], stored: ReadonlyMap<string, string>, earlier: readonly InFlight[]): { outcome: ReturnType<typeof acceptBatch>; kept: Map<string, LedgerEvent> } {
    const kept = new Map<string, LedgerEvent>();
    const memory: IdMemory = {
      recall(id, event) {
        let found = kept.get(id);
        for (let i = earlier.length - 1; found === undefined && i >= 0; i--) found = (earlier[i] as InFlight).kept.get(id);
        if (found !== undefined) return sameJson(found, event) ? "same" : "different";
        const body = stored.get(id);
        if (body === undefined) return "absent";
        return canonicalJson(event) === body ? "same" : "different";
      },
    };
    const keeper: BatchKeeper = {
      state,
      memory,
      freezes: true,
      keep(event) {
        kept.set(event.id, event);
      },
      forget(events) {
        for (const event of events) kept.delete(event.id);
      },
    };
    return { outcome: acceptBatch(inputs, catalog, intern, keeper), kept };
  }

  /** The rows and records of accepted events chained on `from`. */
  function chain(accepted: readonly LedgerEvent[], from: Head): { rows: RowColumns[]; records: StoredRecord[]; to: Head } {
    const rows: RowColumns[] = [];
    const records: StoredRecord[] = [];
    let hash = from.hash;
    let position = from.version;
    for (const event of accepted) {
      position += 1;
      const body = canonicalJson(event);
      hash = chainHash(hash, body, sha256);
      rows.push(rowColumnsOf(position, event, body, hash));
      records.push({ position, event, hash });
    }
    return { rows, records, to: { version: position, hash } };
  }

  /** Folds events back out of the state, last first. */
  function unfold(events: readonly LedgerEvent[]): void {
    for (let i = events.length - 1; i >= 0; i--) state.apply(events[i] as LedgerEvent, -1);
  }

  /** After a batch of this store committed: the state's version, subscribers, the snapshot due. */
  function committed(result: StoreAppendResult): void {
    version = result.version;
    head = result.head;
    sinceSnapshot += result.appended.length;
    if (result.appended.length > 0) {
      for (const subscription of subscriptions) schedule(subscription, result.version, result.appended);
    }
  }

  /** Whether a snapshot is due after the appends committed. */
  const snapshotDue = (): boolean => options.snapshotEvery !== undefined && sinceSnapshot >= options.snapshotEvery;

  /** An append run whole: read and check under the write lock, then insert and commit. */
  async function appendNow(inputs: unknown[], expected: number | undefined): Promise<StoreAppendResult> {
    // Catching up outside the lock keeps the lock's share of a large foreign tail small — worth its read of the
    // head only while other processes are seen to write.
    if (othersWrite) await catchUp();
    let accepted: readonly LedgerEvent[] = [];
    let inserted = false;
    let mark: AggregateMark | undefined;
    let result: StoreAppendResult;
    try {
      result = await backend.write(async (tx) => {
        const current = await tx.head();
        othersWrite = current.version > version;
        await foldTail(tx, current);
        if (expected !== undefined && expected !== current.version) {
          throw ledgerErrorOf([
            { code: "version_conflict", path: [], expected, actual: current.version, message: `expected version ${expected} but the store is at ${current.version}` },
          ]);
        }
        const stored = await tx.bodiesOf(namedIds(inputs));
        mark = state.mark();
        const { outcome } = checkBatch(inputs, stored, []);
        if (!outcome.ok) throw ledgerErrorOf(outcome.issues);
        accepted = outcome.value.accepted;
        const { rows, records, to } = chain(accepted, current);
        inserted = true;
        if (rows.length > 0) await tx.insert(rows);
        return { appended: records, unchanged: outcome.value.unchanged, version: to.version, head: to.hash };
      });
    } catch (error) {
      // Accepted into the state but not committed (the insert or the commit failed): fold the batch back out.
      if (inserted) {
        unfold(accepted);
        state.dropSince(mark as AggregateMark);
      }
      throw error;
    }
    committed(result);
    if (snapshotDue()) await snapshotNow();
    return result;
  }

  // The pipeline. Jobs run in call order. A job that runs alone (an append with an expected version, any append
  // while other processes write, a refresh, a snapshot) waits until every batch before it has committed. An
  // append that may go ahead is checked and chained on top of the batches still on their way to the database —
  // folded into the state as if they had committed — and joins them; they commit one at a time, in order, each in
  // its own transaction. When one fails, it and every batch after it are folded back out; the failed one is
  // refused with its error (or, when another process had moved the head, run again alone) and the rest run
  // again alone, in order — so every append settles as it would have had each run whole before the next.

  const jobs: Job[] = [];
  /** Checked batches not yet committed, oldest first. */
  const inFlight: InFlight[] = [];
  let pumping = false;
  let committing = false;
  /** Counts the times the batches in flight were folded back out. */
  let rollbacks = 0;
  /** The job being checked while the batches before it commit, if any. */
  let checking: Job | undefined;
  /** Wakes the pump when a batch in flight settles. */
  let wake: (() => void) | undefined;
  const depth = Math.max(1, Math.floor(options.pipeline ?? (backend.commitsElsewhere === true ? DEFAULT_PIPELINE : 1)));

  function submit<T>(inputs: unknown[] | undefined, expected: number | undefined, work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      jobs.push({ inputs, expected, work, alone: false, resolve: resolve as (value: unknown) => void, reject });
      void pump();
    });
  }

  function woken(): Promise<void> {
    return new Promise<void>((resolve) => {
      wake = resolve;
    });
  }

  /** Wakes the pump where it waits for a batch to settle, or starts it for jobs put back in line. */
  function wakePump(): void {
    const waking = wake;
    wake = undefined;
    if (waking !== undefined) waking();
    else if (jobs.length > 0) void pump();
  }

  /** Runs the jobs, in order, while there are any. */
  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      for (;;) {
        const job = jobs[0];
        if (job === undefined) break;
        const ahead = job.inputs !== undefined && !job.alone && job.expected === undefined && !othersWrite && depth > 1 && backend.bodiesOf !== undefined;
        if (ahead ? inFlight.length >= depth : inFlight.length > 0) {
          await woken();
          continue;
        }
        jobs.shift();
        if (ahead) await checkAhead(job, job.inputs as unknown[]);
        else await job.work().then(job.resolve, job.reject);
      }
    } finally {
      pumping = false;
    }
  }

  /** Checks and chains an append on the batches in flight, and sends it after them. */
  async function checkAhead(job: Job, inputs: unknown[]): Promise<void> {
    const seen = rollbacks;
    const earlier = inFlight.slice();
    checking = job;
    let stored: Map<string, string>;
    try {
      stored = await (backend.bodiesOf as NonNullable<StoreBackend["bodiesOf"]>)(namedIds(inputs));
    } catch {
      // Run alone, where the same read under the lock reports what failed (unless already put back in line).
      if (rollbacks === seen) {
        job.alone = true;
        jobs.unshift(job);
      }
      return;
    } finally {
      checking = undefined;
    }
    // Batches folded back out meanwhile: this job was put back in line after them.
    if (rollbacks !== seen) return;
    const from: Head = inFlight.length === 0 ? { version, hash: head } : (inFlight[inFlight.length - 1] as InFlight).to;
    const mark = state.mark();
    const { outcome, kept } = checkBatch(inputs, stored, earlier);
    if (!outcome.ok) {
      inFlight.push({ job, from, to: from, mark, accepted: [], rows: [], kept, error: ledgerErrorOf(outcome.issues), result: undefined });
    } else {
      const { rows, records, to } = chain(outcome.value.accepted, from);
      const result: StoreAppendResult = { appended: records, unchanged: outcome.value.unchanged, version: to.version, head: to.hash };
      inFlight.push({ job, from, to, mark, accepted: outcome.value.accepted, rows, kept, error: undefined, result });
    }
    void commitInOrder();
  }

  /** Commits the batches in flight one at a time, oldest first, and settles their appends. */
  async function commitInOrder(): Promise<void> {
    if (committing) return;
    committing = true;
    try {
      while (inFlight.length > 0) {
        const batch = inFlight[0] as InFlight;
        if (batch.error !== undefined) {
          // Refused against the state at its head: a refusal stands only if no other process wrote meanwhile.
          let moved: HeadMoved | undefined;
          try {
            const current = await backend.head();
            if (!sameHead(current, batch.from)) moved = new HeadMoved(current.version);
          } catch (error) {
            moved = new HeadMoved(Number.NaN, error);
          }
          if (moved !== undefined) {
            foldBackOut(moved);
            continue;
          }
        } else if (batch.rows.length > 0) {
          try {
            if (backend.commitAt !== undefined) {
              if (!(await backend.commitAt(batch.from, batch.rows))) throw new HeadMoved(undefined);
            } else {
              await backend.write(async (tx) => {
                const current = await tx.head();
                if (!sameHead(current, batch.from)) throw new HeadMoved(current.version);
                await tx.insert(batch.rows);
              });
            }
          } catch (error) {
            foldBackOut(error);
            continue;
          }
          committed(batch.result as StoreAppendResult);
        }
        inFlight.shift();
        if (batch.error !== undefined) batch.job.reject(batch.error);
        else batch.job.resolve(batch.result);
        if (snapshotDue() && !jobs.some((job) => job.work === snapshotNow)) jobs.unshift({ inputs: undefined, expected: undefined, work: snapshotNow, alone: true, resolve: () => undefined, reject: () => undefined });
        wakePump();
      }
    } finally {
      committing = false;
    }
  }

  /** A failed commit: every batch in flight folded back out; the failed one refused or run again, the rest run again alone. */
  function foldBackOut(error: unknown): void {
    rollbacks += 1;
    const undone = inFlight.splice(0);
    for (let i = undone.length - 1; i >= 0; i--) unfold((undone[i] as InFlight).accepted);
    const failed = undone[0] as InFlight;
    state.dropSince(failed.mark);
    const again: Job[] = [];
    if (error instanceof HeadMoved) {
      othersWrite = true;
      again.push(failed.job);
    } else failed.job.reject(error);
    for (const batch of undone.slice(1)) again.push(batch.job);
    if (checking !== undefined) again.push(checking);
    for (const job of again) job.alone = true;
    jobs.unshift(...again);
    wakePump();
  }

  async function snapshotNow(): Promise<{ readonly position: number }> {
    await catchUp();
    const header: SnapshotHeader = { position: version, hash: head, projectionVersion: PROJECTION_VERSION };
    await backend.saveSnapshot(header, encodeSnapshot(state.aggregate, state.memo()));
    sinceSnapshot = 0;
    return { position: version };
  }

  // Subscriptions: each subscriber's deliveries run on its own chain, so a slow one delays only itself.

  function reportListenerError(error: unknown, records: readonly StoredRecord[]): void {
    if (options.onListenerError !== undefined) options.onListenerError(error, records);
    else {
      queueMicrotask(() => {
        throw error;
      });
    }
  }

  async function deliver(subscription: Subscription, records: readonly StoredRecord[]): Promise<void> {
    if (!subscription.active || records.length === 0) return;
    subscription.next = (records[records.length - 1] as StoredRecord).position + 1;
    try {
      await subscription.listener(records);
    } catch (error) {
      reportListenerError(error, records);
    }
  }

  /** Brings a subscriber up to `target`, from records in hand where they cover its next position, else from the backend. */
  function schedule(subscription: Subscription, target: number, inHand: readonly StoredRecord[] = []): void {
    subscription.chain = subscription.chain.then(async () => {
      const firstInHand = inHand[0]?.position ?? LAST_POSITION;
      while (subscription.active && subscription.next <= target) {
        if (subscription.next >= firstInHand) {
          await deliver(subscription, inHand.slice(subscription.next - firstInHand));
          continue;
        }
        const rows = await backend.rows({ from: subscription.next, to: Math.min(target, firstInHand - 1), limit: PAGE_ROWS });
        if (rows.length === 0) break;
        await deliver(subscription, rows.map(recordOf));
      }
    }).catch((error: unknown) => {
      reportListenerError(error, []);
    });
  }

  function onForeignCommit(): void {
    othersWrite = true;
    void backend.head().then(
      (committed) => {
        for (const subscription of subscriptions) schedule(subscription, committed.version);
      },
      (error: unknown) => reportListenerError(error, []),
    );
  }

  // Reads.

  function rowQuery(query: StoreReadQuery, limit: number): { from: number; to: number; year?: number; unit?: string; type?: string; limit: number } {
    return {
      from: Math.max(1, Math.ceil(query.from ?? 1)),
      to: Math.min(LAST_POSITION, Math.floor(query.to ?? LAST_POSITION)),
      ...(query.year === undefined ? {} : { year: query.year }),
      ...(query.unit === undefined ? {} : { unit: query.unit }),
      ...(query.type === undefined ? {} : { type: query.type }),
      limit,
    };
  }

  async function* stream(query: StoreStreamQuery = {}): AsyncGenerator<StoredRecord[]> {
    assertOpen();
    const batchSize = Math.max(1, Math.floor(query.batchSize ?? PAGE_ROWS));
    let from = Math.max(1, Math.ceil(query.from ?? 1));
    for (;;) {
      const rows = await backend.rows(rowQuery({ ...query, from }, batchSize));
      if (rows.length === 0) return;
      yield rows.map(recordOf);
      if (rows.length < batchSize) return;
      from = (rows[rows.length - 1] as BodyRow).position + 1;
    }
  }

  async function verify(): Promise<VerifyResult> {
    assertOpen();
    return verifyBackend(backend);
  }

  async function aggregateOfYear(year: number): Promise<Aggregate> {
    assertOpen();
    const rows = await backend.aggregateRows(year);
    // Groups and raw rows fold in the order of their first positions: the cells then appear in the
    // arrays in the order the full fold creates them.
    const groups = [...rows.groups].sort((a, b) => a.firstPosition - b.firstPosition);
    const bodies = rows.bodies;
    const procurement = [...(rows.procurement ?? [])].sort((a, b) => a.firstPosition - b.firstPosition);
    const aggregate = emptyAggregate();
    // Receipts, expenditures and appropriations — most of the cells — are one cell per group and never touched
    // by the rows folded whole: they go straight into the year's arrays, their index built when first read.
    let direct = false;
    let b = 0;
    let p = 0;
    for (let g = 0; g <= groups.length; g++) {
      const group = groups[g];
      const first = group === undefined ? Number.POSITIVE_INFINITY : group.firstPosition;
      // The rows folded whole and the procurement groups before this group, in the order of their positions.
      for (;;) {
        const body = bodies[b];
        const bought = procurement[p];
        const bodyAt = body === undefined ? Number.POSITIVE_INFINITY : body.position;
        const boughtAt = bought === undefined ? Number.POSITIVE_INFINITY : bought.firstPosition;
        if (Math.min(bodyAt, boughtAt) >= first) break;
        if (bodyAt < boughtAt) {
          applyEvent(aggregate, JSON.parse((body as { body: string }).body) as LedgerEvent);
          b += 1;
        } else {
          const sums = bought as ProcurementGroup;
          if (!Number.isSafeInteger(sums.amountFen)) throw new FenOverflowError(sums.amountFen, 0);
          addProcurementSums(aggregate, year, sums.procurement as ProcurementKind, sums.supplierSize as SupplierSize, sums.amountFen, sums.count);
          p += 1;
        }
      }
      if (group === undefined) break;
      const amountFen = group.amountFen;
      if (!Number.isSafeInteger(amountFen)) throw new FenOverflowError(amountFen, 0);
      const { unit, fund, functional, economic, category, project, stage } = group;
      switch (group.cellKind) {
        case "receipt":
          yearOf(aggregate, year).receipts.push({ unit, source: fund as Fund, functional: functional as string, amountFen });
          direct = true;
          break;
        case "expenditure":
          yearOf(aggregate, year).expenditures.push({
            unit, fund: fund as Fund, functional: functional as string, economic: economic as string, category: category as Category, project, amountFen,
          });
          direct = true;
          break;
        case "appropriation":
          yearOf(aggregate, year).appropriations.push({
            unit, fund: fund as Fund, functional: functional as string, category: category as Category, economic, project, stage: stage as BudgetStage, amountFen,
          });
          direct = true;
          break;
        default: {
          const like = { unit, fund, functional, economic, category, project, stage, line: group.line, management: group.management };
          addToCellLike(aggregate, year, group.cellKind as CellKind, like, amountFen);
        }
      }
    }
    const built = aggregate.years.get(year);
    if (direct && built !== undefined) indexLazily(built, ["receipts", "expenditures", "appropriations"]);
    for (const other of [...aggregate.years.keys()]) if (other !== year) aggregate.years.delete(other);
    return aggregate;
  }

  async function replay(): Promise<Aggregate> {
    assertOpen();
    const committed = await backend.head();
    const aggregate = emptyAggregate();
    const sink = createFoldingSink(1);
    await backend.scan(1, committed.version, [], sink);
    sink.finish(aggregate, (event) => applyEvent(aggregate, event));
    return aggregate;
  }

  async function refresh(): Promise<number> {
    assertUsable();
    await submit(undefined, undefined, catchUp);
    return version;
  }

  /** Reads the state caught up with the committed log, in turn with the appends (none in flight meanwhile). */
  async function fromState<T>(read: () => T): Promise<T> {
    assertUsable();
    return submit(undefined, undefined, async () => {
      await catchUp();
      return read();
    });
  }

  const store: EventStore = {
    catalog,
    opened,
    async append(input, appendOptions: StoreAppendOptions = {}) {
      assertUsable();
      const inputs: unknown[] = Array.isArray(input) ? input : [input];
      if (inputs.length > batchMax) {
        const issue: LedgerIssue = { code: "batch_too_large", path: [], size: inputs.length, max: batchMax, message: `one append takes at most ${batchMax} events` };
        throw ledgerErrorOf([issue]);
      }
      const expected = appendOptions.expectedVersion;
      return submit(inputs, expected, () => appendNow(inputs, expected));
    },
    async read(query = {}) {
      assertOpen();
      const rows = await backend.rows(rowQuery(query, LAST_POSITION));
      return rows.map(recordOf);
    },
    stream,
    async get(id) {
      assertOpen();
      const row = await backend.rowOf(id);
      return row === undefined ? undefined : recordOf(row);
    },
    async version() {
      assertOpen();
      return (await backend.head()).version;
    },
    verify,
    async subscribe(listener, subscribeOptions = {}): Promise<Unsubscribe> {
      assertOpen();
      const committed = await backend.head();
      const from = subscribeOptions.from === undefined ? committed.version + 1 : Math.max(1, Math.ceil(subscribeOptions.from));
      const subscription: Subscription = { listener, next: from, active: true, chain: Promise.resolve() };
      subscriptions.add(subscription);
      stopWatching ??= backend.watch(onForeignCommit);
      // This store's appends committed meanwhile are delivered too (later ones schedule themselves).
      schedule(subscription, Math.max(committed.version, version));
      return async () => {
        subscription.active = false;
        subscriptions.delete(subscription);
        if (subscriptions.size === 0 && stopWatching !== undefined) {
          stopWatching();
          stopWatching = undefined;
        }
        await subscription.chain;
      };
    },
    aggregate: aggregateOfYear,
    replay,
    snapshot() {
      assertUsable();
      return submit(undefined, undefined, snapshotNow);
    },
    refresh,
    live: () => fromState(() => state.aggregate),
    tables: (year, ids) => fromState(() => buildTables(state.aggregate, year, catalog, ids)),
    report: (year) => fromState(() => ({ department: departmentName(state.aggregate), year, tables: buildTables(state.aggregate, year, catalog) })),
    async close() {
      if (closed) return;
      closed = true;
      const delivering = [...subscriptions].map((subscription) => subscription.chain);
      for (const subscription of subscriptions) subscription.active = false;
      subscriptions.clear();
      if (stopWatching !== undefined) stopWatching();
      stopWatching = undefined;
      // Appends queued before close finish, and deliveries under way end, before the connection goes.
      await submit(undefined, undefined, async () => undefined);
      await Promise.all(delivering);
      await backend.close();
    },
  };
  return store;
}
