/**
 * What the benchmarks share: their options, statistics, garbage collection,
 * progress lines, number formats and the report's figure table and JSON line.
 *
 * @module
 */
import { arch, cpus, loadavg, platform, release, totalmem } from "node:os";

/** One figure of a report. */
export interface Figure {
  /** The figure's name in the JSON line. */
  readonly key: string;
  /** The figure's name in the table. */
  readonly label: string;
  /** The median of its runs. */
  readonly value: number;
  /** Its unit, as printed. */
  readonly unit: string;
  /** How many runs (or samples) the median is of. */
  readonly runs: number;
  /** The target from the issue, and whether the value meets it. */
  readonly target?: { readonly text: string; readonly met: boolean };
}

/** The options every benchmark takes. */
export interface Options {
  /** `--events N`: how many synthetic events (default 1,000,000). */
  readonly events: number;
  /** `--seed S`: the generator's seed (default 1). */
  readonly seed: number;
  /** `--runs R`, when given: repetitions of each repeated figure. */
  readonly runs: number | undefined;
  /** `--json`: a JSON line after the report. */
  readonly json: boolean;
}

/** Which benchmark: the in-memory ledger (`""`) or a store's. */
export type Mode = "" | "--sqlite" | "--postgres";

/**
 * Prints the usage line (after `message`, when given) to stderr and exits:
 * with 2 after a message, else with 0.
 *
 * @param mode - the benchmark, named in the message and the usage line
 * @param message - what was wrong with the arguments
 */
export function usage(mode: Mode, message?: string): never {
  if (message !== undefined) process.stderr.write(`bench${mode === "" ? "" : ` ${mode}`}: ${message}\n`);
  process.stderr.write(`usage: node --expose-gc dist-bench/bench/main.js${mode === "" ? "" : ` ${mode}`} [--events N] [--seed S] [--runs R] [--json]\n`);
  process.exit(message === undefined ? 0 : 2);
}

/**
 * A whole number from `min` to `max` (`_` and `,` allowed as separators), or
 * the usage error.
 *
 * @param mode - the benchmark, for the usage error
 * @param name - the option, for the message
 * @param text - the option's value, if any
 */
export function parseWhole(mode: Mode, name: string, text: string | undefined, min: number, max: number): number {
  if (text === undefined) usage(mode, `${name} needs a value`);
  const value = Number(text.replace(/[_,]/g, ""));
  if (!Number.isSafeInteger(value) || value < min || value > max) usage(mode, `${name} must be a whole number from ${min} to ${max}`);
  return value;
}

/**
 * Parses `--events N`, `--seed S`, `--runs R`, `--json` and `--help` (also as
 * `--name=value`), skipping the mode's own flag; anything else is the usage error.
 *
 * @param argv - the arguments after the script
 * @param mode - the benchmark
 * @param minEvents - the smallest `--events` accepted
 */
export function parseOptions(argv: readonly string[], mode: Mode, minEvents = 1): Options {
  let events = 1_000_000;
  let seed = 1;
  let runs: number | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (mode !== "" && name === mode) continue;
    if (name === "--events") events = parseWhole(mode, name, value(), minEvents, 20_000_000);
    else if (name === "--seed") seed = parseWhole(mode, name, value(), -2_147_483_648, 4_294_967_295);
    else if (name === "--runs") runs = parseWhole(mode, name, value(), 1, 100);
    else if (name === "--json") json = true;
    else if (name === "--help" || name === "-h") usage(mode);
    else usage(mode, `unknown argument ${arg}`);
  }
  return { events, seed, runs, json };
}

/** The q-quantile of `values` by linear interpolation between order statistics (NaN when empty). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = sorted[Math.floor(position)] as number;
  const high = sorted[Math.ceil(position)] as number;
  return low + (high - low) * (position - Math.floor(position));
}

/** The median of `values` (NaN when empty). */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Events per append in every benchmark: the batch size the issues' targets are stated for. */
export const BATCH_SIZE = 1_000;

/** Fewest runs of each reopen figure of the store benchmarks (a reopen is quick; more runs steady the median). */
export const REOPEN_RUNS_MIN = 7;

/** `global.gc` when the process runs with `--expose-gc`. */
export const collectGarbage: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

/** A full collection (two passes of `global.gc`), or nothing without `--expose-gc`. */
export function fullGc(): void {
  collectGarbage?.();
  collectGarbage?.();
}

/** Appends `events` to a store in batches of {@link BATCH_SIZE}, each awaited before the next. */
export async function appendInBatches(store: { append(events: readonly unknown[]): Promise<unknown> }, events: readonly unknown[]): Promise<void> {
  for (let at = 0; at < events.length; at += BATCH_SIZE) await store.append(events.slice(at, at + BATCH_SIZE));
}

/** Appends called and not yet settled at once by {@link appendInFlight}: as many as a PostgreSQL store keeps in flight by default. */
export const IN_FLIGHT = 4;

/**
 * Appends `events` in batches of {@link BATCH_SIZE}, calling the next while
 * up to {@link IN_FLIGHT} are unsettled — as a service appending what its
 * requests bring. Each batch is still its own transaction, committed to disk
 * before its append resolves, in call order.
 */
export async function appendInFlight(store: { append(events: readonly unknown[]): Promise<unknown> }, events: readonly unknown[]): Promise<void> {
  const pending: Promise<unknown>[] = [];
  for (let at = 0; at < events.length; at += BATCH_SIZE) {
    pending.push(store.append(events.slice(at, at + BATCH_SIZE)));
    if (pending.length >= IN_FLIGHT) await pending.shift();
  }
  await Promise.all(pending);
}

