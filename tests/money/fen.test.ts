// Checks integer fen arithmetic: exact sums inside the safe-integer range and FenOverflowError outside it, by hand cases and properties against BigInt.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AMOUNT_FEN_MAX,
  FEN_PER_PUBLISHED_STEP,
  FEN_PER_WAN,
  FEN_PER_YUAN,
  FenOverflowError,
  addFen,
  isFen,
  subtractFen,
  sumFen,
} from "../../src/money/fen.js";

const MAX = Number.MAX_SAFE_INTEGER;
const MAX_BIG = BigInt(MAX);
const SEED = 20201231;

/** Safe integers, biased towards the edges of the range where overflow lives. */
const fenArb = fc.oneof(
  fc.maxSafeInteger(),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.integer({ min: 0, max: 1_000 }).map((d) => MAX - d),
  fc.integer({ min: 0, max: 1_000 }).map((d) => -MAX + d),
);

function inRange(value: bigint): boolean {
  return value <= MAX_BIG && value >= -MAX_BIG;
}

describe("fen constants", () => {
  it("declares the scale: 100 fen a yuan, 1,000,000 fen a 万元, 10,000 fen a printed step", () => {
    expect(FEN_PER_YUAN).toBe(100);
    expect(FEN_PER_WAN).toBe(1_000_000);
    expect(FEN_PER_PUBLISHED_STEP).toBe(10_000);
    expect(AMOUNT_FEN_MAX).toBe(MAX);
  });
});

describe("isFen", () => {
  it("accepts safe integers including zero and negatives", () => {
    for (const value of [0, 1, -1, MAX, -MAX, 74_438_800]) expect(isFen(value)).toBe(true);
  });

  it("rejects fractions, unsafe integers, NaN, infinities and non-numbers", () => {
    for (const value of [0.5, -1.25, MAX + 1, -MAX - 1, Number.NaN, Infinity, -Infinity, "1", null, undefined, 1n]) {
      expect(isFen(value)).toBe(false);
    }
  });
});

describe("addFen", () => {
  it("adds exactly at the edge of the range", () => {
    expect(addFen(MAX - 1, 1)).toBe(MAX);
    expect(addFen(-MAX + 1, -1)).toBe(-MAX);
    expect(addFen(MAX, -MAX)).toBe(0);
  });

  it("throws FenOverflowError one fen past MAX_SAFE_INTEGER, carrying both operands", () => {
    expect(() => addFen(MAX, 1)).toThrow(FenOverflowError);
    try {
      addFen(MAX, 1);
    } catch (error) {
      expect(error).toBeInstanceOf(RangeError);
      expect(error).toBeInstanceOf(FenOverflowError);
      if (!(error instanceof FenOverflowError)) throw error;
      expect(error.name).toBe("FenOverflowError");
      expect(error.operands).toEqual([MAX, 1]);
      expect(error.message).toContain(String(MAX));
    }
  });

  it("throws FenOverflowError one fen past -MAX_SAFE_INTEGER", () => {
    expect(() => addFen(-MAX, -1)).toThrow(FenOverflowError);
  });

  it("throws when the float sum would round back into a representable but wrong value", () => {
    // MAX + 2 is 2^53 + 1, which a double rounds to 2^53: the sum must not be silently off by a fen.
    expect(() => addFen(MAX, 2)).toThrow(FenOverflowError);
    expect(() => addFen(MAX, MAX)).toThrow(FenOverflowError);
  });

  it("equals the BigInt sum when it is safe and throws FenOverflowError otherwise (property)", () => {
    fc.assert(
      fc.property(fenArb, fenArb, (a, b) => {
        const exact = BigInt(a) + BigInt(b);
        if (inRange(exact)) expect(addFen(a, b)).toBe(Number(exact));
        else expect(() => addFen(a, b)).toThrow(FenOverflowError);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it("is commutative (property)", () => {
    fc.assert(
      fc.property(fenArb, fenArb, (a, b) => {
        const ab = (): number => addFen(a, b);
        const ba = (): number => addFen(b, a);
        if (inRange(BigInt(a) + BigInt(b))) expect(ab()).toBe(ba());
        else {
          expect(ab).toThrow(FenOverflowError);
          expect(ba).toThrow(FenOverflowError);
        }
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe("subtractFen", () => {
  it("subtracts exactly and throws past the range", () => {
    expect(subtractFen(10, 25)).toBe(-15);
    expect(subtractFen(-MAX + 1, 1)).toBe(-MAX);
    expect(() => subtractFen(-MAX, 1)).toThrow(FenOverflowError);
    expect(() => subtractFen(MAX, -1)).toThrow(FenOverflowError);
  });

  it("equals the BigInt difference when it is safe (property)", () => {
    fc.assert(
      fc.property(fenArb, fenArb, (a, b) => {
        const exact = BigInt(a) - BigInt(b);
        if (inRange(exact)) expect(subtractFen(a, b)).toBe(Number(exact));
        else expect(() => subtractFen(a, b)).toThrow(FenOverflowError);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe("sumFen", () => {
  it("sums nothing to zero and takes any iterable", () => {
    expect(sumFen([])).toBe(0);
    expect(sumFen(new Set([1, 2, 3]))).toBe(6);
    function* amounts(): Generator<number> {
      yield 3_344_000;
      yield 71_094_900;
    }
    expect(sumFen(amounts())).toBe(74_438_900);
  });

  it("throws FenOverflowError when a partial sum leaves the range", () => {
    expect(() => sumFen([MAX, 1])).toThrow(FenOverflowError);
    expect(() => sumFen([MAX, 1, -1])).toThrow(FenOverflowError);
    expect(sumFen([MAX, -1, 1])).toBe(MAX);
  });

  it("equals the BigInt sum when every partial sum is safe and throws otherwise (property)", () => {
    fc.assert(
      fc.property(fc.array(fenArb, { maxLength: 12 }), (amounts) => {
        let exact = 0n;
        let overflows = false;
        for (const amount of amounts) {
          exact += BigInt(amount);
          if (!inRange(exact)) overflows = true;
        }
        if (overflows) expect(() => sumFen(amounts)).toThrow(FenOverflowError);
        else expect(sumFen(amounts)).toBe(Number(exact));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("is exact for many small amounts whatever their order (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }), { maxLength: 50 }), (amounts) => {
        const exact = amounts.reduce((total, amount) => total + BigInt(amount), 0n);
        expect(sumFen(amounts)).toBe(Number(exact));
        expect(sumFen([...amounts].reverse())).toBe(Number(exact));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
