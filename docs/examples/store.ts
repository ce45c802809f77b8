// A durable log in a SQLite file: appends in flight, a refusal that changes nothing, the chain verified, a
// snapshot, and the file reopened from it.
// Run: npx tsx docs/examples/store.ts   (the test suite runs it too: tests/docs/examples.test.ts)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fenToWan, generateLedger, LedgerError } from "../../src/index.js";
import { openSqliteStore } from "../../src/store/sqlite/index.js";

/** Keeps a generated department's log in a fresh file and returns what it prints. */
export async function storeExample(): Promise<string[]> {
  const out: string[] = [];
  const directory = mkdtempSync(join(tmpdir(), "fundledger-example-"));
  const path = join(directory, "ledger.db");
  try {
    const events = generateLedger({ events: 5_000, seed: 7, units: 2, years: 1 });
    const store = await openSqliteStore(path, { pipeline: 4 });

    // Five batches called at once: each is its own transaction, committed in call order, durable when it resolves.
    const batches = [0, 1, 2, 3, 4].map((k) => events.slice(k * 1_000, (k + 1) * 1_000));
    const results = await Promise.all(batches.map((batch) => store.append(batch)));
    out.push(`appended: versions ${results.map((result) => result.version).join(", ")}`);

    // A batch with one bad event is refused whole, and the log and the tables are as they were.
    const before = await store.tables(2020);
    const receipt = events.find((event) => event.type === "receiptRecorded");
    try {
      await store.append([{ ...receipt, id: "late-1" }, { ...receipt, id: "late-2", amountFen: -5 }]);
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
      out.push(`refused: ${error.issues.map((issue) => issue.code).join(", ")}`);
    }
    out.push(`unchanged after the refusal: ${JSON.stringify(await store.tables(2020)) === JSON.stringify(before)}`);

    // The hash chain over every stored row, recomputed.
    const verified = await store.verify();
    out.push(verified.ok ? `verify: ok at version ${verified.version}` : `verify: ${verified.message}`);

    // A snapshot, then the file opened again: the state comes from the snapshot, not from folding 5,000 rows.
    const { position } = await store.snapshot();
    const total = (await store.report(2020)).tables[0];
    await store.close();
    const reopened = await openSqliteStore(path);
    out.push(`reopened from the snapshot at ${reopened.opened.snapshot?.position ?? "none"} (snapshot taken at ${position}), folded ${reopened.opened.folded}`);
    out.push(`same Table 1: ${JSON.stringify((await reopened.report(2020)).tables[0]) === JSON.stringify(total)}`);
    const receipts = (await reopened.live()).years.get(2020)?.receipts ?? [];
    out.push(`receipts of 2020: ${fenToWan(receipts.reduce((sum, cell) => sum + cell.amountFen, 0))} 万元`);
    await reopened.close();
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1] ?? ""}`) console.log((await storeExample()).join("\n"));
