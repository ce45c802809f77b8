/**
 * Where a command's events come from: a file the user names (`--events`) or
 * a bundled example (`--example`), at `<package root>/examples/<NAME>/` with
 * its `events.jsonl` and, optionally, an `example.json` giving its
 * department, default year and catalog extension.
 *
 * @module
 */
import { readdir } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Catalog, CatalogExtension } from "../catalog/catalog.js";
import { LIMITS } from "../events/validate.js";
import type { Ledger } from "../ledger/ledger.js";
import { catalogExtensionOf, catalogFrom, mergeExtensions, readCatalogExtension } from "./catalogFile.js";
import { invalidInput, usageError } from "./cliError.js";
import type { Flags } from "./flags.js";
import { projectEvents, readEvents } from "./readEvents.js";
import type { Projector } from "../ledger/projector.js";
import { exists, isRecord, readJsonFile } from "./files.js";
import { ledgerOfStore, openStoreFromFlag, projectorOfStore } from "./storeSource.js";
import { departmentName } from "../tables/report.js";

/** The bundled examples, beside `dist/` (or `src/`) in the package root. */
export const BUNDLED_EXAMPLES = new URL("../../examples/", import.meta.url);

/** The reference department's example. */
export const REFERENCE_EXAMPLE = "guangzhou-cac-2020";

/** An events file and what is known about it. */
export interface EventSource {
  /** Its path. */
  readonly path: string;
  /** Its name in messages. */
  readonly name: string;
  /** The year a command reports when none is given. */
  readonly defaultYear?: number;
  /** The department's name, when its events do not register one. */
  readonly department?: string;
  /** Codes its events use beyond the bundled catalog. */
  readonly catalog?: CatalogExtension;
  /** The durable store the events are read from (`--store sqlite:PATH` or `postgres://…`), instead of a file. */
  readonly store?: string;
}

/** What a command needs to find files. */
export interface SourceContext {
  /** The directory relative paths start from. */
  readonly cwd: string;
  /** The directory holding the examples. */
  readonly examples: URL;
}

/** Default years of bundled examples that have no example.json saying so. */
const BUILT_IN_DEFAULT_YEARS: Readonly<Record<string, number>> = { [REFERENCE_EXAMPLE]: 2020 };

const EXAMPLE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;


/**
 * The names of the examples in a directory.
 *
 * @param examples - the directory
 * @returns the names, sorted; empty when the directory is missing
 */
export async function listExamples(examples: URL): Promise<string[]> {
  try {
    const entries = await readdir(examples, { withFileTypes: true });
    return entries.filter((entry) => entry.isDirectory() && EXAMPLE_NAME.test(entry.name)).map((entry) => entry.name).sort();
  } catch {
    return [];
  }
}

/**
 * A bundled example as a source, with its `example.json` when present.
 *
 * @param name - the example's name, e.g. `guangzhou-cac-2020`
 * @param examples - the directory holding the examples
 * @returns the source
 * @throws {@link CliError} (usage) for a name that is not an example,
 *   (invalid input) for a wrong example.json
 */
export async function exampleSource(name: string, examples: URL): Promise<EventSource> {
  const known = await listExamples(examples);
  if (!EXAMPLE_NAME.test(name) || !known.includes(name)) {
    throw usageError(`no such example: ${name} (${known.length === 0 ? "no examples are installed" : `examples: ${known.join(", ")}`})`);
  }
  const directory = new URL(`${name}/`, examples);
  const path = fileURLToPath(new URL("events.jsonl", directory));
  const builtInYear = BUILT_IN_DEFAULT_YEARS[name];
  const base: EventSource = { path, name: `examples/${name}/events.jsonl`, ...(builtInYear === undefined ? {} : { defaultYear: builtInYear }) };
  const metaName = `examples/${name}/example.json`;
  const metaPath = fileURLToPath(new URL("example.json", directory));
  if (!(await exists(metaPath))) return base;
  const meta = await readJsonFile(metaPath, metaName);
  if (!isRecord(meta)) throw invalidInput(`${metaName}: an example is an object {"name", "department", "defaultYear", "catalog"}`);
  const { department, defaultYear, catalog } = meta;
  if (department !== undefined && typeof department !== "string") throw invalidInput(`${metaName}: department must be a string`);
  let year = base.defaultYear;
  if (defaultYear !== undefined) {
    if (typeof defaultYear !== "number" || !Number.isInteger(defaultYear) || defaultYear < LIMITS.yearMin || defaultYear > LIMITS.yearMax) {
      throw invalidInput(`${metaName}: defaultYear must be a year from ${LIMITS.yearMin} to ${LIMITS.yearMax}`);
    }
    year = defaultYear;
  }
  return {
    ...base,
    ...(department === undefined ? {} : { department }),
    ...(year === undefined ? {} : { defaultYear: year }),
    ...(catalog === undefined ? {} : { catalog: catalogExtensionOf(catalog, `${metaName}: catalog`) }),
  };
}

/**
 * The source a command names: exactly one of `--events FILE` and `--example NAME`.
 *
 * @param command - the command, for messages
 * @param flags - its flags
 * @param context - working directory and examples
 * @returns the source
 * @throws {@link CliError} (usage) when neither or both are given
 */
