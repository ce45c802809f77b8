/**
 * The floor under the PostgreSQL store's durable append: the server alone,
 * given the very rows the store wrote (its cells and events), inserting them
 * into a fresh schema of the store's layout in one committed transaction per
 * 1,000 events, each table's rows in one statement (`unnest` of one text
 * parameter per column, split on the server) — no validation, no canonical JSON, no hashing, no
 * lock, no id lookup. The store appending the same events to another fresh
 * schema runs in turns with it.
 *
 * @module
 */
import pg from "pg";
import type { LedgerEvent } from "../src/events/types.js";
import { openPostgresStore } from "../src/store/postgres/index.js";
import { BATCH_SIZE, appendInBatches, appendInFlight, fullGc, secondsSince, type FloorTimes } from "./support.js";

/** Rows of one table, by column. */
interface Columns {
  readonly names: readonly string[];
  readonly types: readonly string[];
  readonly rows: unknown[][];
}

/** The columns of `schema.table` with their SQL types, in table order. */
async function columnsOf(client: pg.Client, schema: string, table: string): Promise<{ names: string[]; types: string[] }> {
  const result = await client.query<{ column_name: string; data_type: string }>(
    "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position",
    [schema, table],
  );
  return { names: result.rows.map((row) => row.column_name), types: result.rows.map((row) => row.data_type) };
}

/**
 * Inserts the rows `rows[from…to)` of one table in one statement, the way the
 * store does: each column's values joined into one text (record separators
 * between values, a unit separator for null) and split on the server — the
 * fastest form found for node-postgres (no per-value quoting on the client).
 * Stored values never hold either separator (canonical JSON escapes control
 * characters).
 */
async function insertRows(client: pg.Client, table: string, columns: Columns, from: number, to: number): Promise<void> {
  if (to <= from) return;
  const texts = columns.names.map((_, c) => {
    const values = new Array<string>(to - from);
    for (let i = from; i < to; i++) {
      const value = (columns.rows[i] as unknown[])[c];
      values[i - from] = value === null ? "\u001f" : String(value);
    }
    return values.join("\u001e");
  });
  await client.query({
    name: `floor_${table}`,
    text:
      `INSERT INTO ${table} (${columns.names.join(", ")}) ` +
      `SELECT * FROM unnest(${columns.types.map((type, i) => `string_to_array($${i + 1}, chr(30), chr(31))::${type}[]`).join(", ")})`,
    values: texts,
  });
}

/**
 * Times, in turns, the store appending `events` (batches of 1,000, each
 * awaited) to a fresh schema and the server alone inserting the rows the
 * store in `source` holds for them into another.
 *
 * @param url - the server
 * @param source - a store's schema holding at least those events, first
 * @param events - the events, in the order `source` stored them
 * @param runs - rounds
 * @param progress - where each round's line goes
 * @returns the store's seconds (first), the server alone's (second), each round's ratio, and the store's with appends in flight
 */
export async function appendAgainstFloor(
  url: string, source: string, events: readonly LedgerEvent[], runs: number, progress: (text: string) => void,
): Promise<FloorTimes> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const times: FloorTimes = { first: [], second: [], ratios: [], inFlight: [] };
  try {
    const eventColumns = await columnsOf(client, source, "events");
    const eventRows = await client.query<unknown[]>({ text: `SELECT * FROM ${source}.events WHERE position <= $1 ORDER BY position`, values: [events.length], rowMode: "array" });
    // Each cell goes in with the batch of the first event that names it.
    const cellColumns = await columnsOf(client, source, "cells");
    const cellRows = await client.query<unknown[]>({
      text: `SELECT c.*, f.first FROM ${source}.cells AS c JOIN (SELECT cell, min(position) AS first FROM ${source}.events WHERE position <= $1 GROUP BY cell) AS f ` +
        `ON f.cell = c.id ORDER BY f.first, c.id`,
      values: [events.length],
      rowMode: "array",
    });
    const firsts = cellRows.rows.map((row) => Number(row[row.length - 1]));
    const eventsTable: Columns = { ...eventColumns, rows: eventRows.rows };
    const cellsTable: Columns = { ...cellColumns, rows: cellRows.rows.map((row) => row.slice(0, -1)) };
    for (let run = 1; run <= runs; run++) {
      const storeSchema = `floor_store_${process.pid}_${run}`;
      const aloneSchema = `floor_alone_${process.pid}_${run}`;
      const inFlightSchema = `floor_in_flight_${process.pid}_${run}`;
      try {
        const store = await openPostgresStore(url, { schema: storeSchema });
        fullGc();
        let start = process.hrtime.bigint();
        await appendInBatches(store, events);
        const storeSeconds = secondsSince(start);
        await store.close();
        const ahead = await openPostgresStore(url, { schema: inFlightSchema });
        fullGc();
        start = process.hrtime.bigint();
        await appendInFlight(ahead, events);
        times.inFlight.push(secondsSince(start));
        await ahead.close();
        // The same layout, made by the store itself.
        await (await openPostgresStore(url, { schema: aloneSchema })).close();
        fullGc();
        start = process.hrtime.bigint();
        let cell = 0;
        for (let at = 0; at < events.length; at += BATCH_SIZE) {
          const end = Math.min(events.length, at + BATCH_SIZE);
          let cellsEnd = cell;
          while (cellsEnd < firsts.length && (firsts[cellsEnd] as number) <= end) cellsEnd += 1;
          await client.query("BEGIN");
          await insertRows(client, `${aloneSchema}.cells`, cellsTable, cell, cellsEnd);
          await insertRows(client, `${aloneSchema}.events`, eventsTable, at, end);
          await client.query("COMMIT");
          cell = cellsEnd;
        }
        const aloneSeconds = secondsSince(start);
        times.first.push(storeSeconds);
        times.second.push(aloneSeconds);
        times.ratios.push(storeSeconds / aloneSeconds);
        progress(
          `store append ${storeSeconds.toFixed(3)} s (in flight ${(times.inFlight[times.inFlight.length - 1] as number).toFixed(3)} s), the server alone ${aloneSeconds.toFixed(3)} s: ` +
            `round ${run}/${runs}`,
        );
      } finally {
        await client.query(`DROP SCHEMA IF EXISTS ${storeSchema} CASCADE; DROP SCHEMA IF EXISTS ${aloneSchema} CASCADE; DROP SCHEMA IF EXISTS ${inFlightSchema} CASCADE`);
      }
    }
  } finally {
    await client.end();
  }
  return times;
}
