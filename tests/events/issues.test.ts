// Checks issues as data: fieldIssue builds them, formatIssue writes each as one line (path, value, rule), LedgerError carries the non-empty list.
import { describe, expect, it } from "vitest";
import { LedgerError, fieldIssue, formatIssue, type Issues, type LedgerIssue } from "../../src/events/issues.js";

describe("fieldIssue", () => {
  it("builds plain data with code, path, value and message", () => {
    expect(fieldIssue("unknown_functional_code", [3, "functional"], "2999999", "unknown")).toEqual({
      code: "unknown_functional_code",
      path: [3, "functional"],
      value: "2999999",
      message: "unknown",
    });
  });
});

describe("formatIssue", () => {
  it("writes batch indexes in brackets and fields after dots", () => {
    expect(formatIssue(fieldIssue("invalid_amount", [3, "balances", 0, "carriedFen"], -1, "must not be negative"))).toBe(
      "[3].balances[0].carriedFen = -1: must not be negative",
    );
    expect(formatIssue(fieldIssue("unknown_functional_code", ["functional"], "2999999", "unknown code"))).toBe('functional = "2999999": unknown code');
  });

  it("writes a missing value as (missing)", () => {
    expect(formatIssue(fieldIssue("missing_field", [0, "id"], undefined, "id is required"))).toBe("[0].id = (missing): id is required");
  });

  it("shortens a long value to 80 characters", () => {
    const line = formatIssue(fieldIssue("too_long", [0, "memo"], "x".repeat(500), "too long"));
    const shown = line.slice("[0].memo = ".length, line.indexOf(": too long"));
    expect(shown).toHaveLength(80);
    expect(shown.endsWith("...")).toBe(true);
  });

  it("writes issues about the whole batch as (batch) without a value", () => {
    const conflict: LedgerIssue = { code: "version_conflict", path: [], expected: 2, actual: 5, message: "expected version 2 but the ledger is at 5" };
    expect(formatIssue(conflict)).toBe("(batch): expected version 2 but the ledger is at 5");
    const tooLarge: LedgerIssue = { code: "batch_too_large", path: [], size: 4, max: 3, message: "one append takes at most 3 events" };
    expect(formatIssue(tooLarge)).toBe("(batch): one append takes at most 3 events");
  });
});

describe("LedgerError", () => {
  it("carries every issue and joins their lines in its message", () => {
    const issues: Issues = [
      fieldIssue("missing_field", [0, "id"], undefined, "id is required"),
      fieldIssue("invalid_year", [1, "year"], 1, "bad year"),
    ];
    const error = new LedgerError(issues);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("LedgerError");
    expect(error.issues).toBe(issues);
    expect(error.message).toBe("[0].id = (missing): id is required; [1].year = 1: bad year");
  });
});
