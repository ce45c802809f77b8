// Concurrency on PostgreSQL: 4 processes each append 1,000 events to one database with expected-version retries; the log holds exactly 4,000 of them at gapless positions, no duplicate, the hash chain intact (the shared harness, tests/store/support/harness.ts).
import { describe, expect, it } from "vitest";
import { postgresSkipped } from "../../support/postgres.js";
import { prepareStore, runConcurrencyTest } from "../support/harness.js";
import { usePostgres } from "./support.js";

describe.skipIf(postgresSkipped)("a PostgreSQL store appended to by 4 processes at once", () => {
  const pg = usePostgres("concurrency");

  it("stores exactly 4,000 events, gapless, without duplicates, the chain intact", async () => {
    const schema = pg.schema();
    const url = `${pg.database().url}?schema=${schema}`;
    await prepareStore(url);
    const { retries } = await runConcurrencyTest({ url, processes: 4, events: 1_000, batchSize: 25 });
    // The writers did contend: a version conflict is how each learned of another's append.
    expect(retries).toBeGreaterThan(0);
    // An instance that watched none of it folds the others' rows in; its live state equals a replay.
    const store = await pg.open(schema);
    expect(await store.version()).toBe(4_001);
    expect(await store.live()).toEqual(await store.replay());
  }, 180_000);
});
