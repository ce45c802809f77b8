// The store contract on SQLite files (tampering by SQL on a separate connection), and what is SQLite's own:
// the file layout, WAL and synchronous=FULL, reopening, the process-wide write lock.
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { generateLedger } from "../../src/generate/index.js";
import { createLedger } from "../../src/ledger/ledger.js";
import { canonicalJson } from "../../src/events/canonical.js";
import { DuplicateIdError } from "../../src/events/issues.js";
import type { LedgerEvent } from "../../src/events/types.js";
import { chainHash } from "../../src/store/chain.js";
import { nodeSha256 } from "../../src/store/nodeSha256.js";
import { createSqliteBackend, openSqliteStore, type SqliteBackendOptions } from "../../src/store/sqlite/index.js";
import { receipt, units } from "../support/fixtures.js";
import { referenceEvents } from "../support/reference.js";
import { foldOfYear, plainAggregate, storeContract, type StoreLocation } from "./contract.js";
import { chained, withTwoBackends, writeBatch } from "./support/backends.js";

const root = mkdtempSync(join(tmpdir(), "fundledger-sqlite-"));
let made = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SQL_COLUMN = { amountFen: "amount_fen", hash: "hash", unit: "unit" } as const;

/** Runs SQL of a test's own on a store file through a connection of its own, closed after. */
function onFile<T>(path: string, work: (db: Database.Database) => T, options: Database.Options = {}): T {
  const db = new Database(path, options);
  try {
    return work(db);
  } finally {
    db.close();
  }
}

/** A fresh SQLite file as a store location (its stores opened with `backendOptions`); tampering goes through its own connection. */
export function sqliteLocation(backendOptions: SqliteBackendOptions = {}): StoreLocation {
  made += 1;
  const path = join(root, `store-${made}.db`);
  const withDb = async (work: (db: Database.Database) => void): Promise<void> => {
    const db = new Database(path);
    try {
      work(db);
    } finally {
      db.close();
    }
  };
  return {
    open: (options) => openSqliteStore(path, { pollIntervalMs: 20, ...backendOptions, ...options }),
    tamper: {
      setBody: (position, body) => withDb((db) => void db.prepare("UPDATE events SET body = ? WHERE position = ?").run(body, position)),
      setColumn: (position, column, value) => withDb((db) => void db.prepare(`UPDATE events SET ${SQL_COLUMN[column]} = ? WHERE position = ?`).run(value, position)),
      deleteRow: (position) => withDb((db) => void db.prepare("DELETE FROM events WHERE position = ?").run(position)),
      swapRows: (a, b) =>
        withDb((db) =>
          db.transaction(() => {
            db.prepare("UPDATE events SET position = -1 WHERE position = ?").run(a);
            db.prepare("UPDATE events SET position = ? WHERE position = ?").run(a, b);
            db.prepare("UPDATE events SET position = ? WHERE position = -1").run(b);
          })(),
        ),
      insertRow: (r) =>
        withDb((db) => {
          db.prepare("INSERT INTO events (position, id, type, year, unit, body, hash, cell, whole_cell, amount_fen) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)").run(
            r.position, r.id, r.type, r.year, r.unit, r.body, r.hash, r.amountFen,
          );
        }),
      writeSnapshot: (header, data) =>
        withDb((db) => {
          db.prepare("INSERT OR REPLACE INTO snapshots (projection_version, position, hash, data) VALUES (?, ?, ?, ?)").run(header.projectionVersion, header.position, header.hash, data);
        }),
    },
    async dispose() {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
    },
  };
}

storeContract("sqlite", { create: async () => sqliteLocation(), noticeWithinMs: 2_000 });
// Every third event's append puts the ids into the index: each check of an id meets ids in the index, in memory, and
// moved by another store's merge.
storeContract("sqlite (ids indexed every 3 events)", { create: async () => sqliteLocation({ idsMergeEvery: 3 }), noticeWithinMs: 2_000 });

