/**
 * The floor under the SQLite store's durable append: SQLite alone, given the
 * very rows the store wrote (its cells and events, in its layout), inserting
 * them into a fresh file one transaction of 1,000 events at a time with the
 * store's durability (WAL, `synchronous = FULL`) and nothing else but
 * the store's merges of ids into its index, at the same positions — no
 * validation, no canonical JSON, no hashing, no cell numbering, no
 * checkpoints. The store appending the same events to another fresh file
 * runs in turns with it, so the ratio of the two is the share of an append
 * that is the database's own.
 *
 * @module
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { LedgerEvent } from "../src/events/types.js";
import { IDS_MERGE_EVERY, MERGE_IDS } from "../src/store/sqlite/backend.js";
import { openSqliteStore } from "../src/store/sqlite/index.js";
import { BATCH_SIZE, appendInBatches, appendInFlight, fullGc, secondsSince, type FloorTimes } from "./support.js";

/** Rows per multi-row INSERT, as the store sends them. */
const INSERT_ROWS = 50;

/** Removes a SQLite file with its WAL and shared-memory files, if there. */
export function removeDatabaseFile(path: string): void {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
}

/** The rows of a table as stored, with their column names. */
interface TableRows {
  readonly columns: readonly string[];
  readonly rows: unknown[][];
}

/** Every row of `table` whose `column` is at most `last`, in that column's order. */
function rowsOf(db: Database.Database, table: string, column: string, last: number): TableRows {
  const statement = db.prepare(`SELECT * FROM ${table} WHERE ${column} <= ? ORDER BY ${column}, rowid`).raw(true);
  return { columns: statement.columns().map((c) => c.name), rows: statement.all(last) as unknown[][] };
}

/** The INSERT of `count` rows into `table`. */
function insertSql(table: string, columns: readonly string[], count: number): string {
  const one = `(${columns.map(() => "?").join(", ")})`;
  return `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${Array.from({ length: count }, () => one).join(", ")}`;
}

/** Inserts `events` and `cells` into `path` (a fresh store file), a transaction per batch of events; returns the seconds. */
function insertAlone(path: string, cells: TableRows, events: TableRows): number {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("wal_autocheckpoint = 0");
    db.pragma("cache_size = -65536");
    const firstPosition = cells.columns.indexOf("first_position");
    const insertCell = db.prepare(insertSql("cells", cells.columns, 1));
    const insertMany = db.prepare(insertSql("events", events.columns, INSERT_ROWS));
    const insertOne = db.prepare(insertSql("events", events.columns, 1));
    const position = events.columns.indexOf("position");
    const mergeIds = db.prepare(MERGE_IDS);
    let indexedThrough = 0;
    const values: unknown[] = [];
    let cell = 0;
    const start = process.hrtime.bigint();
    for (let at = 0; at < events.rows.length; at += BATCH_SIZE) {
      const end = Math.min(events.rows.length, at + BATCH_SIZE);
      db.exec("BEGIN IMMEDIATE");
      // The cells first met in this batch, then its events.
      while (cell < cells.rows.length && ((cells.rows[cell] as unknown[])[firstPosition] as number) <= end) insertCell.run(cells.rows[cell++] as unknown[]);
      let row = at;
      for (; row + INSERT_ROWS <= end; row += INSERT_ROWS) {
        values.length = 0;
        for (let i = row; i < row + INSERT_ROWS; i++) values.push(...(events.rows[i] as unknown[]));
        insertMany.run(values);
      }
      for (; row < end; row++) insertOne.run(events.rows[row] as unknown[]);
      const last = (events.rows[end - 1] as unknown[])[position] as number;
      if (last - indexedThrough >= IDS_MERGE_EVERY) {
        mergeIds.run(indexedThrough);
        indexedThrough = last;
      }
      db.exec("COMMIT");
    }
    return secondsSince(start);
  } finally {
    db.close();
  }
}

/**
 * Times, in turns, the store appending the first `events` (batches of
 * 1,000, each awaited) to a fresh file and SQLite alone inserting the rows
 * the store at `source` holds for them into another.
 *
 * @param source - a store file holding at least those events, first
 * @param directory - where the fresh files go (each removed after its round)
 * @param events - the events, in the order `source` stored them
 * @param runs - rounds
 * @param progress - where each round's line goes
 * @returns the store's seconds (first), SQLite alone's (second), each round's ratio, and the store's with appends in flight
 */
export async function appendAgainstFloor(
  source: string, directory: string, events: readonly LedgerEvent[], runs: number, progress: (text: string) => void,
): Promise<FloorTimes> {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  const cells = rowsOf(db, "cells", "first_position", events.length);
  const rows = rowsOf(db, "events", "position", events.length);
  db.close();
  const times: FloorTimes = { first: [], second: [], ratios: [], inFlight: [] };
  for (let run = 1; run <= runs; run++) {
    const storePath = join(directory, `floor-store-${run}.db`);
    const inFlightPath = join(directory, `floor-in-flight-${run}.db`);
    const alonePath = join(directory, `floor-alone-${run}.db`);
    try {
      const store = await openSqliteStore(storePath);
      fullGc();
      let start = process.hrtime.bigint();
      await appendInBatches(store, events);
      const storeSeconds = secondsSince(start);
      await store.close();
      const ahead = await openSqliteStore(inFlightPath);
      fullGc();
      start = process.hrtime.bigint();
      await appendInFlight(ahead, events);
      times.inFlight.push(secondsSince(start));
      await ahead.close();
      // The same layout, made by the store itself.
      await (await openSqliteStore(alonePath)).close();
      fullGc();
      const aloneSeconds = insertAlone(alonePath, cells, rows);
      times.first.push(storeSeconds);
      times.second.push(aloneSeconds);
      times.ratios.push(storeSeconds / aloneSeconds);
      progress(
        `store append ${storeSeconds.toFixed(3)} s (in flight ${(times.inFlight[times.inFlight.length - 1] as number).toFixed(3)} s), SQLite alone ${aloneSeconds.toFixed(3)} s: round ${run}/${runs}`,
      );
    } finally {
      for (const path of [storePath, inFlightPath, alonePath]) removeDatabaseFile(path);
    }
  }
  return times;
}
