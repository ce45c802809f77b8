/**
 * The SQLite store's benchmark: durable append in batches of 1,000 (each
 * batch committed to disk — WAL, synchronous = FULL — before the next),
 * replay from the store into the ten tables, the year aggregates grouped in
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
import { arch, cpus, loadavg, platform, release, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { defaultCatalog } from "../src/catalog/catalog.js";
import { generateLedger } from "../src/generate/index.js";
import { openSqliteStore } from "../src/store/sqlite/index.js";
import type { EventStore } from "../src/store/types.js";
import { buildTables } from "../src/tables/report.js";

/** Targets from the issue, printed beside the figures. */
const TARGETS = {
  appendEventsPerSecondMin: 150_000,
  replayEventsPerSecondMin: 500_000,
  aggregateSpeedupMin: 3,
  snapshotSpeedupMin: 20,
} as const;

const BATCH_SIZE = 1_000;

interface Options {
  readonly events: number;
  readonly seed: number;
  readonly runs: number;
  readonly json: boolean;
}

interface Figure {
  readonly key: string;
  readonly label: string;
  readonly value: number;
  readonly unit: string;
  readonly runs: number;
  readonly target?: { readonly text: string; readonly met: boolean };
}

function usage(message: string): never {
  process.stderr.write(`bench --sqlite: ${message}\n`);
  process.stderr.write("usage: node --expose-gc dist-bench/bench/main.js --sqlite [--events N] [--seed S] [--runs R] [--json]\n");
  process.exit(2);
}

function parseWhole(name: string, text: string | undefined, min: number, max: number): number {
  if (text === undefined) usage(`${name} needs a value`);
  const value = Number(text.replace(/[_,]/g, ""));
  if (!Number.isSafeInteger(value) || value < min || value > max) usage(`${name} must be a whole number from ${min} to ${max}`);
  return value;
}

function parseOptions(argv: readonly string[]): Options {
  let events = 1_000_000;
  let seed = 1;
  let runs = 3;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (name) {
      case "--sqlite":
        break;
      case "--events":
        events = parseWhole("--events", value(), 1, 20_000_000);
        break;
      case "--seed":
        seed = parseWhole("--seed", value(), -2_147_483_648, 4_294_967_295);
        break;
      case "--runs":
        runs = parseWhole("--runs", value(), 1, 100);
        break;
      case "--json":
        json = true;
        break;
      default:
        usage(`unknown argument ${arg}`);
    }
  }
  return { events, seed, runs, json };
}

const progress = (text: string): void => {
  process.stderr.write(`[bench --sqlite] ${text}\n`);
};

const collectGarbage: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  return ((sorted[Math.floor(middle)] as number) + (sorted[Math.ceil(middle)] as number)) / 2;
}

/** Seconds of each of `runs` runs of `work`. */
async function timed(runs: number, what: string, work: () => Promise<unknown>): Promise<number[]> {
  const seconds: number[] = [];
  for (let run = 1; run <= runs; run++) {
    collectGarbage?.();
    const start = process.hrtime.bigint();
    await work();
    seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
    progress(`${what}: run ${run}/${runs}: ${(seconds[seconds.length - 1] as number).toFixed(3)} s`);
  }
  return seconds;
}

function formatNumber(value: number, unit: string): string {
  if (unit === "ratio" || unit === "×") return value.toFixed(1);
  if (value >= 1_000) return Math.round(value).toLocaleString("en-US");
  return value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2);
}

