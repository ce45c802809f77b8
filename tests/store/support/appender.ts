/**
 * A child process for the crash and concurrency tests of any durable store,
 * named by URL (`sqlite:PATH`, `postgres://…`): appends batches of receipts
 * and reports on stdout.
 *
 *     node --import tsx appender.ts crash URL PREFIX BATCH_SIZE
 *       appends batches k = 0, 1, 2 … (ids PREFIX-k-i) until killed, printing
 *       "ack k" once the append of batch k has resolved (is durable)
 *
 *     node --import tsx appender.ts concurrent URL PREFIX TOTAL BATCH_SIZE
 *       appends TOTAL events in batches, each with the expected version it
 *       read, reading again and retrying on a version conflict; prints
 *       "done RETRIES" at the end
 *
 * The unit "office" must be registered already (and, for crash, be the only
 * other event). The store opens with the options in the environment variable
 * FUNDLEDGER_APPENDER_OPTIONS (JSON), when set. Every loop is bounded.
 *
 * @module
 */
import { openStoreFromFlag, type OpenStoreOptions } from "../../../src/cli/storeSource.js";
import { VersionConflictError } from "../../../src/events/issues.js";
import type { ReceiptRecorded } from "../../../src/events/types.js";

/** Most batches a crash child appends before it stops by itself (it is killed long before). */
const CRASH_BATCHES_MAX = 100_000;
/** Most attempts of one concurrent batch. */
const ATTEMPTS_MAX = 10_000;

/** The receipts of batch `batch` of a writer. */
export function receiptsOf(prefix: string, batch: number, size: number): ReceiptRecorded[] {
  return Array.from({ length: size }, (_, i) => ({
    id: `${prefix}-${batch}-${i}`,
    type: "receiptRecorded",
    schema: 1,
    year: 2020,
    unit: "office",
    source: "generalPublicBudget",
    functional: "2013701",
    amountFen: 100 + i,
  }));
}

function whole(text: string | undefined, name: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, not ${String(text)}`);
  return value;
}

async function main(argv: readonly string[]): Promise<void> {
  const [mode, url, prefix] = argv;
  if (url === undefined || prefix === undefined) throw new Error("usage: appender.ts crash|concurrent URL PREFIX …");
  const store = await openStoreFromFlag(url, process.cwd(), JSON.parse(process.env["FUNDLEDGER_APPENDER_OPTIONS"] ?? "{}") as OpenStoreOptions);
  if (mode === "crash") {
    const size = whole(argv[3], "BATCH_SIZE");
    // Continue after the batches a killed predecessor stored (the unit, then whole batches: the parent checks).
    const first = Math.floor(((await store.version()) - 1) / size);
    process.stdout.write(`from ${first}\n`);
    for (let batch = first; batch < CRASH_BATCHES_MAX; batch++) {
      await store.append(receiptsOf(prefix, batch, size));
      process.stdout.write(`ack ${batch}\n`);
    }
  } else if (mode === "concurrent") {
    const total = whole(argv[3], "TOTAL");
    const size = whole(argv[4], "BATCH_SIZE");
    let retries = 0;
    for (let batch = 0; batch * size < total; batch++) {
      const events = receiptsOf(prefix, batch, Math.min(size, total - batch * size));
      for (let attempt = 1; ; attempt++) {
        if (attempt > ATTEMPTS_MAX) throw new Error(`batch ${batch} conflicted ${ATTEMPTS_MAX} times`);
        const expectedVersion = await store.version();
        try {
          await store.append(events, { expectedVersion });
          break;
        } catch (error) {
          if (!(error instanceof VersionConflictError)) throw error;
          retries += 1;
        }
      }
    }
    process.stdout.write(`done ${retries}\n`);
  } else {
    throw new Error(`unknown mode ${String(mode)}`);
  }
  await store.close();
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
