// The largest-remainder split and the percentage scale of src/money/allocate.ts: worked examples, the tie-break, and every refusal.
import { describe, expect, it } from "vitest";
import { AllocationError, allocateLargestRemainder, scaleFen } from "../../src/money/allocate.js";

describe("allocateLargestRemainder", () => {
  it("splits as its examples say", () => {
    expect(allocateLargestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateLargestRemainder(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocateLargestRemainder(10, [5, 3, 2])).toEqual([5, 3, 2]);
    expect(allocateLargestRemainder(0, [])).toEqual([]);
    expect(allocateLargestRemainder(0, [0, 0])).toEqual([0, 0]);
  });

  it("gives the left-over fen to the largest remainders, ties to the earlier part", () => {
    // Shares 3.5, 2.5, 1.0 of 7: remainders .5 and .5 tie, one fen left → the first.
    expect(allocateLargestRemainder(7, [7, 5, 2])).toEqual([4, 2, 1]);
    // Shares 1.4, 2.6 of 4 → the second, whose remainder is larger, gets the fen.
    expect(allocateLargestRemainder(4, [7, 13])).toEqual([1, 3]);
    // The same beyond 2^53 (the bigint path): shares 1.5 and 1.5 of 3, the odd fen to the first.
    expect(allocateLargestRemainder(3, [4e15, 4e15])).toEqual([2, 1]);
    expect(allocateLargestRemainder(-3, [4e15, 4e15])).toEqual([-2, -1]);
    expect(allocateLargestRemainder(4, [7e14, 13e14])).toEqual([1, 3]);
  });

  it("splits over weights of either sign that do not cancel, exactly", () => {
    const parts = allocateLargestRemainder(10, [30, -10]);
    expect(parts).toEqual([15, -5]);
    expect(allocateLargestRemainder(10, [-3, -1])).toEqual([8, 2]);
    expect(allocateLargestRemainder(Number.MAX_SAFE_INTEGER, [Number.MAX_SAFE_INTEGER, 1]).reduce((a, b) => a + b, 0)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("refuses what has no split", () => {
    const problem = (run: () => unknown): string => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(AllocationError);
        return (error as AllocationError).problem;
      }
      throw new Error("expected an AllocationError");
    };
    expect(problem(() => allocateLargestRemainder(5, []))).toBe("no_weights");
    expect(problem(() => allocateLargestRemainder(5, [3, -3]))).toBe("zero_weight_total");
    expect(problem(() => allocateLargestRemainder(0.5, [1]))).toBe("not_fen");
    expect(problem(() => allocateLargestRemainder(5, [Number.NaN]))).toBe("not_fen");
    expect(problem(() => allocateLargestRemainder(Number.MAX_SAFE_INTEGER, [Number.MAX_SAFE_INTEGER, -(Number.MAX_SAFE_INTEGER - 1)]))).toBe("part_out_of_range");
    expect(problem(() => scaleFen(Number.MAX_SAFE_INTEGER, "200"))).toBe("part_out_of_range");
  });
});

describe("scaleFen", () => {
  it("rounds the scaled amount half away from zero, once, with decimal.js", () => {
    expect(scaleFen(1_065_000, "-10")).toBe(-106_500);
    expect(scaleFen(5, "-10")).toBe(-1);
    expect(scaleFen(5, "10")).toBe(1);
    expect(scaleFen(3, "-10")).toBe(0);
    expect(Object.is(scaleFen(3, "-10"), -0)).toBe(false);
    expect(scaleFen(2_857_832_000, "-20")).toBe(-571_566_400);
    expect(scaleFen(1, "12.5")).toBe(0);
    expect(scaleFen(4, "12.5")).toBe(1);
  });
});
