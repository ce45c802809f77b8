/**
 * The `fundledger` command line. {@link main} runs one command in-process
 * with the given output functions, so tests call it directly and the `bin`
 * script only wires it to the process.
 *
 * @module
 */
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { appendCommand } from "./appendCommand.js";
import { checkCommand } from "./checkCommand.js";
import { CliError, EXIT, usageError } from "./cliError.js";
import type { Command, CommandContext } from "./command.js";
import { exportCommand } from "./exportCommand.js";
import { readJsonFile } from "./files.js";
import { parseFlags } from "./flags.js";
import { generateCommand } from "./generateCommand.js";
import { importCommand, withOperand } from "./importCommand.js";
import { bufferedOutput, OutputClosedError, type Write } from "./output.js";
import { demoCommand, reportCommand } from "./reportCommand.js";
import { BUNDLED_EXAMPLES } from "./source.js";
import { USAGE } from "./usage.js";
import { verifyCommand } from "./verifyCommand.js";
import { whatifCommand } from "./whatifCommand.js";

export { streamWriter, OutputClosedError } from "./output.js";
export type { Write, WritableLike } from "./output.js";
export { EXIT } from "./cliError.js";
export type { ExitCode } from "./cliError.js";

/** What the command line reads and writes. */
export interface CliIo {
  /** Where output goes (`streamWriter(process.stdout)`). */
  readonly stdout: Write;
  /** Where errors and notes go (`streamWriter(process.stderr)`). */
  readonly stderr: Write;
  /** The directory relative paths start from (the process's by default). */
  readonly cwd?: string;
  /** The directory of the examples (the package's `examples/` by default). */
  readonly examples?: string | URL;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  demo: demoCommand,
  report: reportCommand,
  check: checkCommand,
  export: exportCommand,
  generate: generateCommand,
  import: importCommand,
  whatif: whatifCommand,
  append: appendCommand,
  verify: verifyCommand,
};

function examplesUrl(examples: string | URL | undefined, cwd: string): URL {
  if (examples === undefined) return BUNDLED_EXAMPLES;
  const url = typeof examples === "string" ? pathToFileURL(resolve(cwd, examples)) : examples;
  return url.href.endsWith("/") ? url : new URL(`${url.href}/`);
}

async function version(): Promise<string> {
  const manifest = await readJsonFile(fileURLToPath(new URL("../../package.json", import.meta.url)), "package.json");
  const value = typeof manifest === "object" && manifest !== null && "version" in manifest ? manifest.version : undefined;
  return typeof value === "string" ? value : "unknown";
}

async function dispatch(argv: readonly string[], context: CommandContext): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || argv.includes("--help") || argv.includes("-h")) {
    await context.stdout.write(USAGE);
    return EXIT.ok;
  }
  if (name === "--version") {
    await context.stdout.write(`fundledger ${await version()}\n`);
    return EXIT.ok;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    const what = name.startsWith("-") ? `unknown flag ${name} (a command comes first)` : `unknown command ${JSON.stringify(name)}`;
    throw usageError(`${what}; the commands are ${Object.keys(COMMANDS).join(", ")} (see fundledger --help)`);
  }
  return command.run(parseFlags(name, withOperand(command, rest), command.flags), context);
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.split("\n")[0] ?? text;
}

/**
 * Runs one `fundledger` command.
 *
 * An expected failure (usage, missing file, invalid event, audit
 * violations) writes one line to `stderr` and returns its status; an
 * unexpected one writes one line too (`internal error: …`), never a stack.
 *
 * @param argv - the arguments after the program name
 * @param io - output functions, working directory, examples directory
 * @returns the exit status: 0 done, 1 invalid input or violations, 2 usage, 70 internal
 *
 * @example
 * ```ts
 * let out = "";
 * const status = await main(["report", "--example", "guangzhou-cac-2020", "--format", "json"], {
 *   stdout: (text) => { out += text; },
 *   stderr: (text) => { process.stderr.write(text); },
 * });
 * ```
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const stdout = bufferedOutput(io.stdout);
  const context: CommandContext = { stdout, stderr: io.stderr, cwd, examples: examplesUrl(io.examples, cwd) };
  const fail = async (line: string, status: number): Promise<number> => {
    try {
      await stdout.flush();
      await io.stderr(`fundledger: ${line}\n`);
    } catch {
      // the streams are gone; the status still tells
    }
    return status;
  };
  try {
    const status = await dispatch(argv, context);
    await stdout.flush();
    return status;
  } catch (error) {
    if (error instanceof OutputClosedError) return EXIT.ok;
    if (error instanceof CliError) return fail(error.message, error.exitCode);
    return fail(`internal error: ${describeError(error)}`, EXIT.internal);
  }
}
