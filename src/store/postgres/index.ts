/**
 * `fundledger/postgres`: the event store on PostgreSQL, for several service
 * instances (on several machines) sharing one log. Needs the optional peer
 * dependency `pg` (node-postgres).
 *
 * Every instance checks each append against the whole stored log under one
 * database-wide lock, so positions stay gapless and ids unique whoever
 * writes; each instance hears the others' appends by LISTEN/NOTIFY, which
 * keeps subscriptions live across instances.
 *
 * @example
 * ```ts
 * import { openPostgresStore } from "fundledger/postgres";
 *
 * const store = await openPostgresStore("postgres://ledger@db.internal/ledger");
 * await store.append(events, { expectedVersion: await store.version() });
 * const stop = await store.subscribe((records) => console.log(records.length), { from: 1 });
 * ```
 *
 * @module
 */
import { openStore } from "../core.js";
import type { EventStore, StoreOptions } from "../types.js";
import { createPostgresBackend, type PostgresConnection } from "./backend.js";

export { createPostgresBackend, INSERT_CHUNK, type PostgresBackendOptions, type PostgresConnection } from "./backend.js";
export { DEFAULT_SCHEMA } from "./schema.js";

/** Options of {@link openPostgresStore}: every store's options, and the schema of the store's tables. */
export interface PostgresStoreOptions extends StoreOptions {
  /**
   * The schema holding the store's tables (default `fundledger`), created
   * when absent. Stores in different schemas of one database are separate
   * ledgers.
   */
  readonly schema?: string;
}

/**
 * Opens (creating when absent) the store in a PostgreSQL database: loads
 * the newest usable snapshot and folds the events stored after it.
 *
 * @param connection - a URL (`postgres://user:password@host:port/database`) or a node-postgres pool configuration
 * @param options - schema, catalog, bounds, snapshots, listener errors
 * @returns the store; close it to end its connections
 * @throws {@link LedgerError} for a schema name that is not a plain identifier; the driver's error when the database cannot be reached
 */
export async function openPostgresStore(connection: PostgresConnection, options: PostgresStoreOptions = {}): Promise<EventStore> {
  const backend = await createPostgresBackend(connection, options.schema === undefined ? {} : { schema: options.schema });
  try {
    return await openStore(backend, options);
  } catch (error) {
    await backend.close();
    throw error;
  }
}
