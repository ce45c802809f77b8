/**
 * Backends driven directly by tests: a batch's rows chained on a head as the
 * store core writes them, a write of them, and two backends on one store.
 *
 * @module
 */
import { canonicalJson } from "../../../src/events/canonical.js";
import type { LedgerEvent } from "../../../src/events/types.js";
import type { Head, RowColumns, StoreBackend } from "../../../src/store/backend.js";
import { chainHash } from "../../../src/store/chain.js";
import { rowColumnsOf } from "../../../src/store/rows.js";

/** The rows of a batch chained on `head` (positions after it), and the head after them. */
export function chained(head: Head, batch: readonly LedgerEvent[]): { rows: RowColumns[]; to: Head } {
  let hash = head.hash;
  const rows = batch.map((event, i) => {
    const body = canonicalJson(event);
    hash = chainHash(hash, body);
    return rowColumnsOf(head.version + 1 + i, event, body, hash);
  });
  return { rows, to: { version: head.version + batch.length, hash } };
}

/** Writes a batch through a backend alone: in one write transaction, after the head it reads there. */
export const writeBatch = (backend: StoreBackend, batch: readonly LedgerEvent[]): Promise<void> =>
  backend.write(async (tx) => tx.insert(chained(await tx.head(), batch).rows));

/** Runs `work` with two backends opened by `open` (on one store), and closes both after, whatever happens. */
export async function withTwoBackends<T>(open: () => StoreBackend | Promise<StoreBackend>, work: (first: StoreBackend, second: StoreBackend) => Promise<T>): Promise<T> {
  const first = await open();
  try {
    const second = await open();
    try {
      return await work(first, second);
    } finally {
      await second.close();
    }
  } finally {
    await first.close();
  }
}
