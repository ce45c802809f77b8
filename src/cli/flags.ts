/**
 * Reading a command's flags: `--name value`, `--name=value` and switches,
 * each checked against the command's list, with one clear line for anything
 * else.
 *
 * @module
 */
import { usageError } from "./cliError.js";

/** What a flag takes. */
export interface FlagSpec {
  /** A value (`--year 2020`) or none (`--single-list`). */
  readonly kind: "value" | "switch";
  /** May be given more than once (all values kept). */
  readonly repeatable?: boolean;
}

/** The flags a command accepts, by name without the dashes. */
export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

/** A command's parsed flags. */
export interface Flags {
  /** The value of a flag, or undefined when not given. */
  value(name: string): string | undefined;
  /** Every value of a repeatable flag, in order. */
  values(name: string): readonly string[];
  /** Whether a switch (or any flag) was given. */
  has(name: string): boolean;
}

/**
 * Parses a command's arguments.
 *
 * @param command - the command, for messages
 * @param argv - the arguments after the command
 * @param specs - the flags it accepts
 * @returns the flags
 * @throws {@link CliError} (usage) on an unknown flag, a missing or
 *   unexpected value, a repeated flag or a stray argument
 */
export function parseFlags(command: string, argv: readonly string[], specs: FlagSpecs): Flags {
  const found = new Map<string, string[]>();
  for (let index = 0; index < argv.length; index++) {
    const token = argv[index] ?? "";
    if (!token.startsWith("--") || token === "--") {
      throw usageError(`${command}: unexpected argument ${JSON.stringify(token)} (flags start with --; see fundledger --help)`);
    }
    const equals = token.indexOf("=");
    const name = token.slice(2, equals === -1 ? undefined : equals);
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (spec === undefined) {
      const known = Object.keys(specs).map((flag) => `--${flag}`);
      throw usageError(`${command}: unknown flag --${name}${known.length > 0 ? ` (it takes ${known.join(", ")})` : " (it takes no flags)"}`);
    }
    let value = "";
    if (spec.kind === "switch") {
      if (equals !== -1) throw usageError(`${command}: --${name} takes no value`);
    } else if (equals !== -1) {
      value = token.slice(equals + 1);
    } else {
      const next = argv[index + 1];
      if (next === undefined || next.startsWith("--")) throw usageError(`${command}: --${name} needs a value`);
      value = next;
      index++;
    }
    const values = found.get(name) ?? [];
    if (values.length > 0 && spec.repeatable !== true) throw usageError(`${command}: --${name} is given twice`);
    values.push(value);
    found.set(name, values);
  }
  return {
    value: (name) => found.get(name)?.[0],
    values: (name) => found.get(name) ?? [],
    has: (name) => found.has(name),
  };
}
