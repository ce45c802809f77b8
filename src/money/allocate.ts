/**
 * Splitting an exact amount of fen into parts in proportion to weights: the
 * largest-remainder rule. Each part is its exact share rounded down, and the
 * fen left over go one each to the parts whose shares lost the most in that
 * rounding — so the parts sum to the amount exactly and each differs from its
 * exact share by less than one fen. Ties go to the earlier part: the caller's
 * order is the tie-break, which keeps the split deterministic.
 *
 * The shares are computed with exact integer arithmetic — on numbers while
 * every product of the total and a weight stays below 2^53, on `bigint`
 * beyond — so no share is ever approximated.
 *
 * @module
 */
import { Dec } from "./decimal.js";
import { isFen } from "./fen.js";

/** Why an amount could not be allocated. */
export type AllocationProblem = "no_weights" | "zero_weight_total" | "not_fen" | "part_out_of_range";

/** Thrown by {@link allocateLargestRemainder} for an allocation that has no answer. */
export class AllocationError extends RangeError {
  override readonly name = "AllocationError";
  /** What is wrong. */
  readonly problem: AllocationProblem;
  constructor(problem: AllocationProblem, message: string) {
    super(message);
    this.problem = problem;
  }
}

/**
 * Splits `totalFen` over `weights` by the largest-remainder rule.
 *
 * The split is odd in the total: allocating −T gives the negated parts of
 * allocating T (a cut falls on the same lines as an increase of the same
 * size). Weights may be of either sign as long as they do not sum to zero.
 *
 * @param totalFen - the amount to split, fen (any sign)
 * @param weights - one weight per part, fen (e.g. the lines' current amounts)
 * @returns one part per weight, fen, summing exactly to `totalFen`
 * @throws {@link AllocationError} when the weights are empty or sum to zero
 *   while the total is not zero, when an input is not a safe integer, or when
 *   a part would leave the safe-integer range
 *
 * @example
 * ```ts
 * allocateLargestRemainder(100, [1, 1, 1]);   // [34, 33, 33]
 * allocateLargestRemainder(-100, [1, 1, 1]);  // [-34, -33, -33]
 * allocateLargestRemainder(10, [5, 3, 2]);    // [5, 3, 2]
 * ```
 */
export function allocateLargestRemainder(totalFen: number, weights: readonly number[]): number[] {
  if (!isFen(totalFen)) throw new AllocationError("not_fen", `the total ${String(totalFen)} is not a whole number of fen`);
  let weightTotal = 0n;
  for (const weight of weights) {
    if (!isFen(weight)) throw new AllocationError("not_fen", `the weight ${String(weight)} is not a whole number of fen`);
    weightTotal += BigInt(weight);
  }
  if (totalFen === 0) return weights.map(() => 0);
  if (weights.length === 0) throw new AllocationError("no_weights", `${totalFen} fen cannot be split over no parts`);
  if (weightTotal === 0n) throw new AllocationError("zero_weight_total", `${totalFen} fen cannot be split over weights that sum to zero`);
  const small = smallAllocation(totalFen, weights, Number(weightTotal));
  if (small !== undefined) return small;
  // Normalise to a positive total and a positive weight total; the total's sign goes back on at the end.
  const weightSign = weightTotal < 0n ? -1n : 1n;
  const total = BigInt(Math.abs(totalFen));
  const divisor = weightTotal * weightSign;
  const floors: bigint[] = new Array<bigint>(weights.length);
  const remainders: bigint[] = new Array<bigint>(weights.length);
  let allotted = 0n;
  for (let index = 0; index < weights.length; index++) {
    const numerator = total * BigInt(weights[index] as number) * weightSign;
    let floor = numerator / divisor;
    let remainder = numerator % divisor;
    // bigint division truncates towards zero; shares are rounded down (towards −∞).
    if (remainder < 0n) {
      floor -= 1n;
      remainder += divisor;
    }
    floors[index] = floor;
    remainders[index] = remainder;
    allotted += floor;
  }
  const leftOver = Number(total - allotted);
  if (leftOver > 0) {
    const order = weights.map((_, index) => index);
    order.sort((a, b) => {
      const ra = remainders[a] as bigint;
      const rb = remainders[b] as bigint;
      return ra > rb ? -1 : ra < rb ? 1 : a - b;
    });
    for (let k = 0; k < leftOver; k++) {
      const index = order[k] as number;
      floors[index] = (floors[index] as bigint) + 1n;
    }
  }
  const totalSign = totalFen < 0 ? -1n : 1n;
  return floors.map((floor) => {
    const part = Number(floor * totalSign);
    if (!isFen(part)) throw new AllocationError("part_out_of_range", `a part of ${totalFen} fen leaves the safe-integer range`);
    return part === 0 ? 0 : part;
  });
}

/**
 * The same split on plain numbers, when every product of the total and a
 * weight (and the weight total beside it) stays within the safe-integer
 * range, so every step is exact — the usual case, and several times faster
 * than `bigint`. Undefined when the numbers are too large.
 */
function smallAllocation(totalFen: number, weights: readonly number[], weightTotal: number): number[] | undefined {
  const total = Math.abs(totalFen);
  const divisor = Math.abs(weightTotal);
  const weightSign = weightTotal < 0 ? -1 : 1;
  let largest = 0;
  for (const weight of weights) largest = Math.max(largest, Math.abs(weight));
  if (total * largest + divisor > Number.MAX_SAFE_INTEGER) return undefined;
  const floors = new Array<number>(weights.length);
  const remainders = new Array<number>(weights.length);
  let allotted = 0;
  for (let index = 0; index < weights.length; index++) {
    const numerator = total * (weights[index] as number) * weightSign;
    let floor = Math.floor(numerator / divisor);
    // The quotient of two exact integers may round across an integer: the remainder puts it right.
    let remainder = numerator - floor * divisor;
    while (remainder < 0) {
      floor -= 1;
      remainder += divisor;
    }
    while (remainder >= divisor) {
      floor += 1;
      remainder -= divisor;
    }
    floors[index] = floor;
    remainders[index] = remainder;
    allotted += floor;
  }
  const leftOver = total - allotted;
  if (leftOver > 0) {
    const order = weights.map((_, index) => index);
    order.sort((a, b) => (remainders[b] as number) - (remainders[a] as number) || a - b);
    for (let k = 0; k < leftOver; k++) {
      const index = order[k] as number;
      floors[index] = (floors[index] as number) + 1;
    }
  }
  const totalSign = totalFen < 0 ? -1 : 1;
  return floors.map((floor) => (floor === 0 ? 0 : floor * totalSign));
}

/**
 * An amount of fen scaled by a percentage and rounded to the fen, half away
 * from zero, with decimal.js: round(amount × percent / 100).
 *
 * @param amountFen - exact fen
 * @param percent - a percentage as a decimal string or a decimal (e.g. `"-10"`, `"12.5"`)
 * @returns the scaled amount, fen
 * @throws {@link AllocationError} when the result is not a safe integer
 *
 * @example
 * ```ts
 * scaleFen(1_065_000, "-10"); // -106_500
 * scaleFen(5, "-10");         // -1 (−0.5 rounds away from zero)
 * ```
 */
export function scaleFen(amountFen: number, percent: string | Dec): number {
  const scaled = new Dec(amountFen).times(percent).div(100).toDecimalPlaces(0, Dec.ROUND_HALF_UP).toNumber();
  if (!isFen(scaled)) throw new AllocationError("part_out_of_range", `${amountFen} fen scaled by ${String(percent)}% leaves the safe-integer range`);
  return scaled === 0 ? 0 : scaled;
}
