/**
 * The shape of a `fundledger` command: the flags it takes and what it does
 * with them.
 *
 * @module
 */
import type { ExitCode } from "./cliError.js";
import type { FlagSpecs, Flags } from "./flags.js";
import type { BufferedOutput, Write } from "./output.js";
import type { SourceContext } from "./source.js";

/** What a command runs with. */
export interface CommandContext extends SourceContext {
  /** The command's output. */
  readonly stdout: BufferedOutput;
  /** Notes and warnings (errors are thrown, not written). */
  readonly stderr: Write;
}

/** A command of the command line. */
export interface Command {
  /** The flags it accepts. */
  readonly flags: FlagSpecs;
  /**
   * Runs it.
   *
   * @returns the exit status
   * @throws {@link CliError} for an expected failure
   */
  run(flags: Flags, context: CommandContext): Promise<ExitCode>;
}
