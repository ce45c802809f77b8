/**
 * The width of a string in a terminal, in columns, aware of Chinese, Japanese
 * and Korean text: East Asian Wide and Fullwidth characters (CJK ideographs,
 * CJK punctuation such as 、，。：（）, fullwidth forms, Hangul, kana) take
 * two columns, combining marks and zero-width characters none, the rest one.
 *
 * The punctuation that Unicode calls "ambiguous" (“ ” ‘ ’ · — … ※ ① …) takes
 * two columns by default, as in a terminal set up for Chinese; pass
 * `ambiguousWidth: 1` for a Western one.
 *
 * @module
 */

/** Options of {@link displayWidth} and the padding functions. */
export interface DisplayWidthOptions {
  /**
   * Columns of an East Asian Ambiguous character (“ ” ‘ ’ · — … ※ ① …):
   * 2 (the default) as a Chinese-locale terminal shows them, or 1.
   */
  readonly ambiguousWidth?: 1 | 2;
}

/** Inclusive code point ranges, sorted, that take two columns. */
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo, leading consonants
  [0x231a, 0x231b], // watch, hourglass
  [0x2329, 0x232a], // angle brackets
  [0x23e9, 0x23ec],
  [0x23f0, 0x23f0],
  [0x23f3, 0x23f3],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x267f, 0x267f],
  [0x2693, 0x2693],
  [0x26a1, 0x26a1],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26ce, 0x26ce],
  [0x26d4, 0x26d4],
  [0x26ea, 0x26ea],
  [0x26f2, 0x26f3],
  [0x26f5, 0x26f5],
  [0x26fa, 0x26fa],
  [0x26fd, 0x26fd],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x274e, 0x274e],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27b0, 0x27b0],
  [0x27bf, 0x27bf],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2b55, 0x2b55],
  [0x2e80, 0x303e], // CJK radicals, Kangxi radicals, CJK symbols and punctuation
  [0x3041, 0x33ff], // kana, Bopomofo, Hangul compatibility Jamo, enclosed CJK, CJK compatibility
  [0x3400, 0x4dbf], // CJK Unified Ideographs Extension A
  [0x4e00, 0x9fff], // CJK Unified Ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f], // Hangul Jamo Extended-A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK Compatibility Ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
  [0xff00, 0xff60], // fullwidth ASCII variants and punctuation
  [0xffe0, 0xffe6], // fullwidth signs
  [0x16fe0, 0x16fe4],
  [0x17000, 0x18cff], // Tangut
  [0x1b000, 0x1b2ff], // kana supplement and extensions, Nushu
  [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a],
  [0x1f200, 0x1f251], // enclosed ideographic supplement
  [0x1f260, 0x1f265],
  [0x1f300, 0x1f64f], // pictographs, emoticons
  [0x1f680, 0x1f6ff], // transport and map symbols
  [0x1f7e0, 0x1f7eb],
  [0x1f90c, 0x1f9ff], // supplemental symbols and pictographs
  [0x1fa70, 0x1faff],
  [0x20000, 0x2fffd], // CJK Unified Ideographs Extensions B–F, compatibility supplement
  [0x30000, 0x3fffd], // Extensions G and later
];

/**
 * Ambiguous code points a Chinese text is likely to hold; their width
 * depends on the terminal's locale.
 */
const AMBIGUOUS_RANGES: readonly (readonly [number, number])[] = [
  [0x00a7, 0x00a8], // § ¨
  [0x00b0, 0x00b1], // ° ±
  [0x00b7, 0x00b7], // · middle dot
  [0x00d7, 0x00d7], // ×
  [0x00f7, 0x00f7], // ÷
  [0x2014, 0x2016], // — ― ‖
  [0x2018, 0x2019], // ‘ ’
  [0x201c, 0x201d], // “ ”
  [0x2025, 0x2026], // ‥ …
  [0x2030, 0x2030], // ‰
  [0x2032, 0x2033], // ′ ″
  [0x203b, 0x203b], // ※
  [0x2103, 0x2103], // ℃
  [0x2116, 0x2116], // №
  [0x2160, 0x216b], // Ⅰ … Ⅻ
  [0x2170, 0x2179], // ⅰ … ⅹ
  [0x2190, 0x2199], // arrows
  [0x2460, 0x24e9], // ① … circled and parenthesized numbers
  [0x25a0, 0x25a1], // ■ □
  [0x25b2, 0x25b3], // ▲ △
  [0x25c6, 0x25c7], // ◆ ◇
  [0x25cb, 0x25cb], // ○
  [0x25ce, 0x25cf], // ◎ ●
  [0x2605, 0x2606], // ★ ☆
];

