/**
 * The benchmark: how fast a ledger of N synthetic events appends, replays,
 * loads from a JSON Lines file into the ten tables, answers one more append,
 * and how much heap it keeps per event.
 *
 *     npm run bench                         # 1,000,000 events
 *     npm run bench -- --events 100000      # another size
 *     npm run bench -- --json               # one JSON object on the last line
 *     npm run bench -- --postgres           # the PostgreSQL store instead (bench/postgres.ts)
 *     npm run bench -- --sqlite             # the SQLite store instead (bench/stores.ts)
 *
 * Options: `--events N` (default 1,000,000), `--seed S` (default 1), `--runs R`
 * (repetitions of each throughput figure; default 5, and 3 for the slowest
 * figures from 500,000 events up), `--json`. Every figure is the median of its
 * runs. Progress goes to stderr; the report (and with `--json` the JSON line)
 * to stdout.
 *
 * Run with `node --expose-gc`: the heap figure needs `global.gc`.
 *
 * @module
 */
import { mkdtempSync, openSync, closeSync, writeSync, rmSync, statSync } from "node:fs";
import { tmpdir, loadavg } from "node:os";
import { join } from "node:path";
import { aggregateEvents, buildTables, createLedger, defaultCatalog, generateLedger } from "../src/index.js";
import { projectFile } from "../src/read/index.js";
import { readLines } from "../src/read/lines.js";
import type { Fund, Ledger, LedgerEvent } from "../src/index.js";
import { runPostgresBench } from "./postgres.js";
import { benchScenarios } from "./scenarios.js";
import { runSqliteBench } from "./stores.js";
import { BATCH_SIZE, collectGarbage, fullGc, loadLine, machineLine, median, parseOptions, printJson, printReport, progressTo, quantile, secondsSince, type Figure, type Options } from "./support.js";

/** Targets from the issue, checked beside each figure. */
const TARGETS = {
  replayEventsPerSecondMin: 3_000_000,
  fileToTablesRatioMin: 0.6,
  appendLatencyMedianMicrosecondsMax: 50,
  heapBytesPerEventMax: 400,
} as const;

const LATENCY_WARMUP = 200;
const LATENCY_SAMPLES = 2_000;
const TABLES_WARMUP = 20;
const TABLES_SAMPLES = 200;
/** From this size on, the slowest figures (append, file → tables) run 3 times by default. */
const LARGE_EVENTS = 500_000;

const progress = progressTo("bench");

function nowNs(): bigint {
  return process.hrtime.bigint();
}

/** Repeats a timed measurement and returns each run's rate (count / seconds). */
function rates(runs: number, what: string, count: number, measure: () => number): number[] {
  const found: number[] = [];
  for (let run = 1; run <= runs; run++) {
    fullGc();
    const seconds = measure();
    found.push(count / seconds);
    progress(`${what}: run ${run}/${runs}: ${seconds.toFixed(3)} s, ${Math.round(count / seconds).toLocaleString("en-US")} /s`);
  }
  return found;
}

function appendInBatches(ledger: Ledger, events: readonly unknown[]): void {
  for (let i = 0; i < events.length; i += BATCH_SIZE) ledger.append(events.slice(i, i + BATCH_SIZE));
}

/** Writes events as JSON Lines, a few thousand lines per write. */
function writeJsonLines(file: string, events: readonly LedgerEvent[]): number {
  const fd = openSync(file, "w");
  try {
    const chunk: string[] = [];
    for (const event of events) {
      chunk.push(JSON.stringify(event));
      if (chunk.length === 4_096) {
        writeSync(fd, `${chunk.join("\n")}\n`);
        chunk.length = 0;
      }
    }
    if (chunk.length > 0) writeSync(fd, `${chunk.join("\n")}\n`);
  } finally {
    closeSync(fd);
  }
  return statSync(file).size;
}

/**
 * Calls `onLine` with every non-empty line of a UTF-8 file, read by the
 * line reader `projectFile` reads with (a mebibyte at a time, each line
 * decoded on its own).
 */
function forEachLine(file: string, onLine: (line: string) => void): void {
  const fd = openSync(file, "r");
  try {
    readLines(fd, 0, statSync(file).size, 0, (text) => {
      if (text !== "") onLine(text);
    });
  } finally {
    closeSync(fd);
  }
}

