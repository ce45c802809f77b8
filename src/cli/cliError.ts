/**
 * The expected failures of the command line: each is one line for the user
 * and an exit status. Anything else that goes wrong is a bug, reported as
 * an internal error.
 *
 * @module
 */

/** Exit statuses of `fundledger`. */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** The input is invalid (an event, a catalog file) or the audit found violations. */
  invalid: 1,
  /** The command line is wrong: unknown command or flag, bad value, missing file or example. */
  usage: 2,
  /** A bug: an error no rule expected. */
  internal: 70,
} as const;

/** An exit status of `fundledger`. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An expected failure: printed as `fundledger: <message>`, then exit with its status. */
export class CliError extends Error {
  override readonly name = "CliError";
  /** The exit status. */
  readonly exitCode: ExitCode;
  constructor(exitCode: ExitCode, message: string) {
    super(message);
    this.exitCode = exitCode;
  }
}

/**
 * A usage error (exit 2).
 *
 * @param message - what is wrong with the command line
 * @returns the error to throw
 */
export function usageError(message: string): CliError {
  return new CliError(EXIT.usage, message);
}

/**
 * An invalid-input error (exit 1).
 *
 * @param message - what is wrong with the input, with file and line
 * @returns the error to throw
 */
export function invalidInput(message: string): CliError {
  return new CliError(EXIT.invalid, message);
}
