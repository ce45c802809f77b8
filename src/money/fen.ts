/**
 * Integer fen (分), the only scale at which fundledger stores money.
 *
 * An amount is a JavaScript number that is always a safe integer. Sums are
 * checked: a result outside ±(2^53 − 1) is an overflow and throws, never wraps
 * or loses a fen.
 *
 * @module
 */

/** Fen in one yuan (元). */
export const FEN_PER_YUAN = 100;

/** Fen in one 万元, the unit the published tables print. */
export const FEN_PER_WAN = 1_000_000;

/** Fen in one printed step of a table (0.01 万元 = 100 元). */
export const FEN_PER_PUBLISHED_STEP = 10_000;

/** The largest amount a ledger holds, in fen. */
export const AMOUNT_FEN_MAX = Number.MAX_SAFE_INTEGER;

/**
 * Thrown when an exact sum of fen leaves the safe-integer range.
 *
 * @example
 * ```ts
 * addFen(Number.MAX_SAFE_INTEGER, 1); // throws FenOverflowError
 * ```
 */
export class FenOverflowError extends RangeError {
  override readonly name = "FenOverflowError";
  /** The two operands whose sum overflowed. */
  readonly operands: readonly [number, number];
  constructor(a: number, b: number) {
    super(`fen overflow: ${a} + ${b} leaves the safe-integer range`);
    this.operands = [a, b];
  }
}

/**
 * True when `value` can stand for an amount of fen: a safe integer.
 *
 * @param value - anything
 * @returns whether it is a safe integer
 */
export function isFen(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value);
}

/**
 * Adds two amounts of fen exactly.
 *
 * @param a - fen
 * @param b - fen
 * @returns a + b
 * @throws {@link FenOverflowError} when the sum is not a safe integer
 */
export function addFen(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new FenOverflowError(a, b);
  return sum;
}

/**
 * Sums amounts of fen exactly.
 *
 * @param amounts - fen
 * @returns their sum
 * @throws {@link FenOverflowError} when a partial sum overflows
 */
export function sumFen(amounts: Iterable<number>): number {
  let total = 0;
  for (const amount of amounts) total = addFen(total, amount);
  return total;
}

/**
 * Subtracts `b` from `a` exactly.
 *
 * @param a - fen
 * @param b - fen
 * @returns a − b
 * @throws {@link FenOverflowError} when the difference is not a safe integer
 */
export function subtractFen(a: number, b: number): number {
  return addFen(a, -b);
}
