// Helpers of the command-line tests: run main() in-process with captured output, and temporary directories of event files.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";

/** What one run of the command line did. */
export interface CliRun {
  /** The exit status. */
  readonly status: number;
  /** Everything written to stdout. */
  readonly stdout: string;
  /** Everything written to stderr. */
  readonly stderr: string;
}

/**
 * Runs `fundledger` in-process.
 *
 * @param argv - the arguments after the program name
 * @param options - working directory and examples directory
 * @returns status and output
 */
export async function runCli(argv: readonly string[], options: { readonly cwd?: string; readonly examples?: string } = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const status = await main(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    ...(options.examples === undefined ? {} : { examples: options.examples }),
  });
  return { status, stdout, stderr };
}

/** A temporary directory removed by {@link TempDir.remove}. */
export interface TempDir {
  /** Its path. */
  readonly path: string;
  /** Writes a file under it and returns the file's path. */
  write(name: string, text: string): string;
  /** Removes it and everything in it. */
  remove(): void;
}

/**
 * Creates a temporary directory under the system's.
 *
 * @returns the directory
 */
export function tempDir(): TempDir {
  const path = mkdtempSync(join(tmpdir(), "fundledger-cli-"));
  return {
    path,
    write(name, text) {
      const file = join(path, name);
      mkdirSync(join(file, ".."), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
    remove() {
      rmSync(path, { recursive: true, force: true });
    },
  };
}
