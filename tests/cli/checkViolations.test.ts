// Checks how `check` lists violations and how an unexpected error is reported, by replacing the audit and the generator with vi.mock stand-ins.
import { afterAll, describe, expect, it, vi } from "vitest";
import type { Violation } from "../../src/audit/audit.js";
import { formatViolation } from "../../src/cli/checkCommand.js";
import { handMadeJsonLines } from "../render/handMadeLedger.js";
import { runCli, tempDir } from "./runCli.js";

const VIOLATIONS: readonly Violation[] = [
  {
    rule: "classification.parent",
    table: "T3",
    row: "20137",
    column: "1",
    expectedFen: 10_000,
    actualFen: 5_000,
    message: "T3 20137 = Σ its 项",
  },
  { rule: "balances.postings", table: null, row: null, column: null, expectedFen: -12_345_678, actualFen: 0, message: "the postings leave the balances" },
];

vi.mock("../../src/audit/audit.js", () => ({
  audit: () => ({ checks: 42, violations: VIOLATIONS }),
  auditLedger: () => [...VIOLATIONS],
}));

vi.mock("../../src/generate/generate.js", () => ({
  generateLedger: () => {
    throw new TypeError("something broke\n    at a stack frame");
  },
}));

const dir = tempDir();
afterAll(() => dir.remove());
dir.write("events.jsonl", handMadeJsonLines());

describe("formatViolation", () => {
  it("writes where, the rule, and the amounts in 万元 and fen on one line", () => {
    expect(formatViolation(VIOLATIONS[0] as Violation)).toBe(
      "violation classification.parent at T3 row 20137 column 1: expected 0.01 万元 (10000 fen), actual 0.01 万元 (5000 fen); T3 20137 = Σ its 项",
    );
  });

  it("leaves out the place of a violation that has none", () => {
    expect(formatViolation(VIOLATIONS[1] as Violation)).toBe(
      "violation balances.postings: expected -12.35 万元 (-12345678 fen), actual 0.00 万元 (0 fen); the postings leave the balances",
    );
  });
});

describe("fundledger check with violations", () => {
  it("lists each violation on one line, counts them and exits 1", async () => {
    const run = await runCli(["check", "--events", "events.jsonl", "--year", "2020"], { cwd: dir.path });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("");
    expect(run.stdout.trimEnd().split("\n")).toEqual([...VIOLATIONS.map(formatViolation), "2 violations in 42 checks of 2020"]);
  });
});

describe("an unexpected error", () => {
  it("is one line naming it as internal, without a stack, and exits 70", async () => {
    const run = await runCli(["generate", "--events", "5"]);
    expect(run.status).toBe(70);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("fundledger: internal error: TypeError: something broke\n");
  });
});
