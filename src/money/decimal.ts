/**
 * The one configured decimal.js clone of the library, and the conversions
 * that divide or round: fen ⇄ 万元, percentages, growth rates.
 *
 * The global `Decimal` is never configured; every call that rounds names its
 * rounding mode.
 *
 * @module
 */
import { Decimal } from "decimal.js";
import { FEN_PER_WAN, isFen } from "./fen.js";

/**
 * decimal.js, configured for money: 60 significant digits (far beyond any
 * amount), half away from zero by default, never exponential notation.
 */
export const Dec = Decimal.clone({
  precision: 60,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -60,
  toExpPos: 60,
});

/** An instance of the configured clone. */
export type Dec = InstanceType<typeof Dec>;

const WAN = new Dec(FEN_PER_WAN);

/**
 * Rounds an exact amount of fen to 万元 with two decimals, half away from
 * zero — the rule by which each published cell is rounded on its own.
 *
 * @param amountFen - exact fen
 * @returns the printed value, e.g. `"7443.88"`; never `"-0.00"`
 *
 * @example
 * ```ts
 * fenToWan(74_438_800); // "74.44"  (74.4388 万元)
 * fenToWan(-5_000);     // "-0.01"  (half away from zero)
 * ```
 */
export function fenToWan(amountFen: number): string {
  const text = new Dec(amountFen).div(WAN).toFixed(2, Dec.ROUND_HALF_UP);
  return text === "-0.00" ? "0.00" : text;
}

/**
 * Groups the integer digits of a plain decimal string by thousands.
 *
 * @param plain - e.g. `"15731.43"`
 * @returns e.g. `"15,731.43"`
 */
export function groupThousands(plain: string): string {
  const negative = plain.startsWith("-");
  const body = negative ? plain.slice(1) : plain;
  const dot = body.indexOf(".");
  const integer = dot === -1 ? body : body.slice(0, dot);
  const fraction = dot === -1 ? "" : body.slice(dot);
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${grouped}${fraction}`;
}

/**
 * Formats fen as 万元 with two decimals and thousands separators, as the
 * report's text prints it.
 *
 * @param amountFen - exact fen
 * @returns e.g. `"15,731.43"`
 */
export function formatWan(amountFen: number): string {
  return groupThousands(fenToWan(amountFen));
}

/** Why a 万元 text could not be read as fen. */
export type WanParseProblem = "not_a_number" | "finer_than_fen" | "out_of_range";

/**
 * Reads a 万元 amount written as a decimal string (thousands separators
 * allowed) as exact fen.
 *
 * @param text - e.g. `"15,731.43"` or `"-500"`
 * @returns `{ ok: true, value }` with fen, or `{ ok: false, problem }`
 */
export function parseWan(
  text: string,
): { readonly ok: true; readonly value: number } | { readonly ok: false; readonly problem: WanParseProblem } {
  const trimmed = text.trim();
  // Commas only as thousands separators: 15,731.43 but not 1,5.
  if (trimmed.includes(",") && !/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(trimmed)) return { ok: false, problem: "not_a_number" };
  const plain = trimmed.replace(/,/g, "");
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(plain)) return { ok: false, problem: "not_a_number" };
  const fen = new Dec(plain).times(WAN);
  if (!fen.isInteger()) return { ok: false, problem: "finer_than_fen" };
  const value = fen.toNumber();
  if (!isFen(value)) return { ok: false, problem: "out_of_range" };
  return { ok: true, value: value === 0 ? 0 : value };
}

/**
 * A ratio as a percentage, computed exactly and rounded once, half up (away
 * from zero), to the given number of decimals.
 *
 * @param numeratorFen - the part
 * @param denominatorFen - the whole; zero gives `null` (not comparable)
 * @param decimals - decimals to keep
 * @returns e.g. `"91.34"`, or `null` when the base is zero
 */
export function percentOf(numeratorFen: number, denominatorFen: number, decimals: number): string | null {
  if (denominatorFen === 0) return null;
  const text = new Dec(numeratorFen).times(100).div(denominatorFen).toFixed(decimals, Dec.ROUND_HALF_UP);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}
