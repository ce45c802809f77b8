// The store contract on the in-memory store, with tampering done on its row array.
import { describe, expect, it } from "vitest";
import { createMemoryBackend, openMemoryStore, type MemoryBackend } from "../../src/store/memory.js";
import type { RowColumns } from "../../src/store/backend.js";
import { openStore } from "../../src/store/core.js";
import { centre, office, receipt, units } from "../support/fixtures.js";
import type { StoreBackend } from "../../src/store/backend.js";
import type { EventStore } from "../../src/store/types.js";
import { storeContract, type StoreLocation } from "./contract.js";

function memoryLocation(): StoreLocation {
  const backend: MemoryBackend = createMemoryBackend();
  const rows = backend.stored;
  const at = (position: number): number => {
    const index = rows.findIndex((row) => row.position === position);
    if (index < 0) throw new Error(`no row at ${position}`);
    return index;
  };
  const column = { amountFen: "amountFen", hash: "hash", unit: "unit" } as const;
  return {
    open: (options) => openMemoryStore(backend, options),
    tamper: {
      async setBody(position, body) {
        rows[at(position)] = { ...(rows[at(position)] as RowColumns), body };
      },
      async setColumn(position, name, value) {
        rows[at(position)] = { ...(rows[at(position)] as RowColumns), [column[name]]: value };
      },
      async deleteRow(position) {
        rows.splice(at(position), 1);
      },
      async swapRows(a, b) {
        const i = at(a);
        const j = at(b);
        const first = rows[i] as RowColumns;
        const second = rows[j] as RowColumns;
        rows[i] = { ...second, position: a };
        rows[j] = { ...first, position: b };
      },
      async insertRow(row) {
        rows.push(row);
        rows.sort((x, y) => x.position - y.position);
      },
      writeSnapshot: (header, data) => backend.saveSnapshot(header, new TextEncoder().encode(data)),
    },
    async dispose() {},
  };
}

storeContract("memory", { create: async () => memoryLocation(), noticeWithinMs: 1_000 });

