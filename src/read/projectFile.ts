/**
 * A JSON Lines file of events into tables, on several threads when the
 * file is large: the main thread checks and folds the first range of lines
 * into a projector, each other thread a later range into a detached
 * projector (`src/ledger/detached.ts`), and each range is then attached in
 * turn (`src/ledger/attach.ts`). The result is the projector one thread
 * reading every line in order would have made — the same tables, ids and
 * notes — and so are the errors: when a range cannot be attached (an event
 * in it is refused, or needs the lines before it to be judged and they say
 * otherwise), the main thread reads it line by line after the ranges
 * before it, and reports the first problem by its line as one thread would.
 *
 * @module
 */
import { closeSync, existsSync, fstatSync, openSync, readSync } from "node:fs";
import { availableParallelism } from "node:os";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Catalog } from "../catalog/catalog.js";
import { formatIssue, type LedgerIssue, type Result } from "../events/issues.js";
import { attachDetached } from "../ledger/attach.js";
import type { DetachedPart } from "../ledger/detached.js";
import { createProjector, estimateEvents, type Projector } from "../ledger/projector.js";
import { unpackAggregate } from "../projections/serialize.js";
import { LineTooLongError, readLines } from "./lines.js";
import type { WorkerReply, WorkerTask } from "./wire.js";

/** Events checked and folded at once. */
const BATCH_SIZE = 1_000;

/** Files shorter than this are read by one thread: starting a second costs more than it saves. */
const PARALLEL_BYTES_MIN = 8 * 1024 * 1024;

/**
 * The first range's length against each other's: the other threads start
 * late (a thread and its modules take a fifth of a second to load) and the
 * first does the attaching, so it takes a little more.
 */
const FIRST_RANGE_WEIGHT = 1.3;

/** The most threads that read one file by default. */
const THREADS_MAX = 4;

/** Options of {@link projectFile}. */
export interface ProjectFileOptions {
  /** Codes and layouts; the bundled 2020 catalog by default. */
  readonly catalog?: Catalog;
  /** The file as messages name it (the path by default). */
  readonly name?: string;
  /**
   * Threads that read the file, each a range of about equal length (by
   * default as many as the machine has processors, at most four, for a
   * file of at least 8 MiB; else one).
   */
  readonly threads?: number;
}

/** What {@link projectFile} read. */
export interface ProjectedFile {
  /** The projector holding every event of the file. */
  readonly projector: Projector;
  /** Lines read, blank ones included. */
  readonly lines: number;
  /** Threads whose reading went into the projector: 1 and the ranges read by other threads and attached. */
  readonly threads: number;
}

/** A problem with an events file: a line that is not JSON or an event refused, named by its line. */
export class EventFileError extends Error {
  override readonly name = "EventFileError";
  /** The 1-based line of the problem (undefined when it is the file's, not a line's). */
  readonly line: number | undefined;
  constructor(message: string, line: number | undefined) {
    super(message);
    this.line = line;
  }
}

/**
 * One line for the first issue of a refused batch, at its line of the file.
 *
 * @param issues - the batch's issues (paths start with the index in the batch)
 * @param lineNumbers - the line of each event of the batch
 * @param name - the file as messages name it
 * @returns `name:line: problem`, with how many more problems the line has
 */
export function describeIssues(issues: readonly LedgerIssue[], lineNumbers: readonly number[], name: string): string {
  const first = issues[0];
  if (first === undefined) return `${name}: the events were refused`;
  const [index, ...rest] = first.path;
  const lineNumber = typeof index === "number" ? lineNumbers[index] : undefined;
  const where = lineNumber === undefined ? name : `${name}:${lineNumber}`;
  const detail = formatIssue({ ...first, path: rest.length > 0 ? rest : ["event"] });
  const more = typeof index === "number" ? issues.filter((issue) => issue.path[0] === index).length - 1 : issues.length - 1;
  return `${where}: ${detail}${more > 0 ? ` (and ${more} more problem${more === 1 ? "" : "s"} on this line)` : ""}`;
}

/** Takes a batch of parsed events: a ledger's `safeAppend`, a projector's `safeProject`. */
export type BatchSink = (batch: readonly unknown[]) => Result<unknown>;

