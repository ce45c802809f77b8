/**
 * The PostgreSQL backend of a store (node-postgres): one writer at a time
 * across every process by a transaction-scoped advisory lock, inserts of up
 * to {@link INSERT_CHUNK} rows per statement (`unnest` of column texts),
 * reads in keyset pages streamed row by row as arrays, a year's aggregate
 * grouped by cell number in SQL, and LISTEN/NOTIFY so that every instance
 * hears every other's appends.
 *
 * A batch the store checked outside the lock commits in one statement, one
 * round trip (`commitAt`): the lock, the check that the log still ends
 * where the batch was chained, the new cells, the events and the
 * notification, in the statement's own transaction. A write that reads
 * under the lock first (an expected version, a tail to catch up with) is a
 * transaction of several statements (`write`).
 *
 * The coordinates of the aggregate cells live in the dimension table `cells`
 * (see ./schema.ts). The backend keeps the committed part of it in memory —
 * number by coordinates for writes, coordinates by number for scans — and
 * reads what other processes added when it meets a number or coordinates it
 * does not know. Numbers are one more than the largest stored, given under
 * the write lock or, for a commit in one statement, checked by it (a number
 * another writer took comes with rows that moved the head), so they grow in
 * commit order.
 *
 * Durability is the server's: a write resolves after its COMMIT returns,
 * which with the default `synchronous_commit = on` and `fsync = on` means the
 * commit record is flushed to disk.
 *
 * @module
 */
import pg from "pg";
import type { CellKind } from "../../projections/aggregate.js";
import {
  sameHead,
  type BodyRow,
  type CellColumns,
  type CellGroup,
  type Head,
  type RowColumns,
  type RowQuery,
  type ScanSink,
  type SnapshotHeader,
  type StoreBackend,
  type WriteTransaction,
  type YearRows,
} from "../backend.js";
import { createCellNumbers, type CellNumbers } from "../cellNumbers.js";
import { nodeSha256 } from "../nodeSha256.js";
import { GENESIS_HASH } from "../types.js";
import { CELL_COLUMNS, EVENT_COLUMNS, EVENT_COLUMN_TYPES, schemaNames, schemaStatements, type SchemaNames } from "./schema.js";

/** Rows per INSERT statement. */
export const INSERT_CHUNK = 1_000;
/** Rows per keyset page of a scan (a replay); each page is streamed row by row. */
const SCAN_PAGE = 100_000;
/** Rows per page of the tail a writer catches up with. */
const TAIL_PAGE = 50_000;
/** Snapshots kept per projection version: the newest ones. */
export const SNAPSHOTS_KEPT = 3;
/** The first key of every advisory lock a store takes ("FLDG"); the second is the hash of its schema. */
const LOCK_CLASS = 0x464c4447;
/** Waits between attempts to re-establish a lost LISTEN connection, in ms (the last one repeats). */
const LISTEN_RETRY_MS = [50, 200, 1_000, 5_000] as const;

/** Base64 characters in one part of a snapshot (64 KiB: node-postgres reads parts of this size fastest; divisible by four, so each part decodes on its own). */
const SNAPSHOT_PART_CHARS = 64 * 1024;

/** The bytes of a snapshot's base64 parts. */
function bytesOfParts(parts: readonly string[]): Uint8Array {
  return Buffer.concat(parts.map((part) => Buffer.from(part, "base64")));
}

/** PostgreSQL type oids parsed to numbers: int8 and numeric (sums). */
const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * int8 and numeric values as JavaScript numbers. Positions and fen are safe
 * integers by the ledger's checks; a sum that left the safe range is refused
 * where it is read ({@link safeSum}), not rounded.
 */
const TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === INT8_OID || oid === NUMERIC_OID) return Number;
    return format === undefined ? pg.types.getTypeParser(oid) : pg.types.getTypeParser(oid, format as "text");
  }) as typeof pg.types.getTypeParser,
};

/** Options of {@link createPostgresBackend}. */
export interface PostgresBackendOptions {
  /** Schema holding the store's tables (default `fundledger`); one database can hold several stores. */
  readonly schema?: string;
}

/** The connection: a URL (`postgres://user:password@host:port/database`) or a node-postgres pool configuration. */
export type PostgresConnection = string | pg.PoolConfig;

/** A URL or configuration without its password, to name the store in messages. */
function nameOf(connection: PostgresConnection, schema: string): string {
  if (typeof connection === "string") {
    try {
      const url = new URL(connection);
      url.password = "";
      return `${url.toString()}#${schema}`;
    } catch {
      return `postgres#${schema}`;
    }
  }
  const host = connection.host ?? "localhost";
  const port = connection.port === undefined ? "" : `:${String(connection.port)}`;
  const user = connection.user === undefined ? "" : `${connection.user}@`;
  return `postgres://${user}${host}${port}/${connection.database ?? ""}#${schema}`;
}

/** The client configuration of a connection, with this backend's number parsing. */
function clientConfig(connection: PostgresConnection): pg.PoolConfig {
  const base: pg.PoolConfig = typeof connection === "string" ? { connectionString: connection } : connection;
  return { ...base, types: TYPES };
}

/** A sum read from SQL, which must be a safe integer to be exact. */
function safeSum(value: unknown, what: string): number {
  const sum = typeof value === "number" ? value : Number(value);
  if (!Number.isSafeInteger(sum)) throw new RangeError(`the SQL sum of ${what} (${String(value)}) is not a safe integer`);
  return sum;
}

