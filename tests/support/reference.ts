// Loads the bundled reference department (Guangzhou CAC, 2020) for tests.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createLedger, type Ledger } from "../../src/ledger/ledger.js";
import type { LedgerEvent } from "../../src/events/types.js";

/** Path of the reference events file. */
export const REFERENCE_EVENTS = fileURLToPath(new URL("../../examples/guangzhou-cac-2020/events.jsonl", import.meta.url));

/** Path of the golden tables (a copy of the published figures). */
export const GOLDEN_TABLES = fileURLToPath(new URL("../golden/guangzhou-cac-2020.tables.json", import.meta.url));

/** The reference events as parsed JSON lines. */
export function referenceEvents(): LedgerEvent[] {
  return readFileSync(REFERENCE_EVENTS, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as LedgerEvent);
}

/** A fresh ledger holding the reference events. */
export function referenceLedger(): Ledger {
  const ledger = createLedger();
  ledger.append(referenceEvents());
  return ledger;
}

/** The golden report: the ten published tables as data. */
export interface GoldenReport {
  readonly department: string;
  readonly year: number;
  readonly unit: string;
  readonly tables: readonly {
    readonly id: string;
    readonly title: string;
    readonly columns: Readonly<Record<string, string>>;
    readonly rows: readonly { readonly line: number | null; readonly code: string | null; readonly label: string; readonly cells: Readonly<Record<string, string>> }[];
  }[];
}

/** The golden tables. */
export function goldenTables(): GoldenReport {
  return JSON.parse(readFileSync(GOLDEN_TABLES, "utf8")) as GoldenReport;
}
