/**
 * The SQLite backend: the store's rows in one file, through better-sqlite3.
 *
 * - WAL journal with `synchronous = FULL`: a commit is on disk (the WAL
 *   fsynced) before `write` resolves, and readers never see a partial batch.
 * - Writes take `BEGIN IMMEDIATE` (the database's single write lock), after a
 *   lock shared by every connection of this process to the same file, so
 *   two stores of one process queue instead of waiting on the busy handler.
 * - Reads use a second connection, which sees committed rows only.
 * - Other processes' commits are noticed by polling `PRAGMA data_version`
 *   (and the head, which tells this backend's own commits apart).
 *
 * The coordinates of the cells are a dimension table, `cells` (one row per
 * year and distinct set of kind, unit, fund, functional, economic, category,
 * project, stage, line, management, with the position of its first event);
 * an event's row names its cell by number and carries its signed amount. A
 * narrow index on (position, cell, amount) in log order — cheap to extend —
 * lets a replay and the year's `GROUP BY cell` read two numbers per event
 * instead of its JSON. The rows the live state folds whole — no cell, or a
 * reversal or opening balance, whose cell is kept in `whole_cell` instead —
 * have `cell` null and an index of their own, which holds their bodies too
 * (a few rows in a hundred), so reading them is a walk along one index. The
 * view `event_columns` shows every event with its coordinates spelled out.
 *
 * `cell_sums` holds each cell's sum through the position recorded as
 * `sums_through` in `fundledger_meta`, brought up to date when a snapshot is
 * saved (in the same transaction): a year's aggregate is then those sums
 * (found through an index of the cells by year) and one `GROUP BY cell`
 * over the rows after them, instead of over every row. A year's
 * procurements (two numbers each, so no cell of their own) are grouped by
 * kind and supplier size from their bodies, in SQL.
 *
 * Ids have no index on `events`: a B-tree of ids that come in no order
 * (UUID v4) takes about one page written per event at every commit once it
 * outgrows a batch, which made an append of such ids three times slower.
 * Instead `ids` (id → position) holds the ids through the position
 * recorded as `ids_through`, and the backend keeps the ids of the rows after
 * it in memory (read back from those rows when it starts or another process
 * moved them); when {@link SqliteBackendOptions.idsMergeEvery} of them have
 * gathered, the append that reaches that count also puts them into `ids`,
 * sorted, in its transaction, which writes each page of the index once for
 * the lot instead of once for each event. Under the write lock the memory is first brought up to the head, so
 * the check of an id against every stored one is exact; verify checks that
 * no id is stored twice and that `ids` indexes exactly the rows it should.
 *
 * @module
 */
import { realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import type { Database as Connection, Statement } from "better-sqlite3";
import type { CellKind } from "../../projections/aggregate.js";
import {
  sameHead,
  type BodyRow, type CellColumns, type CellGroup, type Head, type ProcurementGroup, type RowColumns, type RowQuery, type ScanSink, type SnapshotHeader,
  type StoreBackend, type WriteTransaction, type YearRows,
} from "../backend.js";
import { createCellNumbers } from "../cellNumbers.js";
import { nodeSha256 } from "../nodeSha256.js";
import { GENESIS_HASH } from "../types.js";

/** The layout version of the store's tables, kept in `fundledger_meta`. */
export const SQLITE_SCHEMA_VERSION = 3;

/** Options of {@link createSqliteBackend}. */
export interface SqliteBackendOptions {
  /** How often other processes' commits are looked for while someone subscribes, ms (default 100). */
  readonly pollIntervalMs?: number;
  /** How long a write waits for another process's write lock, ms (default 10,000). */
  readonly busyTimeoutMs?: number;
  /** Create the file when it does not exist (default true). */
  readonly create?: boolean;
  /**
   * Who copies the WAL back into the database file: "background" (default)
   * — a worker thread with its own connection runs passive checkpoints as
   * commits arrive, so an append's commit only appends to the WAL — or
   * "commit", SQLite's automatic checkpoint inside the committing call.
   */
  readonly checkpoint?: "background" | "commit";
  /**
   * How many of the newest events have their ids kept in memory (a few
   * megabytes) before an append puts them into the `ids` index, sorted, in
   * one insert (default {@link IDS_MERGE_EVERY}). Lower keeps less in memory
   * and merges more often; every value gives the same answers.
   */
  readonly idsMergeEvery?: number;
}

/** The default of {@link SqliteBackendOptions.idsMergeEvery}. */
export const IDS_MERGE_EVERY = 65_536;

/** The merge of ids into `ids`: the rows after a position (`ids_through`), in the order of their ids. */
export const MERGE_IDS = "INSERT INTO ids (id, position) SELECT id, position FROM events WHERE position > ? ORDER BY id";

/**
 * The checkpointer thread: its own connection, a passive checkpoint each
 * time the count of commits in the shared word 0 moves (commits arriving
 * meanwhile coalesce into the next). It waits on that word with
 * `Atomics.wait`, so it needs no turn of the writer's event loop: a writer
 * appending without ever yielding to it (a tight loop of awaited appends
 * whose work is all synchronous) still has its WAL copied back and reused.
 * Word 1 set means close.
 */
const CHECKPOINTER = `
const { workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const words = new Int32Array(workerData.signal);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma("busy_timeout = " + workerData.busyTimeoutMs);
let seen = 0;
for (;;) {
  Atomics.wait(words, 0, seen);
  if (Atomics.load(words, 1) !== 0) break;
  seen = Atomics.load(words, 0);
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch {
    // A busy or failed checkpoint is retried after the next commit.
  }
  Atomics.store(words, 2, seen);
  Atomics.notify(words, 2);
}
db.close();
`;

/** Where better-sqlite3 is, for the checkpointer thread to load the same driver. */
const driverPath = (): string => createRequire(import.meta.url).resolve("better-sqlite3");

/** The columns of `cells`. */
const CELLS_COLUMNS = `
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL,
  first_position INTEGER NOT NULL,
  cell_kind TEXT NOT NULL,
  unit TEXT NOT NULL,
  fund TEXT,
  functional TEXT,
  economic TEXT,
  category TEXT,
  project TEXT,
  stage TEXT,
  line TEXT,
  management TEXT`;

/** Every event with its coordinates spelled out, for SQL of a reader's own. */
const EVENT_COLUMNS_VIEW = `
CREATE VIEW IF NOT EXISTS event_columns AS
  SELECT e.position, e.id, e.type, e.year, e.unit, e.body, e.hash, c.cell_kind, c.fund, c.functional, c.economic, c.category, c.project,
    c.stage, c.line, c.management, e.amount_fen
  FROM events AS e LEFT JOIN cells AS c ON c.id = coalesce(e.cell, e.whole_cell)`;

/** The columns of `events`: no index on `id` — ids are found through `ids` and the backend's memory of the newest. */
const EVENTS_COLUMNS = `
  position INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  year INTEGER NOT NULL,
  unit TEXT NOT NULL,
  body TEXT NOT NULL,
  hash TEXT NOT NULL,
  cell INTEGER,
  whole_cell INTEGER,
  amount_fen INTEGER`;

/** The indexes of `events`. */
const EVENTS_INDEXES = `
CREATE INDEX IF NOT EXISTS events_amounts ON events (position, cell, amount_fen) WHERE cell IS NOT NULL;
CREATE INDEX IF NOT EXISTS events_whole ON events (position, year, type, whole_cell, amount_fen, cell, body) WHERE cell IS NULL;`;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS fundledger_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cells (${CELLS_COLUMNS}
);
CREATE TABLE IF NOT EXISTS events (${EVENTS_COLUMNS}
);
${EVENTS_INDEXES}
CREATE TABLE IF NOT EXISTS ids (id TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS cells_year ON cells (year, id);
CREATE TABLE IF NOT EXISTS cell_sums (cell INTEGER PRIMARY KEY, total_fen INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS snapshots (
  projection_version INTEGER NOT NULL,
  position INTEGER NOT NULL,
  hash TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (projection_version, position)
);
${EVENT_COLUMNS_VIEW};
`;

/** The coordinate columns of `cells`, in the order every query selects them. */
const DIMENSIONS = "cell_kind, unit, fund, functional, economic, category, project, stage, line, management";

/**
 * From layout 1 to 2: `cells` rebuilt without its `key` column (the text of
 * the coordinates, under a unique index), in the transaction that opens the
 * file. Cell numbers, and so every event row, stay as they are.
 */
const FROM_LAYOUT_1 = `
DROP VIEW IF EXISTS event_columns;
CREATE TABLE cells_layout_2 (${CELLS_COLUMNS}
);
INSERT INTO cells_layout_2 (id, year, first_position, ${DIMENSIONS}) SELECT id, year, first_position, ${DIMENSIONS} FROM cells;
DROP TABLE cells;
ALTER TABLE cells_layout_2 RENAME TO cells;
CREATE INDEX cells_year ON cells (year, id);
${EVENT_COLUMNS_VIEW};
UPDATE fundledger_meta SET value = '2' WHERE key = 'schema';
`;

/**
 * From layout 2 to 3: `events` rebuilt without its UNIQUE index of ids, and
 * every id put in `ids` (in the order of the ids, so the index is written
 * once, page by page), in the transaction that opens the file.
 */
const FROM_LAYOUT_2 = `
DROP VIEW IF EXISTS event_columns;
CREATE TABLE events_layout_3 (${EVENTS_COLUMNS}
);
INSERT INTO events_layout_3 (position, id, type, year, unit, body, hash, cell, whole_cell, amount_fen)
  SELECT position, id, type, year, unit, body, hash, cell, whole_cell, amount_fen FROM events ORDER BY position;
DROP TABLE events;
ALTER TABLE events_layout_3 RENAME TO events;
${EVENTS_INDEXES}
DELETE FROM ids;
INSERT INTO ids (id, position) SELECT id, position FROM events ORDER BY id;
INSERT OR REPLACE INTO fundledger_meta (key, value) SELECT 'ids_through', CAST(coalesce(max(position), 0) AS TEXT) FROM events;
${EVENT_COLUMNS_VIEW};
UPDATE fundledger_meta SET value = '3' WHERE key = 'schema';
`;

/** The types whose cell goes to `whole_cell` (the live state folds their bodies whole), so `events_whole` indexes them. */
const WHOLE_TYPES: ReadonlySet<string> = new Set(["eventReversed", "balanceOpened"]);

/** Positions per page of a scan's plucked columns. */
const SCAN_PAGE = 65_536;

/**
 * Commits after which a write waits for the checkpointer to catch up before
 * it begins. SQLite starts the WAL over from its beginning only when a write
 * begins with every frame copied back; a writer that never waits stays one
 * commit ahead of the checkpointer forever and the WAL grows without end.
 */
const RESTART_EVERY = 16;

/** Rows per multi-row INSERT statement. */
const INSERT_ROWS = 50;

/** A `cells` row as CellColumns (amount unset). */
function cellColumnsOfRow(row: DimensionRow): { -readonly [K in keyof CellColumns]: CellColumns[K] } {
  return {
    cellKind: row[0] as CellKind, unit: row[1], fund: row[2], functional: row[3], economic: row[4], category: row[5], project: row[6],
    stage: row[7], line: row[8], management: row[9], amountFen: null,
  };
}

/** Write locks of this process, one per database file: connections to one file queue here. */
const processLocks = new Map<string, Promise<unknown>>();

/** Private in-memory databases opened, for their lock keys. */
let privateDatabases = 0;

/** The key of a file in {@link processLocks}. */
function lockKey(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** A cell of the `cells` table as a scan uses it. */
interface KnownCell {
  readonly year: number;
  readonly firstPosition: number;
  /** Its coordinates; `amountFen` is set to each row's amount as it is passed on. */
  readonly columns: { -readonly [K in keyof CellColumns]: CellColumns[K] };
}

/** A row of the dimension columns as SELECTed (raw arrays). */
type DimensionRow = [string | null, string, string | null, string | null, string | null, string | null, string | null, string | null, string | null, string | null];

/** The position `ids` indexes the rows through (0 when never). */
const IDS_THROUGH = "coalesce((SELECT CAST(value AS INTEGER) FROM fundledger_meta WHERE key = 'ids_through'), 0)";

/** The statements that find ids, prepared on one connection. */
interface IdStatements {
  /** `ids_through`. */
  readonly through: Statement;
  /** The (id, position) of the rows after a position, in order. */
  readonly after: Statement;
  /** (id, body) of the rows whose ids `ids` holds among a JSON array of ids. */
  readonly indexedBodies: Statement;
  /** (id, body) of the rows at a JSON array of positions. */
  readonly bodiesAt: Statement;
  /** (id, body) of the rows after a position whose ids are among a JSON array of ids (a scan of those rows). */
  readonly bodiesAfter: Statement;
  /** (position, body, hash, id) of the rows with id `@id`: through `ids`, at `@position`, or after `@after`. */
  readonly rowById: Statement;
}

function idStatementsOf(db: Connection): IdStatements {
  return {
    through: db.prepare(`SELECT ${IDS_THROUGH}`).pluck(),
    after: db.prepare("SELECT id, position FROM events WHERE position > ? ORDER BY position").raw(true),
    indexedBodies: db.prepare("SELECT e.id, e.body FROM ids AS i JOIN events AS e ON e.position = i.position WHERE i.id IN (SELECT value FROM json_each(?))").raw(true),
    bodiesAt: db.prepare("SELECT id, body FROM events WHERE position IN (SELECT value FROM json_each(?))").raw(true),
    bodiesAfter: db.prepare("SELECT id, body FROM events WHERE position > ? AND id IN (SELECT value FROM json_each(?))").raw(true),
    rowById: db.prepare(
      `SELECT position, body, hash, id FROM events WHERE position IN (SELECT position FROM ids WHERE id = @id UNION ALL SELECT @position)
       UNION ALL
       SELECT position, body, hash, id FROM events WHERE position > @after AND id = @id`,
    ),
  };
}

/**
 * Opens (creating when absent) a SQLite store file and prepares its tables.
 *
 * @param path - the file, or `:memory:` for a private in-memory database
 * @param options - polling, busy timeout, creation
 * @returns the backend
 * @throws when the file is not a store of this layout, or is missing and `create` is false
 * @throws RangeError when `idsMergeEvery` is not a whole number of 1 or more
 */
export function createSqliteBackend(path: string, options: SqliteBackendOptions = {}): StoreBackend {
  const mergeEvery = options.idsMergeEvery ?? IDS_MERGE_EVERY;
  if (!Number.isSafeInteger(mergeEvery) || mergeEvery < 1) {
    throw new RangeError(`idsMergeEvery must be a whole number of events, 1 or more, not ${String(options.idsMergeEvery)}`);
  }
  const inMemory = path === ":memory:" || path === "";
  const writer = new Database(path, { fileMustExist: options.create === false });
  writer.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 10_000))}`);
  if (!inMemory) {
    const mode = writer.pragma("journal_mode = WAL", { simple: true });
    if (String(mode).toLowerCase() !== "wal") throw new Error(`${path}: could not switch the journal to WAL (it is ${String(mode)})`);
  }
  writer.pragma("synchronous = FULL");
  const background = !inMemory && options.checkpoint !== "commit";
  if (background) writer.pragma("wal_autocheckpoint = 0");
  writer.pragma("temp_store = MEMORY");
  writer.pragma("cache_size = -65536");
  // Creating the tables takes the write lock: another process creating them at the same moment waits.
  writer.exec("BEGIN IMMEDIATE");
  try {
    writer.exec(SCHEMA);
    const stored = writer.prepare("SELECT value FROM fundledger_meta WHERE key = 'schema'").pluck().get() as string | undefined;
    if (stored === undefined) writer.prepare("INSERT INTO fundledger_meta (key, value) VALUES ('schema', ?)").run(String(SQLITE_SCHEMA_VERSION));
    else if (stored === "1" || stored === "2") {
      if (stored === "1") writer.exec(FROM_LAYOUT_1);
      writer.exec(FROM_LAYOUT_2);
    } else if (stored !== String(SQLITE_SCHEMA_VERSION)) throw new Error(`${path}: a store of layout ${stored}; this version reads layout ${SQLITE_SCHEMA_VERSION}`);
    writer.exec("COMMIT");
  } catch (error) {
    if (writer.inTransaction) writer.exec("ROLLBACK");
    writer.close();
    throw error;
  }
  // A second connection for reads sees committed rows only, even while a write transaction is open.
  const reader: Connection = inMemory ? writer : new Database(path, { fileMustExist: true });
  if (!inMemory) {
    reader.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 10_000))}`);
    reader.pragma("temp_store = MEMORY");
    reader.pragma("cache_size = -65536");
  }
  const key = inMemory ? `:memory:${(privateDatabases += 1)}` : lockKey(path);
  const pollMs = Math.max(5, options.pollIntervalMs ?? 100);

  const writerHead = writer.prepare("SELECT position, hash FROM events ORDER BY position DESC LIMIT 1");
  const readerHead = reader.prepare("SELECT position, hash FROM events ORDER BY position DESC LIMIT 1");
  const writerIds = idStatementsOf(writer);
  const readerIds = idStatementsOf(reader);
  const mergeIds = writer.prepare(MERGE_IDS);
  const setIdsThrough = writer.prepare("INSERT OR REPLACE INTO fundledger_meta (key, value) VALUES ('ids_through', ?)");
  const repeatedId = writer.prepare(
    `SELECT id FROM (
       SELECT e.id FROM events AS e JOIN ids AS i ON i.id = e.id WHERE e.position > ${IDS_THROUGH}
       UNION ALL
       SELECT id FROM events WHERE position > ${IDS_THROUGH} GROUP BY id HAVING count(*) > 1)
     LIMIT 1`,
  ).pluck();

  /**
   * The ids of the rows after `ids_through` — those not yet in `ids` — with
   * their positions, as read up to `tailTop` (`tailThrough` is −1 until the
   * first read).
   */
  let tailThrough = -1;
  let tailTop = 0;
  let tailIds = new Map<string, number>();

  /**
   * Brings the ids in memory up to the head a connection sees: afresh from
   * `ids_through` when that moved, else the rows after the last read. Only
   * where the connection sees committed rows alone (never inside a write
   * after its inserts), so the memory never holds a row rolled back.
   */
  function syncTail(statements: IdStatements): void {
    const through = statements.through.get() as number;
    if (through !== tailThrough) {
      tailIds = new Map();
      tailThrough = through;
      tailTop = through;
    }
    for (const [id, position] of statements.after.iterate(tailTop) as IterableIterator<[string, number]>) {
      tailIds.set(id, position);
      tailTop = position;
    }
  }

  /**
   * The stored bodies of those of `ids` stored, by id, read by a connection:
   * through `ids`, the ids in memory, and the rows after those read into
   * memory (none once synced). Exact whether or not the memory is up to
   * date, since `ids_through` only grows: `ids` covers the rows through it,
   * the memory those after it up to `tailTop`, the scan the rest (skipped
   * when `synced`: the memory was just brought up to the connection's head).
   */
  function bodiesBy(statements: IdStatements, ids: readonly string[], synced: boolean): Map<string, string> {
    const found = new Map<string, string>();
    if (ids.length === 0) return found;
    const indexed: string[] = [];
    const positions: number[] = [];
    for (const id of ids) {
      const position = tailIds.get(id);
      if (position === undefined) indexed.push(id);
      else positions.push(position);
    }
    const take = (rows: unknown[]): void => {
      for (const [id, body] of rows as [string, string][]) found.set(id, body);
    };
    if (indexed.length > 0) take(statements.indexedBodies.all(JSON.stringify(indexed)));
    if (positions.length > 0) take(statements.bodiesAt.all(JSON.stringify(positions)));
    if (!synced) take(statements.bodiesAfter.all(tailTop, JSON.stringify(ids)));
    return found;
  }

  /** Whether reads may bring the memory of ids up to date: not on a private database's one connection inside a write. */
  const readerSeesCommittedOnly = (): boolean => reader !== writer || !writer.inTransaction;
  const writerRows = writer.prepare("SELECT position, body, hash FROM events WHERE position BETWEEN ? AND ? ORDER BY position");
  const insertCell = writer.prepare(`INSERT INTO cells (id, year, first_position, ${DIMENSIONS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const writerCells = writer.prepare(`SELECT id, year, ${DIMENSIONS} FROM cells WHERE id > ?`).raw(true);
  /** Inserts of 1 and of {@link INSERT_ROWS} rows per statement (fewer calls into SQLite per row). */
  const insertOf = (count: number): Statement =>
    writer.prepare(
      `INSERT INTO events (position, id, type, year, unit, body, hash, cell, whole_cell, amount_fen)
       VALUES ${Array.from({ length: count }, () => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}`,
    );
  const insertOne = insertOf(1);
  const insertMany = insertOf(INSERT_ROWS);
  const hashAt = reader.prepare("SELECT hash FROM events WHERE position = ?").pluck();
  // A page of rows for verify, and the cells they name as the table holds them now (not as cached: verify reads
  // what is stored), both in one read transaction.
  const columnRows = reader
    .prepare("SELECT position, id, type, year, unit, body, hash, coalesce(cell, whole_cell), amount_fen FROM events WHERE position >= ? ORDER BY position LIMIT ?")
    .raw(true);
  const cellsOfRows = reader
    .prepare(`SELECT id, ${DIMENSIONS} FROM cells WHERE id IN (SELECT coalesce(cell, whole_cell) FROM events WHERE position BETWEEN ? AND ?)`)
    .raw(true);
  const columnPage = reader.transaction((from: number, limit: number): RowColumns[] => {
    type Stored = [number, string, string, number, string, string, string, number | null, number | null];
    const rows = columnRows.all(from, limit) as Stored[];
    if (rows.length === 0) return [];
    const named = new Map<number, DimensionRow>();
    for (const [id, ...dimensions] of cellsOfRows.all(from, (rows[rows.length - 1] as Stored)[0]) as [number, ...DimensionRow][]) named.set(id, dimensions);
    return rows.map(([position, id, type, year, unit, body, hash, cell, amountFen]): RowColumns => {
      // A number that names no cell reads as no coordinates, which the body's then contradict; a cell whose unit is
      // not its event's (an edited cells row) shows the cell's, so verify names it.
      const d = cell === null ? undefined : named.get(cell);
      return {
        position, id, type, year, unit: d?.[1] ?? unit, body, hash, cellKind: (d?.[0] ?? null) as CellKind | null, fund: d?.[2] ?? null, functional: d?.[3] ?? null,
        economic: d?.[4] ?? null, category: d?.[5] ?? null, project: d?.[6] ?? null, stage: d?.[7] ?? null, line: d?.[8] ?? null, management: d?.[9] ?? null,
        amountFen,
      };
    });
  });
  const allCells = reader.prepare(`SELECT id, year, first_position, ${DIMENSIONS} FROM cells WHERE id > ?`).raw(true);
  /** The position `cell_sums` is summed through (0 when never). */
  const SUMS_THROUGH = "coalesce((SELECT CAST(value AS INTEGER) FROM fundledger_meta WHERE key = 'sums_through'), 0)";
  /** Amounts of the cell rows (both indexes) after a position, as (cell, amount_fen). */
  const amountsAfter = (position: string): string =>
    `SELECT cell, amount_fen FROM events INDEXED BY events_amounts WHERE cell IS NOT NULL AND position > ${position}
     UNION ALL
     SELECT whole_cell, amount_fen FROM events INDEXED BY events_whole WHERE cell IS NULL AND whole_cell IS NOT NULL AND position > ${position}`;
  // A year's sums: those kept in cell_sums (found through the year's cells, no grouping), then the rows after them, grouped.
  const keptSums = reader.prepare("SELECT s.cell, s.total_fen FROM cells AS c JOIN cell_sums AS s ON s.cell = c.id WHERE c.year = ?").raw(true);
  const tailSums = reader
    .prepare(`SELECT cell, SUM(amount_fen) FROM (${amountsAfter(SUMS_THROUGH)}) WHERE cell IN (SELECT id FROM cells WHERE year = ?) GROUP BY cell`)
    .raw(true);
  const sumsThrough = writer.prepare(`SELECT ${SUMS_THROUGH}`).pluck();
  const addSums = writer.prepare(
    `INSERT INTO cell_sums (cell, total_fen)
       SELECT cell, SUM(amount_fen) FROM (${amountsAfter("@through")}) WHERE TRUE GROUP BY cell
     ON CONFLICT (cell) DO UPDATE SET total_fen = total_fen + excluded.total_fen`,
  );
  const setSumsThrough = writer.prepare("INSERT OR REPLACE INTO fundledger_meta (key, value) VALUES ('sums_through', ?)");
  const checkSums = reader.prepare(
    `SELECT count(*) FROM (
       SELECT cell, SUM(amount_fen) AS total FROM (
         SELECT cell, amount_fen FROM events INDEXED BY events_amounts WHERE cell IS NOT NULL AND position <= ${SUMS_THROUGH}
         UNION ALL
         SELECT whole_cell, amount_fen FROM events INDEXED BY events_whole WHERE cell IS NULL AND whole_cell IS NOT NULL AND position <= ${SUMS_THROUGH})
       GROUP BY cell) AS fresh
     FULL OUTER JOIN cell_sums AS kept ON kept.cell = fresh.cell
     WHERE fresh.total IS NOT kept.total_fen`,
  ).pluck();
  // What verify checks of the ids: each row through ids_through indexed at its own position, nothing else in ids, and
  // no id twice after it (neither in ids nor among those rows).
  const unindexedRow = reader
    .prepare(`SELECT min(e.position) FROM events AS e WHERE e.position <= ${IDS_THROUGH} AND NOT EXISTS (SELECT 1 FROM ids AS i WHERE i.id = e.id AND i.position = e.position)`)
    .pluck();
  const strayIds = reader
    .prepare(`SELECT count(*) FROM ids AS i WHERE i.position > ${IDS_THROUGH} OR NOT EXISTS (SELECT 1 FROM events AS e WHERE e.position = i.position AND e.id = i.id)`)
    .pluck();
  const repeatedAfter = reader
    .prepare(
      `SELECT min(position) FROM (
         SELECT e.position FROM events AS e JOIN ids AS i ON i.id = e.id WHERE e.position > ${IDS_THROUGH}
         UNION ALL
         SELECT position FROM (SELECT position, row_number() OVER (PARTITION BY id ORDER BY position) AS n FROM events WHERE position > ${IDS_THROUGH})
         WHERE n = 2)`,
    )
    .pluck();
  /** The year's procurements and their reversals (no cell of their own: two numbers each). */
  const PROCUREMENT_ROWS = `type = 'procurementAwarded' OR (type = 'eventReversed' AND json_extract(body, '$.reverses.type') = 'procurementAwarded')`;
  const yearBodies = reader.prepare(
    `SELECT position, body FROM events INDEXED BY events_whole
     WHERE cell IS NULL AND whole_cell IS NULL AND (year = @year OR type = 'unitRegistered' OR (type = 'yearClosed' AND year = @previous))
       AND NOT (year = @year AND (${PROCUREMENT_ROWS}))
     ORDER BY position`,
  );
  // Grouped by kind and supplier size, read from the bodies (a reversal counts its target's amount negative and −1).
  const yearProcurement = reader
    .prepare(
      `SELECT procurement, supplier_size, SUM(amount), SUM(n), MIN(position) FROM (
         SELECT position, json_extract(body, '$.procurement') AS procurement, json_extract(body, '$.supplierSize') AS supplier_size,
           json_extract(body, '$.amountFen') AS amount, 1 AS n
         FROM events INDEXED BY events_whole WHERE cell IS NULL AND whole_cell IS NULL AND year = @year AND type = 'procurementAwarded'
         UNION ALL
         SELECT position, json_extract(body, '$.reverses.procurement'), json_extract(body, '$.reverses.supplierSize'),
           -json_extract(body, '$.reverses.amountFen'), -1
         FROM events INDEXED BY events_whole WHERE cell IS NULL AND whole_cell IS NULL AND year = @year AND type = 'eventReversed'
           AND json_extract(body, '$.reverses.type') = 'procurementAwarded')
       GROUP BY procurement, supplier_size`,
    )
    .raw(true);
  const scanCellIds = reader
    .prepare("SELECT cell FROM events INDEXED BY events_amounts WHERE cell IS NOT NULL AND position BETWEEN ? AND ?")
    .pluck();
  const scanAmounts = reader
    .prepare("SELECT amount_fen FROM events INDEXED BY events_amounts WHERE cell IS NOT NULL AND position BETWEEN ? AND ?")
    .pluck();
  const scanWhole = reader
    .prepare(
      "SELECT position, type, whole_cell, amount_fen, body FROM events INDEXED BY events_whole WHERE cell IS NULL AND position BETWEEN ? AND ?",
    )
    .raw(true);
  const scanAll = reader.prepare("SELECT position, coalesce(cell, whole_cell), amount_fen, type, body FROM events WHERE position BETWEEN ? AND ?").raw(true);
  const saveSnapshot = writer.prepare("INSERT OR REPLACE INTO snapshots (projection_version, position, hash, data) VALUES (?, ?, ?, ?)");
  const snapshotHeaders = reader.prepare(
    "SELECT position, hash, projection_version AS projectionVersion FROM snapshots WHERE projection_version = ? ORDER BY position DESC",
  );
  const snapshotData = reader.prepare("SELECT data FROM snapshots WHERE projection_version = ? AND position = ? AND hash = ?").pluck();
  const dataVersion = reader.prepare("PRAGMA data_version").pluck();

  /** Cell numbers by coordinates, as committed, and the highest number among them (the cells table only grows). */
  const cellIds = createCellNumbers();
  let cellIdsUpTo = 0;

  /** Inside a write: learns the cells numbered since (by any process), so a new cell is numbered after them. */
  function learnNewCells(): void {
    for (const row of writerCells.all(cellIdsUpTo) as [number, number, ...DimensionRow][]) {
      const [id, year, ...dimensions] = row;
      cellIds.set(year, cellColumnsOfRow(dimensions), id);
      cellIdsUpTo = Math.max(cellIdsUpTo, id);
    }
  }

  /** Cells by number, read from `cells`: year, first position, coordinates (a sparse array: numbers are small). */
  const cellsById: (KnownCell | undefined)[] = [];
  let cellsReadUpTo = 0;

  function readNewCells(): void {
    for (const row of allCells.all(cellsReadUpTo) as [number, number, number, ...DimensionRow][]) {
      const [id, year, firstPosition, ...dimensions] = row;
      cellsById[id] = { year, firstPosition, columns: cellColumnsOfRow(dimensions) };
      cellsReadUpTo = Math.max(cellsReadUpTo, id);
    }
  }

  /** Read statements by the filters they apply, prepared on first use. */
  const readStatements = new Map<string, Statement>();
  function readStatement(query: RowQuery): Statement {
    const filters = ["year", "unit", "type"].filter((name) => query[name as "year" | "unit" | "type"] !== undefined);
    const cacheKey = filters.join(",");
    let statement = readStatements.get(cacheKey);
    if (statement === undefined) {
      const where = ["position BETWEEN @from AND @to", ...filters.map((name) => `${name} = @${name}`)].join(" AND ");
      statement = reader.prepare(`SELECT position, body, hash FROM events WHERE ${where} ORDER BY position LIMIT @limit`);
      readStatements.set(cacheKey, statement);
    }
    return statement;
  }

  const headOf = (statement: Statement): Head => {
    const row = statement.get() as { position: number; hash: string } | undefined;
    return row === undefined ? { version: 0, hash: GENESIS_HASH } : { version: row.position, hash: row.hash };
  };

  // The checkpointer: told of each commit through a shared counter; started with the first.
  let checkpointer: Worker | undefined;
  const signal = new Int32Array(new SharedArrayBuffer(12));
  let sinceRestart = 0;
  function requestCheckpoint(): void {
    if (!background || closed) return;
    if (checkpointer === undefined) {
      checkpointer = new Worker(CHECKPOINTER, {
        eval: true,
        workerData: { driver: driverPath(), path, busyTimeoutMs: Math.max(0, Math.floor(options.busyTimeoutMs ?? 10_000)), signal: signal.buffer },
      });
      checkpointer.unref();
      checkpointer.on("error", () => {
        // Without the thread, SQLite checkpoints inside commits again.
        checkpointer = undefined;
        if (!closed && writer.open) writer.pragma("wal_autocheckpoint = 1000");
      });
    }
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
    sinceRestart += 1;
  }

  /**
   * Every {@link RESTART_EVERY} commits: waits (up to a second) until the
   * checkpointer has copied back every commit asked of it; when the thread
   * is not running yet, or has not caught up in that second, the writer runs
   * the passive checkpoint itself, so the write that follows starts the WAL
   * over however slow the thread is to start or to be scheduled.
   */
  function waitForCheckpoint(): void {
    // A thread that failed to start left the checkpoints to SQLite, inside commits.
    if (checkpointer === undefined || sinceRestart < RESTART_EVERY) return;
    sinceRestart = 0;
    if (Atomics.load(signal, 2) !== 0) {
      const asked = Atomics.load(signal, 0);
      for (;;) {
        const done = Atomics.load(signal, 2);
        if (((done - asked) | 0) >= 0) return;
        if (Atomics.wait(signal, 2, done, 1_000) === "timed-out") break;
      }
    }
    writer.pragma("wal_checkpoint(PASSIVE)");
  }

  const watchers = new Set<() => void>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let seenVersion = 0;
  let closed = false;
  /** The head this backend's last commit left. */
  let ownHead: Head | undefined;

  /**
   * Tells the watchers when another connection committed. `data_version`
   * moves for every connection's commit but the reader's own — this
   * backend's writer included — so when it moves, the head decides: the
   * one this backend's last commit left is no other process's (another's
   * commit would have moved it on, or made that commit wait and fail).
   */
  function poll(): void {
    if (closed) return;
    const current = dataVersion.get() as number;
    if (current === seenVersion) return;
    seenVersion = current;
    const head = headOf(readerHead);
    if (ownHead !== undefined && sameHead(ownHead, head)) return;
    for (const watcher of watchers) watcher();
  }

  const backend: StoreBackend = {
    name: inMemory ? "sqlite::memory:" : `sqlite:${path}`,
    sha256: nodeSha256,
    async head() {
      return headOf(readerHead);
    },
    async bodiesOf(ids) {
      const synced = ids.length > 0 && readerSeesCommittedOnly();
      if (synced) syncTail(readerIds);
      return bodiesBy(readerIds, ids, synced);
    },
    write<T>(work: (tx: WriteTransaction) => Promise<T>): Promise<T> {
      const run = (processLocks.get(key) ?? Promise.resolve()).then(async () => {
        if (closed) throw new Error(`${backend.name} is closed`);
        /** Cells numbered in this transaction: remembered only once it commits. */
        const newCells = createCellNumbers();
        const cellOf = (r: RowColumns): number | null => {
          if (r.cellKind === null) return null;
          const known = cellIds.get(r.year, r) ?? (newCells.size === 0 ? undefined : newCells.get(r.year, r));
          if (known !== undefined) return known;
          // Numbered after every cell in the table: the write lock is held and the cells numbered since were learnt.
          const id = cellIdsUpTo + newCells.size + 1;
          insertCell.run(id, r.year, r.position, r.cellKind, r.unit, r.fund, r.functional, r.economic, r.category, r.project, r.stage, r.line, r.management);
          newCells.set(r.year, r, id);
          return id;
        };
        const pushValues = (values: unknown[], r: RowColumns): void => {
          const cell = cellOf(r);
          const whole = WHOLE_TYPES.has(r.type);
          values.push(r.position, r.id, r.type, r.year, r.unit, r.body, r.hash, whole ? null : cell, whole ? cell : null, r.amountFen);
        };
        /** The rows inserted in this transaction, as given. */
        const inserted: (readonly RowColumns[])[] = [];
        let last: RowColumns | undefined;
        /** The position `ids` was brought up to in this transaction, if it was. */
        let merged: number | undefined;
        waitForCheckpoint();
        writer.exec("BEGIN IMMEDIATE");
        try {
          learnNewCells();
          // Under the lock and before any insert: the ids in memory reach the head, so lookups need no scan.
          syncTail(writerIds);
          const tx: WriteTransaction = {
            head: async () => headOf(writerHead),
            // Synced at the start of the transaction; after an insert, the scan finds this transaction's own rows.
            bodiesOf: async (ids) => bodiesBy(writerIds, ids, inserted.length === 0),
            rows: async (from, to) => writerRows.all(from, to) as BodyRow[],
            async insert(rows) {
              const values: unknown[] = [];
              let at = 0;
              for (; at + INSERT_ROWS <= rows.length; at += INSERT_ROWS) {
                values.length = 0;
                for (let i = at; i < at + INSERT_ROWS; i++) pushValues(values, rows[i] as RowColumns);
                insertMany.run(values);
              }
              for (; at < rows.length; at++) {
                values.length = 0;
                pushValues(values, rows[at] as RowColumns);
                insertOne.run(values);
              }
              if (rows.length > 0) inserted.push(rows);
              last = rows[rows.length - 1] ?? last;
            },
          };
          const value = await work(tx);
          if (last !== undefined && last.position - tailThrough >= mergeEvery) {
            try {
              // tailThrough is ids_through: the memory was synced at the start of this transaction.
              mergeIds.run(tailThrough);
            } catch (error) {
              const repeated = repeatedId.get() as string | undefined;
              if (repeated === undefined) throw error;
              throw new Error(`${backend.name}: the id ${JSON.stringify(repeated)} is stored twice; run verify`, { cause: error });
            }
            setIdsThrough.run(String(last.position));
            merged = last.position;
          }
          writer.exec("COMMIT");
          if (merged !== undefined) {
            tailIds = new Map();
            tailThrough = merged;
            tailTop = merged;
          } else if (inserted[0]?.[0]?.position === tailTop + 1) {
            for (const rows of inserted) for (const row of rows) tailIds.set(row.id, row.position);
            tailTop = (last as RowColumns).position;
          }
          if (last !== undefined) ownHead = { version: last.position, hash: last.hash };
          for (const cell of newCells.cells()) cellIds.set(cell.year, cell, cell.id);
          cellIdsUpTo += newCells.size;
          requestCheckpoint();
          return value;
        } catch (error) {
          if (writer.inTransaction) writer.exec("ROLLBACK");
          throw error;
        }
      });
      const settled = run.catch(() => undefined);
      processLocks.set(key, settled);
      void settled.then(() => {
        if (processLocks.get(key) === settled) processLocks.delete(key);
      });
      return run;
    },
    async rows(query) {
      if (query.limit <= 0 || query.to < query.from) return [];
      const params: Record<string, unknown> = { from: query.from, to: query.to, limit: Math.min(query.limit, Number.MAX_SAFE_INTEGER) };
      if (query.year !== undefined) params["year"] = query.year;
      if (query.unit !== undefined) params["unit"] = query.unit;
      if (query.type !== undefined) params["type"] = query.type;
      return readStatement(query).all(params) as BodyRow[];
    },
    async rowOf(id) {
      if (readerSeesCommittedOnly()) syncTail(readerIds);
      const rows = readerIds.rowById.all({ id, position: tailIds.get(id) ?? null, after: tailTop }) as (BodyRow & { id: string })[];
      const row = rows.find((candidate) => candidate.id === id);
      return row === undefined ? undefined : { position: row.position, body: row.body, hash: row.hash };
    },
    async hashAt(position) {
      return hashAt.get(position) as string | undefined;
    },
    async columns(from, limit) {
      return columnPage(from, limit);
    },
    async scan(from: number, to: number, bodyTypes: readonly string[], sink: ScanSink) {
      if (to < from) return;
      readNewCells();
      const cellAt = (cell: number): KnownCell => {
        let found = cellsById[cell];
        if (found === undefined) {
          readNewCells();
          found = cellsById[cell];
          if (found === undefined) throw new Error(`${backend.name}: an event names cell ${cell}, which is not in the cells table; run verify`);
        }
        return found;
      };
      const passCell = (cell: number, amountFen: number): void => {
        const known = cellAt(cell);
        known.columns.amountFen = amountFen;
        sink.cell(known.year, known.columns, cell, known.firstPosition);
      };
      const wanted = new Set(bodyTypes);
      if (!bodyTypes.every((type) => WHOLE_TYPES.has(type))) {
        // Types the index of whole rows does not cover: one pass over the rows, in order.
        for (const row of scanAll.iterate(from, to) as IterableIterator<[number, number | null, number | null, string, string]>) {
          const [position, cell, amountFen, type, body] = row;
          if (cell === null || wanted.has(type)) sink.body(position, body);
          else passCell(cell, amountFen as number);
        }
        return;
      }
      // The rows folded whole (few), then the cell rows as two plucked columns a page at a time: each cell carries
      // its first position, so the sink puts everything back in log order.
      for (const [position, type, cell, amountFen, body] of scanWhole.iterate(from, to) as IterableIterator<[number, string, number | null, number | null, string]>) {
        if (cell === null || wanted.has(type)) sink.body(position, body);
        else passCell(cell, amountFen as number);
      }
      for (let start = from; start <= to; start += SCAN_PAGE) {
        const end = Math.min(to, start + SCAN_PAGE - 1);
        const cells = scanCellIds.all(start, end) as number[];
        const amounts = scanAmounts.all(start, end) as number[];
        if (cells.length !== amounts.length) throw new Error(`${backend.name}: the rows of positions ${start} to ${end} changed during a scan`);
        for (let i = 0; i < cells.length; i++) passCell(cells[i] as number, amounts[i] as number);
      }
    },
    async aggregateRows(year): Promise<YearRows> {
      // The database groups and sums; the coordinates of each cell come from the cells already read.
      const totals = new Map<number, number>(keptSums.all(year) as [number, number][]);
      for (const [cell, sum] of tailSums.all(year) as [number, number][]) totals.set(cell, (totals.get(cell) ?? 0) + sum);
      const bodies = yearBodies.all({ year, previous: year - 1 }) as { position: number; body: string }[];
      const procurement = (yearProcurement.all({ year }) as [string, string, number, number, number][]).map(
        ([kind, supplierSize, amountFen, count, firstPosition]): ProcurementGroup => ({ procurement: kind, supplierSize, amountFen, count, firstPosition }),
      );
      readNewCells();
      const grouped: CellGroup[] = [];
      for (const [cell, total] of totals) {
        const known = cellsById[cell];
        if (known === undefined) throw new Error(`${backend.name}: an event names cell ${cell}, which is not in the cells table; run verify`);
        grouped.push({ ...known.columns, amountFen: total, firstPosition: known.firstPosition });
      }
      return { groups: grouped, bodies, procurement };
    },
    async saveSnapshot(header: SnapshotHeader, data: Uint8Array) {
      await backend.write(async () => {
        saveSnapshot.run(header.projectionVersion, header.position, header.hash, data);
        // The cells' sums move up to the head (the rows after the last snapshot's position, summed once).
        const through = sumsThrough.get() as number;
        const head = headOf(writerHead).version;
        if (head > through) {
          addSums.run({ through });
          setSumsThrough.run(String(head));
        }
      });
    },
    async checkDerived() {
      const unindexed = unindexedRow.get() as number | null;
      if (unindexed !== null) return `the id of position ${unindexed} is not indexed at that position in ids (an id stored twice, or ids edited)`;
      const stray = strayIds.get() as number;
      if (stray > 0) return `${stray} rows of ids name no row of events with that id at that position, or a position after ids_through`;
      const repeated = repeatedAfter.get() as number | null;
      if (repeated !== null) return `position ${repeated} repeats the id of an earlier position`;
      const wrong = checkSums.get() as number;
      return wrong === 0 ? undefined : `${wrong} of the cells' sums kept in cell_sums differ from the sums of their rows`;
    },
    async snapshots(projectionVersion) {
      return snapshotHeaders.all(projectionVersion) as SnapshotHeader[];
    },
    async snapshotData(header) {
      // A BLOB; a text here is not a snapshot this version wrote, and reads as bytes that decoding refuses.
      const data = snapshotData.get(header.projectionVersion, header.position, header.hash) as Uint8Array | string | undefined;
      return typeof data === "string" ? new TextEncoder().encode(data) : data;
    },
    watch(onChange) {
      const watcher = (): void => onChange();
      watchers.add(watcher);
      if (timer === undefined) {
        seenVersion = dataVersion.get() as number;
        timer = setInterval(poll, pollMs);
        timer.unref();
      }
      return () => {
        watchers.delete(watcher);
        if (watchers.size === 0 && timer !== undefined) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
    async close() {
      if (closed) return;
      // Writes queued on this file's lock finish first.
      await (processLocks.get(key) ?? Promise.resolve());
      closed = true;
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      watchers.clear();
      if (checkpointer !== undefined) {
        const thread = checkpointer;
        checkpointer = undefined;
        // Held open until the thread has closed its connection (it is unreferenced otherwise).
        thread.ref();
        await new Promise<void>((done) => {
          thread.once("exit", () => done());
          Atomics.store(signal, 1, 1);
          Atomics.add(signal, 0, 1);
          Atomics.notify(signal, 0);
        });
        thread.removeAllListeners();
      }
      if (reader !== writer) reader.close();
      // The last connection to close copies the WAL into the file.
      writer.close();
    },
  };
  return backend;
}
