/**
 * Reading an events file (JSON Lines) into a ledger: the file is streamed
 * line by line, never held whole, and the events are appended in batches.
 * A problem is reported as one line naming the file, the 1-based line and
 * what is wrong with it.
 *
 * @module
 */
import type { FileHandle } from "node:fs/promises";
import type { Catalog } from "../catalog/catalog.js";
import type { Result } from "../events/issues.js";
import { createLedger, type Ledger } from "../ledger/ledger.js";
import type { Projector } from "../ledger/projector.js";
import { EventFileError, describeIssues, projectFile } from "../read/projectFile.js";
import { invalidInput } from "./cliError.js";

export { describeIssues };
import { openFile } from "./files.js";

/** Events appended at once. */
const BATCH_SIZE = 1_000;
/** The longest line accepted, in characters (a yearClosed event of many balances is long). */
const LINE_CHARACTERS_MAX = 64 * 1024 * 1024;

/** Options of {@link readEvents}. */
export interface ReadEventsOptions {
  /** The catalog of the ledger (the bundled one when absent). */
  readonly catalog?: Catalog;
  /** The file as the user named it, for messages (the path when absent). */
  readonly name?: string;
  /** Events per append (default 1,000). */
  readonly batchSize?: number;
}

/** What {@link readEvents} read. */
export interface ReadEventsResult {
  /** The ledger holding every event of the file. */
  readonly ledger: Ledger;
  /** Lines read, blank ones included. */
  readonly lines: number;
}

/** Yields the lines of a file with their 1-based numbers, without line breaks or a leading BOM. */
export async function* numberedLines(handle: FileHandle, name: string): AsyncGenerator<readonly [number, string]> {
  const stream = handle.createReadStream({ encoding: "utf8", highWaterMark: 1 << 16 });
  let pieces: string[] = [];
  let pendingLength = 0;
  let lineNumber = 0;
  const finish = (tail: string): string => {
    const line = pieces.length === 0 ? tail : pieces.join("") + tail;
    pieces = [];
    pendingLength = 0;
    lineNumber += 1;
    const withoutBreak = line.endsWith("\r") ? line.slice(0, -1) : line;
    return lineNumber === 1 ? withoutBreak.replace(/^\uFEFF/, "") : withoutBreak;
  };
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      let start = 0;
      let newline = chunk.indexOf("\n");
      while (newline !== -1) {
        const line = finish(chunk.slice(start, newline));
        yield [lineNumber, line] as const;
        start = newline + 1;
        newline = chunk.indexOf("\n", start);
      }
      if (start < chunk.length) {
        pieces.push(chunk.slice(start));
        pendingLength += chunk.length - start;
        if (pendingLength > LINE_CHARACTERS_MAX) {
          throw invalidInput(`${name}:${lineNumber + 1}: the line is longer than ${LINE_CHARACTERS_MAX} characters`);
        }
      }
    }
    if (pendingLength > 0) {
      const line = finish("");
      yield [lineNumber, line] as const;
    }
  } finally {
    stream.destroy();
  }
}

/** Takes a batch of parsed events: a ledger's `safeAppend`, a projector's `safeProject`. */
export type BatchSink = (batch: readonly unknown[]) => Result<unknown>;

/**
 * Streams a JSON Lines file of events into a sink, in batches. Blank lines
 * are skipped; every other line must be one JSON event.
 *
 * @param path - the file
 * @param sink - what takes each batch
 * @param options - name for messages, batch size
 * @returns the number of lines read
 * @throws {@link CliError} naming the file, the line and the problem
 */
export async function streamEvents(path: string, sink: BatchSink, options: ReadEventsOptions = {}): Promise<number> {
  const name = options.name ?? path;
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const handle = await openFile(path, name);
  let batch: unknown[] = [];
  let lineNumbers: number[] = [];
  let lines = 0;
  const flush = (): void => {
    if (batch.length === 0) return;
    const result = sink(batch);
    if (!result.ok) throw invalidInput(describeIssues(result.issues, lineNumbers, name));
    batch = [];
    lineNumbers = [];
  };
  for await (const [lineNumber, text] of numberedLines(handle, name)) {
    lines = lineNumber;
    if (text.trim() === "") continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      flush(); // an event on an earlier line may be the first problem
      throw invalidInput(`${name}:${lineNumber}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    batch.push(parsed);
    lineNumbers.push(lineNumber);
    if (batch.length >= batchSize) flush();
  }
  flush();
  return lines;
}

/**
 * Reads a JSON Lines file of events into a new ledger (which keeps them).
 * The file is streamed, so files of millions of lines are read without
 * holding their text.
 *
 * @param path - the file
 * @param options - catalog, name for messages, batch size
 * @returns the ledger and the number of lines read
 * @throws {@link CliError} naming the file, the line and the problem: a
 *   missing file (usage), a line that is not JSON or an event the ledger
 *   refuses (invalid input)
 */
export async function readEvents(path: string, options: ReadEventsOptions = {}): Promise<ReadEventsResult> {
  const ledger = createLedger(options.catalog === undefined ? {} : { catalog: options.catalog });
  const lines = await streamEvents(path, (batch) => ledger.safeAppend(batch), options);
  return { ledger, lines };
}

/**
 * Projects a JSON Lines file of events into tables without keeping the
 * events: every event is checked as a ledger checks it, in memory that
 * grows with the tables only; a large file is read by several threads
 * ({@link projectFile}).
 *
 * @param path - the file
 * @param options - catalog, name for messages (the batch size is projectFile's own)
 * @returns the projector and the number of lines read
 * @throws {@link CliError} naming the file, the line and the problem
 */
export async function projectEvents(path: string, options: ReadEventsOptions = {}): Promise<{ readonly projector: Projector; readonly lines: number }> {
  const name = options.name ?? path;
  // Opened first for the command's own messages on a missing file or a directory.
  await (await openFile(path, name)).close();
  try {
    return await projectFile(path, { name, ...(options.catalog === undefined ? {} : { catalog: options.catalog }) });
  } catch (error) {
    if (error instanceof EventFileError) throw invalidInput(error.message);
    throw error;
  }
}
