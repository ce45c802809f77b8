/**
 * Lays out a grid of text cells in fixed-width columns measured in display
 * columns, so that Chinese text lines up in a terminal. Header cells may
 * span several columns; every line of the result has the same display width.
 *
 * Internal to the text renderer; it knows nothing about tables or money.
 *
 * @module
 */
import { displayWidth, type DisplayWidthOptions } from "./displayWidth.js";

/** How a cell's text sits in its width. */
export type Align = "left" | "right" | "center";

/** A header cell, spanning one column or several adjacent ones. */
export interface HeaderCell {
  /** The text. */
  readonly text: string;
  /** Columns it covers (1 when absent). */
  readonly span?: number;
}

/** What to lay out. */
export interface GridSpec {
  /** Alignment of each column's body cells; its length is the number of columns. */
  readonly aligns: readonly Align[];
  /** The separator after each column but the last (`aligns.length - 1` strings). */
  readonly gaps: readonly string[];
  /** Header rows; each row's spans add up to the number of columns. Centered. */
  readonly header: readonly (readonly HeaderCell[])[];
  /** Body rows, one string per column. */
  readonly body: readonly (readonly string[])[];
  /** The column that takes any extra width. */
  readonly stretch: number;
  /** The least total width. */
  readonly minWidth: number;
}

/** A laid-out grid. */
export interface Grid {
  /** The header lines. */
  readonly header: readonly string[];
  /** The body lines. */
  readonly body: readonly string[];
  /** The display width of every line. */
  readonly width: number;
}

/**
 * Places text in a width.
 *
 * @param text - the text
 * @param width - the columns it gets (at least its own width)
 * @param align - where it sits
 * @param options - display width options
 * @returns a string of exactly `width` display columns (or the text, when wider)
 */
export function alignText(text: string, width: number, align: Align, options: DisplayWidthOptions): string {
  const missing = Math.max(0, width - displayWidth(text, options));
  if (align === "left") return text + " ".repeat(missing);
  if (align === "right") return " ".repeat(missing) + text;
  const before = Math.floor(missing / 2);
  return " ".repeat(before) + text + " ".repeat(missing - before);
}

function spanOf(cell: HeaderCell): number {
  return cell.span ?? 1;
}

/**
 * Lays out a grid: column widths fit every cell, spanning header cells widen
 * the last column they cover when needed, and the stretch column takes what
 * the minimum width asks for beyond that.
 *
 * @param spec - the grid
 * @param options - display width options
 * @returns the lines and their common width
 */
export function layoutGrid(spec: GridSpec, options: DisplayWidthOptions = {}): Grid {
  const count = spec.aligns.length;
  if (spec.gaps.length !== Math.max(0, count - 1)) throw new RangeError(`a grid of ${count} columns needs ${count - 1} gaps`);
  const gapWidths = spec.gaps.map((gap) => displayWidth(gap, options));
  const widths = new Array<number>(count).fill(0);
  for (const row of spec.body) {
    if (row.length !== count) throw new RangeError(`a body row has ${row.length} cells, not ${count}`);
    row.forEach((text, column) => {
      widths[column] = Math.max(widths[column] ?? 0, displayWidth(text, options));
    });
  }
  const spanning: { readonly start: number; readonly span: number; readonly need: number }[] = [];
  for (const row of spec.header) {
    let column = 0;
    for (const cell of row) {
      const span = spanOf(cell);
      const need = displayWidth(cell.text, options);
      if (span === 1) widths[column] = Math.max(widths[column] ?? 0, need);
      else spanning.push({ start: column, span, need });
      column += span;
    }
    if (column !== count) throw new RangeError(`a header row spans ${column} columns, not ${count}`);
  }
  const coveredWidth = (start: number, span: number): number => {
    let total = 0;
    for (let column = start; column < start + span; column++) {
      total += widths[column] ?? 0;
      if (column < start + span - 1) total += gapWidths[column] ?? 0;
    }
    return total;
  };
  spanning.sort((a, b) => a.span - b.span);
  for (const cell of spanning) {
    const missing = cell.need - coveredWidth(cell.start, cell.span);
    const last = cell.start + cell.span - 1;
    if (missing > 0) widths[last] = (widths[last] ?? 0) + missing;
  }
  const total = coveredWidth(0, count);
  if (spec.minWidth > total) widths[spec.stretch] = (widths[spec.stretch] ?? 0) + spec.minWidth - total;
  const width = coveredWidth(0, count);

  const header = spec.header.map((row) => {
    let column = 0;
    let line = "";
    for (const cell of row) {
      const span = spanOf(cell);
      line += alignText(cell.text, coveredWidth(column, span), "center", options);
      column += span;
      if (column < count) line += spec.gaps[column - 1] ?? "";
    }
    return line;
  });
  const body = spec.body.map((row) =>
    row.map((text, column) => alignText(text, widths[column] ?? 0, spec.aligns[column] ?? "left", options) + (column < count - 1 ? spec.gaps[column] ?? "" : "")).join(""),
  );
  return { header, body, width };
}
