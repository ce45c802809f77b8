// The store contract on PostgreSQL: every location is a fresh schema of this file's database on the run's real server; tampering is done by SQL.
import pg from "pg";
import { afterAll, describe } from "vitest";
import type { RowColumns } from "../../../src/store/backend.js";
import { openPostgresStore } from "../../../src/store/postgres/index.js";
import { cellKeyOf } from "../../../src/store/postgres/backend.js";
import { CELL_COLUMNS, EVENT_COLUMNS } from "../../../src/store/postgres/schema.js";
import { createTestDatabase, postgresSkipped, type TestDatabase } from "../../support/postgres.js";
import { storeContract, type StoreLocation } from "../contract.js";

let database: Promise<TestDatabase> | undefined;
let admin: Promise<pg.Client> | undefined;
let locations = 0;

/** The file's database and a client on it, made on first use. */
async function connection(): Promise<{ url: string; client: pg.Client }> {
  database ??= createTestDatabase("contract");
  const { url } = await database;
  admin ??= (async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return client;
  })();
  return { url, client: await admin };
}

afterAll(async () => {
  if (admin !== undefined) await (await admin).end();
  if (database !== undefined) await (await database).drop();
});

/** A fresh schema: an empty store location. */
async function postgresLocation(): Promise<StoreLocation> {
  const { url, client } = await connection();
  const schema = `contract_${++locations}`;
  const events = `${schema}.events`;
  const columnOf = { amountFen: "amount_fen", hash: "hash", unit: "unit" } as const;
  return {
    open: (options) => openPostgresStore(url, { ...options, schema }),
    tamper: {
      async setBody(position, body) {
        await client.query(`UPDATE ${events} SET body = $2 WHERE position = $1`, [position, body]);
      },
      async setColumn(position, column, value) {
        await client.query(`UPDATE ${events} SET ${columnOf[column]} = $2 WHERE position = $1`, [position, value]);
      },
      async deleteRow(position) {
        await client.query(`DELETE FROM ${events} WHERE position = $1`, [position]);
      },
      async swapRows(a, b) {
        // Through a free position: the key is unique at every statement.
        const free = 1_000_000_000;
        await client.query(`UPDATE ${events} SET position = $2 WHERE position = $1`, [a, free]);
        await client.query(`UPDATE ${events} SET position = $2 WHERE position = $1`, [b, a]);
        await client.query(`UPDATE ${events} SET position = $2 WHERE position = $1`, [free, b]);
      },
      async insertRow(row: RowColumns) {
        let cell: number | null = null;
        if (row.cellKind !== null) {
          const key = cellKeyOf(row);
          await client.query(
            `INSERT INTO ${schema}.cells (id, key, ${CELL_COLUMNS.join(", ")}) ` +
              `SELECT coalesce(max(id), 0) + 1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 FROM ${schema}.cells ON CONFLICT (key) DO NOTHING`,
            [key, row.cellKind, row.unit, row.fund, row.functional, row.economic, row.category, row.project, row.stage, row.line, row.management],
          );
          cell = Number((await client.query<{ id: number }>(`SELECT id FROM ${schema}.cells WHERE key = $1`, [key])).rows[0]?.id);
        }
        const values = [row.position, row.id, row.type, row.year, row.unit, row.body, row.hash, cell, row.cellKind === null ? null : row.amountFen];
        await client.query(`INSERT INTO ${events} (${EVENT_COLUMNS.join(", ")}) VALUES (${values.map((_, i) => `$${i + 1}`).join(", ")})`, values);
      },
      async writeSnapshot(header, data) {
        await client.query(
          `INSERT INTO ${schema}.snapshots (projection_version, position, hash, data) VALUES ($1, $2, $3, $4) ` +
            `ON CONFLICT (projection_version, position) DO UPDATE SET hash = EXCLUDED.hash, data = EXCLUDED.data`,
          [header.projectionVersion, header.position, header.hash, data],
        );
      },
    },
    async dispose() {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}

describe.skipIf(postgresSkipped)("PostgreSQL", () => {
  storeContract("postgres", { create: postgresLocation, noticeWithinMs: 3_000 });
});
