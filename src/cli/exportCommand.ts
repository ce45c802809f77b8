/**
 * `fundledger export`: a source's events as JSON Lines, each checked and
 * normalized by the ledger (schema filled in, fields in catalogue order).
 *
 * @module
 */
import { EXIT } from "./cliError.js";
import type { Command } from "./command.js";
import { loadSource, sourceFromFlags } from "./source.js";

/** `fundledger export (--example NAME | --events FILE) [--catalog FILE]`. */
export const exportCommand: Command = {
  flags: { example: { kind: "value" }, events: { kind: "value" }, catalog: { kind: "value" } },
  async run(flags, context) {
    const source = await sourceFromFlags("export", flags, context);
    const { ledger } = await loadSource(source, flags.value("catalog"), context.cwd);
    for (const event of ledger.events()) await context.stdout.write(`${JSON.stringify(event)}\n`);
    return EXIT.ok;
  },
};
