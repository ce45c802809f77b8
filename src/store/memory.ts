/**
 * The in-memory store: the store contract over rows held in an array, for
 * tests, for browsers and for services that rebuild their log elsewhere. It
 * validates, chains and projects exactly as the durable stores do; it just
 * forgets on exit.
 *
 * @module
 */
import type { BodyRow, CellGroup, Head, RowColumns, RowQuery, ScanSink, SnapshotHeader, StoreBackend, WriteTransaction, YearRows } from "./backend.js";
import { openStore } from "./core.js";
import { GENESIS_HASH, type EventStore, type StoreOptions } from "./types.js";

/** A backend of rows in memory; `rows` is exposed for tests that tamper with it. */
export interface MemoryBackend extends StoreBackend {
  /** The stored rows, position n at index n − 1. Changing them is tampering. */
  readonly stored: RowColumns[];
}

const bodyRow = (row: RowColumns): BodyRow => ({ position: row.position, body: row.body, hash: row.hash });

/**
 * Creates an empty in-memory backend.
 *
 * @returns the backend
 */
export function createMemoryBackend(): MemoryBackend {
  const stored: RowColumns[] = [];
  const positionOf = new Map<string, number>();
  const snapshots = new Map<string, { readonly header: SnapshotHeader; readonly data: Uint8Array }>();
  const watchers = new Set<() => void>();
  let lock: Promise<unknown> = Promise.resolve();

  const headOf = (): Head => {
    const last = stored[stored.length - 1];
    return last === undefined ? { version: 0, hash: GENESIS_HASH } : { version: last.position, hash: last.hash };
  };
  const rowAt = (position: number): RowColumns | undefined => {
    const row = stored[position - 1];
    // Rows sit at their position's index unless a test tampered with the array.
    return row?.position === position ? row : stored.find((other) => other.position === position);
  };

  async function bodiesOf(ids: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const id of ids) {
      const position = positionOf.get(id);
      const row = position === undefined ? undefined : rowAt(position);
      if (row !== undefined) found.set(id, row.body);
    }
    return found;
  }

  return {
    name: "memory",
    stored,
    async head() {
      return headOf();
    },
    bodiesOf,
    write<T>(work: (tx: WriteTransaction) => Promise<T>): Promise<T> {
      const run = lock.then(async () => {
        const pending: RowColumns[] = [];
        const tx: WriteTransaction = {
          head: async () => headOf(),
          bodiesOf,
          rows: async (from, to) => stored.filter((row) => row.position >= from && row.position <= to).map(bodyRow),
          async insert(rows) {
            pending.push(...rows);
          },
        };
        const value = await work(tx);
        // Commit: all of the batch or nothing.
        for (const row of pending) {
          if (positionOf.has(row.id)) throw new Error(`id ${row.id} is stored already`);
        }
        for (const row of pending) {
          stored.push(row);
          positionOf.set(row.id, row.position);
        }
        if (pending.length > 0) {
          for (const watcher of watchers) queueMicrotask(watcher);
        }
        return value;
      });
      lock = run.catch(() => undefined);
      return run;
    },
    async rows(query: RowQuery) {
      const found: BodyRow[] = [];
      for (const row of stored) {
        if (found.length >= query.limit) break;
        if (row.position < query.from || row.position > query.to) continue;
        if (query.year !== undefined && row.year !== query.year) continue;
        if (query.unit !== undefined && row.unit !== query.unit) continue;
        if (query.type !== undefined && row.type !== query.type) continue;
        found.push(bodyRow(row));
      }
      return found;
    },
    async rowOf(id) {
      const position = positionOf.get(id);
      const row = position === undefined ? undefined : rowAt(position);
      return row === undefined || row.id !== id ? undefined : bodyRow(row);
    },
    async hashAt(position) {
      return rowAt(position)?.hash;
    },
    async columns(from, limit) {
      return stored.filter((row) => row.position >= from).sort((a, b) => a.position - b.position).slice(0, limit);
    },
    async scan(from: number, to: number, bodiesOf: readonly string[], sink: ScanSink) {
      for (const row of stored) {
        if (row.position < from || row.position > to) continue;
        if (row.cellKind !== null && !bodiesOf.includes(row.type)) sink.cell(row.year, row);
        else sink.body(row.position, row.body);
      }
    },
    async aggregateRows(year): Promise<YearRows> {
      const groups = new Map<string, CellGroup>();
      const bodies: { position: number; body: string }[] = [];
      for (const row of stored) {
        if (row.cellKind !== null) {
          if (row.year !== year) continue;
          const key = JSON.stringify([row.cellKind, row.unit, row.fund, row.functional, row.economic, row.category, row.project, row.stage, row.line, row.management]);
          const group = groups.get(key);
          if (group === undefined) groups.set(key, { ...row, amountFen: row.amountFen ?? 0, firstPosition: row.position });
          else groups.set(key, { ...group, amountFen: group.amountFen + (row.amountFen ?? 0) });
        } else if (row.year === year || row.type === "unitRegistered" || (row.type === "yearClosed" && row.year === year - 1)) {
          bodies.push({ position: row.position, body: row.body });
        }
      }
      return { groups: [...groups.values()], bodies };
    },
    async saveSnapshot(header, data) {
      snapshots.set(`${header.projectionVersion}:${header.position}`, { header, data });
    },
    async snapshots(projectionVersion) {
      return [...snapshots.values()].map((s) => s.header).filter((h) => h.projectionVersion === projectionVersion).sort((a, b) => b.position - a.position);
    },
    async snapshotData(header) {
      return snapshots.get(`${header.projectionVersion}:${header.position}`)?.data;
    },
    watch(onChange) {
      const watcher = (): void => onChange();
      watchers.add(watcher);
      return () => {
        watchers.delete(watcher);
      };
    },
    // Nothing to release: the rows stay for other stores opened over this backend.
    async close() {},
  };
}

/**
 * Creates an in-memory event store: the store contract (validation, hash
 * chain, snapshots, subscriptions, the tables) without durability.
 *
 * @param options - catalog and bounds
 * @returns the store
 *
 * @example
 * ```ts
 * const store = await createMemoryStore();
 * await store.append({ id: "u1", type: "unitRegistered", year: 2020, unit: "office", name: "办本级", kind: "administrative", parent: null });
 * (await store.verify()).ok; // true
 * ```
 */
export function createMemoryStore(options: StoreOptions = {}): Promise<EventStore> {
  return openStore(createMemoryBackend(), options);
}

/**
 * Opens an event store over an existing in-memory backend (another view of
 * the same rows, as a second process would open the same database).
 *
 * @param backend - the backend
 * @param options - catalog and bounds
 * @returns the store
 */
export function openMemoryStore(backend: MemoryBackend, options: StoreOptions = {}): Promise<EventStore> {
  return openStore(backend, options);
}
