/**
 * Test databases on the run's PostgreSQL server (started by
 * tests/support/postgres.globalSetup.ts): every test file makes its own
 * databases, so files run in parallel without seeing each other's rows.
 *
 * @module
 */
import pg from "pg";
import { inject } from "vitest";

/** The admin URL of the run's server, or null when PostgreSQL tests are skipped (`FUNDLEDGER_PG=skip`). */
export function postgresUrl(): string | null {
  return inject("fundledgerPgUrl");
}

/** True when this run has no PostgreSQL server: for `describe.skipIf`. */
export const postgresSkipped: boolean = postgresUrl() === null;

/** A database made for one test file (or one test); `drop` removes it and every connection to it. */
export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

let made = 0;

/** The URL of `database` on the server of `url`. */
export function urlOfDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Creates a fresh, empty database named after `label` (letters, digits, `_`),
 * this process and a counter, so parallel files and repeated runs never meet.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const url = postgresUrl();
  if (url === null) throw new Error("no PostgreSQL server in this run (FUNDLEDGER_PG=skip)");
  made += 1;
  const safe = label.toLowerCase().replace(/[^a-z0-9_]/g, "_").slice(0, 30);
  const name = `t_${safe}_${process.pid}_${made}`;
  await withAdmin(url, (client) => client.query(`CREATE DATABASE "${name}"`));
  return {
    name,
    url: urlOfDatabase(url, name),
    drop: () => withAdmin(url, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

async function withAdmin<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
