/**
 * The scenario benchmark, run by `npm run bench` on its ledger of N events:
 *
 * - fork + 1,000 adjustment events + the diff of all ten tables (target:
 *   ≤ 10 ms median), two ways — an `add` of 1,000 expenditures, and a `scale`
 *   whose filter selects about 1,000 cells (planning reads the aggregate);
 * - the same with the narrative figures and shortfalls (no target: the
 *   narrative reads the whole fork);
 * - 1,000 live forks with 100 adjustments each: heap beyond the baseline
 *   (target: ≤ 200 MB).
 *
 * @module
 */
import { applyScenario, compareScenario, scenarioChanges, type Adjustment, type Ledger, type ScenarioRun } from "../src/index.js";
import { median, type Figure } from "./support.js";

/** Targets from the issue. */
const TARGETS = { forkAdjustDiffMillisecondsMax: 10, liveForksHeapMegabytesMax: 200 } as const;

const WARMUP = 5;
const SAMPLES = 51;
const LIVE_FORKS = 1_000;
const ADJUSTMENTS_PER_FORK = 100;
const ADJUSTMENT_EVENTS = 1_000;

/** One figure, in the shape bench/main.ts prints. */
export type ScenarioFigure = Figure;

/** Options of {@link benchScenarios}. */
export interface ScenarioBenchOptions {
  /** Progress lines (to stderr). */
  readonly progress?: (text: string) => void;
  /** A full garbage collection, when exposed (`node --expose-gc`). */
  readonly collectGarbage?: () => void;
}

