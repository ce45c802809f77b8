/**
 * The lines of a stretch of a UTF-8 file, read a mebibyte at a time and
 * decoded only as whole lines (never a split multi-byte character). Shared
 * by the threads that read one file together: each takes a byte range that
 * starts at a line's beginning.
 *
 * @module
 */
import { readSync } from "node:fs";

/** Bytes read at once. */
const CHUNK_BYTES = 1 << 20;

/** The longest line accepted, in bytes (a yearClosed event of many balances is long). */
export const LINE_BYTES_MAX = 64 * 1024 * 1024;

/** A line longer than {@link LINE_BYTES_MAX}. */
export class LineTooLongError extends Error {
  override readonly name = "LineTooLongError";
  /** The 1-based number of the line. */
  readonly line: number;
  constructor(line: number) {
    super(`the line is longer than ${LINE_BYTES_MAX} bytes`);
    this.line = line;
  }
}

/**
 * Calls `onLine` with each line of the bytes `start` … `end` of an open
 * file, numbered from `firstLine` + 1, without its line break (a `\r`
 * before the `\n` goes too) or, on the file's first line (`start` 0),
 * a byte-order mark. A last line without a break counts when it is not empty.
 *
 * @param fd - an open file
 * @param start - the first byte (the start of a line)
 * @param end - the byte after the last
 * @param firstLine - lines before `start`
 * @param onLine - takes a line and its number; returning false stops the reading
 * @returns the number of the last line read (`firstLine` when none)
 * @throws {@link LineTooLongError}
 */
export function readLines(fd: number, start: number, end: number, firstLine: number, onLine: (text: string, line: number) => boolean | void): number {
  let buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, Math.max(1, end - start)));
  let filled = 0;
  let position = start;
  let line = firstLine;
  const emit = (from: number, to: number): boolean => {
    line += 1;
    let stop = to;
    if (stop > from && buffer[stop - 1] === 13) stop -= 1;
    let text = buffer.toString("utf8", from, stop);
    // Only the file's own first line can carry a byte-order mark (a range read from its middle starts at line 1 too).
    if (line === 1 && start === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return onLine(text, line) !== false;
  };
  while (position < end || filled > 0) {
    if (filled === buffer.length) {
      if (buffer.length > LINE_BYTES_MAX) throw new LineTooLongError(line + 1);
      const larger = Buffer.allocUnsafe(buffer.length * 2);
      buffer.copy(larger, 0, 0, filled);
      buffer = larger;
    }
    const read = position < end ? readSync(fd, buffer, filled, Math.min(buffer.length - filled, end - position), position) : 0;
    const available = filled + read;
    if (read === 0) {
      // The end of the range: what remains is the last line, without a break.
      if (available > 0) emit(0, available);
      return line;
    }
    let from = 0;
    let newline = buffer.indexOf(10, filled);
    while (newline !== -1 && newline < available) {
      if (!emit(from, newline)) return line;
      from = newline + 1;
      newline = buffer.indexOf(10, from);
    }
    position += read;
    buffer.copy(buffer, 0, from, available);
    filled = available - from;
  }
  return line;
}
