/**
 * A scenario against its baseline: every table cell and narrative figure
 * that changes, and every fund or budget line that would run short.
 *
 * The tables take the fast path: the baseline's tables (cached per ledger,
 * version and year) plus the tables of the scenario's own events alone
 * (`fork.delta()`, a handful of cells), cell by cell — so comparing costs
 * about the same on a ledger of a million events as on one of a hundred.
 * The narrative is computed on the whole fork (slower: it reads the
 * previous year too).
 *
 * @module
 */
import type { Ledger } from "../ledger/ledger.js";
import { narrativeFigures, type NarrativeReport } from "../narrative/figures.js";
import { buildTables } from "../tables/report.js";
import type { Table, TableId } from "../tables/table.js";
import type { ScenarioRun } from "./applyScenario.js";
import { ScenarioError, scenarioIssue } from "./scenarioIssues.js";
import { diffNarrative, type FigureChange } from "./narrativeDiff.js";
import { addPositions, positionsOf, shortfallsOf, type Positions, type Shortfall } from "./shortfalls.js";
import { addTables, diffDelta, diffTables, type CellChange } from "./tableDiff.js";

/** Options of {@link compareScenario}. */
export interface CompareOptions {
  /** List every cell and figure, changed or not (default: only the changed ones). */
  readonly all?: boolean;
  /** Compare the narrative figures too (default true; they cost a pass over the whole fork). */
  readonly narrative?: boolean;
}

/** A scenario compared with its baseline. */
export interface ScenarioComparison {
  /** The scenario's name. */
  readonly name: string;
  /** Its description, if any. */
  readonly description?: string;
  /** The year compared. */
  readonly year: number;
  /** How many adjustments it has. */
  readonly adjustments: number;
  /** How many events they appended. */
  readonly events: number;
  /** Table cells, baseline against scenario (the changed ones unless `all`). */
  readonly changes: readonly CellChange[];
  /** Narrative figures, baseline against scenario (the changed ones unless `all`); empty when not compared. */
  readonly narrative: readonly FigureChange[];
  /** What runs short in the scenario. */
  readonly shortfalls: readonly Shortfall[];
  /** What runs short in the baseline already. */
  readonly baselineShortfalls: readonly Shortfall[];
  /** Whether unchanged cells and figures are listed too. */
  readonly all: boolean;
  /** The titles of the ten tables, by id. */
  readonly tableTitles: Readonly<Partial<Record<TableId, string>>>;
  /** The names of the units the fork knows, by id. */
  readonly unitNames: Readonly<Record<string, string>>;
}

interface BaselineYear {
  tables?: Table[];
  positions?: Positions;
  narrative?: NarrativeReport;
}

/** What is computed once per baseline ledger, version and year. */
const baselines = new WeakMap<Ledger, { version: number; years: Map<number, BaselineYear> }>();

function baselineYear(ledger: Ledger, year: number): BaselineYear {
  let entry = baselines.get(ledger);
  if (entry === undefined || entry.version !== ledger.version) {
    entry = { version: ledger.version, years: new Map() };
    baselines.set(ledger, entry);
  }
  let found = entry.years.get(year);
  if (found === undefined) {
    found = {};
    entry.years.set(year, found);
  }
  return found;
}

/**
 * The ten tables of a ledger's year, computed once per version and kept
 * while the ledger lives. Read them, never change them.
 *
 * @param ledger - a ledger
 * @param year - a year
 * @returns its ten tables
 */
export function baselineTables(ledger: Ledger, year: number): readonly Table[] {
  const cached = baselineYear(ledger, year);
  cached.tables ??= ledger.tables(year);
  return cached.tables;
}

function baselinePositions(ledger: Ledger, year: number): Positions {
  const cached = baselineYear(ledger, year);
  cached.positions ??= positionsOf(ledger.aggregate().years.get(year));
  return cached.positions;
}