export async function sourceFromFlags(command: string, flags: Flags, context: SourceContext): Promise<EventSource> {
  const events = flags.value("events");
  const example = flags.value("example");
  const store = flags.value("store");
  if (store !== undefined) {
    if (events !== undefined || example !== undefined) throw usageError(`${command}: give one of --events FILE, --example NAME and --store STORE`);
    return storeSourceOf(store, flags.value("year") === undefined, context.cwd);
  }
  if (events !== undefined && example !== undefined) throw usageError(`${command}: give --events FILE or --example NAME, not both`);
  if (example !== undefined) return exampleSource(example, context.examples);
  if (events !== undefined) return { path: resolve(context.cwd, events), name: events };
  throw usageError(`${command} needs --events FILE or --example NAME`);
}

/** A source read into a ledger. */
export interface LoadedSource {
  /** The ledger of its events. */
  readonly ledger: Ledger;
  /** The source. */
  readonly source: EventSource;
}

/**
 * Reads a source's events into a ledger whose catalog is the bundled one
 * extended by the source's codes and by `--catalog FILE`.
 *
 * @param source - the events
 * @param catalogFile - the `--catalog` argument, if any
 * @param cwd - the directory it is relative to
 * @returns the ledger
 * @throws {@link CliError} naming the file, the line and the problem
 */
export async function loadSource(source: EventSource, catalogFile: string | undefined, cwd: string): Promise<LoadedSource> {
  const catalog = await sourceCatalog(source, catalogFile, cwd);
  if (source.store !== undefined) {
    const store = await openStoreFromFlag(source.store, cwd, { create: false, ...(catalog === undefined ? {} : { catalog }) });
    try {
      return { ledger: (await ledgerOfStore(store)).ledger, source };
    } finally {
      await store.close();
    }
  }
  const { ledger } = await readEvents(source.path, { name: source.name, ...(catalog === undefined ? {} : { catalog }) });
  return { ledger, source };
}

/**
 * Projects a source's events into tables without keeping them (for commands
 * that only print tables), with the same catalog and checks as {@link loadSource}.
 *
 * @param source - the events
 * @param catalogFile - the `--catalog` argument, if any
 * @param cwd - the directory it is relative to
 * @returns the projector
 * @throws {@link CliError} naming the file, the line and the problem
 */
export async function projectSource(source: EventSource, catalogFile: string | undefined, cwd: string): Promise<{ readonly projector: Projector; readonly source: EventSource }> {
  const catalog = await sourceCatalog(source, catalogFile, cwd);
  if (source.store !== undefined) {
    const store = await openStoreFromFlag(source.store, cwd, { create: false, ...(catalog === undefined ? {} : { catalog }) });
    try {
      return { projector: await projectorOfStore(store), source };
    } finally {
      await store.close();
    }
  }
  const { projector } = await projectEvents(source.path, { name: source.name, ...(catalog === undefined ? {} : { catalog }) });
  return { projector, source };
}

/**
 * A durable store as a source (`--store`): when the command will need a
 * default year, the store is opened to find its latest year and department.
 *
 * @param text - the `--store` value
 * @param needsYear - whether no `--year` was given
 * @param cwd - the working directory
 * @returns the source
 * @throws {@link CliError} when the store cannot be opened
 */
export async function storeSourceOf(text: string, needsYear: boolean, cwd: string): Promise<EventSource> {
  const base: EventSource = { path: "", name: text, store: text };
  if (!needsYear) return base;
  const store = await openStoreFromFlag(text, cwd, { create: false });
  try {
    const aggregate = await store.live();
    // The latest year with money in it (a closed year's successor holds only its openings until it has events).
    const all = [...aggregate.years.values()];
    const busy = all.filter((year) => year.receipts.length + year.expenditures.length + year.appropriations.length > 0);
    const years = (busy.length > 0 ? busy : all).map((year) => year.year);
    const department = departmentName(aggregate);
    return { ...base, ...(years.length === 0 ? {} : { defaultYear: Math.max(...years) }), ...(department === "" ? {} : { department }) };
  } finally {
    await store.close();
  }
}

async function sourceCatalog(source: EventSource, catalogFile: string | undefined, cwd: string): Promise<Catalog | undefined> {
  const fromFile = catalogFile === undefined ? undefined : await readCatalogExtension(resolve(cwd, catalogFile), catalogFile);
  const extension = mergeExtensions(source.catalog, fromFile);
  return extension === undefined ? undefined : catalogFrom(extension, catalogFile ?? source.name);
}

/**
 * Reads `--year`, or the source's default year.
 *
 * @param command - the command, for messages
 * @param text - the flag's value, if given
 * @param source - the source, for its default year
 * @returns the year
 * @throws {@link CliError} (usage) when it is not a year, or missing without a default
 */
export function yearFromFlag(command: string, text: string | undefined, source: EventSource): number {
  if (text === undefined) {
    if (source.defaultYear !== undefined) return source.defaultYear;
    throw usageError(`${command} needs --year YEAR (${source.name} has no default year)`);
  }
  const year = /^\d{4}$/.test(text) ? Number(text) : Number.NaN;
  if (!(year >= LIMITS.yearMin && year <= LIMITS.yearMax)) throw usageError(`${command}: --year must be a year from ${LIMITS.yearMin} to ${LIMITS.yearMax}, not ${JSON.stringify(text)}`);
  return year;
}
