/**
 * `fundledger check`: the audit of a year — every identity of the accounts
 * (totals, classification sums, cross-table ties, conservation, postings) —
 * one line per violation.
 *
 * @module
 */
import { fenToWan } from "../money/decimal.js";
import type { Violation } from "../audit/audit.js";
import { EXIT } from "./cliError.js";
import type { Command } from "./command.js";
import { checkPrintedNarrative } from "./narrativeOutput.js";
import { loadSource, sourceFromFlags, yearFromFlag } from "./source.js";

/**
 * A violation as one line: where, the rule, the expected and actual amounts
 * in 万元 and fen, and the identity in words.
 *
 * @param violation - a violation of the audit
 * @returns the line, without a line break
 */
export function formatViolation(violation: Violation): string {
  const where = [
    violation.table,
    violation.row === null ? null : `row ${violation.row}`,
    violation.column === null ? null : `column ${violation.column}`,
  ]
    .filter((part) => part !== null)
    .join(" ");
  const expected = `${fenToWan(violation.expectedFen)} 万元 (${violation.expectedFen} fen)`;
  const actual = `${fenToWan(violation.actualFen)} 万元 (${violation.actualFen} fen)`;
  return `violation ${violation.rule}${where === "" ? "" : ` at ${where}`}: expected ${expected}, actual ${actual}; ${violation.message}`;
}

/**
 * `fundledger check (--events FILE | --example NAME) --year YEAR [--catalog FILE]`; with
 * `--narrative FILE`, the figures a report printed against those the events give.
 */
export const checkCommand: Command = {
  flags: { events: { kind: "value" }, example: { kind: "value" }, store: { kind: "value" }, year: { kind: "value" }, catalog: { kind: "value" }, narrative: { kind: "value" } },
  async run(flags, context) {
    const source = await sourceFromFlags("check", flags, context);
    if (flags.has("narrative")) return checkPrintedNarrative(source, flags, context);
    const year = yearFromFlag("check", flags.value("year"), source);
    const { ledger } = await loadSource(source, flags.value("catalog"), context.cwd);
    const { audit } = await import("../audit/audit.js");
    const result = audit({ events: ledger.events(), catalog: ledger.catalog, year, aggregate: ledger.aggregate() });
    if (result.violations.length === 0) {
      await context.stdout.write(`clean: ${result.checks} checks of ${year} hold (${ledger.version} events)\n`);
      return EXIT.ok;
    }
    for (const violation of result.violations) await context.stdout.write(`${formatViolation(violation)}\n`);
    const count = result.violations.length;
    await context.stdout.write(`${count} violation${count === 1 ? "" : "s"} in ${result.checks} checks of ${year}\n`);
    return EXIT.invalid;
  },
};
