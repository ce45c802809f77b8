/**
 * The tables of a PostgreSQL store, in a schema of their own (`fundledger` by
 * default), so one database can hold several ledgers side by side.
 *
 * `events` holds one row per stored event: its position (the primary key,
 * gapless from 1), its id (unique), the columns reads filter on, the
 * canonical JSON body, the chain hash, and — for an event whose amount goes
 * to exactly one aggregate cell — the number of that cell and the signed
 * amount. `cells` is the dimension table: one row per distinct set of
 * coordinates (kind, unit, fund, functional, economic, category, project,
 * stage, line, management). `aggregate(year)` groups the events of a year by
 * cell number in SQL and a replay reads four numbers per event instead of its
 * JSON. The view `event_columns` spells every event's coordinates out.
 * `snapshots` holds serialised projections, keyed by projection version and
 * position; `snapshot_parts` their bytes, as base64 text in parts of
 * 64 KiB (node-postgres reads one large value far slower than several
 * smaller ones).
 *
 * @module
 */
import { fieldIssue, LedgerError } from "../../events/issues.js";

/** The schema a store uses when none is given. */
export const DEFAULT_SCHEMA = "fundledger";

/** Names a schema may have: a plain lower-case SQL identifier (no quoting surprises). */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

/** The qualified names of one store's tables and its notification channel. */
export interface SchemaNames {
  /** The schema, as given. */
  readonly schema: string;
  /** `"schema".events`. */
  readonly events: string;
  /** `"schema".cells`. */
  readonly cells: string;
  /** `"schema".snapshots`. */
  readonly snapshots: string;
  /** `"schema".snapshot_parts`. */
  readonly snapshotParts: string;
  /** The LISTEN/NOTIFY channel of the store's appends. */
  readonly channel: string;
}

/**
 * The names of a store's tables in `schema`.
 *
 * @param schema - a lower-case identifier: letters, digits and `_`, not starting with a digit
 * @returns the qualified names
 * @throws {@link LedgerError} naming the schema when it is not such an identifier
 */
export function schemaNames(schema: string): SchemaNames {
  if (!SCHEMA_NAME.test(schema)) {
    throw new LedgerError([
      fieldIssue(
        "not_allowed",
        ["schema"],
        schema,
        "a PostgreSQL store's schema is a lower-case identifier of at most 48 letters, digits and _, not starting with a digit",
      ),
    ]);
  }
  return {
    schema, events: `"${schema}".events`, cells: `"${schema}".cells`, snapshots: `"${schema}".snapshots`, snapshotParts: `"${schema}".snapshot_parts`,
    channel: `fundledger_${schema}`,
  };
}

/**
 * The statements that create a store's tables when absent (run under an
 * advisory lock, so that processes opening the same new store at once do not
 * race on the catalog).
 *
 * @param names - the store's names
 * @returns the DDL statements, in order
 */
export function schemaStatements(names: SchemaNames): string[] {
  return [
    `CREATE SCHEMA IF NOT EXISTS "${names.schema}"`,
    `CREATE TABLE IF NOT EXISTS ${names.cells} (
      id integer PRIMARY KEY,
      key text NOT NULL UNIQUE,
      cell_kind text NOT NULL,
      unit text NOT NULL,
      fund text,
      functional text,
      economic text,
      category text,
      project text,
      stage text,
      line text,
      management text
    )`,
    `CREATE TABLE IF NOT EXISTS ${names.events} (
      position bigint PRIMARY KEY CHECK (position >= 1),
      id text NOT NULL UNIQUE,
      type text NOT NULL,
      year integer NOT NULL,
      unit text NOT NULL,
      body text NOT NULL,
      hash text NOT NULL,
      cell integer,
      amount_fen bigint
    )`,
    // aggregate(year): the year's single-cell rows summed cell by cell in the order of this narrow index alone (an
    // index-only scan once vacuum has marked the pages visible: no heap, no hashing), and the few rows folded whole
    // (units, closes, procurement, reported facts) found by a small index that holds what selects them.
    `CREATE INDEX IF NOT EXISTS events_year_cell ON ${names.events} (year, cell) INCLUDE (amount_fen, position) WHERE cell IS NOT NULL`,
    `CREATE INDEX IF NOT EXISTS events_without_cell ON ${names.events} (position) INCLUDE (year, type) WHERE cell IS NULL`,
    `CREATE OR REPLACE VIEW "${names.schema}".event_columns AS
      SELECT e.position, e.id, e.type, e.year, e.unit, e.body, e.hash, c.cell_kind, c.fund, c.functional, c.economic,
        c.category, c.project, c.stage, c.line, c.management, e.amount_fen
      FROM ${names.events} e LEFT JOIN ${names.cells} c ON c.id = e.cell`,
    `CREATE TABLE IF NOT EXISTS ${names.snapshots} (
      projection_version integer NOT NULL,
      position bigint NOT NULL,
      hash text NOT NULL,
      data text NOT NULL,
      PRIMARY KEY (projection_version, position)
    )`,
    // A snapshot's bytes in parts (its row's data is then empty); they go with their snapshot.
    `CREATE TABLE IF NOT EXISTS ${names.snapshotParts} (
      projection_version integer NOT NULL,
      position bigint NOT NULL,
      part integer NOT NULL,
      data text NOT NULL,
      PRIMARY KEY (projection_version, position, part),
      FOREIGN KEY (projection_version, position) REFERENCES ${names.snapshots} (projection_version, position) ON DELETE CASCADE
    )`,
  ];
}

/** Columns of `events` in the order inserts use. */
export const EVENT_COLUMNS = ["position", "id", "type", "year", "unit", "body", "hash", "cell", "amount_fen"] as const;

/** The SQL type of each column of {@link EVENT_COLUMNS}, for `unnest` inserts. */
export const EVENT_COLUMN_TYPES = ["bigint", "text", "text", "integer", "text", "text", "text", "integer", "bigint"] as const;

/** The coordinate columns of `cells`, in the order every query selects them. */
export const CELL_COLUMNS = ["cell_kind", "unit", "fund", "functional", "economic", "category", "project", "stage", "line", "management"] as const;