/**
 * The text that names a set of coordinates in `cells.key`: JSON of the ten
 * fields, so that distinct coordinates always have distinct keys.
 *
 * @param c - a row's cell columns (`cellKind` not null)
 * @returns the key
 */
export function cellKeyOf(c: CellColumns): string {
  return JSON.stringify([c.cellKind, c.unit, c.fund, c.functional, c.economic, c.category, c.project, c.stage, c.line, c.management]);
}

/** A mutable {@link CellColumns}: a cell's coordinates, the amount set per row as a scan passes it on. */
interface CellColumnsScratch {
  cellKind: CellKind | null;
  unit: string;
  fund: string | null;
  functional: string | null;
  economic: string | null;
  category: string | null;
  project: string | null;
  stage: string | null;
  line: string | null;
  management: string | null;
  amountFen: number | null;
}

/** A row of `cells` (number, then {@link CELL_COLUMNS}) as cell columns. */
function cellOfRow(row: readonly unknown[], offset: number): CellColumnsScratch {
  const at = (i: number): string | null => row[offset + i] as string | null;
  return {
    cellKind: at(0) as CellKind, unit: at(1) as string, fund: at(2), functional: at(3), economic: at(4), category: at(5),
    project: at(6), stage: at(7), line: at(8), management: at(9), amountFen: null,
  };
}

/** Separates the values of a column in an insert's text parameter. */
const RECORD_SEPARATOR = "\u001e";
/** Stands for a null value in an insert's text parameter. */
const NULL_MARK = "\u001f";

/**
 * One column of a chunk as one text: values separated by
 * {@link RECORD_SEPARATOR}, nulls as {@link NULL_MARK}; undefined when a value
 * holds either character, or when the column is a single empty string (which
 * the server would split into no value at all).
 */
function joinColumn(values: readonly (string | number | null)[]): string | undefined {
  const parts = new Array<string>(values.length);
  let nulls = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as string | number | null;
    if (value === null) {
      parts[i] = NULL_MARK;
      nulls += 1;
    } else if (typeof value === "number") parts[i] = String(value);
    else {
      if (value === "" && values.length === 1) return undefined;
      parts[i] = value;
    }
  }
  const joined = parts.join(RECORD_SEPARATOR);
  // Exactly the separators and null marks put in: no value holds either.
  return occurrences(joined, RECORD_SEPARATOR) === values.length - 1 && occurrences(joined, NULL_MARK) === nulls ? joined : undefined;
}

/** Every column as one text ({@link joinColumn}); undefined when one of them cannot be. */
function joinColumns(columns: readonly (readonly (string | number | null)[])[]): string[] | undefined {
  const joined: string[] = [];
  for (const column of columns) {
    const text = joinColumn(column);
    if (text === undefined) return undefined;
    joined.push(text);
  }
  return joined;
}

/** How many times a one-character string occurs in a text. */
function occurrences(text: string, character: string): number {
  let count = 0;
  for (let at = text.indexOf(character); at !== -1; at = text.indexOf(character, at + 1)) count += 1;
  return count;
}

/**
 * An INSERT of many rows from one parameter per column: each column's values
 * joined into one text and split on the server (no per-value quoting on the
 * client; canonical JSON never holds a raw control character), or as arrays
 * when a value holds a separator.
 */
function bulkInsert(table: string, columns: readonly string[], types: readonly string[], statementName: string): (client: pg.PoolClient, values: readonly (string | number | null)[][]) => Promise<void> {
  const joinedSql =
    `INSERT INTO ${table} (${columns.join(", ")}) ` +
    `SELECT * FROM unnest(${types.map((type, i) => `string_to_array($${i + 1}, chr(30), chr(31))::${type}[]`).join(", ")})`;
  const arraysSql = `INSERT INTO ${table} (${columns.join(", ")}) SELECT * FROM unnest(${types.map((type, i) => `$${i + 1}::${type}[]`).join(", ")})`;
  return async (client, values) => {
    const joined = joinColumns(values);
    if (joined !== undefined) await client.query({ name: `${statementName}_joined`, text: joinedSql, values: joined });
    else await client.query({ name: `${statementName}_arrays`, text: arraysSql, values: [...values] });
  };
}

/** The SQLSTATE of a unique violation. */
const UNIQUE_VIOLATION = "23505";

/** The types of the columns of `cells` as an insert gives them: number, key, {@link CELL_COLUMNS}. */
const CELL_INSERT_TYPES = ["integer", "text", ...CELL_COLUMNS.map(() => "text")] as const;

/**
 * A commit in one statement (so in one round trip, and its own transaction):
 * the write lock first — every row it inserts is joined with the lock's
 * row, so none goes in before the lock is held — then the check that the
 * log ends at the given position and hash, then the new cells and the
 * events, and a notification when rows went in. The check reads the
 * statement's snapshot, taken before the lock was granted: a writer that
 * committed in between has rows at the positions this one inserts, and
 * the primary key refuses them (a unique violation, which the caller takes
 * for a moved head).
 *
 * @returns a function that runs it and tells whether the rows went in
 */
