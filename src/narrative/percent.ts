/**
 * Rates and points as the report prints them: computed from exact integers
 * with decimal.js, rounded half up (away from zero) once, at the precision
 * the report uses, and printed without trailing zeros — the report prints
 * "98%" and "100%", not "98.00%" and "100.0%".
 *
 * @module
 */
import { Dec, percentOf } from "../money/decimal.js";

/**
 * Drops the trailing zeros of a plain decimal string, and the point when
 * nothing follows it.
 *
 * @param text - e.g. `"98.00"`, `"80.60"`, `"0.0"`
 * @returns e.g. `"98"`, `"80.6"`, `"0"`
 */
export function withoutTrailingZeros(text: string): string {
  if (!text.includes(".")) return text;
  const trimmed = text.replace(/0+$/, "").replace(/\.$/, "");
  return trimmed === "-0" ? "0" : trimmed;
}

/**
 * A ratio as the report prints a percentage: `part / whole × 100`, rounded
 * half up once to `decimals`, trailing zeros dropped.
 *
 * @param part - the numerator (fen or a count)
 * @param whole - the base; zero gives null (the report prints "--": not comparable)
 * @param decimals - the decimals the report prints at most
 * @returns e.g. `"4.8"`, `"98"`, `"-0.9"`, or null
 *
 * @example
 * ```ts
 * printedPercent(1_321_820, 27_256_520, 1); // "4.8" (4.8495…%)
 * printedPercent(352_800, 360_000, 2);      // "98"
 * printedPercent(0, 0, 1);                  // null
 * ```
 */
export function printedPercent(part: number, whole: number, decimals: number): string | null {
  const exact = percentOf(part, whole, decimals);
  return exact === null ? null : withoutTrailingZeros(exact);
}

/**
 * Points of a performance evaluation, printed with two decimals, rounded
 * half up once.
 *
 * @param points - exact points
 * @returns e.g. `"94.27"`
 */
export function printedPoints(points: Dec): string {
  const text = points.toFixed(2, Dec.ROUND_HALF_UP);
  return text === "-0.00" ? "0.00" : text;
}
