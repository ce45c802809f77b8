// Every JSON example of docs/events.md is a valid event, and together, in order, they form a valid log that audits clean.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { auditLedger } from "../../src/audit/audit.js";
import { EVENT_TYPES } from "../../src/events/types.js";
import { createLedger } from "../../src/ledger/ledger.js";

const page = readFileSync(fileURLToPath(new URL("../../docs/events.md", import.meta.url)), "utf8");
const examples = [...page.matchAll(/```json\n([\s\S]*?)\n```/g)].map((match) => JSON.parse(match[1] ?? "") as { type: string });

describe("docs/events.md", () => {
  it("shows an example of every event type", () => {
    expect(new Set(examples.map((example) => example.type))).toEqual(new Set(EVENT_TYPES));
  });

  it("has examples that append, in order, to a fresh ledger, one at a time", () => {
    const ledger = createLedger();
    for (const example of examples) {
      const result = ledger.safeAppend(example);
      expect(result.ok ? [] : result.issues).toEqual([]);
    }
    expect(ledger.version).toBe(examples.length);
    expect(auditLedger(ledger, 2020)).toEqual([]);
    expect(auditLedger(ledger, 2021)).toEqual([]);
  });
});
