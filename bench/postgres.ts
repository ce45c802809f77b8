/**
 * The PostgreSQL store's benchmark: durable append in batches of 1,000 —
 * beside it the server alone inserting the same rows, the whole log again
 * with ids in UUID v4 and v7 forms, and appends awaited against appends in
 * flight with the server a (simulated) network away —,
 * replay from the store into the ten tables, the year aggregates grouped in
 * the database against streaming every row through JavaScript, and reopening
 * from a snapshot against a full replay.
 *
 *     npm run bench -- --postgres                      # 1,000,000 events
 *     npm run bench -- --postgres --events 200000 --runs 5
 *
 * Uses the server of `FUNDLEDGER_PG_URL` when set, else starts a throwaway
 * one with scripts/postgres.sh (fsync and synchronous commit on) and stops it
 * afterwards. Each run works in a fresh schema, dropped at the end. Options:
 * `--events N` (at least 1,000), `--seed S`, `--runs R` (repetitions of the read figures;
 * default 3), `--json`. Figures are medians; progress goes to stderr.
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { startDelayProxy } from "./delayProxy.js";
import { appendWithIdStyles } from "./idStyles.js";
import { appendAgainstFloor } from "./postgresFloor.js";
import { defaultCatalog } from "../src/catalog/catalog.js";
import { generateLedger } from "../src/generate/index.js";
import { buildTables } from "../src/tables/report.js";
import { openPostgresStore } from "../src/store/postgres/index.js";
import type { LedgerEvent } from "../src/events/types.js";
import type { EventStore } from "../src/store/types.js";
import {
  BATCH_SIZE, IN_FLIGHT, REOPEN_RUNS_MIN, appendInBatches, appendInFlight, loadLine, machineLine, median, parseOptions, printJson, printReport, progressTo, secondsSince, timeOnce, timePairs, timeRuns,
  type Figure,
} from "./support.js";

/** Targets from the issue, printed beside the figures. */
const TARGETS = {
  appendEventsPerSecondMin: 50_000,
  replayEventsPerSecondMin: 300_000,
  aggregateSpeedupMin: 3,
  snapshotSpeedupMin: 20,
} as const;


const progress = progressTo("bench:postgres");

/** Events of the comparison with the server alone (the first of the log). */
const FLOOR_EVENTS = 100_000;

/** Events appended through a proxy that delays the server, and the delay each way. */
const FAR_EVENTS = 50_000;
const FAR_DELAY_MS = 1;

