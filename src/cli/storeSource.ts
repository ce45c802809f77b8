/**
 * Stores named on the command line: `--store sqlite:PATH` (a SQLite file) or
 * `--store postgres://user@host:port/database` (a PostgreSQL database,
 * optionally `?schema=NAME` for the schema holding the store's tables). The
 * adapters are loaded only when named, so their drivers stay optional.
 *
 * @module
 */
import { resolve } from "node:path";
import type { Catalog } from "../catalog/catalog.js";
import { createLedger, type Ledger } from "../ledger/ledger.js";
import type { Projector } from "../ledger/projector.js";
import { createLedgerState } from "../ledger/state.js";
import { buildTables, departmentName } from "../tables/report.js";
import type { StoreBackend } from "../store/backend.js";
import type { EventStore, StoreOptions } from "../store/types.js";
import { CliError, EXIT, usageError } from "./cliError.js";

/** A store location parsed from `--store`. */
export type StoreLocation =
  | { readonly kind: "sqlite"; readonly path: string }
  | { readonly kind: "postgres"; readonly url: string; readonly schema?: string };

/** What `--store` accepts, for messages. */
export const STORE_FORMS = "sqlite:PATH or postgres://USER@HOST:PORT/DATABASE[?schema=NAME]";

/**
 * Parses a store location.
 *
 * @param text - `sqlite:PATH`, or a `postgres://` / `postgresql://` URL
 * @param cwd - the directory a relative SQLite path is relative to
 * @returns the location
 * @throws {@link CliError} (usage) for anything else
 */
export function parseStoreLocation(text: string, cwd: string): StoreLocation {
  if (text.startsWith("sqlite:")) {
    const path = text.slice("sqlite:".length);
    if (path === "") throw usageError(`--store sqlite:PATH needs a path (${STORE_FORMS})`);
    return { kind: "sqlite", path: path === ":memory:" ? path : resolve(cwd, path) };
  }
  if (text.startsWith("postgres://") || text.startsWith("postgresql://")) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw usageError(`--store: ${JSON.stringify(text)} is not a URL (${STORE_FORMS})`);
    }
    const schema = url.searchParams.get("schema");
    url.searchParams.delete("schema");
    return { kind: "postgres", url: url.toString(), ...(schema === null ? {} : { schema }) };
  }
  throw usageError(`--store must be ${STORE_FORMS}, not ${JSON.stringify(text)}`);
}

/** Options of {@link openStoreAt}. */
export interface OpenStoreOptions extends StoreOptions {
  /** Whether a missing SQLite file is created (default true). */
  readonly create?: boolean;
}

/**
 * Opens the store at a location, loading its adapter.
 *
 * @param location - where the store is
 * @param options - the store's options
 * @returns the store
 * @throws {@link CliError} (invalid input) when the store cannot be opened, naming it and why
 */
export async function openStoreAt(location: StoreLocation, options: OpenStoreOptions = {}): Promise<EventStore> {
  return opening(location, options, async () => {
    if (location.kind === "sqlite") {
      const { openSqliteStore } = await import("../store/sqlite/index.js");
      return openSqliteStore(location.path, options);
    }
    const { openPostgresStore } = await import("../store/postgres/index.js");
    return openPostgresStore(location.url, { ...options, ...(location.schema === undefined ? {} : { schema: location.schema }) });
  });
}

/**
 * Opens the backend of the store at a location — the rows without the
 * state folded from them (for verify, which must run on any log).
 *
 * @param location - where the store is
 * @param options - whether a missing SQLite file is created
 * @returns the backend; close it when done
 * @throws {@link CliError} (invalid input) when it cannot be opened
 */
export async function openBackendAt(location: StoreLocation, options: { readonly create?: boolean } = {}): Promise<StoreBackend> {
  return opening(location, options, async () => {
    if (location.kind === "sqlite") {
      const { createSqliteBackend } = await import("../store/sqlite/index.js");
      return createSqliteBackend(location.path, options);
    }
    const { createPostgresBackend } = await import("../store/postgres/index.js");
    return createPostgresBackend(location.url, location.schema === undefined ? {} : { schema: location.schema });
  });
}

/** Runs an opening, turning its failure into one line naming the store. */
async function opening<T>(location: StoreLocation, options: { readonly create?: boolean }, open: () => Promise<T>): Promise<T> {
  const name = location.kind === "sqlite" ? `sqlite:${location.path}` : location.url.replace(/\/\/[^@/]*@/, "//…@");
  try {
    return await open();
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === "ERR_MODULE_NOT_FOUND") {
      const driver = location.kind === "sqlite" ? "better-sqlite3@12" : "pg@8";
      throw new CliError(EXIT.invalid, `${name}: the store needs the optional package ${driver} (npm install ${driver})`);
    }
    const missing = location.kind === "sqlite" && options.create === false && /unable to open|does not exist|SQLITE_CANTOPEN/i.test(String((error as Error).message));
    throw new CliError(EXIT.invalid, missing ? `${name}: no such store file` : `${name}: ${(error as Error).message}`);
  }
}

/**
 * Opens the store named by `--store`.
 *
 * @param text - the flag's value
 * @param cwd - the working directory
 * @param options - the store's options
 * @returns the store
 */
export async function openStoreFromFlag(text: string, cwd: string, options: OpenStoreOptions = {}): Promise<EventStore> {
  return openStoreAt(parseStoreLocation(text, cwd), options);
}

/** Events read from a store into a ledger, with the store's version. */
export interface LoadedStore {
  /** A ledger holding every stored event. */
  readonly ledger: Ledger;
  /** The store's version the ledger holds. */
  readonly version: number;
}

/**
 * Reads every event of a store into an in-memory ledger (for commands that
 * need a whole ledger: forks for scenarios, postings, audits).
 *
 * @param store - an open store
 * @param catalog - the ledger's catalog (the store's by default)
 * @returns the ledger and the version read
 */
export async function ledgerOfStore(store: EventStore, catalog: Catalog = store.catalog): Promise<LoadedStore> {
  const ledger = createLedger({ catalog });
  for await (const batch of store.stream({ batchSize: 50_000 })) ledger.append(batch.map((record) => record.event));
  return { ledger, version: ledger.version };
}

/**
 * A read-only projector over a store's live state, for the commands that
 * print tables and narratives: it answers as a projector of the stored
 * events would, and refuses to take more events.
 *
 * @param store - an open store (its state is read once, now)
 * @returns the projector
 */
export async function projectorOfStore(store: EventStore): Promise<Projector> {
  const aggregate = await store.live();
  const count = await store.version();
  const state = createLedgerState({ restored: { aggregate, memo: { reversed: [], openings: [] } } });
  const refuse = (): never => {
    throw usageError("events are appended to a store with fundledger append --store …");
  };
  return {
    catalog: store.catalog,
    count,
    safeProject: refuse,
    project: refuse,
    tables: (year, ids) => buildTables(aggregate, year, store.catalog, ids),
    report: (year) => ({ department: departmentName(aggregate), year, tables: buildTables(aggregate, year, store.catalog) }),
    closingBalances: (year, unit) => state.closingOf(year, unit),
    aggregate: () => aggregate,
  };
}
