/**
 * Vitest global setup: a real PostgreSQL server for the tests that claim one.
 *
 * Uses `FUNDLEDGER_PG_URL` when it is set (CI starts the server itself with
 * `scripts/postgres.sh` and exports it); otherwise starts a throwaway server
 * with that script and stops it when the run ends. The URL reaches the test
 * files through `inject("fundledgerPgUrl")` (and `process.env`, for the child
 * processes they spawn); each file makes its own database from it
 * (tests/support/postgres.ts), so files run in parallel.
 *
 * When no server can be started the run fails, unless `FUNDLEDGER_PG=skip`
 * is set: then the PostgreSQL tests are skipped, never run against a mock.
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The URL of the test server's admin database, or null when PostgreSQL tests are skipped. */
    fundledgerPgUrl: string | null;
  }
}

const SCRIPT = fileURLToPath(new URL("../../scripts/postgres.sh", import.meta.url));

/** Parses the `export NAME=value` lines that `scripts/postgres.sh start` prints. */
function parseExports(stdout: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of stdout.split("\n")) {
    const match = /^export ([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match !== null) values.set(match[1]!, match[2]!);
  }
  return values;
}

function stopServer(dir: string): void {
  spawnSync("bash", [SCRIPT, "stop", dir], { stdio: ["ignore", "ignore", "inherit"] });
}

/** Starts (or adopts) the server; returns the teardown that stops a server it started. */
export default function setup(project: TestProject): (() => void) | undefined {
  const given = process.env["FUNDLEDGER_PG_URL"];
  if (given !== undefined && given !== "") {
    project.provide("fundledgerPgUrl", given);
    return undefined;
  }
  if (process.env["FUNDLEDGER_PG"] === "skip") {
    project.provide("fundledgerPgUrl", null);
    return undefined;
  }
  const started = spawnSync("bash", [SCRIPT, "start"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const values = parseExports(started.stdout ?? "");
  const url = values.get("FUNDLEDGER_PG_URL");
  const dir = values.get("FUNDLEDGER_PG_DIR");
  if (started.status !== 0 || url === undefined || dir === undefined) {
    if (dir !== undefined) stopServer(dir);
    throw new Error(
      `could not start a PostgreSQL server with scripts/postgres.sh (exit ${String(started.status)}): ` +
        `${(started.stderr ?? "").trim()}\nSet FUNDLEDGER_PG_URL to use a running server, or FUNDLEDGER_PG=skip to skip the PostgreSQL tests.`,
    );
  }
  process.env["FUNDLEDGER_PG_URL"] = url;
  project.provide("fundledgerPgUrl", url);
  let stopped = false;
  const teardown = (): void => {
    if (stopped) return;
    stopped = true;
    stopServer(dir);
  };
  // A run interrupted before the teardown still leaves no server behind.
  process.once("exit", teardown);
  return teardown;
}