/** A server: the one of FUNDLEDGER_PG_URL, or a throwaway one this bench starts (and stops with `stop`). */
function server(): { readonly url: string; stop(): void } {
  const given = process.env["FUNDLEDGER_PG_URL"];
  if (given !== undefined && given !== "") return { url: given, stop: () => undefined };
  const script = fileURLToPath(new URL("../../scripts/postgres.sh", import.meta.url));
  progress("starting a throwaway PostgreSQL server (scripts/postgres.sh)");
  const started = spawnSync("bash", [script, "start"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const url = /^export FUNDLEDGER_PG_URL=(.*)$/m.exec(started.stdout ?? "")?.[1];
  const dir = /^export FUNDLEDGER_PG_DIR=(.*)$/m.exec(started.stdout ?? "")?.[1];
  if (started.status !== 0 || url === undefined || dir === undefined) throw new Error("could not start a PostgreSQL server; set FUNDLEDGER_PG_URL");
  return { url, stop: () => void spawnSync("bash", [script, "stop", dir], { stdio: ["ignore", "ignore", "inherit"] }) };
}

/**
 * Runs the PostgreSQL benchmark and prints its report.
 *
 * @param argv - the command's arguments (`--postgres` and the options above)
 * @returns the figures
 */
export async function runPostgresBench(argv: readonly string[]): Promise<Figure[]> {
  const began = process.hrtime.bigint();
  const loadBefore = loadavg();
  const options = parseOptions(argv, "--postgres", 1_000);
  const n = options.events;
  const runs = options.runs ?? 3;
  const catalog = defaultCatalog();
  const figures: Figure[] = [];
  const database = server();
  const schema = `bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: database.url });
  let store: EventStore | undefined;
  try {
    await admin.connect();
    const version = String((await admin.query<{ server_version: string }>("SHOW server_version")).rows[0]?.server_version ?? "?");
    const durability = (await admin.query<{ name: string; setting: string }>("SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit')")).rows;
    progress(`server ${version}: ${durability.map((row) => `${row.name}=${row.setting}`).join(", ")}`);
    progress(`generating ${n.toLocaleString("en-US")} events (seed ${options.seed})`);
    const events = generateLedger({ events: n, seed: options.seed });
    const years = [...new Set(events.map((event) => event.year))].sort((a, b) => a - b);

    // Durable append: every batch of 1,000 is one committed transaction (synchronous_commit on).
    const opened = await openPostgresStore(database.url, { schema });
    store = opened;
    const batchSeconds: number[] = [];
    const appendSeconds = await timeOnce(async () => {
      for (let start = 0; start < n; start += BATCH_SIZE) {
        const t = process.hrtime.bigint();
        await opened.append(events.slice(start, start + BATCH_SIZE));
        batchSeconds.push(secondsSince(t));
        if ((start / BATCH_SIZE) % 100 === 99) progress(`appended ${(start + BATCH_SIZE).toLocaleString("en-US")}`);
      }
    });
    const appendRate = n / appendSeconds;
    figures.push({
      key: "append", label: "durable append, batches of 1,000 (validate, chain, insert, commit)", value: appendRate, unit: "events/s", runs: 1,
      target: { text: `>= ${TARGETS.appendEventsPerSecondMin.toLocaleString("en-US")}`, met: appendRate >= TARGETS.appendEventsPerSecondMin },
    });
    figures.push({ key: "appendBatchMedian", label: "one batch of 1,000, median", value: median(batchSeconds) * 1_000, unit: "ms", runs: batchSeconds.length });

    // The floor under it: the server alone inserting the rows the store wrote for the first events, in turns with the store.
    const floorEvents = events.slice(0, Math.min(n, FLOOR_EVENTS));
    const floor = await appendAgainstFloor(database.url, schema, floorEvents, runs, progress);
    const count = floorEvents.length.toLocaleString("en-US");
    figures.push({ key: "appendAgain", label: `  the first ${count} again into a fresh schema`, value: floorEvents.length / median(floor.first), unit: "events/s", runs });
    figures.push({
      key: "insertAlone", label: "  the server alone: their rows inserted and committed (nothing else)", value: floorEvents.length / median(floor.second), unit: "events/s", runs,
    });
    figures.push({
      key: "appendInFlight", label: `  the first ${count} again, ${IN_FLIGHT} appends in flight (each its own commit, in order)`,
      value: floorEvents.length / median(floor.inFlight), unit: "events/s", runs,
    });
    figures.push({ key: "appendOverFloor", label: "  append / the server alone (median of each round's)", value: median(floor.ratios), unit: "×", runs });

    // The whole log again with the ids a service would send, each style into a fresh schema.
    figures.push(
      ...(await appendWithIdStyles(n, options.seed, "append", async (style) => {
        const idsSchema = `ids_${style.toLowerCase()}_${process.pid}`;
        const fresh = await openPostgresStore(database.url, { schema: idsSchema });
        return { store: fresh, dispose: async () => {
          await fresh.close();
          await admin.query(`DROP SCHEMA IF EXISTS ${idsSchema} CASCADE`);
        } };
      }, progress)),
    );

    // The server a network away (a proxy holding each chunk 1 ms each way): awaited appends against appends in flight, in turns.
    const farEvents = events.slice(0, Math.min(n, FAR_EVENTS));
    const proxy = await startDelayProxy(database.url, FAR_DELAY_MS);
    let far = 0;
    const appendFar = async (append: (store: EventStore, batch: readonly LedgerEvent[]) => Promise<void>): Promise<void> => {
      const farSchema = `far_${process.pid}_${(far += 1)}`;
      const store = await openPostgresStore(proxy.url, { schema: farSchema });
      try {
        await append(store, farEvents);
      } finally {
        await store.close();
        await admin.query(`DROP SCHEMA IF EXISTS ${farSchema} CASCADE`);
      }
    };
    const farTimes = await timePairs(
      runs, ["a network away: awaited", `${IN_FLIGHT} in flight`], progress, () => appendFar(appendInBatches), () => appendFar(appendInFlight),
    ).finally(() => proxy.close());
    const farCount = farEvents.length.toLocaleString("en-US");
    figures.push({
      key: "appendFarAwaited", label: `  the first ${farCount}, ${FAR_DELAY_MS} ms added each way (a server a network away), awaited`,
      value: farEvents.length / median(farTimes.first), unit: "events/s", runs,
    });
    figures.push({
      key: "appendFarInFlight", label: `  … ${IN_FLIGHT} appends in flight`, value: farEvents.length / median(farTimes.second), unit: "events/s", runs,
    });
    figures.push({ key: "appendFarGain", label: "  … in flight / awaited (median of each round's)", value: median(farTimes.ratios), unit: "×", runs });
    // Statistics and the visibility map as autovacuum would leave them.
    await admin.query(`VACUUM ANALYZE ${schema}.events`);

    // Replay: every row streamed through the JavaScript fold (dimension columns, not JSON), then the ten tables of every year.
    const replaySeconds = await timeRuns(runs, "replay -> tables", progress, async () => {
      const aggregate = await opened.replay();
      for (const year of years) buildTables(aggregate, year, catalog);
    });
    const replayRate = n / median(replaySeconds);
    figures.push({
      key: "replay", label: "replay from the store (every row through JS) + ten tables per year", value: replayRate, unit: "events/s", runs,
      target: { text: `>= ${TARGETS.replayEventsPerSecondMin.toLocaleString("en-US")}`, met: replayRate >= TARGETS.replayEventsPerSecondMin },
    });

    // A year's aggregate computed in the database (GROUP BY cell, plus the rows folded whole) against the
    // alternative without it: streaming every row of the log through the JavaScript fold.
    const paired = await timePairs(runs, ["stream every row", `aggregate in SQL (${years.length} years)`], progress, () => opened.replay(), async () => {
      for (const year of years) await opened.aggregate(year);
    });
    const perYear = median(paired.second) / years.length;
    const speedup = median(paired.ratios) * years.length;
    figures.push({ key: "streamRows", label: "stream every row through the JS fold (replay)", value: median(paired.first), unit: "s", runs });
    figures.push({ key: "aggregateSql", label: `aggregate(year) in SQL, mean of ${years.length} years`, value: perYear, unit: "s", runs });
    figures.push({
      key: "aggregateSpeedup", label: "a year's aggregate in the database vs streaming (median of each round's)", value: speedup, unit: "×", runs,
      target: { text: `>= ${TARGETS.aggregateSpeedupMin}`, met: speedup >= TARGETS.aggregateSpeedupMin },
    });

    // Reopening: from the newest snapshot (plus an empty tail) against folding the whole log.
    await opened.snapshot();
    // Reopening is quick: at least seven runs each, so that one run slowed by the machine moves the median less.
    const reopenRuns = Math.max(runs, REOPEN_RUNS_MIN);
    const reopens = await timePairs(
      reopenRuns,
      ["reopen by full replay", "reopen with snapshot"],
      progress,
      async () => {
        const reopened = await openPostgresStore(database.url, { schema, useSnapshots: false });
        await reopened.close();
      },
      async () => {
        const reopened = await openPostgresStore(database.url, { schema });
        await reopened.close();
      },
    );
    const reopenWith = reopens.second;
    const reopenWithout = reopens.first;
    const reopenSpeedup = median(reopens.ratios);
    figures.push({ key: "reopenSnapshot", label: "reopen from a snapshot", value: median(reopenWith), unit: "s", runs: reopenRuns });
    figures.push({ key: "reopenReplay", label: "reopen by full replay", value: median(reopenWithout), unit: "s", runs: reopenRuns });
    figures.push({
      key: "reopenSpeedup", label: "snapshot reopen vs full replay (median of each round's)", value: reopenSpeedup, unit: "×", runs: reopenRuns,
      target: { text: `>= ${TARGETS.snapshotSpeedupMin}`, met: reopenSpeedup >= TARGETS.snapshotSpeedupMin },
    });

    const size = (await admin.query<{ size: string }>(`SELECT pg_size_pretty(pg_total_relation_size('${schema}.events')) AS size`)).rows[0]?.size ?? "?";
    progress(`events table: ${size}`);
    const heading = [
      "fundledger bench: PostgreSQL store",
      `events (N): ${n.toLocaleString("en-US")}   seed: ${options.seed}   batch: ${BATCH_SIZE}   server: ${version}`,
      `${machineLine()}, node ${process.version}`,
      loadLine(loadBefore),
    ];
    printReport(heading, figures, secondsSince(began));
    if (options.json) printJson(n, figures, () => 4);
    return figures;
  } finally {
    await store?.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await admin.end().catch(() => undefined);
    database.stop();
  }
}
