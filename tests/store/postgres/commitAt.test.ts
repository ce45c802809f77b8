// A PostgreSQL backend's commit in one statement (`commitAt`): it commits rows chained on the head it is given, and
// nothing when another writer moved the head — whether its snapshot saw that writer's rows or not — and it waits
// for a writer that holds the write lock, inserting nothing before that writer is done.
import { afterAll, describe, expect, it } from "vitest";
import type { LedgerEvent } from "../../../src/events/types.js";
import { generateLedger } from "../../../src/generate/index.js";
import { aggregateEvents } from "../../../src/projections/aggregate.js";
import type { Head, RowColumns, StoreBackend } from "../../../src/store/backend.js";
import { createPostgresBackend } from "../../../src/store/postgres/index.js";
import { GENESIS_HASH } from "../../../src/store/types.js";
import { postgresSkipped } from "../../support/postgres.js";
import { chained } from "../support/backends.js";
import { usePostgres } from "./support.js";

const genesis: Head = { version: 0, hash: GENESIS_HASH };

describe.skipIf(postgresSkipped)("a PostgreSQL commit in one statement", () => {
  const pg = usePostgres("commit_at");
  const backends: StoreBackend[] = [];
  afterAll(async () => {
    await Promise.all(backends.map((opened) => opened.close()));
  });
  const backend = async (schema: string): Promise<StoreBackend> => {
    const opened = await createPostgresBackend(pg.database().url, { schema });
    backends.push(opened);
    return opened;
  };
  const commitAt = (on: StoreBackend, after: Head, rows: readonly RowColumns[]): Promise<boolean> =>
    (on.commitAt as NonNullable<StoreBackend["commitAt"]>)(after, rows);
  const ids = async (on: StoreBackend): Promise<string[]> =>
    (await on.rows({ from: 1, to: Number.MAX_SAFE_INTEGER, limit: 100_000 })).map((row) => (JSON.parse(row.body) as LedgerEvent).id);

  it("commits rows chained on the head, and writes nothing when the head has moved or its hash differs", async () => {
    const events = generateLedger({ events: 60, seed: 3, units: 2, years: 1 });
    const on = await backend(pg.schema());
    const first = chained(genesis, events.slice(0, 20));
    expect(await commitAt(on, genesis, first.rows)).toBe(true);
    expect(await on.head()).toEqual(first.to);
    // Chained on the empty log again: the positions are taken.
    expect(await commitAt(on, genesis, chained(genesis, events.slice(20, 30)).rows)).toBe(false);
    // Chained on a head of the right position and another hash.
    const forged = { version: first.to.version, hash: "f".repeat(64) };
    expect(await commitAt(on, forged, chained(forged, events.slice(20, 30)).rows)).toBe(false);
    // Chained on a position the log has not reached (it would leave a gap).
    const ahead = { version: 25, hash: first.to.hash };
    expect(await commitAt(on, ahead, chained(ahead, events.slice(20, 30)).rows)).toBe(false);
    expect(await on.head()).toEqual(first.to);
    const second = chained(first.to, events.slice(20, 60));
    expect(await commitAt(on, first.to, second.rows)).toBe(true);
    expect(await ids(on)).toEqual(events.map((event) => event.id));
    const store = await pg.open(on.name.slice(on.name.indexOf("#") + 1));
    expect(await store.verify()).toMatchObject({ ok: true, version: 60 });
    expect(await store.replay()).toEqual(aggregateEvents(events));
  });

  it("waits for a writer holding the write lock, and writes nothing when that writer took its positions", async () => {
    const events = generateLedger({ events: 30, seed: 4, units: 1, years: 1 });
    const schema = pg.schema();
    const holder = await backend(schema);
    const waiter = await backend(schema);
    const base = chained(genesis, events.slice(0, 10));
    expect(await commitAt(holder, genesis, base.rows)).toBe(true);
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked = (): void => undefined;
    const lockTaken = new Promise<void>((resolve) => {
      locked = resolve;
    });
    // The holder takes the lock and reads the head; only once let go does it insert its batch and commit.
    const writing = holder.write(async (tx) => {
      const current = await tx.head();
      locked();
      await held;
      await tx.insert(chained(current, events.slice(10, 20)).rows);
    });
    await lockTaken;
    let settled = false;
    const committing = commitAt(waiter, base.to, chained(base.to, events.slice(20, 30)).rows).then((done) => {
      settled = true;
      return done;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);
    release();
    await writing;
    expect(await committing).toBe(false);
    expect(await ids(waiter)).toEqual(events.slice(0, 20).map((event) => event.id));
  });

  it("numbers its new cells after those another backend stored since it last looked", async () => {
    const events = generateLedger({ events: 300, seed: 6, units: 3, years: 2 });
    const schema = pg.schema();
    const a = await backend(schema);
    const b = await backend(schema);
    // Each in turn commits a batch chained on the other's; each batch names cells the other has not seen.
    let head = genesis;
    for (let start = 0, turn = 0; start < events.length; start += 30, turn += 1) {
      const next = chained(head, events.slice(start, start + 30));
      expect(await commitAt(turn % 2 === 0 ? a : b, head, next.rows)).toBe(true);
      head = next.to;
    }
    const client = await pg.client();
    const cells = await client.query<{ count: string; keys: string }>(`SELECT count(*) AS count, count(DISTINCT key) AS keys FROM ${schema}.cells`);
    expect(cells.rows[0]?.count).toBe(cells.rows[0]?.keys);
    const store = await pg.open(schema);
    expect(await store.verify()).toMatchObject({ ok: true, version: 300 });
    // A year's aggregate grouped by cell number in SQL: the fold's, with the other years left out.
    for (const year of [2020, 2021]) {
      const fold = aggregateEvents(events);
      for (const other of [...fold.years.keys()]) if (other !== year) fold.years.delete(other);
      expect(await store.aggregate(year)).toEqual(fold);
    }
    expect(await store.replay()).toEqual(aggregateEvents(events));
  });

  it("rejects with the server's error, writing nothing, when the statement fails for another reason than a moved head", async () => {
    const events = generateLedger({ events: 20, seed: 5, units: 1, years: 1 });
    const schema = pg.schema();
    const on = await backend(schema);
    const client = await pg.client();
    await client.query(`ALTER TABLE ${schema}.events ADD CONSTRAINT refuse_the_sixth CHECK (position <> 6)`);
    await expect(commitAt(on, genesis, chained(genesis, events.slice(0, 10)).rows)).rejects.toMatchObject({ code: "23514" });
    expect(await on.head()).toEqual(genesis);
    await client.query(`ALTER TABLE ${schema}.events DROP CONSTRAINT refuse_the_sixth`);
    expect(await commitAt(on, genesis, chained(genesis, events).rows)).toBe(true);
    expect(await ids(on)).toEqual(events.map((event) => event.id));
  });

  it("commits a batch of more than 1,000 rows in a transaction, on the same terms", async () => {
    const events = generateLedger({ events: 2_500, seed: 8, units: 2, years: 1 });
    const on = await backend(pg.schema());
    const large = chained(genesis, events.slice(0, 1_500));
    expect(await commitAt(on, genesis, large.rows)).toBe(true);
    expect(await commitAt(on, genesis, chained(genesis, events.slice(1_500)).rows)).toBe(false);
    expect(await commitAt(on, large.to, chained(large.to, events.slice(1_500)).rows)).toBe(true);
    expect(await ids(on)).toEqual(events.map((event) => event.id));
  });
});
