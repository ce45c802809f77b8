// Crash safety and concurrency on SQLite, through the URL-parameterised harness: a child appending batches is
// killed with SIGKILL at 20 seeded moments (after each kill: verify passes, every acknowledged batch is stored,
// none in part); 4 processes append 1,000 events each with expected-version retries to one file. Both with ids put
// into the index every 50 events, so the writers' merges interleave and kills land in them.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { prepareStore, runConcurrencyTest, runCrashTest } from "./support/harness.js";

const root = mkdtempSync(join(tmpdir(), "fundledger-sqlite-crash-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** How far the file's index of ids reaches (`ids_through`). */
function indexedThrough(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return Number(db.prepare("SELECT value FROM fundledger_meta WHERE key = 'ids_through'").pluck().get());
  } finally {
    db.close();
  }
}

describe("a SQLite store under SIGKILL and concurrent writers", () => {
  it("keeps every acknowledged batch and no partial one over 20 kills", async () => {
    const url = `sqlite:${join(root, "crash.db")}`;
    await prepareStore(url);
    // Ids put into the index every 50 events: some appends merge, and some kills land in one.
    const report = await runCrashTest({ url, kills: 20, seed: 20201231, batchSize: 20, storeOptions: { idsMergeEvery: 50 } });
    expect(report.acked).toBeGreaterThan(0);
    expect(report.stored).toBeGreaterThanOrEqual(report.acked);
    expect(indexedThrough(join(root, "crash.db"))).toBeGreaterThan(1 + report.stored * 20 - 50);
  }, 180_000);

  it("stores exactly 4 × 1,000 events from 4 processes, gapless, once each, with a valid chain", async () => {
    const url = `sqlite:${join(root, "concurrent.db")}`;
    await prepareStore(url);
    const { retries } = await runConcurrencyTest({ url, processes: 4, events: 1_000, batchSize: 10, storeOptions: { idsMergeEvery: 50 } });
    expect(retries).toBeGreaterThanOrEqual(0);
    expect(indexedThrough(join(root, "concurrent.db"))).toBeGreaterThan(4_001 - 50);
  }, 180_000);
});
