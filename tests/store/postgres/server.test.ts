// The run's PostgreSQL server is real, durable and gives each file its own database.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, postgresSkipped, type TestDatabase } from "../../support/postgres.js";

describe.skipIf(postgresSkipped)("the test PostgreSQL server", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase("server");
  });
  afterAll(async () => {
    await db.drop();
  });

  it("is a real server with fsync and synchronous commit on, listening on loopback", async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const settings = await client.query<{ name: string; setting: string }>(
        "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'listen_addresses')",
      );
      const byName = Object.fromEntries(settings.rows.map((row) => [row.name, row.setting]));
      expect(byName).toEqual({ fsync: "on", synchronous_commit: "on", full_page_writes: "on", listen_addresses: "127.0.0.1" });
      const current = await client.query<{ db: string }>("SELECT current_database() AS db");
      expect(current.rows[0]?.db).toBe(db.name);
    } finally {
      await client.end();
    }
  });

  it("gives each test database its own tables", async () => {
    const other = await createTestDatabase("server_other");
    const a = new pg.Client({ connectionString: db.url });
    const b = new pg.Client({ connectionString: other.url });
    await a.connect();
    await b.connect();
    try {
      await a.query("CREATE TABLE only_here (x int)");
      await expect(b.query("SELECT * FROM only_here")).rejects.toThrow(/does not exist/);
    } finally {
      await a.end();
      await b.end();
      await other.drop();
    }
  });
});