function oneStatementCommit(names: SchemaNames): (
  client: pg.PoolClient, after: Head, eventColumns: readonly (string | number | null)[][], cellColumns: readonly (string | number | null)[][] | undefined,
) => Promise<boolean> {
  const { events, cells, channel, schema } = names;
  const sqlOf = (cellsToo: boolean, joined: boolean): string => {
    const array = (type: string, i: number): string => (joined ? `string_to_array($${i}, chr(30), chr(31))::${type}[]` : `$${i}::${type}[]`);
    const eventArrays = EVENT_COLUMN_TYPES.map((type, i) => array(type, i + 3)).join(", ");
    const cellArrays = CELL_INSERT_TYPES.map((type, i) => array(type, i + 3 + EVENT_COLUMNS.length)).join(", ");
    return (
      `WITH locked AS MATERIALIZED (SELECT pg_advisory_xact_lock(${LOCK_CLASS}, hashtext('${schema}')) AS held), ` +
      `at_head AS MATERIALIZED (SELECT 1 FROM locked WHERE CASE WHEN $1::bigint = 0 THEN NOT EXISTS (SELECT 1 FROM ${events}) ` +
      `ELSE EXISTS (SELECT 1 FROM ${events} WHERE position = $1::bigint AND hash = $2::text) END), ` +
      (cellsToo ? `new_cells AS (INSERT INTO ${cells} (id, key, ${CELL_COLUMNS.join(", ")}) SELECT c.* FROM at_head, unnest(${cellArrays}) AS c), ` : "") +
      `new_events AS (INSERT INTO ${events} (${EVENT_COLUMNS.join(", ")}) SELECT e.* FROM at_head, unnest(${eventArrays}) AS e RETURNING 1) ` +
      `SELECT n.inserted, (SELECT pg_notify('${channel}', n.inserted::text) WHERE n.inserted > 0) IS NULL AS quiet ` +
      `FROM (SELECT count(*)::integer AS inserted FROM new_events) AS n`
    );
  };
  return async (client, after, eventColumns, cellColumns) => {
    const columns = cellColumns === undefined ? eventColumns : [...eventColumns, ...cellColumns];
    const joined = joinColumns(columns);
    const asText = joined !== undefined;
    const name = `fundledger_commit_${schema}_${cellColumns === undefined ? "events" : "cells"}_${asText ? "joined" : "arrays"}`;
    const result = await client.query<unknown[]>({
      name, text: sqlOf(cellColumns !== undefined, asText), values: [after.version, after.hash, ...(joined ?? columns)], rowMode: "array",
    });
    return (result.rows[0]?.[0] as number | undefined) === (eventColumns[0] as unknown[]).length;
  };
}

/**
 * Opens a backend on a PostgreSQL database, creating the store's schema and
 * tables when absent.
 *
 * @param connection - a URL or a node-postgres pool configuration
 * @param options - the schema
 * @returns the backend; its {@link StoreBackend.close} ends the pool
 * @throws {@link LedgerError} for an invalid schema name; the driver's error when the database cannot be reached
 */
export async function createPostgresBackend(connection: PostgresConnection, options: PostgresBackendOptions = {}): Promise<StoreBackend> {
  const names = schemaNames(options.schema ?? "fundledger");
  const config = clientConfig(connection);
  const pool = new pg.Pool(config);
  // An idle client whose connection dies is removed by the pool; without a listener its error would end the process.
  pool.on("error", () => undefined);
  try {
    await createSchema(pool, names);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return postgresBackend(pool, config, names, nameOf(connection, names.schema));
}

async function createSchema(pool: pg.Pool, names: SchemaNames): Promise<void> {
  // An existing store opens with one query; a new one takes the write lock and creates what is missing.
  const existing = await pool.query<{ ready: boolean }>(
    `SELECT to_regclass($1) IS NOT NULL AND to_regclass($2) IS NOT NULL AND to_regclass($3) IS NOT NULL AND to_regclass($4) IS NOT NULL
       AND to_regclass($5) IS NOT NULL AS ready`,
    [names.events, names.cells, names.snapshots, `"${names.schema}".event_columns`, names.snapshotParts],
  );
  if (existing.rows[0]?.ready === true) return;
  await withTransaction(pool, async (client) => {
    // The write lock: processes opening one new store at once would otherwise race on the catalog.
    await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [LOCK_CLASS, names.schema]);
    for (const statement of schemaStatements(names)) await client.query(statement);
  });
}

/**
 * Runs `work` in a transaction on a client of the pool: committed when it
 * resolves, rolled back (the client let go) when it rejects.
 */
async function withTransaction(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await work(client);
    await client.query("COMMIT");
    client.release();
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    client.release(true);
    throw error;
  }
}

