/**
 * Reading a printed amount: 万元 with up to two decimals, thousands
 * separators or none, a blank (or a lone dash) for nothing.
 *
 * @module
 */

/** The texts a report prints for an empty cell besides nothing at all. */
const BLANK_MARKS: ReadonlySet<string> = new Set(["-", "--", "—", "——", "－", "/"]);

/** 万元 with thousands separators or none, up to two decimals, an optional minus. */
const AMOUNT = /^(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/** The most integer digits of 万元 that stay exact in fen (10 digits: < 10^16 fen). */
const INTEGER_DIGITS_MAX = 9;

/** A printed amount, read. */
export interface PrintedAmount {
  /** The value in fen (0 when blank). */
  readonly fen: number;
  /** Half of the printed step in fen (5,000 for two decimals). */
  readonly halfStepFen: number;
  /** Whether the cell is blank. */
  readonly blank: boolean;
}

/**
 * Reads the text of a printed cell.
 *
 * @param text - as printed, e.g. `"15,731.43"`, `"0.00"`, `""`, `"36"`
 * @returns the amount, or null when the text is not an amount
 *
 * @example
 * ```ts
 * readPrintedAmount("7,443.88"); // { fen: 7_443_880_000, halfStepFen: 5_000, blank: false }
 * readPrintedAmount("");         // { fen: 0, halfStepFen: 5_000, blank: true }
 * readPrintedAmount("abc");      // null
 * ```
 */
export function readPrintedAmount(text: string): PrintedAmount | null {
  const trimmed = text.trim();
  if (trimmed === "" || BLANK_MARKS.has(trimmed)) return { fen: 0, halfStepFen: 5_000, blank: true };
  const match = AMOUNT.exec(trimmed);
  if (match === null) return null;
  const integer = (match[2] ?? "").replace(/,/g, "").replace(/^0+(?=\d)/, "");
  if (integer.length > INTEGER_DIGITS_MAX) return null;
  const decimals = match[3] ?? "";
  const scale = 10 ** (4 + (2 - decimals.length));
  const fen = Number(integer) * 1_000_000 + (decimals === "" ? 0 : Number(decimals) * scale);
  const signed = match[1] === "-" && fen !== 0 ? -fen : fen;
  return { fen: signed, halfStepFen: 5_000 * 10 ** (2 - decimals.length), blank: false };
}

/**
 * Whether a text looks like a printed amount with two decimals (how a data
 * row is told from a header row in a text layout).
 *
 * @param text - a cell's text
 * @returns whether it is an amount with two decimals
 */
export function looksLikeAmount(text: string): boolean {
  return /^-?(\d{1,3}(,\d{3})+|\d+)\.\d{2}$/.test(text.trim());
}