/** Rebuilds a store file's events table as layouts 1 and 2 had it — ids under a UNIQUE index, no `ids` table — and marks it layout 2. */
function toLayout2(db: Database.Database): void {
  db.exec(`
    DROP VIEW event_columns;
    CREATE TABLE events_2 (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, year INTEGER NOT NULL, unit TEXT NOT NULL,
      body TEXT NOT NULL, hash TEXT NOT NULL, cell INTEGER, whole_cell INTEGER, amount_fen INTEGER);
    INSERT INTO events_2 SELECT * FROM events;
    DROP TABLE events;
    ALTER TABLE events_2 RENAME TO events;
    CREATE INDEX events_amounts ON events (position, cell, amount_fen) WHERE cell IS NOT NULL;
    CREATE INDEX events_whole ON events (position, year, type, whole_cell, amount_fen, cell, body) WHERE cell IS NULL;
    DROP TABLE ids;
    DELETE FROM fundledger_meta WHERE key = 'ids_through';
    CREATE VIEW event_columns AS SELECT e.*, c.cell_kind FROM events AS e LEFT JOIN cells AS c ON c.id = coalesce(e.cell, e.whole_cell);
    UPDATE fundledger_meta SET value = '2' WHERE key = 'schema';
  `);
}

/** Whether any index of the events table is unique. */
const eventsHaveUniqueIndex = (db: Database.Database): boolean => (db.prepare(`SELECT count(*) FROM pragma_index_list('events') WHERE "unique" = 1`).pluck().get() as number) > 0;

