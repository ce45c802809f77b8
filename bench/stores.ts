/**
 * The SQLite store's benchmark: durable append in batches of 1,000 (each
 * batch committed to disk — WAL, synchronous = FULL — before the next; the
 * whole log again with ids in UUID v4 and v7 forms), replay from the store into the ten tables, the year aggregates grouped in
 * the database against streaming every row through JavaScript, verifying
 * the hash chain, and reopening from a snapshot against a full replay.
 *
 *     npm run bench -- --sqlite                        # 1,000,000 events
 *     npm run bench -- --sqlite --events 200000 --runs 5
 *
 * The store is a file in a temporary directory, removed at the end. Options:
 * `--events N` (default 1,000,000), `--seed S` (default 1), `--runs R`
 * (repetitions of the read figures; default 3), `--json`. Figures are
 * medians; progress goes to stderr, the report to stdout.
 *
 * @module
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { defaultCatalog } from "../src/catalog/catalog.js";
import { generateLedger } from "../src/generate/index.js";
import { openSqliteStore } from "../src/store/sqlite/index.js";
import type { EventStore } from "../src/store/types.js";
import { buildTables } from "../src/tables/report.js";
import { appendWithIdStyles } from "./idStyles.js";
import { appendAgainstFloor, removeDatabaseFile } from "./sqliteFloor.js";
import { storeWorkAlone } from "./storeWork.js";
import {
  BATCH_SIZE, IN_FLIGHT, REOPEN_RUNS_MIN, collectGarbage, loadLine, machineLine, median, parseOptions, printJson, printReport, progressTo, secondsSince, timePairs, timeRuns, type Figure,
} from "./support.js";

/** Targets from the issue, printed beside the figures. */
const TARGETS = {
  appendEventsPerSecondMin: 150_000,
  replayEventsPerSecondMin: 500_000,
  aggregateSpeedupMin: 3,
  snapshotSpeedupMin: 20,
} as const;


const progress = progressTo("bench --sqlite");

/** Events of the comparison with SQLite alone (the first of the log). */
const FLOOR_EVENTS = 100_000;

/**
 * Runs the SQLite store's benchmark and prints its report.
 *
 * @param argv - the bench's arguments (`--sqlite` and the options above)
 */
