// A file of events read by several threads — real worker threads — gives the projector and the errors of reading it
// line by line: every range attached, a range that cannot be attached read again in order, the first problem by its line.
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { LedgerEvent, YearClosed } from "../../src/events/types.js";
import { generateLedger } from "../../src/generate/generate.js";
import { readLines } from "../../src/read/lines.js";
import { EventFileError, projectFile } from "../../src/read/projectFile.js";
import { snapshotOf } from "../support/projectorView.js";

const directory = mkdtempSync(join(tmpdir(), "fundledger-read-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let files = 0;
/** Writes lines to a new file of the directory. */
function fileOf(lines: readonly string[], ending = "\n"): string {
  const path = join(directory, `events-${(files += 1)}.jsonl`);
  writeFileSync(path, lines.join(ending) + ending);
  return path;
}

const events = generateLedger({ events: 3_000, seed: 7, years: 3 });
const lines = events.map((event) => JSON.stringify(event));

/** The error a reading throws, or undefined. */
async function errorOf(path: string, threads: number): Promise<EventFileError | undefined> {
  try {
    await projectFile(path, { threads, name: "events.jsonl" });
    return undefined;
  } catch (error) {
    if (error instanceof EventFileError) return error;
    throw error;
  }
}

describe("readLines", () => {
  it("takes a byte-order mark off the file's first line only, not off the first line of a range in the middle", () => {
    const path = join(directory, "marks.jsonl");
    writeFileSync(path, "\uFEFFa\n\uFEFFb\r\nc");
    const fd = openSync(path, "r");
    try {
      const seen: [string, number][] = [];
      const last = readLines(fd, 0, statSync(path).size, 0, (text, line) => {
        seen.push([text, line]);
      });
      expect(seen).toEqual([["a", 1], ["\uFEFFb", 2], ["c", 3]]);
      expect(last).toBe(3);
      const fromMiddle: [string, number][] = [];
      readLines(fd, Buffer.byteLength("\uFEFFa\n"), statSync(path).size, 0, (text, line) => {
        fromMiddle.push([text, line]);
      });
      expect(fromMiddle).toEqual([["\uFEFFb", 1], ["c", 2]]);
    } finally {
      closeSync(fd);
    }
  });
});

describe("projectFile", () => {
  it("gives the projector of one thread with two or three, every range attached", { timeout: 60_000 }, async () => {
    const path = fileOf(lines);
    const one = await projectFile(path, { threads: 1 });
    expect(one.threads).toBe(1);
    expect(one.lines).toBe(events.length);
    for (const threads of [2, 3]) {
      const read = await projectFile(path, { threads });
      expect(read.threads).toBe(threads);
      expect(read.lines).toBe(one.lines);
      expect(snapshotOf(read.projector)).toEqual(snapshotOf(one.projector));
    }
  });

  it("reads a byte-order mark, CRLF line ends, blank lines and a last line without a break alike", { timeout: 60_000 }, async () => {
    const spaced = lines.flatMap((line, i) => (i % 500 === 250 ? [line, "", "   "] : [line]));
    spaced[0] = `\uFEFF${spaced[0] as string}`;
    const path = join(directory, "crlf.jsonl");
    writeFileSync(path, spaced.join("\r\n"));
    const one = await projectFile(path, { threads: 1 });
    const two = await projectFile(path, { threads: 2 });
    expect(one.lines).toBe(spaced.length);
    expect(two.lines).toBe(spaced.length);
    expect(two.threads).toBe(2);
    expect(snapshotOf(two.projector)).toEqual(snapshotOf(one.projector));
  });

  it("takes a repeat, in the second half, of an event of the first as a no-op, as one thread does", { timeout: 60_000 }, async () => {
    const repeated = [...lines.slice(0, 2_500), lines[10] as string, ...lines.slice(2_500)];
    const path = fileOf(repeated);
    const one = await projectFile(path, { threads: 1 });
    const two = await projectFile(path, { threads: 2 });
    // The second half cannot be attached (an id of it is taken): this thread reads it after the first.
    expect(two.threads).toBe(1);
    expect(snapshotOf(two.projector)).toEqual(snapshotOf(one.projector));
  });

  it.each([
    ["a refused event in the second half", (copy: string[]) => (copy[2_600] = JSON.stringify({ ...(events[2_600] as LedgerEvent), unit: "nowhere" }))],
    ["a line that is not JSON in the second half", (copy: string[]) => (copy[2_200] = "{ not json")],
    ["a refused event in the first half", (copy: string[]) => (copy[100] = JSON.stringify({ ...(events[100] as LedgerEvent), year: 1999 }))],
    ["an id repeated with another payload across the halves", (copy: string[]) => (copy[2_900] = JSON.stringify({ ...(events[2_900] as LedgerEvent), id: (events[5] as LedgerEvent).id }))],
  ])("reports %s by its line, as one thread does", { timeout: 60_000 }, async (_name, spoil) => {
    const copy = [...lines];
    spoil(copy);
    const path = fileOf(copy);
    const one = await errorOf(path, 1);
    expect(one).toBeInstanceOf(EventFileError);
    expect(one?.message).toMatch(/^events\.jsonl:\d+: /);
    const two = await errorOf(path, 2);
    expect(two?.message).toBe(one?.message);
    expect(two?.line).toBe(one?.line);
  });

  it("reads the whole file again in order when a later range fails after part of it went in", { timeout: 60_000 }, async () => {
    // A close in the second half whose balances are wrong: the part before it attaches, the close is refused.
    const closeAt = events.findIndex((event, i) => i > 1_600 && event.type === "yearClosed");
    expect(closeAt).toBeGreaterThan(1_600);
    const close = events[closeAt] as YearClosed;
    const wrong: YearClosed = { ...close, balances: close.balances.map((balance, i) => (i === 0 ? { ...balance, carriedFen: balance.carriedFen + 1 } : balance)) };
    const copy = [...lines];
    copy[closeAt] = JSON.stringify(wrong);
    const path = fileOf(copy);
    const one = await errorOf(path, 1);
    expect(one?.line).toBe(closeAt + 1);
    const two = await errorOf(path, 2);
    expect(two?.message).toBe(one?.message);
  });
});
