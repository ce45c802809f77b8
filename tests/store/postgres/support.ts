/**
 * What the PostgreSQL store tests share: one database per test file on the
 * run's server, a fresh schema (an empty store) per test, and a client for
 * reading and tampering with the rows directly.
 *
 * @module
 */
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { openPostgresStore, type PostgresStoreOptions } from "../../../src/store/postgres/index.js";
import type { EventStore } from "../../../src/store/types.js";
import { createTestDatabase, type TestDatabase } from "../../support/postgres.js";

/** A test file's database and the stores and clients opened on it, closed after the file. */
export interface PostgresFixture {
  /** The file's database (set once `beforeAll` ran). */
  readonly database: () => TestDatabase;
  /** A new schema name, unique in the file. */
  schema(): string;
  /** Opens a store (closed after the file unless closed before). */
  open(schema: string, options?: Omit<PostgresStoreOptions, "schema">): Promise<EventStore>;
  /** A connected client on the file's database (ended after the file). */
  client(): Promise<pg.Client>;
}

/**
 * Registers `beforeAll`/`afterAll` hooks that make a database for the
 * calling test file and drop it (with every store and client) afterwards.
 *
 * @param label - names the database after the file
 * @returns the fixture
 */
export function usePostgres(label: string): PostgresFixture {
  let database: TestDatabase | undefined;
  const stores: EventStore[] = [];
  const clients: pg.Client[] = [];
  let schemas = 0;
  beforeAll(async () => {
    database = await createTestDatabase(label);
  });
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
    await database?.drop();
  });
  const current = (): TestDatabase => {
    if (database === undefined) throw new Error("the test database is made in beforeAll");
    return database;
  };
  return {
    database: current,
    schema: () => `s${++schemas}`,
    async open(schema, options = {}) {
      const store = await openPostgresStore(current().url, { ...options, schema });
      stores.push(store);
      return store;
    },
    async client() {
      const client = new pg.Client({ connectionString: current().url });
      await client.connect();
      clients.push(client);
      return client;
    },
  };
}
