/**
 * `fundledger/sqlite`: the event store in one SQLite file — the embedded
 * store for a service that persists on one machine. Needs the optional peer
 * dependency `better-sqlite3` (12.x).
 *
 * Each append is one `BEGIN IMMEDIATE` transaction, committed to the WAL
 * with `synchronous = FULL` before the promise resolves. Several processes
 * may open the same file: each append checks the whole stored log under the
 * file's write lock, and subscribers see other processes' appends by polling.
 *
 * @example
 * ```ts
 * import { openSqliteStore } from "fundledger/sqlite";
 *
 * const store = await openSqliteStore("ledger.db");
 * await store.append(events, { expectedVersion: await store.version() });
 * const tables = await store.tables(2020);
 * await store.close();
 * ```
 *
 * @module
 */
import { openStore } from "../core.js";
import type { EventStore, StoreOptions } from "../types.js";
import { createSqliteBackend, type SqliteBackendOptions } from "./backend.js";

export { createSqliteBackend, SQLITE_SCHEMA_VERSION, type SqliteBackendOptions } from "./backend.js";

/** Options of {@link openSqliteStore}: every store's options and the SQLite connection's. */
export interface SqliteStoreOptions extends StoreOptions, SqliteBackendOptions {}

/**
 * Opens (creating when absent) the store in a SQLite file: loads the newest
 * usable snapshot and folds the events after it.
 *
 * @param path - the file (`:memory:` for a private in-memory database)
 * @param options - catalog, bounds, snapshots, polling, busy timeout
 * @returns the store
 * @throws when the file is not a fundledger store of this layout
 */
export async function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Promise<EventStore> {
  const backend = createSqliteBackend(path, options);
  try {
    return await openStore(backend, options);
  } catch (error) {
    await backend.close();
    throw error;
  }
}
