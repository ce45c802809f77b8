// A ledger from scratch: register units, record flows, correct a mistake by reversal, read the tables, audit, close the year.
// Run: npx tsx docs/examples/quickstart.ts   (the test suite runs it too: tests/docs/examples.test.ts)
import { auditLedger, createLedger, fenToWan, formatIssue, reversalOf, type ExpenditureRecorded } from "../../src/index.js";

/** Builds a small ledger and returns what it prints. */
export function quickstart(): string[] {
  const out: string[] = [];
  const ledger = createLedger();

  ledger.append([
    { id: "u1", type: "unitRegistered", year: 2020, unit: "office", name: "某市网信办", kind: "administrative", parent: null },
    { id: "u2", type: "unitRegistered", year: 2020, unit: "centre", name: "某市信息安全测评中心", kind: "publicServiceClass2", parent: "office" },
    { id: "r1", type: "receiptRecorded", year: 2020, unit: "office", source: "generalPublicBudget", functional: "2013701", amountFen: 150_000_000 },
    { id: "r2", type: "receiptRecorded", year: 2020, unit: "centre", source: "institutional", functional: "2150506", amountFen: 80_000_000 },
    { id: "x1", type: "expenditureRecorded", year: 2020, unit: "office", fund: "generalPublicBudget", functional: "2013701", economic: "30101", category: "basic", amountFen: 120_000_000 },
    { id: "x2", type: "expenditureRecorded", year: 2020, unit: "office", fund: "generalPublicBudget", functional: "2013701", economic: "30217", category: "basic", amountFen: 1_234_567 },
    { id: "x3", type: "expenditureRecorded", year: 2020, unit: "centre", fund: "institutional", functional: "2150506", economic: "30227", category: "project", project: "测评服务", amountFen: 50_000_000 },
  ]);

  // A wrong event is never edited: it is reversed, and the right one recorded.
  const wrong = ledger.get("x2")?.event as ExpenditureRecorded;
  ledger.append([
    reversalOf(wrong, { id: "x2-reversed", reason: "记错经济分类：应为办公费" }),
    { ...wrong, id: "x2-corrected", economic: "30201" },
  ]);

  // Bad input is refused with the field, the value and the rule — and changes nothing.
  const refused = ledger.safeAppend({ id: "x4", type: "expenditureRecorded", year: 2020, unit: "office", fund: "generalPublicBudget", functional: "2999999", economic: "30201", category: "basic", amountFen: 100 });
  if (!refused.ok) for (const issue of refused.issues) out.push(`refused: ${issue.code} — ${formatIssue(issue)}`);

  const [t1] = ledger.tables(2020, ["T1"]);
  for (const row of t1?.rows ?? []) {
    const amount = row.cells["1"] ?? row.cells["2"];
    if (amount !== undefined && amount !== 0) out.push(`T1 ${row.line} ${row.label}: ${fenToWan(amount)}`);
  }
  out.push(`audit: ${auditLedger(ledger, 2020).length} violations`);

  ledger.closeYear(2020);
  const opening = ledger.tables(2021, ["T1"])[0]?.rows.find((row) => row.line === 29)?.cells["1"] ?? 0;
  out.push(`2021 opens with ${fenToWan(opening)} 万元`);
  return out;
}

if (import.meta.url === `file://${process.argv[1] ?? ""}`) console.log(quickstart().join("\n"));
