/**
 * Reading a published report in any of the formats the import knows — the
 * report JSON, the text layout, the pipe-separated transcription — into the
 * canonical {@link PublishedReport}. The format is recognised from the text
 * unless it is given.
 *
 * @module
 */
import type { NonTaxLine } from "../catalog/nonTaxLines.js";
import { NON_TAX_LINES_2020 } from "../catalog/nonTaxLines.js";
import { canonicalReport } from "./canonicalReport.js";
import { ImportError, inputIssue, type ImportResultOf } from "./importIssues.js";
import type { PublishedReport, ReportFormat } from "./publishedReport.js";
import type { RawReport } from "./rawReport.js";
import { readReportJsonText, readReportJsonValue } from "./readReportJson.js";
import { readReportPipe } from "./readReportPipe.js";
import { readReportText } from "./readReportText.js";
import { tableOfTitle } from "./labels.js";

/** The most characters of input an import reads (16 Mi): a published report is far smaller. */
export const INPUT_CHARACTERS_MAX = 16 * 1024 * 1024;

/** Options of {@link readReport}. */
export interface ReadReportOptions {
  /** The format; recognised from the text when absent. */
  readonly format?: ReportFormat;
  /** The year, when the report does not print it (or to override it). */
  readonly year?: number;
  /** The department's name, to override what the report prints. */
  readonly department?: string;
  /** The lines of Table 10 (the bundled 2020 lines by default). */
  readonly nonTaxLines?: readonly NonTaxLine[];
}

/**
 * The format of a report's text: JSON when it starts with `{`, a pipe
 * transcription when it has `[T1 …]` sections, a text layout when a line is
 * a table's title.
 *
 * @param text - the report
 * @returns the format, or null when none fits
 */
export function detectReportFormat(text: string): ReportFormat | null {
  const start = text.replace(/^\uFEFF/, "").trimStart();
  if (start.startsWith("{")) return "json";
  if (/^\[T\d{1,2}\b[^\]\n]*\]/m.test(text)) return "pipe";
  // A title line among the first lines (a report's tables start within its first pages).
  for (const line of text.split(/\r?\n/, 200_000)) {
    if (line.length < 80 && !line.includes("\t") && tableOfTitle(line.trim()) !== null) return "text";
  }
  return null;
}

function rawOf(text: string, format: ReportFormat): ImportResultOf<RawReport> {
  switch (format) {
    case "json":
      return readReportJsonText(text);
    case "text":
      return readReportText(text);
    case "pipe":
      return readReportPipe(text);
  }
}

/**
 * Reads a report, never throwing on bad input.
 *
 * @param input - the report's text (any format), or parsed report JSON
 * @param options - format, year, department
 * @returns `{ ok: true, value }` with the report, or `{ ok: false, issues }`
 */
export function safeReadReport(input: string | object, options: ReadReportOptions = {}): ImportResultOf<PublishedReport> {
  let raw: ImportResultOf<RawReport>;
  if (typeof input === "string") {
    if (input.length > INPUT_CHARACTERS_MAX) {
      return {
        ok: false,
        issues: [inputIssue("input_too_large", `the input has ${input.length} characters; a report has at most ${INPUT_CHARACTERS_MAX}`)],
      };
    }
    const format = options.format ?? detectReportFormat(input);
    if (format === null) {
      return {
        ok: false,
        issues: [
          inputIssue(
            "unknown_format",
            "the input is not a report: neither report JSON ({…}), nor a pipe transcription ([T1 …] sections), nor a text layout (a line with a table's title such as 收入支出决算总表)",
          ),
        ],
      };
    }
    raw = rawOf(input, format);
  } else {
    raw = readReportJsonValue(input);
  }
  if (!raw.ok) return raw;
  return canonicalReport(raw.value, {
    nonTaxLines: options.nonTaxLines ?? NON_TAX_LINES_2020,
    ...(options.year === undefined ? {} : { year: options.year }),
    ...(options.department === undefined ? {} : { department: options.department }),
  });
}

/**
 * Reads a report.
 *
 * @param input - the report's text (any format), or parsed report JSON
 * @param options - format, year, department
 * @returns the report in the canonical layout
 * @throws {@link ImportError} with every issue found
 *
 * @example
 * ```ts
 * const report = readReport(readFileSync("guangzhou-cac-2020.tables.json", "utf8"));
 * report.tables.length; // 10
 * ```
 */
export function readReport(input: string | object, options: ReadReportOptions = {}): PublishedReport {
  const result = safeReadReport(input, options);
  if (!result.ok) throw new ImportError(result.issues);
  return result.value;
}
