// The runnable examples of docs/ run and print what the docs say they print.
import { describe, expect, it } from "vitest";
import { quickstart } from "../../docs/examples/quickstart.js";

describe("docs/examples/quickstart.ts", () => {
  it("records, corrects by reversal, refuses bad input, prints Table 1, audits clean and opens the next year", () => {
    const out = quickstart();
    expect(out[0]).toMatch(/^refused: unknown_functional_code — \[0\]\.functional = "2999999": /);
    expect(out).toContain("T1 1 一、一般公共预算财政拨款收入: 150.00");
    expect(out).toContain("T1 5 五、事业收入: 80.00");
    expect(out).toContain("T1 57 本年支出合计: 171.23");
    expect(out).toContain("T1 59 年末结转和结余: 58.77");
    expect(out).toContain("audit: 0 violations");
    expect(out).toContain("2021 opens with 58.77 万元");
  });
});
