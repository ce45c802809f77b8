/**
 * `fundledger append --store STORE FILE.jsonl`: appends an events file to a
 * durable store in batches of 1,000, each committed before the next is
 * read. An invalid event stops the command with the line that holds it;
 * nothing of its batch is stored, every earlier batch is (appending the
 * file again after the fix skips those: same ids, same payloads).
 *
 * @module
 */
import { resolve } from "node:path";
import { LedgerError, type LedgerIssue } from "../events/issues.js";
import { checkEvent } from "../events/validate.js";
import { createInterner } from "../ledger/interner.js";
import type { EventStore } from "../store/types.js";
import { catalogFrom, readCatalogExtension } from "./catalogFile.js";
import { EXIT, invalidInput, usageError } from "./cliError.js";
import type { CommandWithOperand } from "./importCommand.js";
import { openFile } from "./files.js";
import { describeIssues, numberedLines } from "./readEvents.js";
import { openStoreFromFlag } from "./storeSource.js";

/** Events per append unless `--batch-size` says otherwise. */
const BATCH_SIZE = 1_000;
/** Largest `--batch-size`. */
const BATCH_SIZE_MAX = 100_000;
/** A progress line on stderr after every this many events. */
const PROGRESS_EVERY = 100_000;

const count = (n: number): string => n.toLocaleString("en-US");

function batchSizeFromFlag(text: string | undefined): number {
  if (text === undefined) return BATCH_SIZE;
  const size = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(size >= 1 && size <= BATCH_SIZE_MAX)) throw usageError(`append: --batch-size must be a whole number from 1 to ${count(BATCH_SIZE_MAX)}, not ${JSON.stringify(text)}`);
  return size;
}

/** The first issue among the shapes of a batch's events (checked without a store). */
function firstShapeIssue(batch: readonly unknown[], store: EventStore): LedgerIssue[] {
  const intern = createInterner();
  for (let index = 0; index < batch.length; index++) {
    const result = checkEvent(batch[index], store.catalog, [index], intern);
    if (!result.ok) return [...result.issues];
  }
  return [];
}

/** `fundledger append --store STORE FILE.jsonl [--catalog FILE] [--batch-size N]`. */
export const appendCommand: CommandWithOperand = {
  operand: "events",
  flags: { store: { kind: "value" }, events: { kind: "value" }, catalog: { kind: "value" }, "batch-size": { kind: "value" } },
  async run(flags, context) {
    const storeText = flags.value("store");
    const file = flags.value("events");
    if (storeText === undefined) throw usageError("append needs --store sqlite:PATH or --store postgres://… (the store to append to)");
    if (file === undefined) throw usageError("append needs the events file: fundledger append --store STORE FILE.jsonl");
    const batchSize = batchSizeFromFlag(flags.value("batch-size"));
    const catalogFile = flags.value("catalog");
    const catalog = catalogFile === undefined ? undefined : catalogFrom(await readCatalogExtension(resolve(context.cwd, catalogFile), catalogFile), catalogFile);
    const handle = await openFile(resolve(context.cwd, file), file);
    let store: EventStore;
    try {
      store = await openStoreFromFlag(storeText, context.cwd, catalog === undefined ? {} : { catalog });
    } catch (error) {
      await handle.close();
      throw error;
    }
    let lineNumbersEnd = 0;
    let appended = 0;
    let unchanged = 0;
    let version = await store.version();
    let nextProgress = PROGRESS_EVERY;
    let batch: unknown[] = [];
    let lineNumbers: number[] = [];
    const stored = (): string => `${count(appended)} event${appended === 1 ? "" : "s"} appended before it (the store is at version ${count(version)})`;
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      try {
        const result = await store.append(batch);
        appended += result.appended.length;
        unchanged += result.unchanged.length;
        version = result.version;
      } catch (error) {
        if (!(error instanceof LedgerError)) throw error;
        throw invalidInput(`${describeIssues(error.issues, lineNumbers, file)}; nothing of lines ${lineNumbers[0]}–${lineNumbers[lineNumbers.length - 1]} was stored, ${stored()}`);
      }
      batch = [];
      lineNumbers = [];
      if (appended + unchanged >= nextProgress) {
        await context.stderr(`fundledger: append: ${count(appended + unchanged)} events read (line ${count(lineNumbersEnd)}), store at version ${count(version)}\n`);
        nextProgress += PROGRESS_EVERY;
      }
    };
    try {
      for await (const [lineNumber, text] of numberedLines(handle, file)) {
        lineNumbersEnd = lineNumber;
        if (text.trim() === "") continue;
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch (error) {
          // An event earlier in the batch may be the first problem; its shape is checked without storing anything.
          const earlier = firstShapeIssue(batch, store);
          if (earlier.length > 0) {
            throw invalidInput(`${describeIssues(earlier, lineNumbers, file)}; nothing of lines ${lineNumbers[0]}–${lineNumber} was stored, ${stored()}`);
          }
          const from = lineNumbers[0] ?? lineNumber;
          throw invalidInput(
            `${file}:${lineNumber}: not valid JSON (${error instanceof Error ? error.message : String(error)}); nothing of lines ${from}–${lineNumber} was stored, ${stored()}`,
          );
        }
        batch.push(parsed);
        lineNumbers.push(lineNumber);
        if (batch.length >= batchSize) await flush();
      }
      await flush();
      // The next command that opens the store starts from here instead of folding the whole log.
      if (appended > 0) await store.snapshot();
    } finally {
      await handle.close().catch(() => undefined);
      await store.close();
    }
    const also = unchanged === 0 ? "" : ` (${count(unchanged)} already stored, unchanged)`;
    await context.stdout.write(`appended ${count(appended)} event${appended === 1 ? "" : "s"}${also}; the store is at version ${count(version)}\n`);
    return EXIT.ok;
  },
};
