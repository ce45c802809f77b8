/**
 * The floor under the PostgreSQL store's durable append: the server alone,
 * given the very rows the store wrote (its cells and events), inserting them
 * into a fresh schema of the store's layout in one statement per 1,000
 * events (its own transaction: the batch's new cells and its events, each
 * table's rows from one text parameter per column, split on the server) —
 * no validation, no canonical JSON, no hashing, no lock, no check of the
 * head, no id lookup. The store appending the same events to another fresh
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

/** One column of rows `from` … `to` − 1 as one text: values between record separators, a unit separator for null. */
function columnText(columns: Columns, c: number, from: number, to: number): string {
  const values = new Array<string>(to - from);
  for (let i = from; i < to; i++) {
    const value = (columns.rows[i] as unknown[])[c];
    values[i - from] = value === null ? "\u001f" : String(value);
  }
  return values.join("\u001e");
}

/**
 * Inserts one batch — the cells first met in it and its events — in one
 * statement, its own transaction, the way the store commits: each column's
 * values joined into one text and split on the server (no per-value quoting
 * on the client). Stored values never hold either separator (canonical JSON
 * escapes control characters).
 */
async function insertBatch(client: pg.Client, schema: string, cells: Columns, cellRange: [number, number], events: Columns, eventRange: [number, number]): Promise<void> {
  const withCells = cellRange[1] > cellRange[0];
  const arrays = (columns: Columns, offset: number): string =>
    columns.types.map((type, i) => `string_to_array($${offset + i + 1}, chr(30), chr(31))::${type}[]`).join(", ");
  const insertEvents = `INSERT INTO ${schema}.events (${events.names.join(", ")}) SELECT * FROM unnest(${arrays(events, 0)})`;
  const text = withCells
    ? `WITH new_cells AS (INSERT INTO ${schema}.cells (${cells.names.join(", ")}) SELECT * FROM unnest(${arrays(cells, events.names.length)})) ${insertEvents}`
    : insertEvents;
  const values = events.names.map((_, c) => columnText(events, c, eventRange[0], eventRange[1]));
  if (withCells) values.push(...cells.names.map((_, c) => columnText(cells, c, cellRange[0], cellRange[1])));
  await client.query({ name: `floor_${schema}_${withCells ? "cells" : "events"}`, text, values });
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
          await insertBatch(client, aloneSchema, cellsTable, [cell, cellsEnd], eventsTable, [at, end]);
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
