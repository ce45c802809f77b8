// The runnable examples of docs/ run and print what the docs say they print.
import { describe, expect, it } from "vitest";
import { quickstart } from "../../docs/examples/quickstart.js";
import { storeExample } from "../../docs/examples/store.js";

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

describe("docs/examples/store.ts", () => {
  it("appends in flight to a SQLite file, refuses a bad batch whole, verifies, and reopens from a snapshot", async () => {
    const out = await storeExample();
    expect(out[0]).toBe("appended: versions 1000, 2000, 3000, 4000, 5000");
    expect(out[1]).toBe("refused: invalid_amount");
    expect(out).toContain("unchanged after the refusal: true");
    expect(out).toContain("verify: ok at version 5000");
    expect(out).toContain("reopened from the snapshot at 5000 (snapshot taken at 5000), folded 0");
    expect(out).toContain("same Table 1: true");
    expect(out[out.length - 1]).toMatch(/^receipts of 2020: [\d.]+ 万元$/);
  });
});