function baselineNarrative(ledger: Ledger, year: number): NarrativeReport {
  const cached = baselineYear(ledger, year);
  cached.narrative ??= narrativeFigures(ledger, year);
  return cached.narrative;
}

/**
 * Refuses to compare a run whose baseline has been appended to since it was
 * forked: the fork still continues the baseline as it was, so the baseline's
 * tables now would not be what the scenario changed.
 */
function assertBaselineStill(run: ScenarioRun): void {
  if (run.baseline.version === run.fork.forkedAt) return;
  throw new ScenarioError([
    scenarioIssue("baseline_moved", ["baseline"], run.baseline.version, `the baseline has moved from version ${run.fork.forkedAt} to ${run.baseline.version} since the scenario was applied: apply it again`),
  ]);
}

/**
 * The scenario's ten tables of its year: the baseline's plus those of the
 * scenario's own events, cell by cell (equal, cell for cell, to the tables
 * built from the fork's whole aggregate).
 *
 * @param run - an applied scenario
 * @returns the ten tables
 */
export function scenarioTables(run: ScenarioRun): Table[] {
  assertBaselineStill(run);
  const delta = buildTables(run.fork.delta(), run.year, run.fork.catalog);
  return addTables(baselineTables(run.baseline, run.year), delta);
}

/**
 * The table cells a scenario changes, baseline against scenario.
 *
 * @param run - an applied scenario
 * @param options - `all` to list unchanged cells too
 * @returns the cells in table, row and column order
 */
export function scenarioChanges(run: ScenarioRun, options: { readonly all?: boolean } = {}): CellChange[] {
  assertBaselineStill(run);
  if (options.all === true) return diffTables(baselineTables(run.baseline, run.year), scenarioTables(run), options);
  return diffDelta(baselineTables(run.baseline, run.year), buildTables(run.fork.delta(), run.year, run.fork.catalog));
}

/**
 * The shortfalls of a scenario's year, and of its baseline's.
 *
 * @param run - an applied scenario
 * @returns the scenario's and the baseline's shortfalls
 */
export function scenarioShortfalls(run: ScenarioRun): { readonly scenario: Shortfall[]; readonly baseline: Shortfall[] } {
  assertBaselineStill(run);
  const base = baselinePositions(run.baseline, run.year);
  const own = positionsOf(run.fork.delta().years.get(run.year));
  return { scenario: shortfallsOf(addPositions(base, own)), baseline: shortfallsOf(base) };
}

/**
 * Compares a scenario with its baseline: table cells, narrative figures and shortfalls.
 *
 * @param run - an applied scenario
 * @param options - `all` to list unchanged cells and figures; `narrative: false` to skip the figures
 * @returns the comparison
 * @throws {@link ScenarioError} (`baseline_moved`) when the baseline has been appended to since the scenario was applied
 *
 * @example
 * ```ts
 * const run = applyScenario(ledger, scenario, { year: 2020 });
 * const { changes, shortfalls } = compareScenario(run);
 * ```
 */
export function compareScenario(run: ScenarioRun, options: CompareOptions = {}): ScenarioComparison {
  assertBaselineStill(run);
  const all = options.all === true ? { all: true } : {};
  const narrative = options.narrative === false ? [] : diffNarrative(baselineNarrative(run.baseline, run.year), narrativeFigures(run.fork, run.year), all);
  const { scenario, baseline } = scenarioShortfalls(run);
  return {
    name: run.scenario.name,
    ...(run.scenario.description === undefined ? {} : { description: run.scenario.description }),
    year: run.year,
    adjustments: run.scenario.adjustments.length,
    events: run.eventCounts.reduce((sum, count) => sum + count, 0),
    changes: scenarioChanges(run, all),
    narrative,
    shortfalls: scenario,
    baselineShortfalls: baseline,
    all: options.all === true,
    tableTitles: Object.fromEntries(baselineTables(run.baseline, run.year).map((table) => [table.id, table.title])),
    unitNames: Object.fromEntries([...run.fork.units().values()].map((unit) => [unit.id, unit.name])),
  };
}