describe("the store core", () => {
  it("folds a batch back out of the state when the commit fails, so the next append sees the log as stored", async () => {
    const backend = createMemoryBackend();
    let failCommit = false;
    const failing = {
      ...backend,
      write: <T>(work: Parameters<typeof backend.write<T>>[0]) =>
        backend.write(async (tx) => {
          const value = await work(tx);
          if (failCommit) throw new Error("disk full");
          return value;
        }),
    };
    const store = await openStore(failing);
    await store.append(units());
    const before = await store.tables(2020);
    failCommit = true;
    await expect(store.append(receipt())).rejects.toThrow("disk full");
    failCommit = false;
    expect(await store.tables(2020)).toEqual(before);
    expect((await store.append(receipt())).version).toBe(3);
  });

  describe("appends in flight", () => {
    /** Receipts of the fixture office, one per id. */
    const receipts = (from: number, count: number): ReturnType<typeof receipt>[] =>
      Array.from({ length: count }, (_, i) => receipt({ id: `r-${from + i}`, amountFen: 100 + from + i }));

    /** The memory backend with a hook run on each lookup outside the write lock, and writes that may fail. */
    function hooked(backend: MemoryBackend, hooks: { beforeLookup?: (call: number) => Promise<void>; failWrite?: (call: number) => boolean }): StoreBackend {
      let lookups = 0;
      let writes = 0;
      return {
        ...backend,
        async bodiesOf(ids) {
          lookups += 1;
          await hooks.beforeLookup?.(lookups);
          return (backend.bodiesOf as NonNullable<StoreBackend["bodiesOf"]>)(ids);
        },
        write(work) {
          writes += 1;
          const failing = hooks.failWrite?.(writes) ?? false;
          return backend.write(async (tx) => {
            const value = await work(tx);
            if (failing) throw new Error("disk full");
            return value;
          });
        },
      };
    }

    /** A store with appends in flight, and another on the same rows that runs `write` during the first lookup outside the lock. */
    async function withOtherWriter(write: (other: EventStore) => Promise<unknown>): Promise<{ store: EventStore; other: EventStore }> {
      const backend = createMemoryBackend();
      const other = await openMemoryStore(backend);
      let once = true;
      const beforeLookup = async (): Promise<void> => {
        if (!once) return;
        once = false;
        await write(other);
      };
      return { store: await openStore(hooked(backend, { beforeLookup }), { pipeline: 4 }), other };
    }

    it("refuses the batch whose commit fails, folds out the ones checked on top of it, and stores those again in order", async () => {
      const backend = createMemoryBackend();
      const store = await openStore(hooked(backend, { failWrite: (call) => call === 3 }), { pipeline: 4 });
      await store.append(units());
      // The first append ran alone (write 1); these four go ahead of their commits (writes 2, 3 — failing — then again).
      const outcomes = await Promise.allSettled([0, 1, 2, 3].map((k) => store.append(receipts(10 * k, 10))));
      expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
      expect(String((outcomes[1] as PromiseRejectedResult).reason)).toContain("disk full");
      const stored = await store.read();
      expect(stored.map((record) => record.position)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
      expect(stored.slice(2).map((record) => record.event.id)).toEqual([...receipts(0, 10), ...receipts(20, 10), ...receipts(30, 10)].map((event) => event.id));
      expect(await store.verify()).toMatchObject({ ok: true, version: 32 });
      expect(await store.live()).toEqual(await store.replay());
    });

    it("checks a batch again, under the lock, when another store wrote while it was on its way", async () => {
      const { store, other } = await withOtherWriter((other) => other.append(receipts(100, 3)));
      // The first append runs alone, under the lock (the store has yet to see the log); the next two go ahead.
      await store.append(units());
      const [first, second] = await Promise.all([store.append(receipts(0, 2)), store.append(receipts(2, 2))]);
      expect(first.appended.map((record) => record.position)).toEqual([6, 7]);
      expect(second.appended.map((record) => record.position)).toEqual([8, 9]);
      expect(await store.verify()).toMatchObject({ ok: true, version: 9 });
      expect(await store.live()).toEqual(await store.replay());
      await other.close();
    });

    it("does not refuse a batch for what another store stored while it was checked ahead", async () => {
      const { store, other } = await withOtherWriter((other) => other.append(centre()));
      await store.append(office());
      // Checked against a state without the centre it would be refused; the head moved, so it runs again alone.
      const result = await store.append(receipt({ unit: "centre" }));
      expect(result.appended.map((record) => record.position)).toEqual([3]);
      expect(await store.verify()).toMatchObject({ ok: true, version: 3 });
      await other.close();
    });

    it("runs a batch alone, checked under the lock, when its lookup outside the lock fails", async () => {
      const backend = createMemoryBackend();
      const store = await openStore(
        hooked(backend, {
          async beforeLookup() {
            throw new Error("connection reset");
          },
        }),
        { pipeline: 4 },
      );
      await store.append(units());
      const results = await Promise.all([store.append(receipts(0, 2)), store.append(receipts(2, 2))]);
      expect(results.map((result) => result.version)).toEqual([4, 6]);
    });

    it("commits a batch checked ahead in one step where the backend can, and runs it again alone when that step finds the head moved", async () => {
      const backend = createMemoryBackend();
      const other = await openMemoryStore(backend);
      const outcomes: boolean[] = [];
      let calls = 0;
      const store = await openStore(
        {
          ...backend,
          async commitAt(after, rows) {
            calls += 1;
            // Another store appends just before the first one-step commit.
            if (calls === 1) await other.append(receipts(100, 3));
            const done = await backend.write(async (tx) => {
              const current = await tx.head();
              if (current.version !== after.version || current.hash !== after.hash) return false;
              await tx.insert(rows);
              return true;
            });
            outcomes.push(done);
            return done;
          },
        },
        { pipeline: 4 },
      );
      // The first append runs alone, under the lock (the store has yet to see the log); the next two go ahead.
      await store.append(units());
      const [first, second] = await Promise.all([store.append(receipts(0, 2)), store.append(receipts(2, 2))]);
      expect(first.appended.map((record) => record.position)).toEqual([6, 7]);
      expect(second.appended.map((record) => record.position)).toEqual([8, 9]);
      // Once a write under the lock has found no other store's rows, appends go ahead again.
      expect((await store.append(receipts(4, 1))).version).toBe(10);
      expect(outcomes).toEqual([false, true]);
      expect(await store.verify()).toMatchObject({ ok: true, version: 10 });
      expect(await store.live()).toEqual(await store.replay());
      await other.close();
    });

    it("keeps appends in flight by default only where the database commits elsewhere", async () => {
      const lookedUp = async (commitsElsewhere: boolean): Promise<number> => {
        let lookups = 0;
        const backend = hooked(createMemoryBackend(), {
          async beforeLookup() {
            lookups += 1;
          },
        });
        const store = await openStore({ ...backend, commitsElsewhere });
        await store.append(units());
        await Promise.all([store.append(receipts(0, 2)), store.append(receipts(2, 2))]);
        await store.close();
        return lookups;
      };
      expect(await lookedUp(false)).toBe(0);
      expect(await lookedUp(true)).toBe(2);
    });

    it("lets the appends in flight commit before it closes the backend", async () => {
      const backend = createMemoryBackend();
      let storedAtClose: number | undefined;
      const store = await openStore(
        {
          ...backend,
          async close() {
            storedAtClose = backend.stored.length;
          },
        },
        { pipeline: 4 },
      );
      await store.append(units());
      const appending = [0, 1, 2].map((k) => store.append(receipts(10 * k, 10)));
      await store.close();
      expect(storedAtClose).toBe(32);
      expect((await Promise.all(appending)).map((result) => result.version)).toEqual([12, 22, 32]);
      await expect(store.append(receipts(100, 1))).rejects.toThrow("closed");
    });

    it("takes the snapshots due while appends are in flight, after they commit", async () => {
      const backend = createMemoryBackend();
      const store = await openStore(backend, { snapshotEvery: 10, pipeline: 4 });
      await store.append(units());
      await Promise.all([0, 1, 2, 3].map((k) => store.append(receipts(10 * k, 5))));
      await store.close();
      const reopened = await openMemoryStore(backend);
      expect(reopened.opened.snapshot?.position).toBeGreaterThanOrEqual(12);
      expect(await reopened.live()).toEqual(await reopened.replay());
    });

    it("reads tables with no append in flight: after the appends called before, without those called after", async () => {
      const store = await openStore(createMemoryBackend(), { pipeline: 4 });
      await store.append(units());
      const appending = [0, 1, 2].map((k) => store.append(receipts(10 * k, 10)));
      const tables = store.tables(2020);
      const later = store.append(receipts(100, 10));
      await Promise.all([...appending, later]);
      const expected = await openStore(createMemoryBackend());
      await expected.append([...units(), ...receipts(0, 30)]);
      expect(await tables).toEqual(await expected.tables(2020));
    });
  });
});