/** Reads a JSON Lines file, parsing each line, into `take` in batches of 1,000. */
function readInBatches(file: string, take: (batch: unknown[]) => void): void {
  let batch: unknown[] = [];
  forEachLine(file, (line) => {
    batch.push(JSON.parse(line));
    if (batch.length === BATCH_SIZE) {
      take(batch);
      batch = [];
    }
  });
  if (batch.length > 0) take(batch);
}

/** Reads a JSON Lines file into a fresh ledger. */
function loadLedger(file: string): Ledger {
  const ledger = createLedger();
  readInBatches(file, (batch) => ledger.append(batch));
  return ledger;
}

function yearsOf(events: readonly LedgerEvent[]): number[] {
  const years = new Set<number>();
  for (const event of events) years.add(event.year);
  return [...years].sort((a, b) => a - b);
}

/** Small valid expenditures from balances that hold plenty, for single appends. */
function smallExpenditures(ledger: Ledger, year: number, count: number, prefix: string): LedgerEvent[] {
  const sources: { unit: string; fund: Fund; functional: string }[] = [];
  for (const unit of ledger.units().keys()) {
    for (const balance of ledger.closingBalances(year, unit)) {
      if (balance.carriedFen >= 10_000_000) sources.push({ unit, fund: balance.fund, functional: balance.functional });
    }
  }
  if (sources.length === 0) throw new Error("bench: no balance holds enough for the single appends");
  return Array.from({ length: count }, (_, i): LedgerEvent => {
    const source = sources[i % sources.length] as (typeof sources)[number];
    return {
      id: `${prefix}${i}`, type: "expenditureRecorded", schema: 1, year, unit: source.unit,
      fund: source.fund, functional: source.functional, economic: "30201", category: "basic", amountFen: 100 + (i % 900),
    };
  });
}

function latenciesMicroseconds(events: readonly LedgerEvent[], step: (event: LedgerEvent) => void): number[] {
  const found: number[] = [];
  for (const event of events) {
    const start = nowNs();
    step(event);
    found.push(Number(nowNs() - start) / 1_000);
  }
  return found;
}

/** The report's heading: the command, the size, the machine, the load. */
function heading(options: Options, loadBefore: readonly number[]): string[] {
  return [
    "fundledger bench",
    `command: ${process.argv.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(" ")}`,
    `events (N): ${options.events.toLocaleString("en-US")}   seed: ${options.seed}   batch: ${BATCH_SIZE}`,
    machineLine(),
    `node: ${process.version}   gc exposed: ${collectGarbage !== undefined ? "yes" : "no (run with --expose-gc)"}`,
    // Other processes on the machine skew every figure: the load average says how busy it was.
    loadLine(loadBefore),
  ];
}

