// The command line on durable stores: append (batches, progress, the line of the first invalid event with nothing
// of its batch stored, idempotent re-runs), verify (exit 0 intact, 1 naming the first bad position), and
// report / check reading --store exactly as they read the same events from a file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { loadSource, storeSourceOf } from "../../src/cli/source.js";
import { parseStoreLocation } from "../../src/cli/storeSource.js";
import { REFERENCE_EVENTS, referenceLedger } from "../support/reference.js";
import { generateLedger } from "../../src/generate/index.js";
import { openSqliteStore } from "../../src/store/sqlite/index.js";
import { runCli } from "../cli/runCli.js";

const root = mkdtempSync(join(tmpdir(), "fundledger-store-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let made = 0;
const freshStore = (): string => join(root, `cli-${(made += 1)}.db`);

describe("fundledger append and verify", () => {
  it("appends a file in batches, reports the version, and re-appending it changes nothing", async () => {
    const path = freshStore();
    const first = await runCli(["append", "--store", `sqlite:${path}`, REFERENCE_EVENTS]);
    expect(first).toMatchObject({ status: 0, stderr: "" });
    expect(first.stdout).toBe("appended 297 events; the store is at version 297\n");
    const again = await runCli(["append", REFERENCE_EVENTS, "--store", `sqlite:${path}`, "--batch-size", "50"]);
    expect(again.stdout).toBe("appended 0 events (297 already stored, unchanged); the store is at version 297\n");
    const verified = await runCli(["verify", "--store", `sqlite:${path}`]);
    expect(verified.status).toBe(0);
    expect(verified.stdout).toMatch(/^intact: 297 events, chain head [0-9a-f]{64}\n$/);
  });

  it("stops at the line of the first invalid event, storing the batches before it and nothing of its own", async () => {
    const path = freshStore();
    const lines = readFileSync(REFERENCE_EVENTS, "utf8").split("\n").filter((line) => line !== "");
    const broken = [...lines];
    const bad = JSON.parse(broken[120] as string) as Record<string, unknown>;
    broken[120] = JSON.stringify({ ...bad, unit: "nobody" });
    const file = join(root, "broken.jsonl");
    writeFileSync(file, `${broken.join("\n")}\n`);
    const run = await runCli(["append", "--store", `sqlite:${path}`, file, "--batch-size", "100"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${file}:121: `);
    expect(run.stderr).toContain("nothing of lines 101–200 was stored, 100 events appended before it (the store is at version 100)");
    const store = await openSqliteStore(path);
    expect(await store.version()).toBe(100);
    await store.close();
  });

  it("names a line that is not JSON, after checking the shapes of the earlier lines of its batch", async () => {
    const path = freshStore();
    const lines = readFileSync(REFERENCE_EVENTS, "utf8").split("\n").filter((line) => line !== "");
    const file = join(root, "not-json.jsonl");
    writeFileSync(file, `${lines.slice(0, 30).join("\n")}\n{oops\n`);
    const run = await runCli(["append", "--store", `sqlite:${path}`, file, "--batch-size", "20"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${file}:31: not valid JSON`);
    expect(run.stderr).toContain("nothing of lines 21–31 was stored, 20 events appended before it");
    const badShape = join(root, "bad-shape.jsonl");
    const event = JSON.parse(lines[25] as string) as Record<string, unknown>;
    writeFileSync(badShape, `${lines.slice(0, 25).join("\n")}\n${JSON.stringify({ ...event, id: "x1", year: "soon" })}\n{oops\n`);
    const second = await runCli(["append", "--store", `sqlite:${freshStore()}`, badShape, "--batch-size", "20"]);
    expect(second.stderr).toContain(`${badShape}:26: year = "soon"`);
  });

  it("prints progress on a large file", async () => {
    const path = freshStore();
    const file = join(root, "large.jsonl");
    writeFileSync(file, `${generateLedger({ events: 100_500, seed: 5, units: 2, years: 1 }).map((event) => JSON.stringify(event)).join("\n")}\n`);
    const run = await runCli(["append", "--store", `sqlite:${path}`, file]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("fundledger: append: 100,000 events read (line 100,000), store at version 100,000\n");
    expect(run.stdout).toBe("appended 100,500 events; the store is at version 100,500\n");
  }, 120_000);

  it("verify exits 1 naming the first bad position of a tampered store", async () => {
    const path = freshStore();
    await runCli(["append", "--store", `sqlite:${path}`, REFERENCE_EVENTS]);
    const db = new Database(path);
    db.prepare("UPDATE events SET body = replace(body, '\"amountFen\":', '\"amountFen\":1') WHERE position = 200").run();
    db.close();
    const run = await runCli(["verify", "--store", `sqlite:${path}`]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("the log is not intact: position 200: ");
    expect(run.stderr).toContain("(hash_mismatch)");
  });

  it("refuses a missing store file, a bad --store and a missing operand", async () => {
    expect(await runCli(["verify", "--store", `sqlite:${join(root, "absent.db")}`])).toMatchObject({ status: 1, stderr: expect.stringContaining("no such store file") });
    expect(await runCli(["verify", "--store", "mysql://x"])).toMatchObject({ status: 2, stderr: expect.stringContaining("--store must be sqlite:PATH or postgres://") });
    expect(await runCli(["verify"])).toMatchObject({ status: 2 });
    expect(await runCli(["append", "--store", `sqlite:${freshStore()}`])).toMatchObject({ status: 2, stderr: expect.stringContaining("needs the events file") });
    expect(await runCli(["append", REFERENCE_EVENTS])).toMatchObject({ status: 2, stderr: expect.stringContaining("append needs --store") });
    expect(await runCli(["append", "--store", `sqlite:${freshStore()}`, REFERENCE_EVENTS, "--batch-size", "0"])).toMatchObject({ status: 2 });
    expect(await runCli(["report", "--store", "sqlite:x.db", "--example", "guangzhou-cac-2020"])).toMatchObject({ status: 2, stderr: expect.stringContaining("give one of") });
  });
});

describe("report and check with --store", () => {
  it("print what the same events print from a file, the year defaulting to the store's latest", async () => {
    const path = freshStore();
    await runCli(["append", "--store", `sqlite:${path}`, REFERENCE_EVENTS]);
    const scenario = ["--scenario", "docs/scenarios/institutional-income-cut.scenario.json"];
    for (const args of [["report", "--format", "json"], ["report", "--table", "T1,T7"], ["report", "--narrative"], ["check"], ["whatif", ...scenario, "--format", "json"]]) {
      const fromStore = await runCli([...args, "--store", `sqlite:${path}`]);
      const fromFile = await runCli([...args, "--events", REFERENCE_EVENTS, "--year", "2020"]);
      expect(fromStore.status).toBe(fromFile.status);
      expect(fromStore.stdout).toBe(fromFile.stdout);
    }
    expect(await runCli(["whatif", ...scenario, "--store", `sqlite:${path}`])).toMatchObject({ status: 0, stdout: expect.stringContaining("Shortfalls: 1 shortfall") });
    expect((await runCli(["report", "--store", `sqlite:${path}`, "--year", "2020", "--table", "T1"])).stdout).toBe(
      (await runCli(["report", "--events", REFERENCE_EVENTS, "--year", "2020", "--table", "T1"])).stdout,
    );
  });

  it("load a store into a ledger for the commands that need one (whatif, check): the same events, the latest year by default", async () => {
    const path = freshStore();
    await runCli(["append", "--store", `sqlite:${path}`, REFERENCE_EVENTS]);
    const source = await storeSourceOf(`sqlite:${path}`, true, root);
    expect(source).toMatchObject({ store: `sqlite:${path}`, defaultYear: 2020 });
    const { ledger } = await loadSource(source, undefined, root);
    expect(ledger.events()).toEqual(referenceLedger().events());
    await expect(storeSourceOf(`sqlite:${join(root, "nothing-here.db")}`, true, root)).rejects.toThrow(/no such store file/);
  });

  it("parse store locations: SQLite paths relative to the working directory, a PostgreSQL schema parameter", () => {
    expect(parseStoreLocation("sqlite:data/l.db", "/srv")).toEqual({ kind: "sqlite", path: "/srv/data/l.db" });
    expect(parseStoreLocation("sqlite::memory:", "/srv")).toEqual({ kind: "sqlite", path: ":memory:" });
    expect(parseStoreLocation("postgres://u@h:5432/db?schema=books", "/srv")).toEqual({ kind: "postgres", url: "postgres://u@h:5432/db", schema: "books" });
    expect(() => parseStoreLocation("sqlite:", "/srv")).toThrow(/needs a path/);
    expect(() => parseStoreLocation("ledger.db", "/srv")).toThrow(/--store must be/);
  });
});
