/**
 * `fundledger generate`: a synthetic, valid event log of a department over
 * several years, as JSON Lines; the same seed gives the same events.
 *
 * @module
 */
import type { LedgerEvent } from "../events/types.js";
import { ID_STYLES, type IdStyle } from "../generate/ids.js";
import { EXIT, usageError } from "./cliError.js";
import type { Command } from "./command.js";
import type { Flags } from "./flags.js";

function wholeFlag(flags: Flags, name: string, min: number, fallback?: number): number {
  const text = flags.value(name);
  if (text === undefined) {
    if (fallback !== undefined) return fallback;
    throw usageError(`generate needs --${name} N`);
  }
  const value = /^-?\d{1,16}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min) throw usageError(`generate: --${name} must be a whole number of at least ${min}, not ${JSON.stringify(text)}`);
  return value;
}

/** The `--ids` value, one of {@link ID_STYLES} (`sequence` when absent). */
function idsFlag(flags: Flags): IdStyle {
  const text = flags.value("ids") ?? "sequence";
  const style = ID_STYLES.find((candidate) => candidate === text);
  if (style === undefined) throw usageError(`generate: --ids must be one of ${ID_STYLES.join(", ")}, not ${JSON.stringify(text)}`);
  return style;
}

/** `fundledger generate --events N [--seed S] [--units U] [--years Y] [--ids sequence|random|timeOrdered]`. */
export const generateCommand: Command = {
  flags: { events: { kind: "value" }, seed: { kind: "value" }, units: { kind: "value" }, years: { kind: "value" }, ids: { kind: "value" } },
  async run(flags, context) {
    const events = wholeFlag(flags, "events", 0);
    const seed = wholeFlag(flags, "seed", Number.MIN_SAFE_INTEGER, 1);
    const units = flags.has("units") ? wholeFlag(flags, "units", 1) : undefined;
    const years = flags.has("years") ? wholeFlag(flags, "years", 1) : undefined;
    const ids = idsFlag(flags);
    const { generateLedger } = await import("../generate/generate.js");
    let generated: LedgerEvent[];
    try {
      generated = generateLedger({ events, seed, ids, ...(units === undefined ? {} : { units }), ...(years === undefined ? {} : { years }) });
    } catch (error) {
      if (error instanceof RangeError) throw usageError(`generate: ${error.message.replace(/^generateLedger: /, "")}`);
      throw error;
    }
    for (const event of generated) await context.stdout.write(`${JSON.stringify(event)}\n`);
    return EXIT.ok;
  },
};
