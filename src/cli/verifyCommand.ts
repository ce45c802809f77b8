/**
 * `fundledger verify --store STORE`: recomputes the hash chain of a durable
 * store and checks every row against its body. Exit 0 when the log is
 * intact; 1 naming the first bad position.
 *
 * @module
 */
import { verifyBackend } from "../store/core.js";
import { EXIT, invalidInput, usageError } from "./cliError.js";
import type { Command } from "./command.js";
import { openBackendAt, parseStoreLocation } from "./storeSource.js";

/** `fundledger verify --store STORE`. */
export const verifyCommand: Command = {
  flags: { store: { kind: "value" } },
  async run(flags, context) {
    const text = flags.value("store");
    if (text === undefined) throw usageError("verify needs --store sqlite:PATH or --store postgres://… (the store to verify)");
    const backend = await openBackendAt(parseStoreLocation(text, context.cwd), { create: false });
    try {
      const result = await verifyBackend(backend);
      if (!result.ok) throw invalidInput(`${text}: the log is not intact: ${result.message} (${result.reason})`);
      const events = result.version === 1 ? "1 event" : `${result.version.toLocaleString("en-US")} events`;
      await context.stdout.write(`intact: ${events}, chain head ${result.head}\n`);
      return EXIT.ok;
    } finally {
      await backend.close();
    }
  },
};