describe("the SQLite store", () => {
  it("keeps its events across close and reopen, in WAL mode with synchronous FULL", async () => {
    const path = join(root, "reopen.db");
    const store = await openSqliteStore(path);
    const events = referenceEvents();
    await store.append(events);
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.prepare("SELECT count(*) FROM events").pluck().get()).toBe(events.length);
    db.close();
    const again = await openSqliteStore(path);
    const ledger = createLedger();
    ledger.append(events);
    expect(await again.tables(2020)).toEqual(ledger.tables(2020));
    expect((await again.verify()).ok).toBe(true);
    await again.close();
  });

  it("serialises two stores of one process on one file without a busy error", async () => {
    const path = join(root, "two.db");
    const a = await openSqliteStore(path);
    const b = await openSqliteStore(path);
    await a.append(units());
    const appends = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).append(receipt({ id: `r-${i}` })));
    const results = await Promise.all(appends);
    expect(results.map((r) => r.version).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 3));
    expect((await a.verify()).ok).toBe(true);
    await a.close();
    await b.close();
  });

  it("refuses a file that is not a store, and a missing one when told not to create it", async () => {
    const junk = join(root, "junk.db");
    writeFileSync(junk, "this is not a database");
    await expect(openSqliteStore(junk)).rejects.toThrow(/not a database/);
    await expect(openSqliteStore(join(root, "missing.db"), { create: false })).rejects.toThrow();
    const other = join(root, "other-layout.db");
    const db = new Database(other);
    db.exec("CREATE TABLE fundledger_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO fundledger_meta VALUES ('schema', '99');");
    db.close();
    await expect(openSqliteStore(other)).rejects.toThrow(/layout 99/);
  });

  it("keeps the cells' sums at each snapshot, groups them with the rows after, and verify checks them", async () => {
    const path = join(root, "sums.db");
    const events = generateLedger({ events: 3_000, seed: 21, units: 3, years: 2 });
    const store = await openSqliteStore(path);
    await store.append(events.slice(0, 1_000));
    await store.snapshot();
    await store.append(events.slice(1_000, 2_000));
    await store.snapshot();
    await store.append(events.slice(2_000));
    for (const year of [2020, 2021, 2022]) expect(plainAggregate(await store.aggregate(year))).toEqual(plainAggregate(foldOfYear(events, year)));
    onFile(path, (db) => {
      expect(db.prepare("SELECT value FROM fundledger_meta WHERE key = 'sums_through'").pluck().get()).toBe("2000");
      db.prepare("UPDATE cell_sums SET total_fen = total_fen + 1 WHERE cell = (SELECT min(cell) FROM cell_sums)").run();
    });
    expect(await store.verify()).toMatchObject({ ok: false, position: 3_000, reason: "column_mismatch", message: expect.stringContaining("cell_sums") });
    await store.close();
  });

  it("copies the WAL back and starts it over while appends follow each other without a turn of the event loop", async () => {
    const path = join(root, "checkpoints.db");
    const events = generateLedger({ events: 12_800, seed: 5, units: 3, years: 2 });
    const store = await openSqliteStore(path);
    // Each append is awaited, but nothing in it waits on I/O: the loop never gives the event loop a turn.
    for (let i = 0; i < events.length; i += 200) await store.append(events.slice(i, i + 200));
    // Without checkpoints the pages would all still be in the WAL; with checkpoints that never caught up before a
    // write began, the WAL would hold every commit's pages (more than the file) and keep growing — whether or not the
    // checkpoint thread is up yet when the 16th commit comes.
    const wal = statSync(`${path}-wal`).size;
    const file = statSync(path).size;
    expect(file).toBeGreaterThan(wal);
    expect(await store.version()).toBe(events.length);
    await store.close();
  });

  it("numbers a cell once when stores on one file each meet it, new or first stored by the other", async () => {
    const path = join(root, "cells.db");
    const a = await openSqliteStore(path);
    const b = await openSqliteStore(path);
    await a.append([...units(), receipt({ id: "a-1" })]);
    // b has not seen the cell a numbered; a has not seen the one b numbers.
    await b.append([receipt({ id: "b-1" }), receipt({ id: "b-2", source: "governmentFund" })]);
    await a.append([receipt({ id: "a-2", source: "governmentFund" }), receipt({ id: "a-3", unit: "centre" })]);
    await b.append([receipt({ id: "b-3", unit: "centre" })]);
    await a.close();
    await b.close();
    const cells = onFile(path, (db) => db.prepare("SELECT count(*) AS cells, count(DISTINCT json_array(year, cell_kind, unit, fund, functional)) AS distinct_cells FROM cells").get(), { readonly: true });
    expect(cells).toEqual({ cells: 3, distinct_cells: 3 });
    const again = await openSqliteStore(path);
    const ledger = createLedger();
    ledger.append([...units(), ...["a-1", "b-1"].map((id) => receipt({ id })), ...["b-2", "a-2"].map((id) => receipt({ id, source: "governmentFund" })), ...["a-3", "b-3"].map((id) => receipt({ id, unit: "centre" }))]);
    expect(await again.tables(2020)).toEqual(ledger.tables(2020));
    expect(plainAggregate(await again.aggregate(2020))).toEqual(plainAggregate(ledger.aggregate()));
    expect((await again.verify()).ok).toBe(true);
    await again.close();
  });

  it("hears through a backend's watch the commits of other connections to the file, not its own", async () => {
    const path = join(root, "watch.db");
    await withTwoBackends(() => createSqliteBackend(path, { pollIntervalMs: 5 }), async (own, other) => {
      let heard = 0;
      const stop = own.watch(() => {
        heard += 1;
      });
      const events = generateLedger({ events: 60, seed: 4, units: 1, years: 1 });
      // Own, other, own, other, own, own: each commit given time to be polled before the next.
      const writers = [own, other, own, other, own, own];
      for (const [k, writer] of writers.entries()) {
        await writeBatch(writer, events.slice(10 * k, 10 * k + 10));
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
      expect(heard).toBe(2);
      stop();
    });
  });

  it("verify reads the cells table as it is: a cell's coordinates or unit edited there are named at the first event in it", async () => {
    const path = join(root, "cell-tamper.db");
    const store = await openSqliteStore(path);
    await store.append([...units(), receipt({ id: "r-1" }), receipt({ id: "r-2", source: "governmentFund" }), receipt({ id: "r-3", source: "governmentFund" })]);
    expect((await store.verify()).ok).toBe(true);
    onFile(path, (db) => db.prepare("UPDATE cells SET fund = 'stateCapital' WHERE fund = 'governmentFund'").run());
    // The open store has the cell cached; verify still sees the edit.
    expect(await store.verify()).toMatchObject({ ok: false, position: 4, reason: "column_mismatch", message: expect.stringContaining("fund") });
    onFile(path, (db) => {
      db.prepare("UPDATE cells SET fund = 'governmentFund' WHERE fund = 'stateCapital'").run();
      db.prepare("UPDATE cells SET unit = 'centre' WHERE fund = 'generalPublicBudget'").run();
    });
    expect(await store.verify()).toMatchObject({ ok: false, position: 3, reason: "column_mismatch", message: expect.stringContaining("unit") });
    await store.close();
  });

  it("opens a file of layout 1 (cells under a unique text key), rebuilding its cells table, and goes on appending", async () => {
    const path = join(root, "layout-1.db");
    const events = generateLedger({ events: 2_000, seed: 8, units: 3, years: 2 });
    const first = await openSqliteStore(path);
    await first.append(events.slice(0, 1_000));
    await first.close();
    // The cells table as layout 1 had it: a key column of the coordinates' text, unique.
    const cellsBefore = onFile(path, (db) => {
      toLayout2(db);
      db.exec(`
      DROP VIEW event_columns;
      CREATE TABLE cells_1 (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, year INTEGER NOT NULL, first_position INTEGER NOT NULL,
        cell_kind TEXT NOT NULL, unit TEXT NOT NULL, fund TEXT, functional TEXT, economic TEXT, category TEXT, project TEXT, stage TEXT, line TEXT,
        management TEXT);
      INSERT INTO cells_1 SELECT id, json_array(year, cell_kind, unit, fund, functional, economic, category, project, stage, line, management), year,
        first_position, cell_kind, unit, fund, functional, economic, category, project, stage, line, management FROM cells;
      DROP TABLE cells;
      ALTER TABLE cells_1 RENAME TO cells;
      CREATE INDEX cells_year ON cells (year, id);
      UPDATE fundledger_meta SET value = '1' WHERE key = 'schema';
    `);
      return db.prepare("SELECT id, year, first_position, cell_kind, unit, fund, functional, economic, category, project FROM cells ORDER BY id").raw(true).all();
    });
    const store = await openSqliteStore(path);
    await store.append(events.slice(1_000));
    expect((await store.verify()).ok).toBe(true);
    for (const year of [2020, 2021]) expect(plainAggregate(await store.aggregate(year))).toEqual(plainAggregate(foldOfYear(events, year)));
    await store.close();
    onFile(
      path,
      (db) => {
        expect(db.prepare("SELECT value FROM fundledger_meta WHERE key = 'schema'").pluck().get()).toBe("3");
        expect(db.prepare("SELECT name FROM pragma_table_info('cells')").pluck().all()).not.toContain("key");
        expect(eventsHaveUniqueIndex(db)).toBe(false);
        // The cells numbered before keep their numbers; the view is back.
        const kept = db.prepare("SELECT id, year, first_position, cell_kind, unit, fund, functional, economic, category, project FROM cells WHERE id <= ? ORDER BY id");
        expect(kept.raw(true).all(cellsBefore.length)).toEqual(cellsBefore);
        expect(db.prepare("SELECT count(*) FROM event_columns").pluck().get()).toBe(events.length);
      },
      { readonly: true },
    );
  });

  it("works on a private in-memory database", async () => {
    const store = await openSqliteStore(":memory:");
    await store.append([...units(), receipt()]);
    expect(await store.version()).toBe(3);
    expect((await store.verify()).ok).toBe(true);
    await store.close();
  });
});