export async function runSqliteBench(argv: readonly string[]): Promise<void> {
  const started = process.hrtime.bigint();
  const loadBefore = loadavg();
  const options = parseOptions(argv, "--sqlite");
  const n = options.events;
  const runs = options.runs ?? 3;
  const catalog = defaultCatalog();
  const figures: Figure[] = [];
  const directory = mkdtempSync(join(tmpdir(), "fundledger-bench-sqlite-"));
  const path = join(directory, "store.db");
  let bytes = 0;
  try {
    progress(`generating ${n.toLocaleString("en-US")} events (seed ${options.seed})`);
    let events: ReturnType<typeof generateLedger> | undefined = generateLedger({ events: n, seed: options.seed });
    const years = [...new Set(events.map((event) => event.year))].sort((a, b) => a - b);

    // Durable append: every batch of 1,000 committed (WAL fsynced) before the next is sent.
    let store: EventStore = await openSqliteStore(path);
    collectGarbage?.();
    const appendStart = process.hrtime.bigint();
    for (let i = 0; i < n; i += BATCH_SIZE) {
      await store.append(events.slice(i, i + BATCH_SIZE));
      if ((i / BATCH_SIZE) % 100 === 99) progress(`appended ${(i + BATCH_SIZE).toLocaleString("en-US")}`);
    }
    const append = n / secondsSince(appendStart);
    figures.push({
      key: "sqliteAppend", label: "durable append, batches of 1,000 (validate, chain, commit)", value: append, unit: "events/s", runs: 1,
      target: { text: `>= ${TARGETS.appendEventsPerSecondMin.toLocaleString("en-US")}`, met: append >= TARGETS.appendEventsPerSecondMin },
    });

    // The floor under it: SQLite alone inserting the rows the store wrote for the first events, in turns with the store.
    const floorEvents = events.slice(0, Math.min(n, FLOOR_EVENTS));
    events = undefined;
    const floor = await appendAgainstFloor(path, directory, floorEvents, runs, progress);
    const count = floorEvents.length.toLocaleString("en-US");
    figures.push({ key: "sqliteAppendAgain", label: `  the first ${count} again into a fresh file`, value: floorEvents.length / median(floor.first), unit: "events/s", runs });
    figures.push({
      key: "sqliteInsertAlone", label: `  SQLite alone: their rows inserted and committed (nothing else)`, value: floorEvents.length / median(floor.second), unit: "events/s", runs,
    });
    figures.push({
      key: "sqliteAppendInFlight", label: `  the first ${count} again, ${IN_FLIGHT} appends in flight (each its own commit, in order)`,
      value: floorEvents.length / median(floor.inFlight), unit: "events/s", runs,
    });
    figures.push({ key: "sqliteAppendOverFloor", label: "  append / SQLite alone (median of each round's)", value: median(floor.ratios), unit: "×", runs });
    const ownWork = median(await storeWorkAlone(floorEvents, runs, progress));
    figures.push({ key: "storeWorkAlone", label: "  the store's own work alone (checks, JSON, hashes, rows; nothing written)", value: floorEvents.length / ownWork, unit: "events/s", runs });
    // One batch awaited at a time, the two halves follow each other: the append's ceiling on this machine.
    figures.push({
      key: "sqliteAppendInSeries", label: "  the two halves one after the other: 1 / (1/SQLite alone + 1/own work)",
      value: floorEvents.length / (median(floor.second) + ownWork), unit: "events/s", runs,
    });

    // The whole log again with the ids a service would send, each style into a fresh file.
    figures.push(
      ...(await appendWithIdStyles(n, options.seed, "sqliteAppend", async (style) => {
        const file = join(directory, `ids-${style}.db`);
        const fresh = await openSqliteStore(file);
        return { store: fresh, dispose: async () => {
          await fresh.close();
          removeDatabaseFile(file);
        } };
      }, progress)),
    );

    // Replay: every row streamed through the JavaScript fold (columns, not JSON), then the ten tables of every year.
    const replaySeconds = median(
      await timeRuns(runs, "replay + tables", progress, async () => {
        const aggregate = await store.replay();
        for (const year of years) buildTables(aggregate, year, catalog);
      }),
    );
    figures.push({
      key: "sqliteReplay", label: "replay from the store + ten tables per year", value: n / replaySeconds, unit: "events/s", runs,
      target: { text: `>= ${TARGETS.replayEventsPerSecondMin.toLocaleString("en-US")}`, met: n / replaySeconds >= TARGETS.replayEventsPerSecondMin },
    });

    // A year's aggregate grouped in the database, against the alternative without it: streaming every row of the
    // log through the JavaScript fold (replay) — first grouping every row, then after a snapshot has summed the
    // cells through the head. Each pair runs in turns; the comparison is the median of each round's.
    const stream = (): Promise<unknown> => store.replay();
    const everyYear = async (): Promise<void> => {
      for (const year of years) await store.aggregate(year);
    };
    const overRows = await timePairs(runs, ["stream every row", `aggregate(year) grouping every row (${years.length} years)`], progress, stream, everyYear);
    figures.push({ key: "sqliteStreamRows", label: "stream every row through the JS fold (replay)", value: median(overRows.first) * 1_000, unit: "ms", runs });
    figures.push({
      key: "sqliteAggregateRows", label: `aggregate(year) by GROUP BY over its rows, mean of ${years.length} years`, value: (median(overRows.second) / years.length) * 1_000,
      unit: "ms", runs,
    });
    figures.push({ key: "sqliteAggregateRowsSpeedup", label: "  … vs streaming", value: median(overRows.ratios) * years.length, unit: "×", runs });

    // Snapshot (which also sums the cells through the head, in the database), then the aggregates again.
    const snapshotSeconds = median(await timeRuns(1, "snapshot", progress, () => store.snapshot()));
    figures.push({ key: "sqliteSnapshot", label: "take a snapshot (state + cells' sums)", value: snapshotSeconds * 1_000, unit: "ms", runs: 1 });
    const overSums = await timePairs(runs, ["stream every row", `aggregate(year) grouping the cells' sums (${years.length} years)`], progress, stream, everyYear);
    const sumsSpeedup = median(overSums.ratios) * years.length;
    figures.push({
      key: "sqliteAggregate", label: `aggregate(year) by GROUP BY over the cells' sums, mean of ${years.length} years`, value: (median(overSums.second) / years.length) * 1_000,
      unit: "ms", runs,
    });
    figures.push({
      key: "sqliteAggregateSpeedup", label: "  … vs streaming", value: sumsSpeedup, unit: "×", runs,
      target: { text: `>= ${TARGETS.aggregateSpeedupMin}×`, met: sumsSpeedup >= TARGETS.aggregateSpeedupMin },
    });

    // Verify: the whole chain recomputed and every row's columns checked against its body.
    const verifySeconds = median(await timeRuns(1, "verify", progress, () => store.verify()));
    figures.push({ key: "sqliteVerify", label: "verify (hash chain + columns of every row)", value: n / verifySeconds, unit: "events/s", runs: 1 });

    // Reopening from the snapshot against reopening by a full replay.
    await store.close();
    bytes = statSync(path).size;
    const reopen = async (useSnapshots: boolean): Promise<void> => {
      store = await openSqliteStore(path, { useSnapshots });
      await store.close();
    };
    // Reopening is quick: at least seven runs each, so that one run slowed by the machine moves the median less.
    const reopenRuns = Math.max(runs, REOPEN_RUNS_MIN);
    const reopens = await timePairs(reopenRuns, ["reopen by full replay", "reopen from the snapshot"], progress, () => reopen(false), () => reopen(true));
    const reopenSpeedup = median(reopens.ratios);
    figures.push({ key: "sqliteOpenFull", label: "reopen by full replay", value: median(reopens.first) * 1_000, unit: "ms", runs: reopenRuns });
    figures.push({ key: "sqliteOpenSnapshot", label: "reopen from the snapshot", value: median(reopens.second) * 1_000, unit: "ms", runs: reopenRuns });
    figures.push({
      key: "sqliteSnapshotSpeedup", label: "snapshot reopen vs full replay (median of each round's)", value: reopenSpeedup, unit: "×", runs: reopenRuns,
      target: { text: `>= ${TARGETS.snapshotSpeedupMin}×`, met: reopenSpeedup >= TARGETS.snapshotSpeedupMin },
    });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  printReport(
    [
      "fundledger bench --sqlite",
      `events (N): ${n.toLocaleString("en-US")}   seed: ${options.seed}   batch: ${BATCH_SIZE}   store file: ${(bytes / 1e6).toFixed(0)} MB`,
      machineLine(),
      `node: ${process.version}   ${loadLine(loadBefore)}`,
    ],
    figures,
    secondsSince(started),
  );
  if (options.json) printJson(n, figures);
}