async function main(): Promise<void> {
  const started = nowNs();
  const loadBefore = loadavg();
  const options = parseOptions(process.argv.slice(2), "");
  const n = options.events;
  const large = n >= LARGE_EVENTS;
  const runs = options.runs ?? 5;
  const slowRuns = options.runs ?? (large ? 3 : 5);
  const catalog = defaultCatalog();
  const figures: Figure[] = [];
  if (collectGarbage === undefined) progress("global.gc is not exposed: run with node --expose-gc (the heap figure is left out)");

  progress(`generating ${n.toLocaleString("en-US")} events (seed ${options.seed})`);
  let start = nowNs();
  let events: LedgerEvent[] | undefined = generateLedger({ events: n, seed: options.seed });
  const generateSeconds = secondsSince(start);
  const years = yearsOf(events);
  const lastYear = years[years.length - 1] as number;
  figures.push({ key: "generate", label: "generate the synthetic log", value: n / generateSeconds, unit: "events/s", runs: 1 });

  const directory = mkdtempSync(join(tmpdir(), "fundledger-bench-"));
  const file = join(directory, "events.jsonl");
  try {
    const bytes = writeJsonLines(file, events);
    progress(`wrote ${(bytes / 1e6).toFixed(1)} MB of JSON Lines to ${file}`);

    // Append throughput: fresh input each run (deep copies, made outside the timing).
    let lastLedger: Ledger | undefined;
    const appendRates = rates(slowRuns, "append", n, () => {
      let copies: unknown[] | undefined = (events ?? []).map((event) => JSON.parse(JSON.stringify(event)) as unknown);
      lastLedger = undefined;
      fullGc();
      const ledger = createLedger();
      const t = nowNs();
      appendInBatches(ledger, copies);
      const seconds = secondsSince(t);
      copies = undefined;
      lastLedger = ledger;
      return seconds;
    });
    figures.push({ key: "appendThroughput", label: "append (validate + store + aggregate), batches of 1,000", value: median(appendRates), unit: "events/s", runs: slowRuns });
    // The generated events are not needed any more: the file and the ledger hold them.
    events = undefined;

    // Full replay: the ledger rebuilds a fresh aggregate from its stored events and builds the ten tables of every year.
    let storedLedger: Ledger | undefined = lastLedger as Ledger;
    const replayRates = rates(runs, "replay", n, () => {
      const t = nowNs();
      const aggregate = (storedLedger as Ledger).replay();
      for (const year of years) buildTables(aggregate, year, catalog);
      return secondsSince(t);
    });
    const replay = median(replayRates);
    figures.push({
      key: "replay", label: "full replay of the stored events (ledger.replay) + ten tables per year", value: replay, unit: "events/s", runs,
      target: { text: `>= ${TARGETS.replayEventsPerSecondMin.toLocaleString("en-US")}`, met: replay >= TARGETS.replayEventsPerSecondMin },
    });

    // The generic fold over event objects (aggregateEvents), for comparison: it hashes every event's coordinates.
    let stored: readonly LedgerEvent[] | undefined = storedLedger.events();
    const foldRates = rates(runs, "fold", n, () => {
      const t = nowNs();
      const aggregate = aggregateEvents(stored ?? []);
      for (const year of years) buildTables(aggregate, year, catalog);
      return secondsSince(t);
    });
    // The file phase runs in a heap that holds no ledger, as a command reading a file would.
    lastLedger = undefined;
    storedLedger = undefined;
    stored = undefined;
    fullGc();
    figures.push({ key: "foldEvents", label: "fold of event objects (aggregateEvents) + ten tables per year", value: median(foldRates), unit: "events/s", runs });

    // Bare parse floor: read line by line (the reader projectFile uses) and JSON.parse only. File → ten tables: read,
    // parse, validate + fold in batches (the projector: every check of a ledger, no event kept), build the ten tables
    // of every year — what `fundledger report --events` does: `projectFile`, on as many threads as the machine has
    // processors (at most four), and on one for comparison. The three run in turns, round after round, so that a
    // machine slowing down or speeding up moves all three alike; each round's ratio is of its own runs.
    let sink = 0;
    let threadsUsed = 0;
    let threadsOfDefault = 0;
    const bareParseOnce = (): number => {
      const t = nowNs();
      forEachLine(file, (line) => {
        sink ^= (JSON.parse(line) as { readonly id: string }).id.length;
      });
      return secondsSince(t);
    };
    const fileToTablesOnce = async (threads: number | undefined): Promise<number> => {
      const t = nowNs();
      const read = await projectFile(file, threads === undefined ? {} : { threads });
      for (const year of years) read.projector.tables(year);
      const seconds = secondsSince(t);
      threadsUsed = read.threads;
      return seconds;
    };
    const parseRates: number[] = [];
    const fileRates: number[] = [];
    const oneThreadRates: number[] = [];
    const ratios: number[] = [];
    const oneThreadRatios: number[] = [];
    for (let round = 1; round <= runs; round++) {
      fullGc();
      const parse = n / bareParseOnce();
      fullGc();
      const many = n / (await fileToTablesOnce(undefined));
      threadsOfDefault = threadsUsed;
      fullGc();
      const one = n / (await fileToTablesOnce(1));
      parseRates.push(parse);
      fileRates.push(many);
      oneThreadRates.push(one);
      ratios.push(many / parse);
      oneThreadRatios.push(one / parse);
      const format = (rate: number): string => Math.round(rate).toLocaleString("en-US");
      progress(`file round ${round}/${runs}: bare parse ${format(parse)} /s, file -> tables ${format(many)} /s (${threadsOfDefault} threads), one thread ${format(one)} /s`);
    }
    const bareParse = median(parseRates);
    const ratio = median(ratios);
    figures.push({ key: "bareParse", label: "bare parse floor: read lines + JSON.parse", value: bareParse, unit: "events/s", runs });
    figures.push({ key: "bareParseMegabytes", label: "bare parse floor, bytes", value: (bareParse * bytes) / n / 1e6, unit: "MB/s", runs });
    figures.push({
      key: "fileToTables", label: `file -> ten tables (parse, validate, fold, tables; projectFile, ${threadsOfDefault} threads)`, value: median(fileRates),
      unit: "events/s", runs,
    });
    figures.push({ key: "fileToTablesOneThread", label: "file -> ten tables, one thread", value: median(oneThreadRates), unit: "events/s", runs });

    // The same into a ledger, which keeps every event (for reads, subscriptions, the audit's postings).
    const fileLedgerRates = rates(slowRuns, "file -> ledger -> tables", n, () => {
      const t = nowNs();
      const loaded = loadLedger(file);
      for (const year of years) loaded.tables(year);
      return secondsSince(t);
    });
    figures.push({ key: "fileToLedgerTables", label: "file -> ledger (events kept) -> ten tables", value: median(fileLedgerRates), unit: "events/s", runs: slowRuns });
    figures.push({
      key: "fileToTablesRatio", label: "file -> tables / bare parse (median of each round's ratio)", value: ratio, unit: "ratio", runs,
      target: { text: `>= ${TARGETS.fileToTablesRatioMin}`, met: ratio >= TARGETS.fileToTablesRatioMin },
    });
    figures.push({ key: "fileToTablesOneThreadRatio", label: "file -> tables, one thread / bare parse", value: median(oneThreadRatios), unit: "ratio", runs });

    // Heap per stored event: load from the file (so no input string outlives the load), keep the ledger.
    fullGc();
    const heapBefore = process.memoryUsage().heapUsed;
    const ledger = loadLedger(file);
    fullGc();
    const heapAfter = process.memoryUsage().heapUsed;
    if (collectGarbage !== undefined) {
      const perEvent = (heapAfter - heapBefore) / n;
      figures.push({
        key: "heapPerEvent", label: "heap per stored event (ledger with aggregate)", value: perEvent, unit: "bytes/event", runs: 1,
        target: { text: `<= ${TARGETS.heapBytesPerEventMax}`, met: perEvent <= TARGETS.heapBytesPerEventMax },
      });
    }
    progress(`heap: ${((heapAfter - heapBefore) / 2 ** 20).toFixed(1)} MiB for ${n.toLocaleString("en-US")} events`);

    // Incremental: one small expenditure at a time into the open year of a ledger holding N events.
    const singles = smallExpenditures(ledger, lastYear, LATENCY_WARMUP + LATENCY_SAMPLES, "bench-single-");
    latenciesMicroseconds(singles.slice(0, LATENCY_WARMUP), (event) => ledger.append(event));
    const appendLatencies = latenciesMicroseconds(singles.slice(LATENCY_WARMUP), (event) => ledger.append(event));
    const appendMedian = median(appendLatencies);
    figures.push({
      key: "appendLatencyMedian", label: `one append to a ledger of N events, median of ${LATENCY_SAMPLES}`, value: appendMedian, unit: "µs", runs: LATENCY_SAMPLES,
      target: { text: `<= ${TARGETS.appendLatencyMedianMicrosecondsMax}`, met: appendMedian <= TARGETS.appendLatencyMedianMicrosecondsMax },
    });
    figures.push({ key: "appendLatencyP99", label: "one append, p99", value: quantile(appendLatencies, 0.99), unit: "µs", runs: LATENCY_SAMPLES });
    const withTables = smallExpenditures(ledger, lastYear, TABLES_WARMUP + TABLES_SAMPLES, "bench-tables-");
    const step = (event: LedgerEvent): void => {
      ledger.append(event);
      ledger.tables(lastYear);
    };
    latenciesMicroseconds(withTables.slice(0, TABLES_WARMUP), step);
    const tableLatencies = latenciesMicroseconds(withTables.slice(TABLES_WARMUP), step);
    figures.push({ key: "appendAndTablesMedian", label: `one append + the ten tables of its year, median of ${TABLES_SAMPLES}`, value: median(tableLatencies), unit: "µs", runs: TABLES_SAMPLES });
    figures.push({ key: "appendAndTablesP99", label: "one append + ten tables, p99", value: quantile(tableLatencies, 0.99), unit: "µs", runs: TABLES_SAMPLES });
    // What-if scenarios on the same ledger (bench/scenarios.ts).
    figures.push(...benchScenarios(ledger, lastYear, { progress, ...(collectGarbage === undefined ? {} : { collectGarbage: fullGc }) }));
    if (sink === -1) progress("unreachable");
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }

  printReport(heading(options, loadBefore), figures, secondsSince(started));
  if (options.json) printJson(n, figures, (figure) => (figure.unit === "ratio" ? 4 : 2));
}

// `--sqlite`: the SQLite store's benchmark (bench/stores.ts) instead of the in-memory one.
if (process.argv.includes("--sqlite")) {
  runSqliteBench(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`bench --sqlite: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
} else if (process.argv.includes("--postgres")) {
  runPostgresBench(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`bench --postgres: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
} else {
  main().catch((error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
