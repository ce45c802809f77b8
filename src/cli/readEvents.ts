/**
 * Reading an events file (JSON Lines) for a command: into a ledger or a
 * projector (through `src/read`, never holding the file whole), or line by
 * line as a stream (for `append`, which awaits a store between batches). A
 * problem is reported as one line naming the file, the 1-based line and
 * what is wrong with it.
 *
 * @module
 */
import type { FileHandle } from "node:fs/promises";
import type { Catalog } from "../catalog/catalog.js";
import { createLedger, type Ledger } from "../ledger/ledger.js";
import type { Projector } from "../ledger/projector.js";
import { EventFileError, describeIssues, projectFile, readFileInBatches } from "../read/projectFile.js";
import { invalidInput } from "./cliError.js";
import { openFile } from "./files.js";

export { describeIssues };

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

/**
 * Reads a JSON Lines file of events into a new ledger (which keeps them),
 * a mebibyte at a time and in batches ({@link readFileInBatches}).
 *
 * @param path - the file
 * @param options - catalog, name for messages, batch size
 * @returns the ledger and the number of lines read
 * @throws {@link CliError} naming the file, the line and the problem: a
 *   missing file (usage), a line that is not JSON or an event the ledger
 *   refuses (invalid input)
 */
export async function readEvents(path: string, options: ReadEventsOptions = {}): Promise<ReadEventsResult> {
  const name = options.name ?? path;
  const ledger = createLedger(options.catalog === undefined ? {} : { catalog: options.catalog });
  const lines = await asCliErrors(path, name, async () =>
    readFileInBatches(path, (batch) => ledger.safeAppend(batch), { name, ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }) }),
  );
  return { ledger, lines };
}

/** Runs a reading of a file, the command's messages for a missing file first and its problems as invalid input. */
async function asCliErrors<T>(path: string, name: string, read: () => Promise<T>): Promise<T> {
  // Opened first for the command's own messages on a missing file or a directory.
  await (await openFile(path, name)).close();
  try {
    return await read();
  } catch (error) {
    if (error instanceof EventFileError) throw invalidInput(error.message);
    throw error;
  }
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
  return asCliErrors(path, name, () => projectFile(path, { name, ...(options.catalog === undefined ? {} : { catalog: options.catalog }) }));
}