/**
 * Reads the lines of a byte range into a sink, in batches, as one thread
 * reads a file.
 *
 * @returns the number of the last line read
 * @throws {@link EventFileError} at the first problem
 */
function readRange(fd: number, start: number, end: number, firstLine: number, sink: BatchSink, name: string, batchSize = BATCH_SIZE): number {
  let batch: unknown[] = [];
  let lineNumbers: number[] = [];
  const flush = (): void => {
    if (batch.length === 0) return;
    const result = sink(batch);
    if (!result.ok) {
      const lineOf = lineNumbers[typeof result.issues[0]?.path[0] === "number" ? (result.issues[0].path[0] as number) : 0];
      throw new EventFileError(describeIssues(result.issues, lineNumbers, name), lineOf);
    }
    batch = [];
    lineNumbers = [];
  };
  let last: number;
  try {
    last = readLines(fd, start, end, firstLine, (text, line) => {
      if (text.trim() === "") return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        flush(); // an event on an earlier line may be the first problem
        throw new EventFileError(`${name}:${line}: not valid JSON (${error instanceof Error ? error.message : String(error)})`, line);
      }
      batch.push(parsed);
      lineNumbers.push(line);
      if (batch.length >= batchSize) flush();
    });
  } catch (error) {
    if (!(error instanceof LineTooLongError)) throw error;
    flush();
    throw new EventFileError(`${name}:${error.line}: ${error.message}`, error.line);
  }
  flush();
  return last;
}

/** {@link readRange} over a projector. */
const projectRange = (fd: number, start: number, end: number, firstLine: number, projector: Projector, name: string): number =>
  readRange(fd, start, end, firstLine, (batch) => projector.safeProject(batch), name);

/**
 * Reads a JSON Lines file of events into a sink in batches, on this thread
 * (a ledger, which keeps every event, takes them this way). Blank lines are
 * skipped; every other line must be one JSON event.
 *
 * @param path - the file
 * @param sink - what takes each batch
 * @param options - the file's name for messages (the path by default), events per batch (1,000)
 * @returns the number of lines read, blank ones included
 * @throws {@link EventFileError} naming the file, the line and the problem; the errors of opening and
 *   reading the file as node:fs throws them
 */
export function readFileInBatches(path: string, sink: BatchSink, options: { readonly name?: string; readonly batchSize?: number } = {}): number {
  const fd = openSync(path, "r");
  try {
    return readRange(fd, 0, fstatSync(fd).size, 0, sink, options.name ?? path, Math.max(1, options.batchSize ?? BATCH_SIZE));
  } finally {
    closeSync(fd);
  }
}

/** The first line start at or after a byte offset (undefined when no line starts there or later). */
function lineStartFrom(fd: number, size: number, offset: number): number | undefined {
  if (offset <= 0) return 0;
  const probe = Buffer.allocUnsafe(64 * 1024);
  for (let from = offset - 1; from < size; from += probe.length) {
    const read = readSync(fd, probe, 0, Math.min(probe.length, size - from), from);
    if (read === 0) return undefined;
    const newline = probe.subarray(0, read).indexOf(10);
    if (newline !== -1) return from + newline + 1 < size ? from + newline + 1 : undefined;
  }
  return undefined;
}

/** Byte ranges, each starting at a line's start, the first {@link FIRST_RANGE_WEIGHT} times the others' length: [start, end) pairs, at most `count`. */
function rangesOf(fd: number, size: number, count: number): [number, number][] {
  const starts: number[] = [0];
  for (let i = 1; i < count; i++) {
    const start = lineStartFrom(fd, size, Math.floor(size * ((FIRST_RANGE_WEIGHT + i - 1) / (FIRST_RANGE_WEIGHT + count - 1))));
    if (start !== undefined && start > (starts[starts.length - 1] as number)) starts.push(start);
  }
  return starts.map((start, i) => [start, starts[i + 1] ?? size]);
}

/**
 * The second thread's module: the compiled JavaScript beside this one; when
 * running from the TypeScript sources (the tests), the source through tsx.
 */
