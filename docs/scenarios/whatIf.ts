// What if 三公 spending were cut by a tenth and 事业收入 fell by a fifth? A scenario on the reference department, through the typed API.
// Run: npx tsx docs/scenarios/whatIf.ts   (the test suite runs it too: tests/scenario/docs.test.ts)
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { applyScenario, compareScenario, createLedger, fenToWan, safeApplyScenario, scenarioEvents, formatScenarioIssue } from "../../src/index.js";

/** Runs the scenario and returns what it prints. */
export function whatIf(): string[] {
  const out: string[] = [];
  const ledger = createLedger();
  const file = fileURLToPath(new URL("../../examples/guangzhou-cac-2020/events.jsonl", import.meta.url));
  ledger.append(readFileSync(file, "utf8").split("\n").filter((line) => line.trim() !== "").map((line) => JSON.parse(line) as unknown));

  // The adjustments become ordinary events on a fork; the ledger itself is never written.
  const run = applyScenario(ledger, {
    name: "cuts",
    adjustments: [
      { kind: "scale", filter: { fund: "generalPublicBudget", economic: ["30212", "31013", "30231", "30217"] }, percent: "-10" },
      { kind: "receipts", filter: { source: "institutional" }, percent: "-20" },
    ],
  }, { year: 2020 });
  out.push(`events: ${scenarioEvents(run).length}, first id ${scenarioEvents(run)[0]?.id ?? ""}`);

  // Every changed cell, baseline against scenario, exact fen; printed in 万元.
  const { changes, shortfalls } = compareScenario(run, { narrative: false });
  const t7 = changes.find((c) => c.table === "T7" && c.column === "7");
  if (t7 !== undefined) out.push(`T7 三公 actual: ${fenToWan(t7.baselineFen)} → ${fenToWan(t7.scenarioFen)} (${fenToWan(t7.deltaFen)})`);
  for (const s of shortfalls) out.push(`short: ${s.unit} ${s.fund} by ${fenToWan(s.shortFen)} 万元`);
  out.push(`baseline version unchanged: ${ledger.version}`);

  // A bad scenario names the adjustment and the field, and changes nothing.
  const refused = safeApplyScenario(ledger, { name: "bad", adjustments: [{ kind: "scale", filter: { economic: "30298" }, percent: "-10" }] }, { year: 2020 });
  if (!refused.ok) out.push(`refused: ${formatScenarioIssue(refused.issues[0])}`);
  return out;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) for (const line of whatIf()) console.log(line);
