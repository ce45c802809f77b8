/**
 * The store's own share of an append: the same core as every store
 * (checks against the live state, canonical JSON, the hash chain, the rows)
 * over a backend that keeps only the head and each stored body by id — what
 * the checks of later batches ask for — and writes nothing anywhere. The
 * durable append of a database can be no faster than this, nor than the
 * database alone; the bench sets the three side by side.
 *
 * @module
 */
import type { LedgerEvent } from "../src/events/types.js";
import type { Head, StoreBackend, WriteTransaction } from "../src/store/backend.js";
import { openStore } from "../src/store/core.js";
import { nodeSha256 } from "../src/store/nodeSha256.js";
import { GENESIS_HASH } from "../src/store/types.js";
import { appendInBatches, fullGc, secondsSince } from "./support.js";

/** A backend holding the head and the bodies by id in memory; everything else is empty. */
function bodiesOnly(): StoreBackend {
  let head: Head = { version: 0, hash: GENESIS_HASH };
  const bodies = new Map<string, string>();
  const tx: WriteTransaction = {
    head: async () => head,
    async bodiesOf(ids) {
      const found = new Map<string, string>();
      for (const id of ids) {
        const body = bodies.get(id);
        if (body !== undefined) found.set(id, body);
      }
      return found;
    },
    rows: async () => [],
    async insert(rows) {
      for (const row of rows) bodies.set(row.id, row.body);
      const last = rows[rows.length - 1];
      if (last !== undefined) head = { version: last.position, hash: last.hash };
    },
  };
  return {
    name: "bodies only",
    sha256: nodeSha256,
    head: async () => head,
    write: (work) => work(tx),
    rows: async () => [],
    rowOf: async () => undefined,
    hashAt: async () => undefined,
    columns: async () => [],
    scan: async () => undefined,
    aggregateRows: async () => ({ groups: [], bodies: [] }),
    saveSnapshot: async () => undefined,
    snapshots: async () => [],
    snapshotData: async () => undefined,
    watch: () => () => undefined,
    close: async () => undefined,
  };
}

/**
 * Times the store core appending `events` in batches of 1,000, each awaited,
 * to a backend that writes nothing.
 *
 * @param events - the events
 * @param runs - runs
 * @param progress - where each run's line goes
 * @returns each run's seconds
 */
export async function storeWorkAlone(events: readonly LedgerEvent[], runs: number, progress: (text: string) => void): Promise<number[]> {
  const seconds: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const store = await openStore(bodiesOnly());
    fullGc();
    const start = process.hrtime.bigint();
    await appendInBatches(store, events);
    seconds.push(secondsSince(start));
    await store.close();
    progress(`the store's own work: run ${run}/${runs}: ${(seconds[seconds.length - 1] as number).toFixed(3)} s`);
  }
  return seconds;
}