function millisecondsOf(step: () => void): number {
  const start = process.hrtime.bigint();
  step();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * The median of a timed step over fresh scenarios (each sample a new fork of
 * the same ledger). A step that returns a number has timed itself (leaving
 * out its preparation).
 */
function timed(step: (sample: number) => number | void): number {
  for (let sample = 0; sample < WARMUP; sample++) step(-1 - sample);
  const samples: number[] = [];
  for (let sample = 0; sample < SAMPLES; sample++) {
    let own: number | void = undefined;
    const total = millisecondsOf(() => {
      own = step(sample);
    });
    samples.push(typeof own === "number" ? own : total);
  }
  return median(samples);
}

/** The year's expenditure cells, largest first. */
function cellsOf(ledger: Ledger, year: number) {
  return (ledger.aggregate().years.get(year)?.expenditures ?? []).filter((cell) => cell.amountFen > 0);
}

/**
 * A filter selecting about `wanted` cells of the year: the unit with the most
 * cells, narrowed to enough of its functional classes.
 */
function filterOfAbout(ledger: Ledger, year: number, wanted: number): { readonly filter: Record<string, unknown>; readonly cells: number } {
  const byUnit = new Map<string, Map<string, number>>();
  for (const cell of cellsOf(ledger, year)) {
    const classes = byUnit.get(cell.unit) ?? new Map<string, number>();
    const code = cell.functional.slice(0, 3);
    classes.set(code, (classes.get(code) ?? 0) + 1);
    byUnit.set(cell.unit, classes);
  }
  const total = (classes: ReadonlyMap<string, number>): number => [...classes.values()].reduce((a, b) => a + b, 0);
  const [unit, classes] = [...byUnit].sort((a, b) => total(b[1]) - total(a[1]))[0] ?? ["", new Map<string, number>()];
  // The largest classes that fit, then smaller ones into what is left: close to `wanted` without passing it by much.
  const functional: string[] = [];
  let cells = 0;
  for (const [code, count] of [...classes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
    if (cells + count > wanted * 1.05) continue;
    functional.push(code);
    cells += count;
  }
  return { filter: { unit, functional }, cells };
}

/**
 * Runs the scenario figures on a ledger.
 *
 * @param ledger - the baseline (never changed)
 * @param year - an open year of it
 * @param options - progress and garbage collection
 * @returns the figures
 */
export function benchScenarios(ledger: Ledger, year: number, options: ScenarioBenchOptions = {}): ScenarioFigure[] {
  const progress = options.progress ?? (() => undefined);
  const gc = options.collectGarbage ?? (() => undefined);
  const figures: ScenarioFigure[] = [];
  const cells = cellsOf(ledger, year);
  const first = cells[0];
  if (first === undefined) {
    progress(`scenarios: ${year} has no spending; skipped`);
    return figures;
  }
  const target = (value: number): { readonly text: string; readonly met: boolean } => ({
    text: `<= ${TARGETS.forkAdjustDiffMillisecondsMax}`,
    met: value <= TARGETS.forkAdjustDiffMillisecondsMax,
  });

  // Fork + add 1,000 expenditures + the diff of all ten tables.
  const added = Array.from({ length: ADJUSTMENT_EVENTS }, (_, i) => {
    const cell = cells[i % cells.length] ?? first;
    const event: Record<string, unknown> = {
      type: "expenditureRecorded", unit: cell.unit, fund: cell.fund, functional: cell.functional, economic: cell.economic, category: cell.category, amountFen: 100 + i,
    };
    if (cell.project !== null) event["project"] = cell.project;
    return event;
  });
  scenarioChanges(applyScenario(ledger, { name: "bench-warm", adjustments: [] }, { year }));
  gc();
  const addMs = timed((sample) => {
    scenarioChanges(applyScenario(ledger, { name: `bench-add-${sample}`, adjustments: [{ kind: "add", events: added }] }, { year }));
  });
  figures.push({ key: "scenarioAddDiff", label: `fork + add ${ADJUSTMENT_EVENTS.toLocaleString("en-US")} expenditures + diff of ten tables, median`, value: addMs, unit: "ms", runs: SAMPLES, target: target(addMs) });
  progress(`scenarios: fork + add + diff ${addMs.toFixed(2)} ms`);

  // The ledger's share of that: a fork and an append of the same 1,000 events, complete with ids and year.
  let batchNumber = 0;
  const ledgerMs = timed(() => {
    const batch = added.map((event, i) => Object.assign({ id: `bench-floor-${batchNumber}-${i}`, year, adjustment: true }, event));
    batchNumber += 1;
    const start = process.hrtime.bigint();
    ledger.fork().append(batch);
    return Number(process.hrtime.bigint() - start) / 1e6;
  });
  figures.push({ key: "scenarioForkAppend", label: `of which the ledger: fork + append of ${ADJUSTMENT_EVENTS.toLocaleString("en-US")} events, median`, value: ledgerMs, unit: "ms", runs: SAMPLES });

  // Fork + scale a selection of about 1,000 cells + the diff.
  const { filter, cells: selected } = filterOfAbout(ledger, year, ADJUSTMENT_EVENTS);
  const scale: Adjustment = { kind: "scale", filter, percent: "-7.5" };
  let scaledEvents = 0;
  gc();
  const scaleMs = timed((sample) => {
    const run = applyScenario(ledger, { name: `bench-scale-${sample}`, adjustments: [scale] }, { year });
    scaledEvents = run.eventCounts[0] ?? 0;
    scenarioChanges(run);
  });
  figures.push({ key: "scenarioScaleDiff", label: `fork + scale ${selected.toLocaleString("en-US")} cells (${scaledEvents.toLocaleString("en-US")} events) + diff of ten tables, median`, value: scaleMs, unit: "ms", runs: SAMPLES, target: target(scaleMs) });
  progress(`scenarios: fork + scale + diff ${scaleMs.toFixed(2)} ms`);

  // The whole comparison: tables, narrative figures (on the whole fork) and shortfalls.
  gc();
  const fullMs = timed((sample) => {
    compareScenario(applyScenario(ledger, { name: `bench-full-${sample}`, adjustments: [scale] }, { year }));
  });
  figures.push({ key: "scenarioCompare", label: "fork + scale + diff of tables, narrative and shortfalls, median", value: fullMs, unit: "ms", runs: SAMPLES });
  progress(`scenarios: full comparison ${fullMs.toFixed(2)} ms`);

  // 1,000 live forks of 100 single-cell adjustments each.
  const single: Adjustment[] = Array.from({ length: ADJUSTMENTS_PER_FORK }, (_, i) => {
    const cell = cells[(i * 7919) % cells.length] ?? first;
    const only: Record<string, unknown> = { unit: cell.unit, fund: cell.fund, functional: cell.functional, economic: cell.economic, category: cell.category };
    if (cell.project !== null) only["project"] = cell.project;
    return { kind: "scale", filter: only, percent: i % 2 === 0 ? "-5" : "3" };
  });
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = process.hrtime.bigint();
  const live: ScenarioRun[] = [];
  for (let fork = 0; fork < LIVE_FORKS; fork++) {
    live.push(applyScenario(ledger, { name: `bench-live-${fork}`, adjustments: single }, { year }));
    if ((fork + 1) % 250 === 0) progress(`scenarios: ${fork + 1} live forks`);
  }
  const buildSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  gc();
  const heapMegabytes = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const events = live.reduce((sum, run) => sum + run.fork.own().length, 0);
  figures.push({
    key: "liveForksHeap",
    label: `heap of ${LIVE_FORKS.toLocaleString("en-US")} live forks x ${ADJUSTMENTS_PER_FORK} adjustments (${events.toLocaleString("en-US")} events)`,
    value: heapMegabytes, unit: "MB", runs: 1,
    target: { text: `<= ${TARGETS.liveForksHeapMegabytesMax}`, met: heapMegabytes <= TARGETS.liveForksHeapMegabytesMax },
  });
  figures.push({ key: "liveForksBuild", label: `apply ${ADJUSTMENTS_PER_FORK} adjustments to a fork, mean over ${LIVE_FORKS.toLocaleString("en-US")} forks`, value: (buildSeconds * 1_000) / LIVE_FORKS, unit: "ms", runs: LIVE_FORKS });
  progress(`scenarios: ${LIVE_FORKS} live forks: ${heapMegabytes.toFixed(1)} MB in ${buildSeconds.toFixed(1)} s`);
  if (live.length !== LIVE_FORKS) throw new Error("unreachable: the forks must stay alive until measured");
  return figures;
}
