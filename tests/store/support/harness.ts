/**
 * The crash and concurrency harness of the durable stores, for any store
 * named by URL (`sqlite:PATH`, `postgres://…`): child processes (./appender.ts)
 * append batches; the crash test kills its child with SIGKILL at seeded
 * random moments, the concurrency test runs several children against one
 * store; afterwards the parent opens the store and checks what is stored.
 *
 * @module
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { openStoreFromFlag } from "../../../src/cli/storeSource.js";
import type { EventStore } from "../../../src/store/types.js";
import { office } from "../../support/fixtures.js";
import { createRandom } from "../../../src/generate/random.js";

const APPENDER = fileURLToPath(new URL("./appender.ts", import.meta.url));
/** Where the appender is bundled: under node_modules, so its drivers resolve as from the package. */
const BUNDLE = fileURLToPath(new URL("../../../node_modules/.cache/fundledger/appender.mjs", import.meta.url));

let command: Promise<readonly string[]> | undefined;

/**
 * How to start an appender: `node` on a bundle made once by esbuild (tsx's
 * own compiler; a child then starts in a tenth of the time), or `node
 * --import tsx` on the source when esbuild is not at hand.
 */
function appenderCommand(): Promise<readonly string[]> {
  command ??= (async () => {
    try {
      const esbuild = (await import("esbuild")) as { build(options: object): Promise<unknown> };
      await esbuild.build({
        entryPoints: [APPENDER], bundle: true, platform: "node", format: "esm", target: "node20", outfile: BUNDLE,
        external: ["better-sqlite3", "pg", "pg-native"], logLevel: "silent",
      });
      return [BUNDLE];
    } catch {
      return ["--import", "tsx", APPENDER];
    }
  })();
  return command;
}

/** A small seeded generator: the same moments on every run. */
export function seededRandom(seed: number): () => number {
  return createRandom(seed).next;
}

/** A running appender and what it printed. */
interface Appender {
  readonly child: ChildProcess;
  /** Batches acknowledged ("ack k"). */
  readonly acked: number[];
  /** Resolves at the first line (the child is appending). */
  readonly started: Promise<void>;
  /** Resolves with the exit code (null when killed). */
  readonly exited: Promise<number | null>;
  /** The "done RETRIES" count, once printed. */
  retries(): number | undefined;
  stderr(): string;
}

/** The variable that hands an appender the options its store opens with (JSON; read in ./appender.ts). */
const APPENDER_OPTIONS = "FUNDLEDGER_APPENDER_OPTIONS";

async function startAppender(args: readonly string[], storeOptions: Readonly<Record<string, unknown>> = {}): Promise<Appender> {
  const child = spawn(process.execPath, [...(await appenderCommand()), ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, [APPENDER_OPTIONS]: JSON.stringify(storeOptions) },
  });
  const acked: number[] = [];
  let retries: number | undefined;
  let errors = "";
  let buffered = "";
  let onStart: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (onStart = resolve));
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) {
      onStart();
      const ack = /^ack (\d+)$/.exec(line);
      if (ack !== null) acked.push(Number(ack[1]));
      const done = /^done (\d+)$/.exec(line);
      if (done !== null) retries = Number(done[1]);
    }
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (errors += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  void exited.then(() => onStart());
  return { child, acked, started, exited, retries: () => retries, stderr: () => errors };
}

/** Registers the unit the appenders write to. */
export async function prepareStore(url: string): Promise<void> {
  const store = await openStoreFromFlag(url, process.cwd());
  try {
    await store.append(office());
  } finally {
    await store.close();
  }
}

/** What a store holds of a writer: its batches, each whole or absent, in order. */
async function batchesOf(store: EventStore, prefix: string, size: number): Promise<number[]> {
  const counts = new Map<number, number>();
  let lastBatch = -1;
  for await (const records of store.stream({ type: "receiptRecorded" })) {
    for (const { event } of records) {
      const match = new RegExp(`^${prefix}-(\\d+)-(\\d+)$`).exec(event.id);
      if (match === null) continue;
      const batch = Number(match[1]);
      // Batches are stored in the order they were appended.
      expect(batch).toBeGreaterThanOrEqual(lastBatch);
      lastBatch = batch;
      counts.set(batch, (counts.get(batch) ?? 0) + 1);
    }
  }
  const partial = [...counts].filter(([, count]) => count !== size);
  expect(partial, "no batch is stored in part").toEqual([]);
  return [...counts.keys()];
}

/** Options of {@link runCrashTest}. */
export interface CrashTestOptions {
  /** The store (already holding the unit "office": {@link prepareStore}). */
  readonly url: string;
  /** How many times the child is killed (≥ 20 for the issue). */
  readonly kills: number;
  /** Seed of the kill moments. */
  readonly seed: number;
  /** Events per batch (default 100). */
  readonly batchSize?: number;
  /** Longest wait after the child's first line before the kill, ms (default 400). */
  readonly killWithinMs?: number;
  /** Options the child opens the store with (adapter options such as SQLite's `idsMergeEvery`). */
  readonly storeOptions?: Readonly<Record<string, unknown>>;
}

