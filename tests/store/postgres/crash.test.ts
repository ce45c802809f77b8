// Crash safety on PostgreSQL: a child process appending batches is killed with SIGKILL at 20 seeded random moments; after each kill the store opens, verify() passes, every acknowledged batch is stored and no batch is stored in part (the shared harness, tests/store/support/harness.ts).
import { describe, expect, it } from "vitest";
import { postgresSkipped } from "../../support/postgres.js";
import { prepareStore, runCrashTest } from "../support/harness.js";
import { usePostgres } from "./support.js";

describe.skipIf(postgresSkipped)("a PostgreSQL store under SIGKILL", () => {
  const pg = usePostgres("crash");

  it("keeps every acknowledged batch and no partial one, over 20 kills", async () => {
    const schema = pg.schema();
    const url = `${pg.database().url}?schema=${schema}`;
    await prepareStore(url);
    const report = await runCrashTest({ url, kills: 20, seed: 20201231, batchSize: 100, killWithinMs: 300 });
    expect(report.acked).toBeGreaterThan(20);
    expect(report.stored).toBeGreaterThanOrEqual(report.acked);
    // What survived folds to the same state as the store keeps live.
    const store = await pg.open(schema);
    expect(await store.live()).toEqual(await store.replay());
  }, 180_000);
});