function printReport(options: Options, figures: readonly Figure[], seconds: number, loadBefore: readonly number[], bytes: number): void {
  const cpuList = cpus();
  const load = (values: readonly number[]): string => values.map((value) => value.toFixed(2)).join(" ");
  const lines = [
    "fundledger bench --sqlite",
    `events (N): ${options.events.toLocaleString("en-US")}   seed: ${options.seed}   batch: ${BATCH_SIZE}   store file: ${(bytes / 1e6).toFixed(0)} MB`,
    `machine: ${cpuList.length} CPUs (${cpuList[0]?.model.trim() ?? "unknown"}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${platform()} ${release()} ${arch()}`,
    `node: ${process.version}   load average (1, 5, 15 min): ${load(loadBefore)} at start, ${load(loadavg())} at end`,
    "",
  ];
  const rows = figures.map((f) => [f.label, formatNumber(f.value, f.unit), f.unit, String(f.runs), f.target?.text ?? "", f.target === undefined ? "" : f.target.met ? "met" : "MISSED"]);
  const header = ["figure", "median", "unit", "runs", "target", ""];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const row = (cells: readonly string[]): string =>
    cells.map((cell, i) => (i === 1 || i === 3 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join("  ").trimEnd();
  lines.push(row(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(row), "", `total time: ${seconds.toFixed(1)} s`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

/**
 * Runs the SQLite store's benchmark and prints its report.
 *
 * @param argv - the bench's arguments (`--sqlite` and the options above)
 */
export async function runSqliteBench(argv: readonly string[]): Promise<void> {
  const started = process.hrtime.bigint();
  const loadBefore = loadavg();
  const options = parseOptions(argv);
  const n = options.events;
  const runs = options.runs;
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
    const append = n / (Number(process.hrtime.bigint() - appendStart) / 1e9);
    events = undefined;
    figures.push({
      key: "sqliteAppend", label: "durable append, batches of 1,000 (validate, chain, commit)", value: append, unit: "events/s", runs: 1,
      target: { text: `>= ${TARGETS.appendEventsPerSecondMin.toLocaleString("en-US")}`, met: append >= TARGETS.appendEventsPerSecondMin },
    });

    // Replay: every row streamed through the JavaScript fold (columns, not JSON), then the ten tables of every year.
    const replaySeconds = median(
      await timed(runs, "replay + tables", async () => {
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
    // cells through the head.
    const streamSeconds = median(await timed(runs, "stream every row through JS (replay)", () => store.replay()));
    const everyYear = async (): Promise<void> => {
      for (const year of years) await store.aggregate(year);
    };
    const rowsPerYear = median(await timed(runs, `aggregate(year) grouping every row (${years.length} years)`, everyYear)) / years.length;
    figures.push({ key: "sqliteStreamRows", label: "stream every row through the JS fold (replay)", value: streamSeconds * 1_000, unit: "ms", runs });
    figures.push({ key: "sqliteAggregateRows", label: `aggregate(year) by GROUP BY over its rows, mean of ${years.length} years`, value: rowsPerYear * 1_000, unit: "ms", runs });
    figures.push({ key: "sqliteAggregateRowsSpeedup", label: "  … vs streaming", value: streamSeconds / rowsPerYear, unit: "×", runs });

    // Snapshot (which also sums the cells through the head, in the database), then the aggregates again.
    const snapshotSeconds = median(await timed(1, "snapshot", () => store.snapshot()));
    figures.push({ key: "sqliteSnapshot", label: "take a snapshot (state + cells' sums)", value: snapshotSeconds * 1_000, unit: "ms", runs: 1 });
    const sumsPerYear = median(await timed(runs, `aggregate(year) grouping the cells' sums (${years.length} years)`, everyYear)) / years.length;
    figures.push({ key: "sqliteAggregate", label: `aggregate(year) by GROUP BY over the cells' sums, mean of ${years.length} years`, value: sumsPerYear * 1_000, unit: "ms", runs });
    figures.push({
      key: "sqliteAggregateSpeedup", label: "  … vs streaming", value: streamSeconds / sumsPerYear, unit: "×", runs,
      target: { text: `>= ${TARGETS.aggregateSpeedupMin}×`, met: streamSeconds / sumsPerYear >= TARGETS.aggregateSpeedupMin },
    });

    // Verify: the whole chain recomputed and every row's columns checked against its body.
    const verifySeconds = median(await timed(1, "verify", () => store.verify()));
    figures.push({ key: "sqliteVerify", label: "verify (hash chain + columns of every row)", value: n / verifySeconds, unit: "events/s", runs: 1 });

    // Reopening from the snapshot against reopening by a full replay.
    await store.close();
    bytes = statSync(path).size;
    const reopen = async (useSnapshots: boolean): Promise<void> => {
      store = await openSqliteStore(path, { useSnapshots });
      await store.close();
    };
    const fullSeconds = median(await timed(runs, "reopen by full replay", () => reopen(false)));
    const snapshotOpenSeconds = median(await timed(runs, "reopen from the snapshot", () => reopen(true)));
    figures.push({ key: "sqliteOpenFull", label: "reopen by full replay", value: fullSeconds * 1_000, unit: "ms", runs });
    figures.push({ key: "sqliteOpenSnapshot", label: "reopen from the snapshot", value: snapshotOpenSeconds * 1_000, unit: "ms", runs });
    figures.push({
      key: "sqliteSnapshotSpeedup", label: "snapshot reopen vs full replay", value: fullSeconds / snapshotOpenSeconds, unit: "×", runs,
      target: { text: `>= ${TARGETS.snapshotSpeedupMin}×`, met: fullSeconds / snapshotOpenSeconds >= TARGETS.snapshotSpeedupMin },
    });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  printReport(options, figures, Number(process.hrtime.bigint() - started) / 1e9, loadBefore, bytes);
  if (options.json) {
    const json: Record<string, { value: number; unit: string }> = { events: { value: n, unit: "events" } };
    for (const figure of figures) json[figure.key] = { value: Number(figure.value.toFixed(2)), unit: figure.unit };
    process.stdout.write(`${JSON.stringify(json)}\n`);
  }
}
