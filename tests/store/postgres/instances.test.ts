// Several instances on one PostgreSQL store: each checks its appends against every instance's events, hears the others' appends by LISTEN/NOTIFY (also after its listening connection is cut), and the log stays gapless under concurrent appends.
import { describe, expect, it } from "vitest";
import { DuplicateIdError, LedgerError, VersionConflictError } from "../../../src/events/issues.js";
import { generateLedger } from "../../../src/generate/index.js";
import { createPostgresBackend, openPostgresStore } from "../../../src/store/postgres/index.js";
import { aggregateEvents } from "../../../src/projections/aggregate.js";
import { PROJECTION_VERSION } from "../../../src/projections/serialize.js";
import type { SnapshotHeader } from "../../../src/store/backend.js";
import type { EventStore, StoredRecord } from "../../../src/store/types.js";
import { expenditure, receipt, reversal, units } from "../../support/fixtures.js";
import { postgresSkipped } from "../../support/postgres.js";
import { chained, withTwoBackends, writeBatch } from "../support/backends.js";
import { usePostgres } from "./support.js";

/** Resolves once `condition` holds, polling every 10 ms, or rejects after `ms`. */
async function eventually(condition: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("the condition did not hold in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Subscribes and collects the positions delivered. */
async function collect(store: EventStore, from?: number): Promise<{ positions: number[]; records: StoredRecord[]; stop: () => Promise<void> }> {
  const positions: number[] = [];
  const records: StoredRecord[] = [];
  const stop = await store.subscribe(
    (batch) => {
      for (const record of batch) {
        positions.push(record.position);
        records.push(record);
      }
    },
    from === undefined ? {} : { from },
  );
  return { positions, records, stop };
}

describe.skipIf(postgresSkipped)("several instances of one PostgreSQL store", () => {
  const pg = usePostgres("instances");

  it("hear each other's appends through LISTEN/NOTIFY, in order, each once", async () => {
    const schema = pg.schema();
    const a = await pg.open(schema);
    const b = await pg.open(schema);
    const live = await collect(b);
    const caughtUp = await collect(b, 1);
    const events = generateLedger({ events: 300, seed: 5, units: 2, years: 1 });
    for (let start = 0; start < events.length; start += 50) await a.append(events.slice(start, start + 50));
    await eventually(() => live.positions.length === events.length && caughtUp.positions.length === events.length);
    const expected = events.map((_, i) => i + 1);
    expect(live.positions).toEqual(expected);
    expect(caughtUp.positions).toEqual(expected);
    expect(live.records.map((record) => record.event.id)).toEqual(events.map((event) => event.id));
    await live.stop();
    await caughtUp.stop();
  });

  it("check an append against the events another instance stored", async () => {
    const schema = pg.schema();
    const a = await pg.open(schema);
    const b = await pg.open(schema);
    const spent = expenditure();
    await a.append([...units(), receipt(), spent]);
    // The same id and payload: a no-op; the same id with another payload: refused.
    await expect(b.append(receipt())).resolves.toMatchObject({ appended: [], unchanged: ["receipt-1"], version: 4 });
    await expect(b.append(receipt({ amountFen: 1 }))).rejects.toBeInstanceOf(DuplicateIdError);
    // A reversal of A's event is accepted by B, and a second one refused by A.
    await b.append(reversal(spent, { id: "x-rev" }));
    await expect(a.append(reversal(spent, { id: "x-rev-2" }))).rejects.toThrow(/already_reversed|reversed once/);
    // A stale expected version is a conflict naming the store's version.
    const conflict = await a.append(receipt({ id: "late" }), { expectedVersion: 4 }).catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(VersionConflictError);
    expect(conflict).toMatchObject({ expected: 4, actual: 5 });
    // Both instances' live states see every event.
    expect(await a.tables(2020)).toEqual(await b.tables(2020));
    expect(await a.live()).toEqual(await b.replay());
  });

  it("keep the log gapless when both append at once", async () => {
    const schema = pg.schema();
    const a = await pg.open(schema);
    const b = await pg.open(schema);
    await a.append(units());
    const receipts = (prefix: string): Promise<unknown>[] =>
      Array.from({ length: 25 }, (_, i) => (i % 2 === 0 ? a : b).append(receipt({ id: `${prefix}-${i}`, amountFen: 100 + i })));
    await Promise.all([...receipts("p"), ...receipts("q")]);
    const records = await a.read();
    expect(records.map((record) => record.position)).toEqual(Array.from({ length: 52 }, (_, i) => i + 1));
    expect(new Set(records.map((record) => record.event.id)).size).toBe(52);
    expect(await b.verify()).toMatchObject({ ok: true, version: 52 });
    expect(await a.live()).toEqual(await a.replay());
    expect(await b.live()).toEqual(await b.replay());
  });

  it("settle one id appended by both at once as one fact: the same payload stored once, another refused", async () => {
    const schema = pg.schema();
    const a = await pg.open(schema);
    const b = await pg.open(schema);
    await a.append(units());
    await b.refresh();
    for (let round = 0; round < 10; round += 1) {
      // Both check their batch against the same head, outside the lock, and commit at once.
      const same = receipt({ id: `same-${round}`, amountFen: 500 + round });
      const [first, second] = await Promise.all([a.append(same), b.append(same)]);
      expect([first.appended.length, second.appended.length].sort()).toEqual([0, 1]);
      const clash = await Promise.allSettled([a.append(receipt({ id: `clash-${round}`, amountFen: 1 })), b.append(receipt({ id: `clash-${round}`, amountFen: 2 }))]);
      expect(clash.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(((clash.find((outcome) => outcome.status === "rejected") as PromiseRejectedResult).reason as Error)).toBeInstanceOf(DuplicateIdError);
    }
    const records = await a.read();
    expect(records.map((record) => record.position)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(await b.verify()).toMatchObject({ ok: true, version: 22 });
    expect(await a.live()).toEqual(await a.replay());
    expect(await b.live()).toEqual(await b.replay());
  });

  it("number the cells each of them adds without collisions", async () => {
    const schema = pg.schema();
    const a = await pg.open(schema);
    const b = await pg.open(schema);
    const events = generateLedger({ events: 600, seed: 9, units: 3, years: 2 });
    // Each instance in turn appends a batch whose coordinates are mostly new to the store.
    for (let start = 0, turn = 0; start < events.length; start += 40, turn += 1) await (turn % 2 === 0 ? a : b).append(events.slice(start, start + 40));
    const client = await pg.client();
    const cells = await client.query<{ count: string; keys: string; top: string }>(`SELECT count(*) AS count, count(DISTINCT key) AS keys, max(id) AS top FROM ${schema}.cells`);
    expect(cells.rows[0]?.count).toBe(cells.rows[0]?.keys);
    expect(await b.verify()).toMatchObject({ ok: true, version: events.length });
    for (const year of [2020, 2021]) {
      expect(await a.aggregate(year)).toEqual(await b.aggregate(year));
      expect(await a.tables(year)).toEqual(await b.tables(year));
    }
    expect(await a.replay()).toEqual(aggregateEvents(events));
  });

  it("keep numbering cells right after a write that added cells was rolled back", async () => {
    const schema = pg.schema();
    await withTwoBackends(() => createPostgresBackend(pg.database().url, { schema }), async (a, b) => {
      const events = generateLedger({ events: 90, seed: 4, units: 1, years: 1 });
      await writeBatch(a, events.slice(0, 30));
      // The first backend numbers the cells of a write that then rolls back; the second adds cells of its own.
      await expect(a.write(async (tx) => {
        await tx.insert(chained(await tx.head(), events.slice(30, 60)).rows);
        throw new Error("abandoned");
      })).rejects.toThrow("abandoned");
      await writeBatch(b, events.slice(60, 75));
      await writeBatch(a, events.slice(30, 60));
      await writeBatch(b, events.slice(75, 90));
      const stored = generateLedger({ events: 90, seed: 4, units: 1, years: 1 });
      const order = [...stored.slice(0, 30), ...stored.slice(60, 75), ...stored.slice(30, 60), ...stored.slice(75, 90)];
      const store = await pg.open(schema);
      expect(await store.verify()).toMatchObject({ ok: true, version: 90 });
      expect((await store.read()).map((record) => record.event.id)).toEqual(order.map((event) => event.id));
      expect(await store.replay()).toEqual(aggregateEvents(order));
    });
  });

  it("hear through a backend's watch the commits of other backends, not its own", async () => {
    const schema = pg.schema();
    await withTwoBackends(() => createPostgresBackend(pg.database().url, { schema }), async (own, other) => {
      let heard = 0;
      const stop = own.watch(() => {
        heard += 1;
      });
      // Once when it starts listening (what came before went unheard), then once for each commit of the other.
      await eventually(() => heard === 1);
      const events = generateLedger({ events: 40, seed: 4, units: 1, years: 1 });
      for (let start = 0; start < events.length; start += 10) await writeBatch(start % 20 === 0 ? own : other, events.slice(start, start + 10));
      await eventually(() => heard >= 3);
      // Notifications arrive in commit order: the other's last one is in, and so would any of the own ones be.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(heard).toBe(3);
      stop();
    });
  });

  it("hear appends again after their listening connection is cut", async () => {
    const schema = pg.schema();
    const a = await pg.open(schema);
    const b = await pg.open(schema);
    const live = await collect(b);
    await a.append(units());
    await eventually(() => live.positions.length === 2);
    const admin = await pg.client();
    const cut = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN "fundledger_${schema}"'`);
    expect(cut.rowCount).toBeGreaterThan(0);
    await a.append(receipt());
    await eventually(() => live.positions.length === 3);
    expect(live.positions).toEqual([1, 2, 3]);
    await live.stop();
  });

  it("notify nothing for a refused append", async () => {
    const schema = pg.schema();
    const a = await pg.open(schema);
    const b = await pg.open(schema);
    await a.append(units());
    const live = await collect(b);
    await expect(a.append([receipt(), receipt({ id: "bad", functional: "2999999" })])).rejects.toBeInstanceOf(LedgerError);
    await a.append(receipt({ id: "good" }));
    await eventually(() => live.positions.length === 1);
    expect(live.records.map((record) => record.event.id)).toEqual(["good"]);
    expect(await b.version()).toBe(3);
    await live.stop();
  });
});

describe.skipIf(postgresSkipped)("opening a PostgreSQL store", () => {
  const pg = usePostgres("opening");

  /** Opens the store of a schema again: from the snapshot at `position`, folding `folded` events after it, into the full replay's state. */
  async function expectReopenedFrom(schema: string, position: number, folded: number): Promise<void> {
    const reopened = await pg.open(schema);
    expect(reopened.opened).toMatchObject({ snapshot: { position }, folded });
    expect(await reopened.live()).toEqual(await reopened.replay());
  }

  it("keeps stores in different schemas of one database apart", async () => {
    const a = await pg.open(pg.schema());
    const b = await pg.open(pg.schema());
    await a.append(units());
    expect(await a.version()).toBe(2);
    expect(await b.version()).toBe(0);
  });

  it("refuses a schema name that is not a plain identifier, naming it", async () => {
    const attempt = openPostgresStore(pg.database().url, { schema: 'x"; DROP TABLE y; --' });
    await expect(attempt).rejects.toBeInstanceOf(LedgerError);
    await expect(attempt).rejects.toThrow(/schema = "x\\"; DROP TABLE y; --"/);
  });

  it("names itself without the password", async () => {
    const backend = await createPostgresBackend(pg.database().url, { schema: pg.schema() });
    try {
      expect(backend.name).toContain(pg.database().name);
      expect(backend.name).not.toContain(new URL(pg.database().url).password);
    } finally {
      await backend.close();
    }
  });

  it("rejects when the server cannot be reached", async () => {
    await expect(openPostgresStore("postgres://nobody:nothing@127.0.0.1:1/none", { schema: "unreachable" })).rejects.toThrow(/ECONNREFUSED|connect/);
  });

  it("opens the same new store from several instances at once", async () => {
    const schema = pg.schema();
    const stores = await Promise.all(Array.from({ length: 4 }, () => pg.open(schema)));
    await stores[0]?.append(units());
    for (const store of stores) expect(await store.version()).toBe(2);
  });

  it("stores values holding the characters its bulk insert separates columns with", async () => {
    const store = await pg.open(pg.schema());
    const ids = ["a\u001eb", "c\u001fd", "\u001f", "\u001e"];
    await store.append(units());
    for (const id of ids) await store.append(receipt({ id, amountFen: 100 }));
    await store.append(ids.map((id, i) => receipt({ id: `${id}-batch`, amountFen: 200 + i })));
    const stored = [...units().map((unit) => unit.id), ...ids, ...ids.map((id) => `${id}-batch`)];
    expect((await store.read()).map((record) => record.event.id)).toEqual(stored);
    expect(await store.get("\u001f")).toMatchObject({ position: 5 });
    expect(await store.verify()).toMatchObject({ ok: true, version: 2 + ids.length * 2 });
  });

  it("keeps the newest snapshots of a projection version, and reopens from the newest", async () => {
    const schema = pg.schema();
    const store = await pg.open(schema);
    const events = generateLedger({ events: 250, seed: 12, units: 2, years: 1 });
    for (let start = 0; start < events.length; start += 50) {
      await store.append(events.slice(start, start + 50));
      await store.snapshot();
    }
    const client = await pg.client();
    const kept = await client.query<{ position: string }>(`SELECT position FROM ${schema}.snapshots ORDER BY position`);
    expect(kept.rows.map((row) => Number(row.position))).toEqual([150, 200, 250]);
    // The parts of the snapshots let go went with them.
    const parted = await client.query<{ position: string }>(`SELECT DISTINCT position FROM ${schema}.snapshot_parts ORDER BY position`);
    expect(parted.rows.map((row) => Number(row.position))).toEqual([150, 200, 250]);
    await expectReopenedFrom(schema, 250, 0);
  });

  it("stores a large snapshot in parts, reads the head and the newest agreeing snapshot in one query, and reopens from it", async () => {
    const schema = pg.schema();
    const store = await pg.open(schema);
    const events = generateLedger({ events: 10_000, seed: 5, units: 4, years: 2 });
    for (let start = 0; start < events.length; start += 2_500) await store.append(events.slice(start, start + 2_500));
    await store.snapshot();
    await store.append(units().map((unit) => ({ ...unit, id: `${unit.id}-later`, unit: `${unit.unit}-later`, parent: unit.parent === null ? null : `${unit.parent}-later` })));
    const client = await pg.client();
    const parts = await client.query<{ count: string }>(`SELECT count(*) FROM ${schema}.snapshot_parts`);
    expect(Number(parts.rows[0]?.count)).toBeGreaterThan(1);
    const backend = await createPostgresBackend(pg.database().url, { schema });
    try {
      const opening = await backend.openingSnapshot?.(PROJECTION_VERSION);
      const [header] = await backend.snapshots(PROJECTION_VERSION);
      expect(opening?.head).toEqual(await backend.head());
      expect(opening?.snapshot?.header).toEqual(header);
      expect(opening?.snapshot?.data).toEqual(await backend.snapshotData(header as SnapshotHeader));
      // More bytes than one part of base64 holds (64 KiB of base64 is 48 KiB of bytes).
      expect(opening?.snapshot?.data?.length).toBeGreaterThan((64 * 1024 * 3) / 4);
    } finally {
      await backend.close();
    }
    await expectReopenedFrom(schema, events.length, units().length);
  });

  it("reopens from a snapshot stored whole in its row, as an earlier version wrote it", async () => {
    const schema = pg.schema();
    const store = await pg.open(schema);
    await store.append(generateLedger({ events: 400, seed: 9, units: 2, years: 1 }));
    await store.snapshot();
    const client = await pg.client();
    // Moves the parts into the row, as one text.
    await client.query(
      `UPDATE ${schema}.snapshots AS s SET data = (SELECT string_agg(p.data, '' ORDER BY p.part) FROM ${schema}.snapshot_parts AS p ` +
        `WHERE p.projection_version = s.projection_version AND p.position = s.position)`,
    );
    await client.query(`DELETE FROM ${schema}.snapshot_parts`);
    await expectReopenedFrom(schema, 400, 0);
  });

  it("finds no snapshot, in the one query, in an empty store or one without snapshots", async () => {
    const schema = pg.schema();
    const store = await pg.open(schema);
    const backend = await createPostgresBackend(pg.database().url, { schema });
    try {
      expect(await backend.openingSnapshot?.(PROJECTION_VERSION)).toEqual({ head: { version: 0, hash: "0".repeat(64) }, snapshot: undefined });
      await store.append(units());
      expect(await backend.openingSnapshot?.(PROJECTION_VERSION)).toEqual({ head: await backend.head(), snapshot: undefined });
    } finally {
      await backend.close();
    }
  });

  it("refuses appends and reads once closed", async () => {
    const store = await openPostgresStore(pg.database().url, { schema: pg.schema() });
    await store.close();
    await expect(store.append(units())).rejects.toThrow(/closed/);
    await expect(store.read()).rejects.toThrow(/closed/);
    await store.close();
  });
});
