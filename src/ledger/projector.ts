/**
 * The projector: the ledger's checks and fold without its log. It validates
 * every event exactly as a ledger does — shape, codes, units, reversals,
 * closed years, idempotent ids — and keeps the ten tables current, but keeps
 * no event: ids and payloads are remembered by 64-bit fingerprints. It is how
 * a large JSON Lines file becomes tables at close to the speed of parsing it,
 * in memory that grows with the tables, not with the events.
 *
 * @module
 */
import { defaultCatalog, type Catalog } from "../catalog/catalog.js";
import { ledgerErrorOf, type Result } from "../events/issues.js";
import type { ClosingBalance } from "../events/types.js";
import type { Aggregate } from "../projections/aggregate.js";
import { buildTables, departmentName, type Report } from "../tables/report.js";
import type { Table, TableId } from "../tables/table.js";
import { acceptBatch, type BatchKeeper } from "./batch.js";
import { createFingerprintMemory, type FingerprintMemory } from "./fingerprint.js";
import { createInterner } from "./interner.js";
import { createLedgerState, type LedgerState } from "./state.js";

/** What one call of {@link Projector.project} did. */
export interface ProjectResult {
  /** Events accepted by this call. */
  readonly accepted: number;
  /** Ids already accepted with the same payload (no-ops). */
  readonly unchanged: readonly string[];
  /** Events accepted so far. */
  readonly count: number;
}

/** Options of {@link createProjector}. */
export interface ProjectorOptions {
  /** Codes and layouts; the bundled 2020 catalog by default. */
  readonly catalog?: Catalog;
  /** Most events one call takes (default 100,000). */
  readonly batchMax?: number;
  /**
   * Events the projector will likely be given — e.g. a file's length over
   * the length of a typical line ({@link estimateEvents}). A hint: the memory
   * of ids is sized once for them instead of doubled up to them, which saves
   * the copies and first touches of memory a million ids cost. More or fewer
   * events are fine.
   */
  readonly expectedEvents?: number;
}

/** Bytes of a typical JSON Lines event (an expenditure with a project is about 200). */
const TYPICAL_LINE_BYTES = 200;

/**
 * The events a JSON Lines text of some length likely holds, for
 * {@link ProjectorOptions.expectedEvents}.
 *
 * @param bytes - the length of the file
 * @returns an estimate of its events
 */
export function estimateEvents(bytes: number): number {
  return Math.floor(Math.max(0, bytes) / TYPICAL_LINE_BYTES);
}

/** A validating fold of events into the tables, keeping no event. */
export interface Projector {
  /** The catalog events are checked against. */
  readonly catalog: Catalog;
  /** Events accepted so far. */
  readonly count: number;
  /** Checks and folds a batch atomically, as {@link Ledger.safeAppend} does. */
  safeProject(events: unknown): Result<ProjectResult>;
  /**
   * Checks and folds a batch atomically.
   *
   * @throws {@link LedgerError} with every issue; nothing changed
   */
  project(events: unknown): ProjectResult;
  /** The ten tables (or the chosen ones) of a year. */
  tables(year: number, ids?: readonly TableId[]): Table[];
  /** The ten tables of a year with the department's name. */
  report(year: number): Report;
  /** The closing balances a unit's year would close with now. */
  closingBalances(year: number, unit: string): ClosingBalance[];
  /** The live aggregate: read it, never change it. */
  aggregate(): Aggregate;
}

/**
 * What a projector is made of, for the code that adds events checked and
 * folded elsewhere to it ({@link attachDetached}).
 *
 * @internal
 */
export interface ProjectorParts {
  /** The checked and folded state. */
  readonly state: LedgerState;
  /** The ids taken, by fingerprint. */
  readonly memory: FingerprintMemory;
  /** What `acceptBatch` takes events into. */
  readonly keeper: BatchKeeper;
  /** The projector's string interner. */
  readonly intern: (text: string) => string;
}

/** The parts of the projectors this module made. */
const partsOf = new WeakMap<Projector, ProjectorParts>();

/**
 * The parts of a projector made by {@link createProjector}.
 *
 * @internal
 * @param projector - a projector
 * @returns its state, memory, keeper and interner
 * @throws when the projector was not made by {@link createProjector}
 */
export function projectorParts(projector: Projector): ProjectorParts {
  const parts = partsOf.get(projector);
  if (parts === undefined) throw new Error("not a projector made by createProjector");
  return parts;
}

/**
 * Creates an empty projector.
 *
 * @param options - catalog and bounds
 * @returns the projector
 *
 * @example
 * ```ts
 * const projector = createProjector();
 * for (const batch of batchesOfParsedLines) projector.project(batch);
 * projector.tables(2020);
 * ```
 */
export function createProjector(options: ProjectorOptions = {}): Projector {
  const catalog = options.catalog ?? defaultCatalog();
  const batchMax = options.batchMax ?? 100_000;
  const state = createLedgerState();
  const memory = createFingerprintMemory(options.expectedEvents ?? 0);
  const intern = createInterner();
  const keeper: BatchKeeper = {
    state,
    memory,
    freezes: false,
    keep: (event) => memory.add(event),
    forget: (events) => {
      for (const event of events) memory.remove(event.id);
    },
  };

  function safeProject(input: unknown): Result<ProjectResult> {
    const inputs: unknown[] = Array.isArray(input) ? input : [input];
    if (inputs.length > batchMax) {
      return { ok: false, issues: [{ code: "batch_too_large", path: [], size: inputs.length, max: batchMax, message: `one call takes at most ${batchMax} events` }] };
    }
    const outcome = acceptBatch(inputs, catalog, intern, keeper);
    if (!outcome.ok) return outcome;
    return { ok: true, value: { accepted: outcome.value.accepted.length, unchanged: outcome.value.unchanged, count: memory.size } };
  }

  const projector: Projector = {
    catalog,
    get count() {
      return memory.size;
    },
    safeProject,
    project(input) {
      const result = safeProject(input);
      if (!result.ok) throw ledgerErrorOf(result.issues);
      return result.value;
    },
    tables: (year, ids) => buildTables(state.aggregate, year, catalog, ids),
    report: (year) => ({ department: departmentName(state.aggregate), year, tables: buildTables(state.aggregate, year, catalog) }),
    closingBalances: state.closingOf,
    aggregate: () => state.aggregate,
  };
  partsOf.set(projector, { state, memory, keeper, intern });
  return projector;
}