function postgresBackend(pool: pg.Pool, config: pg.PoolConfig, names: SchemaNames, name: string): StoreBackend {
  const { events, cells, snapshots, snapshotParts, channel } = names;
  const watchers = new Set<Watcher>();
  let closed = false;
  /** The server's process ids of this backend's pooled connections that have written: their notifications are its own. */
  const ownSessions = new Set<number>();
  pool.on("remove", (client) => {
    const session = (client as { processID?: number | null }).processID;
    if (typeof session === "number") ownSessions.delete(session);
  });

  // The committed cells known to this backend.
  const cellIdOf = createCellNumbers();
  const cellById: (CellColumnsScratch | undefined)[] = [];
  let largestCellId = 0;
  /**
   * A position up to which the dictionary is known to hold every stored
   * cell (each write stores its cells with its events): after this backend's
   * own write, or a read of the new cells under the write lock.
   */
  let cellsCompleteAt = -1;

  const headSql = `SELECT position, hash FROM ${events} ORDER BY position DESC LIMIT 1`;
  /** The head, and the newest snapshot of a projection version that the chain agrees with, its parts in order: one round trip. */
  const openingSql =
    `SELECT h.position, h.hash, s.position, s.hash, p.data FROM (SELECT 1) AS one ` +
    `LEFT JOIN LATERAL (${headSql}) AS h ON true ` +
    `LEFT JOIN LATERAL (SELECT n.position, n.hash FROM ${snapshots} AS n WHERE n.projection_version = $1 AND n.position <= h.position ` +
    `AND n.hash = (SELECT e.hash FROM ${events} AS e WHERE e.position = n.position) ORDER BY n.position DESC LIMIT 1) AS s ON true ` +
    `LEFT JOIN ${snapshotParts} AS p ON p.projection_version = $1 AND p.position = s.position ` +
    `ORDER BY p.part`;
  // The schema and the channel are plain identifiers (schemaNames checks), safe to write into the text.
  const beginSql = `BEGIN; SELECT pg_advisory_xact_lock(${LOCK_CLASS}, hashtext('${names.schema}')); ${headSql}`;
  const headOf = (rows: readonly unknown[][]): Head => {
    const row = rows[0];
    return row === undefined ? { version: 0, hash: GENESIS_HASH } : { version: row[0] as number, hash: row[1] as string };
  };
  const bodyRowsOf = (rows: readonly unknown[][]): BodyRow[] =>
    rows.map((row) => ({ position: row[0] as number, body: row[1] as string, hash: row[2] as string }));
  /** Names of this schema's prepared statements (each connection of the pool prepares them once). */
  const statementPrefix = `fundledger_${names.schema}`;
  const insertEvents = bulkInsert(events, EVENT_COLUMNS, EVENT_COLUMN_TYPES, `fundledger_events_${names.schema}`);
  const insertCells = bulkInsert(cells, ["id", "key", ...CELL_COLUMNS], CELL_INSERT_TYPES, `fundledger_cells_${names.schema}`);
  const commitOne = oneStatementCommit(names);

  /** Reads the committed cells this backend does not know yet (numbers above the largest it knows). */
  async function readNewCells(client: pg.PoolClient | pg.Pool): Promise<void> {
    const result = await client.query<unknown[]>({
      text: `SELECT id, key, ${CELL_COLUMNS.join(", ")} FROM ${cells} WHERE id > $1 ORDER BY id`,
      values: [largestCellId],
      rowMode: "array",
    });
    for (const row of result.rows) {
      const id = row[0] as number;
      const cell = cellOfRow(row, 2);
      cellIdOf.set(0, cell, id);
      cellById[id] = cell;
      largestCellId = Math.max(largestCellId, id);
    }
  }

  /**
   * Numbers the cells a write's rows name (the write lock is held, or the
   * commit checks the head in the same statement): the number this backend
   * knows, else the next after the largest stored. The cells it numbers go to
   * `added`, and into the dictionary once the write commits.
   *
   * @returns each row's cell number (null for a row without a cell), and the columns of the cells to store, if any
   */
  async function numberCells(
    client: pg.PoolClient, rows: readonly RowColumns[], added: CellNumbers,
  ): Promise<{ ids: (number | null)[]; fresh: (string | number | null)[][] | undefined }> {
    // Each row's cell number, where this backend knows it (cells are numbered across years: year 0).
    const ids: (number | null | undefined)[] = rows.map((row) => (row.cellKind === null ? null : (cellIdOf.get(0, row) ?? added.get(0, row))));
    const before = (rows[0]?.position ?? 1) - 1;
    if (!ids.includes(undefined)) return { ids: ids as (number | null)[], fresh: undefined };
    // Another process may have stored them since this backend last looked (unless it wrote the last rows
    // itself). Read once per write, before it adds cells: a read after would see its uncommitted ones.
    if (added.size === 0 && cellsCompleteAt !== before) {
      await readNewCells(client);
      cellsCompleteAt = before;
    }
    const columns: (string | number | null)[][] = [[], [], ...CELL_COLUMNS.map(() => [])];
    let next = largestCellId + added.size + 1;
    rows.forEach((row, i) => {
      if (ids[i] !== undefined) return;
      const known = cellIdOf.get(0, row) ?? added.get(0, row);
      if (known !== undefined) {
        ids[i] = known;
        return;
      }
      const values = [next, cellKeyOf(row), row.cellKind, row.unit, row.fund, row.functional, row.economic, row.category, row.project, row.stage, row.line, row.management];
      values.forEach((value, c) => (columns[c] as (string | number | null)[]).push(value));
      added.set(0, row, next);
      ids[i] = next;
      next += 1;
    });
    return { ids: ids as (number | null)[], fresh: (columns[0] as unknown[]).length > 0 ? columns : undefined };
  }

  /** The columns of `events` for rows `start` … `end` − 1, with their cell numbers. */
  function eventColumnsOf(rows: readonly RowColumns[], ids: readonly (number | null)[], start: number, end: number): (string | number | null)[][] {
    const columns: (string | number | null)[][] = EVENT_COLUMNS.map(() => new Array<string | number | null>(end - start));
    for (let i = start; i < end; i++) {
      const row = rows[i] as RowColumns;
      const cell = ids[i] as number | null;
      const j = i - start;
      (columns[0] as unknown[])[j] = row.position;
      (columns[1] as unknown[])[j] = row.id;
      (columns[2] as unknown[])[j] = row.type;
      (columns[3] as unknown[])[j] = row.year;
      (columns[4] as unknown[])[j] = row.unit;
      (columns[5] as unknown[])[j] = row.body;
      (columns[6] as unknown[])[j] = row.hash;
      (columns[7] as unknown[])[j] = cell;
      (columns[8] as unknown[])[j] = cell === null ? null : row.amountFen;
    }
    return columns;
  }

  /** Inserts a write's rows (the write lock is held): first the cells they name that are not stored, then the events. */
  async function insertRows(client: pg.PoolClient, rows: readonly RowColumns[], added: CellNumbers): Promise<void> {
    const { ids, fresh } = await numberCells(client, rows, added);
    if (fresh !== undefined) await insertCells(client, fresh);
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) await insertEvents(client, eventColumnsOf(rows, ids, start, Math.min(rows.length, start + INSERT_CHUNK)));
  }

  /** Puts the cells a committed write stored into the dictionary. */
  function adopt(added: CellNumbers): void {
    for (const cell of added.cells()) {
      cellIdOf.set(0, cell, cell.id);
      cellById[cell.id] = {
        cellKind: cell.cellKind, unit: cell.unit, fund: cell.fund, functional: cell.functional, economic: cell.economic, category: cell.category,
        project: cell.project, stage: cell.stage, line: cell.line, management: cell.management, amountFen: null,
      };
      largestCellId = Math.max(largestCellId, cell.id);
    }
  }

  /** A connection of the pool to write on: its server process is remembered, so its notifications are known as this backend's. */
  async function writingClient(): Promise<pg.PoolClient> {
    const client = await pool.connect();
    const session = (client as { processID?: number | null }).processID;
    if (typeof session === "number") ownSessions.add(session);
    return client;
  }

  /**
   * One write transaction: the lock and the head in one round trip, `work`,
   * then the notification and COMMIT in another.
   */
  async function write<T>(work: (tx: WriteTransaction) => Promise<T>): Promise<T> {
    const client = await writingClient();
    const added = createCellNumbers();
    let inserted = 0;
    let last = 0;
    let broken = false;
    try {
      // One writer at a time, across processes and machines: the lock is held until COMMIT or ROLLBACK. The
      // head is read under it in the same round trip.
      const opening = (await client.query(beginSql)) as unknown as pg.QueryResult[];
      const headRow = opening[2]?.rows[0] as { position: number; hash: string } | undefined;
      let lockedHead: Head | undefined = headRow === undefined ? { version: 0, hash: GENESIS_HASH } : { version: headRow.position, hash: headRow.hash };
      const tx: WriteTransaction = {
        async head() {
          if (lockedHead !== undefined) {
            const found = lockedHead;
            lockedHead = undefined;
            return found;
          }
          const result = await client.query<unknown[]>({ text: headSql, rowMode: "array" });
          return headOf(result.rows);
        },
        bodiesOf: (ids) => bodiesOn(client, ids),
        rows: (from, to) => tail(client, from, to),
        async insert(rows) {
          await insertRows(client, rows, added);
          inserted += rows.length;
          last = rows[rows.length - 1]?.position ?? last;
        },
      };
      const result = await work(tx);
      // The notification is delivered to every listener when (and only if) the transaction commits.
      await client.query(inserted > 0 ? `SELECT pg_notify('${channel}', '${inserted}'); COMMIT` : "COMMIT");
      adopt(added);
      // The rows up to the first inserted were complete (checked under the lock) when cells were added.
      if (inserted > 0 && (added.size === 0 ? cellsCompleteAt === last - inserted : true)) cellsCompleteAt = last;
      return result;
    } catch (error) {
      // Whatever this write learnt of the cells under the lock may no longer hold.
      cellsCompleteAt = -1;
      try {
        await client.query("ROLLBACK");
      } catch {
        broken = true;
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /**
   * Commits rows chained on `after` in one statement, in one round trip: it
   * takes the write lock, checks that the log still ends at `after`, stores
   * the new cells and the events and notifies — or, when the log has moved,
   * stores nothing. A batch of more than {@link INSERT_CHUNK} rows commits in
   * a write transaction instead.
   */
  async function commitAt(after: Head, rows: readonly RowColumns[]): Promise<boolean> {
    if (rows.length === 0 || rows.length > INSERT_CHUNK) {
      return write(async (tx) => {
        const current = await tx.head();
        if (!sameHead(current, after)) return false;
        await tx.insert(rows);
        return true;
      });
    }
    const client = await writingClient();
    const added = createCellNumbers();
    let broken = false;
    try {
      const { ids, fresh } = await numberCells(client, rows, added);
      const inserted = await commitOne(client, after, eventColumnsOf(rows, ids, 0, rows.length), fresh);
      if (!inserted) return false;
      adopt(added);
      const last = (rows[rows.length - 1] as RowColumns).position;
      if (added.size > 0 || cellsCompleteAt === after.version) cellsCompleteAt = last;
      return true;
    } catch (error) {
      cellsCompleteAt = -1;
      // Another writer stored a row at one of these positions, one of these ids, or one of these cells first.
      if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) return false;
      // Any other failure may have left the connection unusable: it is not given back to the pool.
      broken = true;
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** The stored bodies of those of `ids` stored, read by a connection (or any of the pool's). */
  async function bodiesOn(client: pg.PoolClient | pg.Pool, ids: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    if (ids.length === 0) return found;
    // The ids as one text split on the server, like an insert's columns (as an array when one holds a separator).
    const joined = joinColumn(ids);
    // Named statements, planned once per connection; a join with the list rather than `= ANY` of it, whose
    // estimate walks every element at each planning.
    const result = await client.query<unknown[]>(
      joined === undefined
        ? { name: `${statementPrefix}_bodies_array`, text: `SELECT e.id, e.body FROM unnest($1::text[]) AS k(id) JOIN ${events} AS e ON e.id = k.id`, values: [ids], rowMode: "array" }
        : {
            name: `${statementPrefix}_bodies_joined`,
            text: `SELECT e.id, e.body FROM unnest(string_to_array($1, chr(30))) AS k(id) JOIN ${events} AS e ON e.id = k.id`,
            values: [joined],
            rowMode: "array",
          },
    );
    for (const row of result.rows) found.set(row[0] as string, row[1] as string);
    return found;
  }

  async function tail(client: pg.PoolClient, from: number, to: number): Promise<BodyRow[]> {
    const found: BodyRow[] = [];
    for (let start = from; start <= to; start += TAIL_PAGE) {
      const end = Math.min(to, start + TAIL_PAGE - 1);
      const result = await client.query<unknown[]>({
        text: `SELECT position, body, hash FROM ${events} WHERE position BETWEEN $1 AND $2 ORDER BY position`,
        values: [start, end],
        rowMode: "array",
      });
      found.push(...bodyRowsOf(result.rows));
    }
    return found;
  }

  return {
    name,
    sha256: nodeSha256,
    commitsElsewhere: true,

    async head() {
      const result = await pool.query<unknown[]>({ text: headSql, rowMode: "array" });
      return headOf(result.rows);
    },

    bodiesOf: (ids) => bodiesOn(pool, ids),

    write,

    commitAt,

    async rows(query: RowQuery) {
      const where = ["position >= $1", "position <= $2"];
      const values: unknown[] = [query.from, query.to];
      if (query.year !== undefined) where.push(`year = $${values.push(query.year)}`);
      if (query.unit !== undefined) where.push(`unit = $${values.push(query.unit)}`);
      if (query.type !== undefined) where.push(`type = $${values.push(query.type)}`);
      const limit = `$${values.push(query.limit)}`;
      const result = await pool.query<unknown[]>({
        text: `SELECT position, body, hash FROM ${events} WHERE ${where.join(" AND ")} ORDER BY position LIMIT ${limit}`,
        values,
        rowMode: "array",
      });
      return bodyRowsOf(result.rows);
    },

    async rowOf(id) {
      const result = await pool.query<unknown[]>({ text: `SELECT position, body, hash FROM ${events} WHERE id = $1`, values: [id], rowMode: "array" });
      return bodyRowsOf(result.rows)[0];
    },

    async hashAt(position) {
      const result = await pool.query<unknown[]>({ text: `SELECT hash FROM ${events} WHERE position = $1`, values: [position], rowMode: "array" });
      return result.rows[0]?.[0] as string | undefined;
    },

    async columns(from, limit) {
      // A cell whose unit is not its event's (an edited cells row) shows the cell's, so verify names it.
      const result = await pool.query<unknown[]>({
        text:
          `SELECT e.position, e.id, e.type, e.year, CASE WHEN c.id IS NULL THEN e.unit ELSE c.unit END, e.body, e.hash, ` +
          `c.cell_kind, c.fund, c.functional, c.economic, c.category, c.project, c.stage, c.line, c.management, e.amount_fen ` +
          `FROM ${events} e LEFT JOIN ${cells} c ON c.id = e.cell WHERE e.position >= $1 ORDER BY e.position LIMIT $2`,
        values: [from, limit],
        rowMode: "array",
      });
      return result.rows.map(
        (row): RowColumns => ({
          position: row[0] as number,
          id: row[1] as string,
          type: row[2] as string,
          year: row[3] as number,
          unit: row[4] as string,
          body: row[5] as string,
          hash: row[6] as string,
          cellKind: row[7] as CellKind | null,
          fund: row[8] as string | null,
          functional: row[9] as string | null,
          economic: row[10] as string | null,
          category: row[11] as string | null,
          project: row[12] as string | null,
          stage: row[13] as string | null,
          line: row[14] as string | null,
          management: row[15] as string | null,
          amountFen: row[16] as number | null,
        }),
      );
    },

    async scan(from: number, to: number, bodiesOf: readonly string[], sink: ScanSink) {
      // Four numbers per single-cell row: its position, year, cell number and amount; the cell's coordinates
      // come from the dictionary (read once, then only what other processes added).
      const text =
        `SELECT position, year, cell, amount_fen, CASE WHEN cell IS NULL OR type = ANY($3::text[]) THEN body END ` +
        `FROM ${events} WHERE position >= $1 AND position <= $2 ORDER BY position LIMIT $4`;
      const slotOf = new Map<number, number>();
      const client = await pool.connect();
      try {
        await readNewCells(client);
        // Keyset pages, each streamed row by row as it arrives (no page is held whole): each page starts
        // after the last position of the one before.
        for (let next = from; next <= to; ) {
          let last = 0;
          const count = await streamRows(
            client,
            { name: `fundledger_scan_${names.schema}`, text, values: [next, to, bodiesOf, SCAN_PAGE], rowMode: "array" },
            (row) => {
              last = row[0] as number;
              const body = row[4] as string | null;
              if (body !== null) {
                sink.body(last, body);
                return;
              }
              const id = row[2] as number;
              const cell = cellById[id];
              if (cell === undefined) throw new Error(`${name}: the event at position ${last} names cell ${id}, which is not in the cells table; run verify`);
              const year = row[1] as number;
              // The sink sums by a number per cell and year, numbered densely in the order met (years are < 10,000).
              const yearCell = id * 10_000 + year;
              let slot = slotOf.get(yearCell);
              if (slot === undefined) {
                slot = slotOf.size;
                slotOf.set(yearCell, slot);
              }
              cell.amountFen = row[3] as number;
              sink.cell(year, cell, slot);
            },
          );
          if (count < SCAN_PAGE) break;
          next = last + 1;
        }
      } finally {
        client.release();
      }
    },

    async aggregateRows(year): Promise<YearRows> {
      // Only (cell, sum, first position) per group travel; the coordinates come from the dictionary.
      if (!Number.isSafeInteger(year)) throw new RangeError(`${name}: a year is a whole number, not ${String(year)}`);
      const [grouping, bodies] = await Promise.all([
        // One pass over the year's range of events_year_cell, summing each cell's run as it goes. Not in parallel:
        // splitting this scan costs more than it saves unless the server has cores to spare.
        inTransaction(
          pool,
          `SET LOCAL max_parallel_workers_per_gather = 0; ` +
            `SELECT cell, sum(amount_fen), min(position) FROM ${events} WHERE year = ${year} AND cell IS NOT NULL GROUP BY cell`,
        ),
        pool.query<unknown[]>({
          text:
            `SELECT position, body FROM ${events} WHERE cell IS NULL ` +
            `AND (year = $1 OR type = 'unitRegistered' OR (type = 'yearClosed' AND year = $1 - 1)) ORDER BY position`,
          values: [year],
          rowMode: "array",
        }),
        readNewCells(pool),
      ]);
      const grouped = grouping[1] as pg.QueryArrayResult;
      // A cell committed after the dictionary was read (the queries run side by side) is read now.
      if (grouped.rows.some((row) => cellById[row[0] as number] === undefined)) await readNewCells(pool);
      const groups = grouped.rows.map((row): CellGroup => {
        const id = row[0] as number;
        const cell = cellById[id];
        if (cell === undefined) throw new Error(`${name}: events of ${year} name cell ${id}, which is not in the cells table; run verify`);
        return { ...cell, amountFen: safeSum(row[1], `cell ${id} in ${year}`), firstPosition: row[2] as number };
      });
      return { groups, bodies: bodies.rows.map((row) => ({ position: row[0] as number, body: row[1] as string })) };
    },

    async saveSnapshot(header, data) {
      // As base64 text (node-postgres reads every column as text, and base64 is a third longer where hex would
      // double), in parts of a length divisible by four, so that each part decodes on its own.
      const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("base64");
      const parts: string[] = [];
      for (let at = 0; at < text.length; at += SNAPSHOT_PART_CHARS) parts.push(text.slice(at, at + SNAPSHOT_PART_CHARS));
      await withTransaction(pool, async (client) => {
        await client.query(
          `INSERT INTO ${snapshots} (projection_version, position, hash, data) VALUES ($1, $2, $3, '') ` +
            `ON CONFLICT (projection_version, position) DO UPDATE SET hash = EXCLUDED.hash, data = ''`,
          [header.projectionVersion, header.position, header.hash],
        );
        await client.query(`DELETE FROM ${snapshotParts} WHERE projection_version = $1 AND position = $2`, [header.projectionVersion, header.position]);
        await client.query(
          `INSERT INTO ${snapshotParts} (projection_version, position, part, data) ` +
            `SELECT $1, $2, part, data FROM unnest($3::text[]) WITH ORDINALITY AS given (data, part)`,
          [header.projectionVersion, header.position, parts],
        );
        // The newest few of a projection version are kept (an older one serves when a newer no longer matches the chain).
        await client.query(
          `DELETE FROM ${snapshots} WHERE projection_version = $1 AND position < ` +
            `(SELECT min(position) FROM (SELECT position FROM ${snapshots} WHERE projection_version = $1 ORDER BY position DESC LIMIT $2) AS newest)`,
          [header.projectionVersion, SNAPSHOTS_KEPT],
        );
      });
    },

    async snapshots(projectionVersion) {
      const result = await pool.query<unknown[]>({
        text: `SELECT position, hash, projection_version FROM ${snapshots} WHERE projection_version = $1 ORDER BY position DESC`,
        values: [projectionVersion],
        rowMode: "array",
      });
      return result.rows.map((row): SnapshotHeader => ({ position: row[0] as number, hash: row[1] as string, projectionVersion: row[2] as number }));
    },

    async snapshotData(header) {
      const result = await pool.query<unknown[]>({
        text:
          `SELECT s.data, p.data FROM ${snapshots} AS s LEFT JOIN ${snapshotParts} AS p ` +
          `ON p.projection_version = s.projection_version AND p.position = s.position ` +
          `WHERE s.projection_version = $1 AND s.position = $2 AND s.hash = $3 ORDER BY p.part`,
        values: [header.projectionVersion, header.position, header.hash],
        rowMode: "array",
      });
      const first = result.rows[0];
      if (first === undefined) return undefined;
      // Parts when there are any; else the row's own data (a snapshot written whole). Text that is not base64 decodes to
      // bytes the snapshot decoder refuses.
      return first[1] === null ? Buffer.from(first[0] as string, "base64") : bytesOfParts(result.rows.map((row) => row[1] as string));
    },

    async openingSnapshot(projectionVersion) {
      const result = await pool.query<unknown[]>({ text: openingSql, values: [projectionVersion], rowMode: "array" });
      const first = result.rows[0];
      const head: Head = first === undefined || first[0] === null ? { version: 0, hash: GENESIS_HASH } : { version: first[0] as number, hash: first[1] as string };
      if (first === undefined || first[2] === null) return { head, snapshot: undefined };
      const header: SnapshotHeader = { position: first[2] as number, hash: first[3] as string, projectionVersion };
      // A snapshot written whole has no parts: its data is read apart.
      const data = first[4] === null ? undefined : bytesOfParts(result.rows.map((row) => row[4] as string));
      return { head, snapshot: { header, data } };
    },

    watch(onChange) {
      if (closed) return () => undefined;
      const watcher = createWatcher(config, channel, onChange, (session) => ownSessions.has(session));
      watchers.add(watcher);
      return () => {
        watchers.delete(watcher);
        void watcher.stop();
      };
    },

    async close() {
      if (closed) return;
      closed = true;
      const stopping = [...watchers].map((watcher) => watcher.stop());
      watchers.clear();
      await Promise.all(stopping);
      await pool.end();
    },
  };
}

/**
 * Runs statements (text without parameters; several separated by `;`) in one
 * read-only transaction on a connection of its own, in one round trip.
 *
 * @returns each statement's result, rows as arrays
 */
async function inTransaction(pool: pg.Pool, statements: string): Promise<pg.QueryArrayResult[]> {
  const client = await pool.connect();
  try {
    const results = (await client.query({ text: `BEGIN READ ONLY; ${statements}; COMMIT`, rowMode: "array" })) as unknown as pg.QueryArrayResult[];
    client.release();
    return results.slice(1, -1);
  } catch (error) {
    // A failed statement leaves the transaction open and aborted: end it, or drop the connection.
    await client.query("ROLLBACK").then(
      () => client.release(),
      () => client.release(true),
    );
    throw error;
  }
}

/**
 * Runs a query whose rows are handed to `onRow` one by one as they arrive,
 * without collecting them. When `onRow` throws, the remaining rows are
 * skipped and the promise rejects with that error once the query ends.
 *
 * @returns the number of rows handed over
 */
function streamRows(client: pg.PoolClient, config: pg.QueryArrayConfig, onRow: (row: unknown[]) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const query = new pg.Query<unknown[]>(config);
    let count = 0;
    let failure: { readonly error: unknown } | undefined;
    query.on("row", (row: unknown[]) => {
      if (failure !== undefined) return;
      try {
        onRow(row);
        count += 1;
      } catch (error) {
        failure = { error };
      }
    });
    query.on("error", reject);
    query.on("end", () => (failure === undefined ? resolve(count) : reject(failure.error)));
    void client.query(query);
  });
}

/** A LISTEN connection that re-establishes itself until stopped. */
interface Watcher {
  /** Ends the connection; resolves once it is closed. */
  stop(): Promise<void>;
}

/**
 * Listens on `channel` with a connection of its own (a pooled one cannot
 * keep a LISTEN). Every notification from another session calls `onChange`
 * (those sent by `own` sessions — the backend's own commits — do not); once
 * listening — at first and after a lost connection is opened again — it
 * calls `onChange` too, since what was committed before went unheard.
 */
function createWatcher(config: pg.PoolConfig, channel: string, onChange: () => void, own: (session: number) => boolean): Watcher {
  let stopped = false;
  let client: pg.Client | undefined;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let settled: Promise<void> = Promise.resolve();

  const connect = async (): Promise<void> => {
    const next = new pg.Client(config);
    client = next;
    let lost = false;
    const onLost = (): void => {
      if (lost) return;
      lost = true;
      if (client === next) client = undefined;
      next.end().catch(() => undefined);
      if (!stopped) schedule();
    };
    next.on("error", onLost);
    next.on("end", onLost);
    next.on("notification", (message) => {
      if (message.channel === channel && !stopped && !own(message.processId)) onChange();
    });
    try {
      await next.connect();
      await next.query(`LISTEN "${channel}"`);
    } catch {
      onLost();
      return;
    }
    if (stopped) {
      await next.end().catch(() => undefined);
      return;
    }
    attempt = 0;
    onChange();
  };

  const schedule = (): void => {
    const delay = LISTEN_RETRY_MS[Math.min(attempt, LISTEN_RETRY_MS.length - 1)] as number;
    attempt += 1;
    timer = setTimeout(() => {
      timer = undefined;
      settled = connect();
    }, delay);
  };

  settled = connect();
  return {
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await settled.catch(() => undefined);
      const open = client;
      client = undefined;
      if (open !== undefined) await open.end().catch(() => undefined);
    },
  };
}
