/**
 * The PostgreSQL store's benchmark: durable append in batches of 1,000,
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
 * `--events N`, `--seed S`, `--runs R` (repetitions of the read figures;
 * default 3), `--json`. Figures are medians; progress goes to stderr.
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { arch, cpus, loadavg, platform, release, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { defaultCatalog } from "../src/catalog/catalog.js";
import { generateLedger } from "../src/generate/index.js";
import { buildTables } from "../src/tables/report.js";
import { openPostgresStore } from "../src/store/postgres/index.js";
import type { EventStore } from "../src/store/types.js";

/** Targets from the issue, printed beside the figures. */
const TARGETS = {
  appendEventsPerSecondMin: 50_000,
  replayEventsPerSecondMin: 300_000,
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
  process.stderr.write(`bench --postgres: ${message}\n`);
  process.stderr.write("usage: node --expose-gc dist-bench/bench/main.js --postgres [--events N] [--seed S] [--runs R] [--json]\n");
  process.exit(2);
}

function parseOptions(argv: readonly string[]): Options {
  let events = 1_000_000;
  let seed = 1;
  let runs = 3;
  let json = false;
  const whole = (name: string, text: string | undefined, min: number, max: number): number => {
    const value = Number((text ?? "").replace(/[_,]/g, ""));
    if (text === undefined || !Number.isSafeInteger(value) || value < min || value > max) usage(`${name} must be a whole number from ${min} to ${max}`);
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (name) {
      case "--postgres":
        break;
      case "--events":
        events = whole("--events", value(), 1_000, 20_000_000);
        break;
      case "--seed":
        seed = whole("--seed", value(), -2_147_483_648, 4_294_967_295);
        break;
      case "--runs":
        runs = whole("--runs", value(), 1, 100);
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

function progress(text: string): void {
  process.stderr.write(`[bench:postgres] ${text}\n`);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  return ((sorted[Math.floor(middle)] as number) + (sorted[Math.ceil(middle)] as number)) / 2;
}

const collectGarbage: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

/** Seconds `work` takes, after a full collection. */
async function timed(work: () => Promise<unknown>): Promise<number> {
  collectGarbage?.();
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Times `work` `runs` times and returns each run's seconds. */
async function repeat(runs: number, what: string, work: () => Promise<unknown>): Promise<number[]> {
  const found: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const seconds = await timed(work);
    found.push(seconds);
    progress(`${what}: run ${run}/${runs}: ${seconds.toFixed(3)} s`);
  }
  return found;
}

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

function formatValue(value: number, unit: string): string {
  if (unit === "ratio" || unit === "×") return value.toFixed(1);
  if (value >= 1_000) return Math.round(value).toLocaleString("en-US");
  return value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2);
}

function printReport(options: Options, version: string, figures: readonly Figure[], seconds: number, loadBefore: readonly number[]): void {
  const cpuList = cpus();
  const load = (values: readonly number[]): string => values.map((v) => v.toFixed(2)).join(" ");
  const lines = [
    "fundledger bench: PostgreSQL store",
    `events (N): ${options.events.toLocaleString("en-US")}   seed: ${options.seed}   batch: ${BATCH_SIZE}   server: ${version}`,
    `machine: ${cpuList.length} CPUs (${cpuList[0]?.model.trim() ?? "unknown"}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${platform()} ${release()} ${arch()}, node ${process.version}`,
    `load average (1, 5, 15 min): ${load(loadBefore)} at start, ${load(loadavg())} at end`,
    "",
  ];
  const rows = figures.map((f) => [f.label, formatValue(f.value, f.unit), f.unit, String(f.runs), f.target?.text ?? "", f.target === undefined ? "" : f.target.met ? "met" : "MISSED"]);
  const header = ["figure", "median", "unit", "runs", "target", ""];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const row = (cells: readonly string[]): string => cells.map((cell, i) => (i === 1 || i === 3 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join("  ").trimEnd();
  lines.push(row(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(row), "", `total time: ${seconds.toFixed(1)} s`);
  process.stdout.write(`${lines.join("\n")}\n`);
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
  const options = parseOptions(argv);
  const n = options.events;
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
    const appendSeconds = await timed(async () => {
      for (let start = 0; start < n; start += BATCH_SIZE) {
        const t = process.hrtime.bigint();
        await opened.append(events.slice(start, start + BATCH_SIZE));
        batchSeconds.push(Number(process.hrtime.bigint() - t) / 1e9);
        if ((start / BATCH_SIZE) % 100 === 99) progress(`appended ${(start + BATCH_SIZE).toLocaleString("en-US")}`);
      }
    });
    const appendRate = n / appendSeconds;
    figures.push({
      key: "append", label: "durable append, batches of 1,000 (validate, chain, insert, commit)", value: appendRate, unit: "events/s", runs: 1,
      target: { text: `>= ${TARGETS.appendEventsPerSecondMin.toLocaleString("en-US")}`, met: appendRate >= TARGETS.appendEventsPerSecondMin },
    });
    figures.push({ key: "appendBatchMedian", label: "one batch of 1,000, median", value: median(batchSeconds) * 1_000, unit: "ms", runs: batchSeconds.length });
    // Statistics and the visibility map as autovacuum would leave them.
    await admin.query(`VACUUM ANALYZE ${schema}.events`);

    // Replay: every row streamed through the JavaScript fold (dimension columns, not JSON), then the ten tables of every year.
    const replaySeconds = await repeat(options.runs, "replay -> tables", async () => {
      const aggregate = await opened.replay();
      for (const year of years) buildTables(aggregate, year, catalog);
    });
    const replayRate = n / median(replaySeconds);
    figures.push({
      key: "replay", label: "replay from the store (every row through JS) + ten tables per year", value: replayRate, unit: "events/s", runs: options.runs,
      target: { text: `>= ${TARGETS.replayEventsPerSecondMin.toLocaleString("en-US")}`, met: replayRate >= TARGETS.replayEventsPerSecondMin },
    });

    // A year's aggregate computed in the database (GROUP BY cell, plus the rows folded whole) against the
    // alternative without it: streaming every row of the log through the JavaScript fold.
    const streamSeconds = await repeat(options.runs, "stream every row", () => opened.replay());
    const aggregateSeconds = await repeat(options.runs, `aggregate in SQL (${years.length} years)`, async () => {
      for (const year of years) await opened.aggregate(year);
    });
    const perYear = median(aggregateSeconds) / years.length;
    const speedup = median(streamSeconds) / perYear;
    figures.push({ key: "streamRows", label: "stream every row through the JS fold (replay)", value: median(streamSeconds), unit: "s", runs: options.runs });
    figures.push({ key: "aggregateSql", label: `aggregate(year) in SQL, mean of ${years.length} years`, value: perYear, unit: "s", runs: options.runs });
    figures.push({
      key: "aggregateSpeedup", label: "a year's aggregate in the database vs streaming", value: speedup, unit: "×", runs: options.runs,
      target: { text: `>= ${TARGETS.aggregateSpeedupMin}`, met: speedup >= TARGETS.aggregateSpeedupMin },
    });

    // Reopening: from the newest snapshot (plus an empty tail) against folding the whole log.
    await opened.snapshot();
    const reopenWith = await repeat(options.runs, "reopen with snapshot", async () => {
      const reopened = await openPostgresStore(database.url, { schema });
      await reopened.close();
    });
    const reopenWithout = await repeat(options.runs, "reopen by full replay", async () => {
      const reopened = await openPostgresStore(database.url, { schema, useSnapshots: false });
      await reopened.close();
    });
    const reopenSpeedup = median(reopenWithout) / median(reopenWith);
    figures.push({ key: "reopenSnapshot", label: "reopen from a snapshot", value: median(reopenWith), unit: "s", runs: options.runs });
    figures.push({ key: "reopenReplay", label: "reopen by full replay", value: median(reopenWithout), unit: "s", runs: options.runs });
    figures.push({
      key: "reopenSpeedup", label: "snapshot reopen vs full replay", value: reopenSpeedup, unit: "×", runs: options.runs,
      target: { text: `>= ${TARGETS.snapshotSpeedupMin}`, met: reopenSpeedup >= TARGETS.snapshotSpeedupMin },
    });

    const size = (await admin.query<{ size: string }>(`SELECT pg_size_pretty(pg_total_relation_size('${schema}.events')) AS size`)).rows[0]?.size ?? "?";
    progress(`events table: ${size}`);
    printReport(options, version, figures, Number(process.hrtime.bigint() - began) / 1e9, loadBefore);
    if (options.json) {
      const json: Record<string, { value: number; unit: string }> = { events: { value: n, unit: "events" } };
      for (const figure of figures) json[figure.key] = { value: Number(figure.value.toFixed(4)), unit: figure.unit };
      process.stdout.write(`${JSON.stringify(json)}\n`);
    }
    return figures;
  } finally {
    await store?.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await admin.end().catch(() => undefined);
    database.stop();
  }
}
