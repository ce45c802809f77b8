// The store contract: one suite of tests every EventStore must pass (memory, SQLite, PostgreSQL). A test file
// calls `storeContract(name, factory)`; the factory makes fresh, empty store locations.
import { createHash } from "node:crypto";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { reversalOf } from "../../src/events/build.js";
import { canonicalJson } from "../../src/events/canonical.js";
import { DuplicateIdError, LedgerError, VersionConflictError } from "../../src/events/issues.js";
import { REVERSIBLE_TYPES, type LedgerEvent, type ReversibleEvent } from "../../src/events/types.js";
import { generateLedger } from "../../src/generate/index.js";
import { createLedger, type StoredEvent } from "../../src/ledger/ledger.js";
import { aggregateEvents, type Aggregate } from "../../src/projections/aggregate.js";
import { PROJECTION_VERSION } from "../../src/projections/serialize.js";
import type { RowColumns, SnapshotHeader } from "../../src/store/backend.js";
import { GENESIS_HASH, type EventStore, type StoreAppendResult, type StoredRecord, type StoreOptions, type VerifyFailureReason } from "../../src/store/types.js";
import { YEAR, appropriation, expenditure, flowEventArb, invalidEventArb, receipt, reversal, units, withId, yearClosed } from "../support/fixtures.js";
import { referenceEvents } from "../support/reference.js";

const SEED = 20201231;

/** Direct edits of a store's rows, as someone with access to the database would make them. */
export interface Tamper {
  /** Replaces the body of the row at `position`, keeping every other column. */
  setBody(position: number, body: string): Promise<void>;
  /** Sets one column of the row at `position` (column names as in {@link RowColumns}). */
  setColumn(position: number, column: "amountFen" | "hash" | "unit", value: string | number): Promise<void>;
  /** Deletes the row at `position`. */
  deleteRow(position: number): Promise<void>;
  /** Exchanges the positions of two rows (everything else moves with them). */
  swapRows(a: number, b: number): Promise<void>;
  /** Inserts a row as given. */
  insertRow(row: RowColumns): Promise<void>;
  /** Stores a snapshot as given (bypassing the store). */
  writeSnapshot(header: SnapshotHeader, data: string): Promise<void>;
}

/** One store location: open any number of stores on it (as separate processes would). */
export interface StoreLocation {
  /** Opens a store on the location. */
  open(options?: StoreOptions): Promise<EventStore>;
  /** Direct access to the rows. */
  readonly tamper: Tamper;
  /** Removes the location (after its stores are closed). */
  dispose(): Promise<void>;
}

/** Makes fresh, empty store locations. */
export interface StoreFactory {
  /** A fresh, empty location. */
  create(): Promise<StoreLocation>;
  /** How long another instance may take to see an append (polling interval and more); default 3 s. */
  readonly noticeWithinMs?: number;
  /** Runs of the property tests (default 12 for the aggregate, 15 for the model). */
  readonly propertyRuns?: number;
}

/** The hash chain recomputed with node:crypto, for comparison. */
function chainOf(events: readonly LedgerEvent[], previous = GENESIS_HASH): string[] {
  const hashes: string[] = [];
  for (const event of events) {
    previous = createHash("sha256").update(`${previous}\n${canonicalJson(event)}`, "utf8").digest("hex");
    hashes.push(previous);
  }
  return hashes;
}

/** Plain data of an aggregate, Maps and Sets as arrays, for equality that ignores nothing but identity. */
export function plainAggregate(aggregate: Aggregate): unknown {
  return JSON.parse(JSON.stringify(aggregate, (_key, value: unknown) => (value instanceof Map ? [...value] : value instanceof Set ? [...value] : value)));
}

/** The JS fold of all events, keeping every unit and only `year`. */
export function foldOfYear(events: readonly LedgerEvent[], year: number): Aggregate {
  const full = aggregateEvents(events);
  for (const other of [...full.years.keys()]) if (other !== year) full.years.delete(other);
  return full;
}