/** What {@link runCrashTest} saw. */
export interface CrashTestReport {
  /** Batches acknowledged over all runs. */
  readonly acked: number;
  /** Batches stored at the end. */
  readonly stored: number;
  /** Kills that found the child with a batch sent but not yet acknowledged (stored or not). */
  readonly unacknowledgedAtKill: number;
}

/**
 * Kills an appending child with SIGKILL `kills` times at seeded random
 * moments; after each kill opens the store and checks that verify() passes,
 * every acknowledged batch is stored, no batch is stored in part and the
 * batches are gapless.
 *
 * @param options - the store, the number of kills, the seed
 * @returns counts of what happened
 */
export async function runCrashTest(options: CrashTestOptions): Promise<CrashTestReport> {
  const size = options.batchSize ?? 100;
  const random = seededRandom(options.seed);
  const allAcked = new Set<number>();
  let unacknowledged = 0;
  for (let kill = 0; kill < options.kills; kill++) {
    const began = Date.now();
    const appender = await startAppender(["crash", options.url, "crash", String(size)], options.storeOptions);
    await appender.started;
    await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * (options.killWithinMs ?? 400))));
    appender.child.kill("SIGKILL");
    const code = await appender.exited;
    expect(code, appender.stderr()).toBeNull();
    for (const batch of appender.acked) allAcked.add(batch);
    const store = await openStoreFromFlag(options.url, process.cwd());
    try {
      const verified = await store.verify();
      expect(verified, `verify after kill ${kill + 1}`).toMatchObject({ ok: true });
      const stored = await batchesOf(store, "crash", size);
      expect(stored, "the batches are gapless").toEqual(stored.map((_, i) => i));
      for (const batch of allAcked) expect(stored, `acknowledged batch ${batch} is stored`).toContain(batch);
      if (stored.length > (Math.max(-1, ...allAcked) + 1)) unacknowledged += 1;
      expect(await store.version()).toBe(1 + stored.length * size);
    } finally {
      await store.close();
    }
    if (process.env["FUNDLEDGER_HARNESS_TRACE"] !== undefined) process.stderr.write(`kill ${kill + 1}: ${appender.acked.length} acked, ${Date.now() - began} ms\n`);
  }
  const store = await openStoreFromFlag(options.url, process.cwd());
  try {
    return { acked: allAcked.size, stored: (await batchesOf(store, "crash", size)).length, unacknowledgedAtKill: unacknowledged };
  } finally {
    await store.close();
  }
}

/** Options of {@link runConcurrencyTest}. */
export interface ConcurrencyTestOptions {
  /** The store (already holding the unit "office": {@link prepareStore}). */
  readonly url: string;
  /** Writer processes (4 for the issue). */
  readonly processes: number;
  /** Events each writer appends (1,000 for the issue). */
  readonly events: number;
  /** Events per append (default 10). */
  readonly batchSize?: number;
  /** Options the writers open the store with (adapter options such as SQLite's `idsMergeEvery`). */
  readonly storeOptions?: Readonly<Record<string, unknown>>;
}

/**
 * Runs writer processes at once against one store, each appending its events
 * with the expected version it read and retrying on conflicts; then checks
 * that exactly every event is stored once, at gapless positions, with a
 * valid chain.
 *
 * @param options - the store, the writers, their events
 * @returns the conflicts the writers retried
 */
export async function runConcurrencyTest(options: ConcurrencyTestOptions): Promise<{ readonly retries: number }> {
  const size = options.batchSize ?? 10;
  const writers = await Promise.all(
    Array.from({ length: options.processes }, (_, k) => startAppender(["concurrent", options.url, `w${k}`, String(options.events), String(size)], options.storeOptions)),
  );
  const codes = await Promise.all(writers.map((writer) => writer.exited));
  writers.forEach((writer, k) => expect(codes[k], writer.stderr()).toBe(0));
  const store = await openStoreFromFlag(options.url, process.cwd());
  try {
    expect(await store.verify()).toMatchObject({ ok: true, version: 1 + options.processes * options.events });
    const all = await store.read();
    expect(all.map((record) => record.position)).toEqual(all.map((_, i) => i + 1));
    const ids = all.map((record) => record.event.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (let k = 0; k < options.processes; k++) expect(ids.filter((id) => id.startsWith(`w${k}-`))).toHaveLength(options.events);
  } finally {
    await store.close();
  }
  return { retries: writers.reduce((sum, writer) => sum + (writer.retries() ?? 0), 0) };
}