/** Zero-width characters beyond the combining marks. */
const ZERO_WIDTH_RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x001f], // C0 controls
  [0x007f, 0x009f], // DEL and C1 controls
  [0x00ad, 0x00ad], // soft hyphen
  [0x1160, 0x11ff], // Hangul Jamo vowels and trailing consonants (join a syllable)
  [0x200b, 0x200f], // zero-width space, joiners, direction marks
  [0x2028, 0x202e], // separators, embedding controls
  [0x2060, 0x2064], // word joiner, invisible operators
  [0xfe00, 0xfe0f], // variation selectors
  [0xfeff, 0xfeff], // byte order mark
  [0xe0000, 0xe0fff], // tags, variation selectors supplement
];

const COMBINING_MARK = /^[\p{Mn}\p{Me}]$/u;

function inRanges(codePoint: number, ranges: readonly (readonly [number, number])[]): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const range = ranges[middle] as readonly [number, number];
    if (codePoint < range[0]) high = middle - 1;
    else if (codePoint > range[1]) low = middle + 1;
    else return true;
  }
  return false;
}

/**
 * Columns one character (code point) takes in a terminal.
 *
 * @param character - one code point, e.g. `"决"`, `"a"`, `"\u0301"`
 * @param options - the width of ambiguous characters
 * @returns 0, 1 or 2
 *
 * @example
 * ```ts
 * characterWidth("决");      // 2
 * characterWidth("（");      // 2 (fullwidth form)
 * characterWidth("\u0301");  // 0 (combining acute accent)
 * ```
 */
export function characterWidth(character: string, options: DisplayWidthOptions = {}): 0 | 1 | 2 {
  const codePoint = character.codePointAt(0);
  if (codePoint === undefined) return 0;
  if (codePoint >= 0x20 && codePoint < 0x7f) return 1;
  if (inRanges(codePoint, ZERO_WIDTH_RANGES) || COMBINING_MARK.test(character)) return 0;
  if (inRanges(codePoint, WIDE_RANGES)) return 2;
  if (inRanges(codePoint, AMBIGUOUS_RANGES)) return options.ambiguousWidth ?? 2;
  return 1;
}

/**
 * Columns a string takes in a terminal: the sum of its characters' widths.
 *
 * @param text - any string, without line breaks
 * @param options - the width of ambiguous characters
 * @returns columns
 *
 * @example
 * ```ts
 * displayWidth("合计 18,754.63"); // 14: two ideographs (4), a space and 9 ASCII characters
 * displayWidth("“三公”经费");      // 12 with ambiguous quotes at 2 columns, 10 at 1
 * ```
 */
export function displayWidth(text: string, options: DisplayWidthOptions = {}): number {
  let width = 0;
  for (const character of text) width += characterWidth(character, options);
  return width;
}

/**
 * Pads a string on the right with spaces to a display width (left-aligns it).
 *
 * @param text - the string
 * @param width - columns wanted; a wider string is returned unchanged
 * @param options - the width of ambiguous characters
 * @returns the padded string
 *
 * @example
 * ```ts
 * padEndToWidth("合计", 6); // "合计  "
 * ```
 */
export function padEndToWidth(text: string, width: number, options: DisplayWidthOptions = {}): string {
  const missing = width - displayWidth(text, options);
  return missing > 0 ? text + " ".repeat(missing) : text;
}

/**
 * Pads a string on the left with spaces to a display width (right-aligns it).
 *
 * @param text - the string
 * @param width - columns wanted; a wider string is returned unchanged
 * @param options - the width of ambiguous characters
 * @returns the padded string
 *
 * @example
 * ```ts
 * padStartToWidth("0.00", 8); // "    0.00"
 * ```
 */
export function padStartToWidth(text: string, width: number, options: DisplayWidthOptions = {}): string {
  const missing = width - displayWidth(text, options);
  return missing > 0 ? " ".repeat(missing) + text : text;
}