function workerModule(): { readonly url: URL | string; readonly eval: boolean } {
  const compiled = new URL("./projectWorker.js", import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return { url: compiled, eval: false };
  const source = new URL("./projectWorker.ts", import.meta.url).href;
  // The ES module entry of tsx's API (resolving it as CommonJS finds its other entry).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href;
  const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(source)}); });`;
  return { url: code, eval: true };
}

/** Starts the second thread on a range; resolves with its reply, or `{ ok: false }` when it fails or cannot start. */
function startWorker(task: WorkerTask): { readonly reply: Promise<WorkerReply>; stop(): void } {
  let worker: Worker;
  try {
    const module = workerModule();
    worker = new Worker(module.url, { workerData: task, eval: module.eval });
  } catch {
    return { reply: Promise.resolve({ ok: false }), stop: () => undefined };
  }
  const reply = new Promise<WorkerReply>((resolve) => {
    worker.once("message", (message: WorkerReply) => resolve(message));
    worker.once("error", () => resolve({ ok: false }));
    worker.once("exit", () => resolve({ ok: false }));
  });
  return {
    reply,
    stop: () => {
      void worker.terminate();
    },
  };
}

/** The parts of a reply as the detached projector made them. */
function partsOf(reply: Extract<WorkerReply, { ok: true }>): DetachedPart[] {
  return reply.parts.map((part) => (part.kind === "close" ? part : { ...part, aggregate: unpackAggregate(part.aggregate) }));
}

/**
 * Reads a JSON Lines file of events into a new projector: every event
 * checked as a ledger checks it, none kept. Blank lines are skipped; every
 * other line must be one JSON event. A large file is read by several
 * threads (see the module's description); the projector, and any error,
 * are those of reading it line by line.
 *
 * @param path - the file
 * @param options - catalog, name for messages, threads
 * @returns the projector, the lines read, and how many threads read them
 * @throws {@link EventFileError} naming the file, the line and the problem;
 *   the errors of opening and reading the file as node:fs throws them
 *
 * @example
 * ```ts
 * const { projector } = await projectFile("events.jsonl");
 * projector.tables(2020);
 * ```
 */
export async function projectFile(path: string, options: ProjectFileOptions = {}): Promise<ProjectedFile> {
  const name = options.name ?? path;
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    const fresh = (): Projector =>
      createProjector({ ...(options.catalog === undefined ? {} : { catalog: options.catalog }), expectedEvents: estimateEvents(size) });
    let projector = fresh();
    const threads = Math.max(1, Math.floor(options.threads ?? (size >= PARALLEL_BYTES_MIN ? Math.min(availableParallelism(), THREADS_MAX) : 1)));
    const ranges = rangesOf(fd, size, threads);
    const [first, ...rest] = ranges as [[number, number], ...[number, number][]];
    // Every range but the first is read by a thread of its own, detached; the first by this one, in order.
    const others = rest.map(([start, end]) =>
      startWorker({ path, start, end, catalog: projector.catalog, batchSize: BATCH_SIZE, expectedEvents: estimateEvents(end - start) }),
    );
    let lines: number;
    let attached = 0;
    try {
      lines = projectRange(fd, first[0], first[1], 0, projector, name);
      for (let i = 0; i < rest.length; i++) {
        const [start, end] = rest[i] as [number, number];
        const reply = await (others[i] as ReturnType<typeof startWorker>).reply;
        const outcome = reply.ok ? attachDetached(projector, partsOf(reply)) : "refused";
        if (outcome === "attached") {
          lines += (reply as Extract<WorkerReply, { ok: true }>).lines;
          attached += 1;
        } else if (outcome === "refused") {
          // The range could not be detached: this thread reads it after the ones before, line by line.
          lines = projectRange(fd, start, end, lines, projector, name);
        } else {
          // Part of the range went in before a part was refused: the whole file again, in order.
          for (const other of others) other.stop();
          projector = fresh();
          return { projector, lines: projectRange(fd, 0, size, 0, projector, name), threads: 1 };
        }
      }
    } finally {
      for (const other of others) other.stop();
    }
    return { projector, lines, threads: attached + 1 };
  } finally {
    closeSync(fd);
  }
}