/** Waits until `condition` holds, polling, or fails after `withinMs`. */
export async function eventually(condition: () => boolean | Promise<boolean>, withinMs: number, what: string): Promise<void> {
  const until = Date.now() + withinMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > until) throw new Error(`not within ${withinMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const positionsOf = (records: readonly { readonly position: number }[]): number[] => records.map((r) => r.position);
const eventsOf = (records: readonly { readonly event: LedgerEvent }[]): LedgerEvent[] => records.map((r) => r.event);
const isReversible = (event: LedgerEvent): event is ReversibleEvent => (REVERSIBLE_TYPES as readonly string[]).includes(event.type);

/**
 * Runs the store contract on a kind of store.
 *
 * @param name - the store's name in test titles
 * @param factory - makes fresh locations
 */
export function storeContract(name: string, factory: StoreFactory): void {
  const noticeMs = factory.noticeWithinMs ?? 3_000;
  const runs = factory.propertyRuns;

  describe(`the ${name} store contract`, () => {
    let location: StoreLocation;
    const opened: EventStore[] = [];
    const open = async (options?: StoreOptions): Promise<EventStore> => {
      const store = await location.open(options);
      opened.push(store);
      return store;
    };

    beforeAll(async () => {
      location = await factory.create();
    });
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
      await location.dispose();
      location = await factory.create();
    });
    afterAll(async () => {
      for (const store of opened.splice(0)) await store.close();
      await location.dispose();
    });

    describe("append", () => {
      it("stores a batch at gapless positions from 1 with the SHA-256 chain of canonical bodies", async () => {
        const store = await open();
        const first = await store.append(units());
        expect(positionsOf(first.appended)).toEqual([1, 2]);
        const second = await store.append(receipt());
        expect(second.version).toBe(3);
        expect(second.unchanged).toEqual([]);
        const all = await store.read();
        expect(positionsOf(all)).toEqual([1, 2, 3]);
        const hashes = chainOf(eventsOf(all));
        expect(all.map((r) => r.hash)).toEqual(hashes);
        expect(second.head).toBe(hashes[2]);
        expect([...first.appended, ...second.appended]).toEqual(all);
        expect(await store.version()).toBe(3);
      });

      it("stores events deep-frozen and as validated (schema added)", async () => {
        const store = await open();
        const { schema: _schema, ...withoutSchema } = units()[0] as LedgerEvent;
        const result = await store.append(withoutSchema);
        const [record] = result.appended;
        expect(record?.event).toEqual(units()[0]);
        expect(Object.isFrozen(record?.event)).toBe(true);
        const [read] = await store.read();
        expect(Object.isFrozen(read?.event)).toBe(true);
      });

      it("treats a repeated id with the same payload as a no-op and lists it as unchanged", async () => {
        const store = await open();
        await store.append([...units(), receipt()]);
        const again = await store.append([receipt(), receipt({ id: "receipt-2" })]);
        expect(again.unchanged).toEqual(["receipt-1"]);
        expect(positionsOf(again.appended)).toEqual([4]);
        const only = await store.append(receipt());
        expect(only).toMatchObject({ appended: [], unchanged: ["receipt-1"], version: 4 });
      });

      it("refuses a repeated id with another payload with DuplicateIdError, storing nothing of the batch", async () => {
        const store = await open();
        await store.append([...units(), receipt()]);
        const error = await store.append([receipt({ id: "receipt-9" }), receipt({ amountFen: 7 })]).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DuplicateIdError);
        expect((error as DuplicateIdError).ids).toEqual(["receipt-1"]);
        expect((error as DuplicateIdError).issues[0]?.path).toEqual([1, "id"]);
        expect(await store.version()).toBe(3);
        expect(await store.get("receipt-9")).toBeUndefined();
      });

      it("refuses a repeated id within one batch when the payloads differ", async () => {
        const store = await open();
        await store.append(units());
        await expect(store.append([receipt(), receipt({ amountFen: 3 })])).rejects.toBeInstanceOf(DuplicateIdError);
        const same = await store.append([receipt(), receipt()]);
        expect(same.unchanged).toEqual(["receipt-1"]);
        expect(same.version).toBe(3);
      });

      it("checks the expected version: a stale one throws VersionConflictError with expected and actual", async () => {
        const store = await open();
        await store.append(units(), { expectedVersion: 0 });
        const error = await store.append(receipt(), { expectedVersion: 1 }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(VersionConflictError);
        expect(error).toMatchObject({ expected: 1, actual: 2 });
        expect(await store.version()).toBe(2);
        expect((await store.append(receipt(), { expectedVersion: 2 })).version).toBe(3);
      });

      it("refuses an invalid batch whole, naming each bad event's index, and leaves the tables as they were", async () => {
        const store = await open();
        await store.append([...units(), receipt()]);
        const before = await store.tables(YEAR);
        const error = await store
          .append([receipt({ id: "ok-1" }), { ...receipt({ id: "bad" }), functional: "9999999" }, expenditure({ unit: "nobody" })])
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(LedgerError);
        const paths = (error as LedgerError).issues.map((issue) => issue.path[0]);
        expect(paths).toEqual([1, 2]);
        expect(await store.version()).toBe(3);
        expect(await store.get("ok-1")).toBeUndefined();
        expect(await store.tables(YEAR)).toEqual(before);
        // The state is unchanged: the same events are accepted afterwards.
        expect((await store.append([receipt({ id: "ok-1" })])).version).toBe(4);
      });

      it("refuses a batch larger than batchMax", async () => {
        const store = await open({ batchMax: 2 });
        const error = await store.append([...units(), receipt()]).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(LedgerError);
        expect((error as LedgerError).issues[0]).toMatchObject({ code: "batch_too_large", size: 3, max: 2 });
        expect(await store.version()).toBe(0);
      });

      it("applies the ledger's rules: reversals of stored events, closed years, unknown units", async () => {
        const store = await open();
        await store.append([...units(), receipt(), expenditure()]);
        await store.append(reversal(expenditure()));
        await expect(store.append(reversal(expenditure(), { id: "again" }))).rejects.toMatchObject({ issues: [expect.objectContaining({ code: "already_reversed" })] });
        await expect(store.append(reversal(receipt({ amountFen: 5 })))).rejects.toMatchObject({ issues: [expect.objectContaining({ code: "reversal_mismatch" })] });
        await expect(store.append(reversal(receipt({ id: "never" })))).rejects.toMatchObject({ issues: [expect.objectContaining({ code: "unknown_target" })] });
        const ledger = createLedger();
        ledger.append(eventsOf(await store.read()));
        const closing = ledger.closingBalances(YEAR, "office");
        await store.append(yearClosed({ balances: closing }));
        await expect(store.append(receipt({ id: "late" }))).rejects.toMatchObject({ issues: [expect.objectContaining({ code: "year_closed" })] });
        expect(await store.tables(YEAR)).toEqual(ledger.append(yearClosed({ balances: closing })) && ledger.tables(YEAR));
      });

      it("keeps the ten tables equal to an in-memory ledger's for the reference department", async () => {
        const events = referenceEvents();
        const store = await open();
        await store.append(events);
        const ledger = createLedger();
        ledger.append(events);
        expect(await store.tables(2020)).toEqual(ledger.tables(2020));
        expect(await store.report(2020)).toEqual(ledger.report(2020));
        expect(await store.tables(2020, ["T1", "T7"])).toEqual(ledger.tables(2020, ["T1", "T7"]));
        expect(plainAggregate(await store.live())).toEqual(plainAggregate(ledger.aggregate()));
      });

      it("rejects every call after close", async () => {
        const store = await location.open();
        await store.close();
        await store.close();
        await expect(store.append(units())).rejects.toThrow(/closed/);
        await expect(store.read()).rejects.toThrow(/closed/);
        await expect(store.verify()).rejects.toThrow(/closed/);
      });
    });

    describe("reads", () => {
      it("reads by position range, year, unit and type, gets by id, and streams in batches", async () => {
        const store = await open();
        const events = [
          ...units(),
          receipt(),
          receipt({ id: "r-2021", year: YEAR + 1 }),
          expenditure({ unit: "centre", fund: "institutional" }),
          appropriation(),
        ];
        await store.append(events);
        expect(positionsOf(await store.read({ from: 2, to: 4 }))).toEqual([2, 3, 4]);
        expect(positionsOf(await store.read({ from: -3, to: 2.5 }))).toEqual([1, 2]);
        expect(positionsOf(await store.read({ from: 7 }))).toEqual([]);
        expect(positionsOf(await store.read({ year: YEAR + 1 }))).toEqual([4]);
        expect(positionsOf(await store.read({ unit: "centre" }))).toEqual([2, 5]);
        expect(positionsOf(await store.read({ type: "receiptRecorded" }))).toEqual([3, 4]);
        expect(positionsOf(await store.read({ type: "receiptRecorded", year: YEAR, from: 2 }))).toEqual([3]);
        const got = await store.get("r-2021");
        expect(got?.position).toBe(4);
        expect(got?.event).toEqual(events[3]);
        expect(await store.get("missing")).toBeUndefined();
        const batches: StoredRecord[][] = [];
        for await (const batch of store.stream({ batchSize: 4 })) batches.push(batch);
        expect(batches.map(positionsOf)).toEqual([[1, 2, 3, 4], [5, 6]]);
        const filtered: number[] = [];
        for await (const batch of store.stream({ batchSize: 1, unit: "office", from: 2 })) filtered.push(...positionsOf(batch));
        expect(filtered).toEqual([3, 4, 6]);
      });
    });

    describe("verify", () => {
      it("passes on an empty store and on an intact log, returning the head hash", async () => {
        const store = await open();
        expect(await store.verify()).toEqual({ ok: true, version: 0, head: GENESIS_HASH });
        const result = await store.append([...units(), receipt(), expenditure()]);
        expect(await store.verify()).toEqual({ ok: true, version: 4, head: result.head });
      });

      const failing = async (store: EventStore): Promise<{ position: number; reason: VerifyFailureReason; message: string }> => {
        const result = await store.verify();
        if (result.ok) throw new Error("verify passed on a tampered log");
        expect(result.message).toContain(`position ${result.position}`);
        return result;
      };
      const tampered = async (): Promise<EventStore> => {
        const store = await open();
        await store.append([...units(), receipt(), expenditure(), receipt({ id: "receipt-2" }), appropriation()]);
        return store;
      };

      it("names the first edited body", async () => {
        const store = await tampered();
        const [, , third] = await store.read();
        await location.tamper.setBody(3, canonicalJson({ ...(third as StoredRecord).event, amountFen: 1 }));
        expect(await failing(store)).toMatchObject({ position: 3, reason: "hash_mismatch" });
      });

      it("names the first bad position when a body and its hash are both rewritten (the next link breaks)", async () => {
        const store = await tampered();
        const all = await store.read();
        const edited = canonicalJson({ ...(all[2] as StoredRecord).event, amountFen: 1 });
        await location.tamper.setBody(3, edited);
        await location.tamper.setColumn(3, "hash", chainOf([JSON.parse(edited) as LedgerEvent], (all[1] as StoredRecord).hash)[0] as string);
        expect(await failing(store)).toMatchObject({ position: 3, reason: "column_mismatch" });
        await location.tamper.setColumn(3, "amountFen", 1);
        expect(await failing(store)).toMatchObject({ position: 4, reason: "hash_mismatch" });
      });

      it("names a deleted row as a gap", async () => {
        const store = await tampered();
        await location.tamper.deleteRow(4);
        expect(await failing(store)).toMatchObject({ position: 4, reason: "gap" });
      });

      it("names the first of two reordered rows", async () => {
        const store = await tampered();
        await location.tamper.swapRows(3, 5);
        expect(await failing(store)).toMatchObject({ position: 3, reason: "hash_mismatch" });
      });

      it("names an inserted row", async () => {
        const store = await tampered();
        const extra = receipt({ id: "forged" });
        await location.tamper.insertRow({
          position: 7, id: extra.id, type: extra.type, year: extra.year, unit: extra.unit, body: canonicalJson(extra), hash: "f".repeat(64),
          cellKind: "receipt", fund: extra.source, functional: extra.functional, economic: null, category: null, project: null, stage: null,
          line: null, management: null, amountFen: extra.amountFen,
        });
        expect(await failing(store)).toMatchObject({ position: 7, reason: "hash_mismatch" });
      });

      it("names a row whose amount column disagrees with its body", async () => {
        const store = await tampered();
        await location.tamper.setColumn(5, "amountFen", 1);
        expect(await failing(store)).toMatchObject({ position: 5, reason: "column_mismatch" });
      });

      it("names the end of a log cut short behind a snapshot", async () => {
        const store = await tampered();
        await store.snapshot();
        await location.tamper.deleteRow(6);
        expect(await failing(store)).toMatchObject({ position: 6, reason: "gap" });
      });

      it("opens a log whose body is no longer JSON for verify, refusing appends with the reason", async () => {
        await tampered();
        // A unit's row is folded from its body (an amount's row from its columns).
        await location.tamper.setBody(2, "{not json");
        const reopened = await open({ useSnapshots: false });
        expect(await failing(reopened)).toMatchObject({ position: 2, reason: "hash_mismatch" });
        await expect(reopened.append(receipt({ id: "x" }))).rejects.toThrow(/verify/);
        expect((await reopened.read({ from: 3, to: 6 })).length).toBe(4);
        await expect(reopened.read()).rejects.toThrow(/position 2 is not JSON/);
      });
    });

    describe("subscriptions", () => {
      it("delivers the stored events from a position, then each later append once, in order", async () => {
        const store = await open();
        await store.append([...units(), receipt()]);
        const received: StoredRecord[] = [];
        const stop = await store.subscribe((records) => {
          received.push(...records);
        }, { from: 2 });
        await store.append(expenditure());
        await store.append([receipt({ id: "r2" }), receipt({ id: "r3" })]);
        await store.append(receipt());
        await eventually(() => received.length >= 5, noticeMs, "delivery");
        expect(positionsOf(received)).toEqual([2, 3, 4, 5, 6]);
        expect(received).toEqual((await store.read()).slice(1));
        await stop();
        await store.append(receipt({ id: "after" }));
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(received).toHaveLength(5);
      });

      it("without `from`, delivers only later appends; an async listener finishes each batch before the next", async () => {
        const store = await open();
        await store.append(units());
        const order: string[] = [];
        await store.subscribe(async (records) => {
          order.push(`start ${records[0]?.position}`);
          await new Promise((resolve) => setTimeout(resolve, 5));
          order.push(`end ${records[0]?.position}`);
        });
        await store.append(receipt());
        await store.append(expenditure());
        await eventually(() => order.length === 4, noticeMs, "both batches");
        expect(order).toEqual(["start 3", "end 3", "start 4", "end 4"]);
      });

      it("reports a throwing listener to onListenerError and keeps delivering to it and others", async () => {
        const errors: unknown[] = [];
        const store = await open({ onListenerError: (error) => errors.push(error) });
        const good: number[] = [];
        const bad: number[] = [];
        await store.subscribe((records) => {
          bad.push(...positionsOf(records));
          throw new Error("listener failed");
        });
        await store.subscribe((records) => {
          good.push(...positionsOf(records));
        });
        await store.append(units());
        await store.append(receipt());
        await eventually(() => good.length === 3 && bad.length === 3, noticeMs, "deliveries");
        expect(errors).toHaveLength(2);
      });

      it("delivers another instance's appends (catch-up, then live)", async () => {
        const writer = await open();
        const reader = await open();
        await writer.append(units());
        const received: StoredRecord[] = [];
        await reader.subscribe((records) => {
          received.push(...records);
        }, { from: 1 });
        await writer.append(receipt());
        await writer.append(expenditure());
        await eventually(() => received.length >= 4, noticeMs, "the other instance's appends");
        expect(received).toEqual(await writer.read());
      });
    });

    describe("appends in flight", () => {
      /** What an append settled as, comparable across stores. */
      const settled = (outcome: PromiseSettledResult<StoreAppendResult>): unknown =>
        outcome.status === "fulfilled"
          ? { version: outcome.value.version, head: outcome.value.head, positions: positionsOf(outcome.value.appended), unchanged: outcome.value.unchanged }
          : { error: (outcome.reason as Error).name, message: (outcome.reason as Error).message };

      it("settle each append, and store the log, exactly as appends awaited one at a time (property)", async () => {
        const batchArb = fc.record({
          size: fc.integer({ min: 1, max: 40 }),
          fault: fc.constantFrom("none", "none", "none", "invalid", "repeat", "conflict", "expect", "expectWrong"),
          pick: fc.nat(),
        });
        await fc.assert(
          fc.asyncProperty(fc.integer(), fc.array(batchArb, { minLength: 1, maxLength: 10 }), async (seed, plan) => {
            const events = generateLedger({ events: 240, seed, units: 2, years: 2 });
            // The batches, each with a fault of its kind; expected versions as counted if every batch before landed whole.
            const batches: { inputs: unknown[]; options: { expectedVersion?: number } }[] = [];
            let at = 0;
            let landed = 0;
            for (const { size, fault, pick } of plan) {
              const inputs: unknown[] = events.slice(at, at + size);
              at += size;
              const earlier = events.slice(0, Math.max(1, at - size));
              const before = earlier[pick % earlier.length] as LedgerEvent;
              if (fault === "invalid") inputs.splice(pick % (inputs.length + 1), 0, { ...before, id: `bad-${pick}`, type: "noSuchType" });
              if (fault === "repeat") inputs.push(before);
              if (fault === "conflict") inputs.push({ ...before, year: before.year + 1 });
              const options = fault === "expect" ? { expectedVersion: landed } : fault === "expectWrong" ? { expectedVersion: landed + 1 + (pick % 3) } : {};
              batches.push({ inputs, options });
              landed += inputs.length;
            }
            const first = await factory.create();
            const second = await factory.create();
            const one = await first.open({ pipeline: 1 });
            const many = await second.open({ pipeline: 4 });
            try {
              const oneByOne: PromiseSettledResult<StoreAppendResult>[] = [];
              for (const { inputs, options } of batches) {
                oneByOne.push(await one.append(inputs, options).then((value) => ({ status: "fulfilled", value }), (reason: unknown) => ({ status: "rejected", reason })));
              }
              // Every append called at once: they are checked while the ones before them commit.
              const atOnce = await Promise.allSettled(batches.map(({ inputs, options }) => many.append(inputs, options)));
              expect(atOnce.map(settled)).toEqual(oneByOne.map(settled));
              const stored = await many.read();
              expect(stored).toEqual(await one.read());
              expect(await many.verify()).toEqual(await one.verify());
              // No trace of the refused batches in the live state: it is the fold of what is stored.
              expect(plainAggregate(await many.live())).toEqual(plainAggregate(aggregateEvents(eventsOf(stored))));
              expect(plainAggregate(await one.live())).toEqual(plainAggregate(aggregateEvents(eventsOf(stored))));
              expect(await many.tables(2020)).toEqual(await one.tables(2020));
            } finally {
              await one.close();
              await many.close();
              await first.dispose();
              await second.dispose();
            }
          }),
          { seed: SEED, numRuns: runs ?? 10 },
        );
      });
    });

    describe("several instances on one location", () => {
      it("check each other's events: ids, reversals, versions and tables", async () => {
        const a = await open();
        const b = await open();
        await a.append([...units(), receipt(), expenditure()]);
        await expect(b.append(receipt({ amountFen: 1 }))).rejects.toBeInstanceOf(DuplicateIdError);
        expect((await b.append(receipt())).unchanged).toEqual(["receipt-1"]);
        await b.append(reversal(expenditure()));
        await expect(a.append(reversal(expenditure(), { id: "twice" }))).rejects.toMatchObject({ issues: [expect.objectContaining({ code: "already_reversed" })] });
        await expect(a.append(receipt({ id: "stale" }), { expectedVersion: 4 })).rejects.toBeInstanceOf(VersionConflictError);
        expect(await a.tables(YEAR)).toEqual(await b.tables(YEAR));
        expect(await a.refresh()).toBe(5);
        expect(await a.verify()).toEqual(await b.verify());
      });
    });

    describe("projections", () => {
      it("replays the whole log into the in-memory ledger's aggregate", async () => {
        const events = generateLedger({ events: 3_000, seed: 7, units: 3, years: 2 });
        const store = await open();
        for (let i = 0; i < events.length; i += 1_000) await store.append(events.slice(i, i + 1_000));
        expect(plainAggregate(await store.replay())).toEqual(plainAggregate(aggregateEvents(events)));
      });

      it("computes aggregate(year) where the data lives, equal to the JS fold of that year (property)", async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.record({ events: fc.integer({ min: 1, max: 600 }), seed: fc.integer(), units: fc.integer({ min: 1, max: 4 }), years: fc.integer({ min: 1, max: 3 }) }),
            async (options) => {
              const events = generateLedger(options);
              const store = await location.open();
              try {
                await store.append(events);
                const years = new Set(events.map((event) => event.year));
                for (const year of [...years, Math.max(...years) + 1]) {
                  expect(plainAggregate(await store.aggregate(year))).toEqual(plainAggregate(foldOfYear(events, year)));
                }
              } finally {
                await store.close();
                await location.dispose();
                location = await factory.create();
              }
            },
          ),
          { seed: SEED, numRuns: runs ?? 12 },
        );
      });

      it("counts reversals in aggregate(year) as negative rows, and a year with nothing has no cells", async () => {
        const store = await open();
        const events = [...units(), receipt(), expenditure(), expenditure({ id: "e2", amountFen: 5 }), appropriation()];
        await store.append(events);
        const reversals = [reversal(expenditure()), reversalOf(appropriation(), { id: "rev-appropriation", reason: "wrong" })];
        await store.append(reversals);
        const all = [...events, ...reversals];
        expect(plainAggregate(await store.aggregate(YEAR))).toEqual(plainAggregate(foldOfYear(all, YEAR)));
        expect(plainAggregate(await store.aggregate(1999))).toEqual(plainAggregate(foldOfYear(all, 1999)));
      });
    });

    describe("snapshots", () => {
      const events = generateLedger({ events: 2_500, seed: 11, units: 3, years: 2 });
      const fill = async (store: EventStore, upTo: number, from = 0): Promise<void> => {
        for (let i = from; i < upTo; i += 1_000) await store.append(events.slice(i, Math.min(upTo, i + 1_000)));
      };

      it("open from the newest matching snapshot and fold only the tail, giving the full replay's state", async () => {
        const store = await open();
        await fill(store, 1_000);
        expect(await store.snapshot()).toEqual({ position: 1_000 });
        await fill(store, 2_000, 1_000);
        expect(await store.snapshot()).toEqual({ position: 2_000 });
        await fill(store, events.length, 2_000);
        const reopened = await open();
        expect(reopened.opened.snapshot?.position).toBe(2_000);
        expect(reopened.opened.snapshot?.projectionVersion).toBe(PROJECTION_VERSION);
        expect(reopened.opened.folded).toBe(events.length - 2_000);
        const full = await open({ useSnapshots: false });
        expect(full.opened).toEqual({ snapshot: undefined, folded: events.length });
        expect(plainAggregate(await reopened.live())).toEqual(plainAggregate(aggregateEvents(events)));
        expect(plainAggregate(await full.live())).toEqual(plainAggregate(await reopened.live()));
        for (const year of [2020, 2021]) expect(await reopened.tables(year)).toEqual(await full.tables(year));
        // The restored state checks further events as the full log would.
        const reversible = events.filter(isReversible).filter((event) => event.year === Math.max(...events.map((e) => e.year)));
        const target = reversible[reversible.length - 1] as ReversibleEvent;
        const lastYear = Math.max(...events.map((event) => event.year));
        const reversed = events.find((event) => event.type === "eventReversed" && event.year === lastYear);
        expect(reversed).toBeDefined();
        if (reversed?.type === "eventReversed") {
          await expect(reopened.append(reversalOf(reversed.reverses as ReversibleEvent, { id: "again", reason: "x" }))).rejects.toMatchObject({
            issues: [expect.objectContaining({ code: "already_reversed" })],
          });
        }
        await reopened.append(reversalOf(target, { id: "late-reversal", reason: "x" }));
        expect((await reopened.verify()).ok).toBe(true);
      });

      it("take one automatically every snapshotEvery events", async () => {
        const store = await open({ snapshotEvery: 1_000 });
        await fill(store, 2_500);
        const reopened = await open();
        expect(reopened.opened.snapshot?.position).toBe(2_000);
      });

      it("ignore a snapshot of another projection version, one the chain disagrees with, and unreadable data", async () => {
        const store = await open();
        await fill(store, 1_500);
        await store.snapshot();
        const hashAt = async (position: number): Promise<string> => ((await store.read({ from: position, to: position }))[0] as StoredRecord).hash;
        // Newer positions than the real snapshot, each unusable for one reason.
        await fill(store, 2_500, 1_500);
        await location.tamper.writeSnapshot({ position: 2_500, hash: await hashAt(2_500), projectionVersion: PROJECTION_VERSION + 1 }, "whatever");
        await location.tamper.writeSnapshot({ position: 2_400, hash: "0".repeat(64), projectionVersion: PROJECTION_VERSION }, "whatever");
        await location.tamper.writeSnapshot({ position: 2_300, hash: await hashAt(2_300), projectionVersion: PROJECTION_VERSION }, "not a snapshot");
        const reopened = await open();
        expect(reopened.opened.snapshot?.position).toBe(1_500);
        expect(reopened.opened.folded).toBe(1_000);
        expect(plainAggregate(await reopened.live())).toEqual(plainAggregate(aggregateEvents(events)));
      });
    });

    describe("against a model (fc.commands)", () => {
      interface Model {
        readonly stored: LedgerEvent[];
        readonly reversed: Set<string>;
        nextId: number;
        /** What the subscriber must have received by now. */
        readonly expected: StoredEvent[];
      }
      interface Real {
        readonly store: EventStore;
        readonly received: StoredRecord[];
      }
      type Command = fc.AsyncCommand<Model, Real>;
      const freshId = (model: Model): string => `m-${(model.nextId += 1)}`;

      async function settle(model: Model, real: Real): Promise<void> {
        expect(await real.store.version()).toBe(model.stored.length);
        const all = await real.store.read();
        expect(positionsOf(all)).toEqual(model.stored.map((_, i) => i + 1));
        expect(eventsOf(all)).toEqual(model.stored);
        await eventually(() => real.received.length >= model.expected.length, noticeMs, "subscriber deliveries");
        expect(real.received.map((r) => ({ position: r.position, event: r.event }))).toEqual(model.expected);
      }

      class AppendValid implements Command {
        constructor(readonly templates: readonly ReversibleEvent[], readonly duplicate: number | null, readonly reverse: number | null) {}
        check = (): boolean => true;
        async run(model: Model, real: Real): Promise<void> {
          const fresh: LedgerEvent[] = this.templates.map((template) => ({ ...template, id: freshId(model) }));
          const reversible = model.stored.filter(isReversible).filter((event) => !model.reversed.has(event.id));
          const target = this.reverse === null ? undefined : reversible[this.reverse % Math.max(1, reversible.length)];
          if (target !== undefined) fresh.push(reversalOf(target, { id: freshId(model), reason: "model reversal" }));
          const duplicate = this.duplicate === null ? undefined : model.stored[this.duplicate % Math.max(1, model.stored.length)];
          const batch: unknown[] = [...fresh];
          if (duplicate !== undefined) batch.splice((this.duplicate ?? 0) % (batch.length + 1), 0, { ...duplicate });
          const result = await real.store.append(batch, { expectedVersion: model.stored.length });
          const first = model.stored.length + 1;
          expect(result.appended.map((r) => ({ position: r.position, event: r.event }))).toEqual(fresh.map((event, i) => ({ position: first + i, event })));
          expect(result.unchanged).toEqual(duplicate === undefined ? [] : [duplicate.id]);
          model.stored.push(...fresh);
          model.expected.push(...fresh.map((event, i) => ({ position: first + i, event })));
          if (target !== undefined) model.reversed.add(target.id);
          await settle(model, real);
        }
        toString = (): string => `AppendValid(${this.templates.length}, ${String(this.duplicate)}, ${String(this.reverse)})`;
      }

      class AppendInvalid implements Command {
        constructor(readonly templates: readonly ReversibleEvent[], readonly bad: unknown, readonly at: number) {}
        check = (): boolean => true;
        async run(model: Model, real: Real): Promise<void> {
          const batch: unknown[] = this.templates.map((template) => ({ ...template, id: freshId(model) }));
          const index = this.at % (batch.length + 1);
          batch.splice(index, 0, withId(this.bad, freshId(model)));
          const error = await real.store.append(batch).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(LedgerError);
          for (const issue of (error as LedgerError).issues) expect(issue.path[0]).toBe(index);
          await settle(model, real);
        }
        toString = (): string => `AppendInvalid(${this.templates.length}, ${JSON.stringify(this.bad)}, ${this.at})`;
      }

      class AppendStale implements Command {
        constructor(readonly template: ReversibleEvent, readonly offset: number) {}
        check = (): boolean => true;
        async run(model: Model, real: Real): Promise<void> {
          const actual = model.stored.length;
          const expected = this.offset >= 0 ? actual + 1 + this.offset : Math.max(0, actual + this.offset);
          if (expected === actual) return;
          await expect(real.store.append({ ...this.template, id: freshId(model) }, { expectedVersion: expected })).rejects.toMatchObject({ expected, actual });
          await settle(model, real);
        }
        toString = (): string => `AppendStale(${this.offset})`;
      }

      class Read implements Command {
        constructor(readonly from: number, readonly to: number) {}
        check = (): boolean => true;
        async run(model: Model, real: Real): Promise<void> {
          const expected = model.stored.map((event, i) => ({ position: i + 1, event })).filter((r) => r.position >= this.from && r.position <= this.to);
          const read = await real.store.read({ from: this.from, to: this.to });
          expect(read.map((r) => ({ position: r.position, event: r.event }))).toEqual(expected);
        }
        toString = (): string => `Read(${this.from}, ${this.to})`;
      }

      class Reopen implements Command {
        check = (): boolean => true;
        async run(model: Model): Promise<void> {
          const again = await location.open();
          try {
            const all = await again.read();
            expect(eventsOf(all)).toEqual(model.stored);
            expect((await again.verify()).ok).toBe(true);
          } finally {
            await again.close();
          }
        }
        toString = (): string => "Reopen";
      }

      const templatesArb = fc.array(flowEventArb(), { maxLength: 4 });
      const commandsArb = fc.commands(
        [
          fc.tuple(templatesArb, fc.option(fc.nat(), { nil: null }), fc.option(fc.nat(), { nil: null })).map(([t, d, r]) => new AppendValid(t, d, r)),
          fc.tuple(templatesArb, invalidEventArb, fc.nat()).map(([t, bad, at]) => new AppendInvalid(t, bad, at)),
          fc.tuple(flowEventArb(), fc.integer({ min: -3, max: 3 })).map(([t, offset]) => new AppendStale(t, offset)),
          fc.tuple(fc.integer({ min: -1, max: 30 }), fc.integer({ min: -1, max: 30 })).map(([from, to]) => new Read(from, to)),
          fc.constant(new Reopen()),
        ],
        { maxCommands: 25 },
      );

      it("stores, reads, delivers and reopens exactly as a trivial model says", async () => {
        await fc.assert(
          fc.asyncProperty(commandsArb, async (commands) => {
            const store = await location.open();
            const received: StoredRecord[] = [];
            try {
              await store.append(units());
              const stop = await store.subscribe((records) => {
                received.push(...records);
              }, { from: 1 });
              const model: Model = { stored: [...units()], reversed: new Set(), nextId: 0, expected: units().map((event, i) => ({ position: i + 1, event })) };
              await fc.asyncModelRun(() => ({ model, real: { store, received } }), commands);
              await settle(model, { store, received });
              expect((await store.verify()).ok).toBe(true);
              await stop();
            } finally {
              await store.close();
              await location.dispose();
              location = await factory.create();
            }
          }),
          { seed: SEED, numRuns: runs ?? 15 },
        );
      });
    });
  });
}