describe("the SQLite store's ids", () => {
  /** `ids_through` and the count of `ids`. */
  const idsOf = (path: string): { through: string | undefined; indexed: number } =>
    onFile(
      path,
      (db) => ({
        through: db.prepare("SELECT value FROM fundledger_meta WHERE key = 'ids_through'").pluck().get() as string | undefined,
        indexed: db.prepare("SELECT count(*) FROM ids").pluck().get() as number,
      }),
      { readonly: true },
    );

  it("finds every stored id — indexed, in memory, or moved into the index by another store — from either of two stores on the file", async () => {
    const path = join(root, "ids-two.db");
    const events = generateLedger({ events: 150, seed: 31, units: 2, years: 1, ids: "random" });
    const a = await openSqliteStore(path, { idsMergeEvery: 10 });
    const b = await openSqliteStore(path, { idsMergeEvery: 10 });
    for (let at = 0, k = 0; at < events.length; at += 7, k++) await (k % 2 === 0 ? a : b).append(events.slice(at, at + 7));
    // One more receipt, which stays in memory (the index was brought up to the head by the last append).
    const firstReceipt = events.find((event) => event.type === "receiptRecorded") as LedgerEvent;
    await b.append([{ ...firstReceipt, id: "tail-receipt" }]);
    events.push((await b.get("tail-receipt"))?.event as LedgerEvent);
    const { through, indexed } = idsOf(path);
    expect(Number(through)).toBeGreaterThanOrEqual(140);
    expect(Number(through)).toBeLessThan(events.length);
    expect(indexed).toBe(Number(through));
    for (const store of [a, b]) {
      // The whole log again, in other batches: every event already stored, nothing appended.
      for (let at = 0; at < events.length; at += 40) {
        const again = await store.append(events.slice(at, at + 40));
        expect(again.appended).toEqual([]);
        expect(again.unchanged).toHaveLength(Math.min(40, events.length - at));
      }
      // The same id with another payload, from early in the log (indexed) and from its end (in memory).
      const receipts = [...events.entries()].filter(([, event]) => event.type === "receiptRecorded");
      for (const [index, event] of [receipts[0], receipts[receipts.length - 1]] as [number, LedgerEvent][]) {
        expect((await store.get(event.id))?.position).toBe(index + 1);
        const changed = { ...event, amountFen: (event as { amountFen: number }).amountFen + 1 } as LedgerEvent;
        await expect(store.append([changed])).rejects.toBeInstanceOf(DuplicateIdError);
      }
      expect((receipts[receipts.length - 1] as [number, LedgerEvent])[0] + 1).toBeGreaterThan(Number(through));
      expect(await store.get("never-stored")).toBeUndefined();
    }
    expect(await a.version()).toBe(events.length);
    expect((await b.verify()).ok).toBe(true);
    await a.close();
    await b.close();
  });

  it("finds a write's own rows before it commits, and forgets a rolled-back write's ids", async () => {
    const events = generateLedger({ events: 30, seed: 35, units: 1, years: 1 });
    const idsOfBatch = (batch: readonly LedgerEvent[]): string[] => batch.map((event) => event.id);
    for (const path of [join(root, "ids-own.db"), ":memory:"]) {
      const backend = createSqliteBackend(path, { idsMergeEvery: 1_000 });
      try {
        await writeBatch(backend, events.slice(0, 10));
        // Inside a write, after its insert: the transaction's own rows are found (a scan after what memory holds).
        await backend.write(async (tx) => {
          await tx.insert(chained(await tx.head(), events.slice(10, 20)).rows);
          expect([...(await tx.bodiesOf?.(idsOfBatch(events.slice(5, 15))) ?? new Map()).keys()].sort()).toEqual(idsOfBatch(events.slice(5, 15)).sort());
          // A private database's one connection sees them too, from outside the transaction's code.
          if (path === ":memory:") expect((await backend.bodiesOf?.(idsOfBatch(events.slice(12, 13))))?.size).toBe(1);
          throw new Error("rolled back");
        }).catch((error: unknown) => expect(error).toEqual(new Error("rolled back")));
        expect((await backend.bodiesOf?.(idsOfBatch(events.slice(10, 20))))?.size).toBe(0);
        expect(await backend.rowOf(events[12]?.id as string)).toBeUndefined();
        // Other events at the positions the rolled-back ones had: found, and the rolled-back ids still are not.
        await writeBatch(backend, events.slice(20, 30));
        expect((await backend.bodiesOf?.(idsOfBatch(events.slice(20, 30))))?.size).toBe(10);
        expect((await backend.bodiesOf?.(idsOfBatch(events.slice(10, 20))))?.size).toBe(0);
        expect((await backend.rowOf(events[25]?.id as string))?.position).toBe(16);
      } finally {
        await backend.close();
      }
    }
  });

  it("refuses an idsMergeEvery that is not a whole number of 1 or more, naming it, before touching the file", async () => {
    const path = join(root, "ids-option.db");
    for (const bad of [0, -5, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(openSqliteStore(path, { idsMergeEvery: bad })).rejects.toThrow(new RangeError(`idsMergeEvery must be a whole number of events, 1 or more, not ${String(bad)}`));
    }
    expect(() => statSync(path)).toThrow();
  });

  it("merges the ids into the index in the append that reaches the count, and reads them back into memory on reopening", async () => {
    const path = join(root, "ids-merge.db");
    const events = generateLedger({ events: 60, seed: 32, units: 1, years: 1, ids: "random" });
    const store = await openSqliteStore(path, { idsMergeEvery: 25 });
    await store.append(events.slice(0, 20));
    expect(idsOf(path)).toEqual({ through: undefined, indexed: 0 });
    await store.append(events.slice(20, 30));
    expect(idsOf(path)).toEqual({ through: "30", indexed: 30 });
    await store.append(events.slice(30, 50));
    expect(idsOf(path)).toEqual({ through: "30", indexed: 30 });
    await store.close();
    const again = await openSqliteStore(path, { idsMergeEvery: 25 });
    const repeat = await again.append(events.slice(25, 50));
    expect(repeat.appended).toEqual([]);
    await again.append(events.slice(50));
    expect(idsOf(path)).toEqual({ through: "60", indexed: 60 });
    expect((await again.verify()).ok).toBe(true);
    await again.close();
  });

  it("opens a file of layout 2 (ids under a UNIQUE index of events), indexing every id, and goes on appending", async () => {
    const path = join(root, "layout-2.db");
    const events = generateLedger({ events: 1_600, seed: 33, units: 2, years: 1, ids: "random" });
    const first = await openSqliteStore(path);
    await first.append(events.slice(0, 1_000));
    await first.close();
    onFile(path, toLayout2);
    const store = await openSqliteStore(path);
    onFile(
      path,
      (db) => {
        expect(db.prepare("SELECT value FROM fundledger_meta WHERE key = 'schema'").pluck().get()).toBe("3");
        expect(eventsHaveUniqueIndex(db)).toBe(false);
        expect(db.prepare("SELECT count(*) FROM event_columns WHERE cell_kind IS NOT NULL AND fund IS NOT NULL").pluck().get()).toBeGreaterThan(0);
      },
      { readonly: true },
    );
    expect(idsOf(path)).toEqual({ through: "1000", indexed: 1_000 });
    expect((await store.append(events.slice(500, 1_000))).appended).toEqual([]);
    await store.append(events.slice(1_000));
    expect((await store.get((events[10] as LedgerEvent).id))?.position).toBe(11);
    expect((await store.verify()).ok).toBe(true);
    for (const year of [2020]) expect(plainAggregate(await store.aggregate(year))).toEqual(plainAggregate(foldOfYear(events, year)));
    await store.close();
  });

  it("verify names an id missing from the index, a row of the index naming no event, and an id stored twice; a merge refuses to index an id twice", async () => {
    const path = join(root, "ids-verify.db");
    const events = generateLedger({ events: 60, seed: 34, units: 1, years: 1 });
    const store = await openSqliteStore(path, { idsMergeEvery: 20 });
    await store.append(events.slice(0, 30));
    expect(idsOf(path).through).toBe("30");
    await store.append(events.slice(30, 36));
    const third = (events[2] as LedgerEvent).id;
    onFile(path, (db) => db.prepare("DELETE FROM ids WHERE id = ?").run(third));
    expect(await store.verify()).toMatchObject({ ok: false, reason: "column_mismatch", message: expect.stringContaining("position 3 is not indexed") });
    onFile(path, (db) => {
      db.prepare("INSERT INTO ids (id, position) VALUES (?, 3)").run(third);
      db.prepare("INSERT INTO ids (id, position) VALUES ('ghost', 4)").run();
    });
    expect(await store.verify()).toMatchObject({ ok: false, message: expect.stringContaining("1 rows of ids name no row") });
    onFile(path, (db) => db.prepare("DELETE FROM ids WHERE id = 'ghost'").run());
    expect((await store.verify()).ok).toBe(true);
    // The last row rewritten to carry an earlier id, its hash chained again: only the check of the ids sees it.
    const repeatAs = (id: string): void =>
      onFile(path, (db) => {
        const previous = db.prepare("SELECT hash FROM events WHERE position = 35").pluck().get() as string;
        const event = { ...(JSON.parse(db.prepare("SELECT body FROM events WHERE position = 36").pluck().get() as string) as LedgerEvent), id };
        const body = canonicalJson(event);
        db.prepare("UPDATE events SET id = ?, body = ?, hash = ? WHERE position = 36").run(id, body, chainHash(previous, body, nodeSha256));
      });
    repeatAs((events[33] as LedgerEvent).id);
    expect(await store.verify()).toMatchObject({ ok: false, message: expect.stringContaining("position 36 repeats the id") });
    repeatAs(third);
    expect(await store.verify()).toMatchObject({ ok: false, message: expect.stringContaining("position 36 repeats the id") });
    // The next merge meets the id twice: the append is refused whole.
    await expect(store.append(events.slice(36))).rejects.toThrow(new RegExp(`the id "${third}" is stored twice; run verify`));
    onFile(path, (db) => expect(db.prepare("SELECT count(*) FROM events").pluck().get()).toBe(36), { readonly: true });
    await store.close();
  });
});