/** Seconds since `start`, a `process.hrtime.bigint()` reading. */
export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/**
 * A writer of progress lines to stderr, each after `[prefix] `.
 *
 * @param prefix - e.g. `bench` or `bench --sqlite`
 */
export function progressTo(prefix: string): (text: string) => void {
  return (text) => void process.stderr.write(`[${prefix}] ${text}\n`);
}

/** Seconds `work` takes, after one `global.gc`. */
export async function timeOnce(work: () => Promise<unknown>): Promise<number> {
  collectGarbage?.();
  const start = process.hrtime.bigint();
  await work();
  return secondsSince(start);
}

/**
 * Times `work` `runs` times, reporting each run, and returns each run's seconds.
 *
 * @param progress - where each run's line goes
 */
export async function timeRuns(runs: number, what: string, progress: (text: string) => void, work: () => Promise<unknown>): Promise<number[]> {
  const found: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const seconds = await timeOnce(work);
    found.push(seconds);
    progress(`${what}: run ${run}/${runs}: ${seconds.toFixed(3)} s`);
  }
  return found;
}

/** What {@link timePairs} measured: each side's seconds and each round's ratio (first side over second). */
export interface PairedTimes {
  readonly first: number[];
  readonly second: number[];
  readonly ratios: number[];
}

/** What a floor comparison measured: the store's awaited appends (first), the database alone (second), and the store with appends in flight. */
export interface FloorTimes extends PairedTimes {
  readonly inFlight: number[];
}

/**
 * Times two pieces of work in turns, round after round, so that a machine
 * slowing down or speeding up meanwhile moves both alike: a figure that
 * compares them is the median of each round's ratio. Each run starts from a
 * collected heap (with `--expose-gc`), so that neither pays for the other's
 * garbage.
 *
 * @param runs - rounds
 * @param what - names the two, for progress
 * @param progress - where progress goes
 * @param first - the work whose time is the ratio's numerator
 * @param second - the work whose time is the denominator
 * @returns the seconds of each and each round's first / second
 */
export async function timePairs(
  runs: number,
  what: readonly [string, string],
  progress: (text: string) => void,
  first: () => Promise<unknown>,
  second: () => Promise<unknown>,
): Promise<PairedTimes> {
  const times: PairedTimes = { first: [], second: [], ratios: [] };
  for (let run = 1; run <= runs; run++) {
    fullGc();
    const a = await timeOnce(first);
    fullGc();
    const b = await timeOnce(second);
    times.first.push(a);
    times.second.push(b);
    times.ratios.push(a / b);
    progress(`${what[0]} ${a.toFixed(3)} s, ${what[1]} ${b.toFixed(3)} s: round ${run}/${runs}`);
  }
  return times;
}

/** A figure's value as the table prints it: ratios with 2 decimals, `×` with 1, else about 3 significant digits. */
export function formatNumber(value: number, unit: string): string {
  if (unit === "ratio") return value.toFixed(2);
  if (unit === "×") return value.toFixed(1);
  if (value >= 1_000) return Math.round(value).toLocaleString("en-US");
  return value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2);
}

/** A load average (1, 5, 15 min) as `0.12 0.34 0.56`. */
export function formatLoad(load: readonly number[]): string {
  return load.map((value) => value.toFixed(2)).join(" ");
}

/** `machine: N CPUs (model), M GiB, platform release arch`. */
export function machineLine(): string {
  const cpuList = cpus();
  return `machine: ${cpuList.length} CPUs (${cpuList[0]?.model.trim() ?? "unknown"}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${platform()} ${release()} ${arch()}`;
}

/** `load average (1, 5, 15 min): … at start, … at end`, the end being now. */
export function loadLine(loadBefore: readonly number[]): string {
  return `load average (1, 5, 15 min): ${formatLoad(loadBefore)} at start, ${formatLoad(loadavg())} at end`;
}

/**
 * Prints a report to stdout: the heading lines, a blank line, the aligned
 * figure table (figure, median, unit, runs, target, met), the total time.
 *
 * @param heading - the benchmark's own lines (title, size, machine, load)
 * @param totalSeconds - how long the whole benchmark took
 */
export function printReport(heading: readonly string[], figures: readonly Figure[], totalSeconds: number): void {
  const rows = figures.map((f) => [f.label, formatNumber(f.value, f.unit), f.unit, String(f.runs), f.target?.text ?? "", f.target === undefined ? "" : f.target.met ? "met" : "MISSED"]);
  const header = ["figure", "median", "unit", "runs", "target", ""];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const row = (cells: readonly string[]): string =>
    cells.map((cell, i) => (i === 1 || i === 3 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join("  ").trimEnd();
  const lines = [...heading, "", row(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(row), "", `total time: ${totalSeconds.toFixed(1)} s`];
  process.stdout.write(`${lines.join("\n")}\n`);
}

/**
 * Prints the JSON line `{"events": {"value": N, "unit": "events"}, "<key>": {"value", "unit"}, …}`.
 *
 * @param events - N
 * @param digits - decimals kept of a figure's value
 */
export function printJson(events: number, figures: readonly Figure[], digits: (figure: Figure) => number = () => 2): void {
  const json: Record<string, { value: number; unit: string }> = { events: { value: events, unit: "events" } };
  for (const figure of figures) json[figure.key] = { value: Number(figure.value.toFixed(digits(figure))), unit: figure.unit };
  process.stdout.write(`${JSON.stringify(json)}\n`);
}
