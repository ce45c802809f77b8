/**
 * `fundledger report` and `fundledger demo`: the tables of a year, as text,
 * Markdown, CSV or the report JSON.
 *
 * @module
 */
import { TABLE_IDS, type TableId } from "../tables/table.js";
import { departmentName, type Report } from "../tables/report.js";
import { renderReportCsv } from "../render/csv.js";
import { renderReportMarkdown } from "../render/markdown.js";
import { renderReportJson } from "../render/reportJson.js";
import { renderReportText } from "../render/text.js";
import { EXIT, usageError } from "./cliError.js";
import type { Command, CommandContext } from "./command.js";
import type { FlagSpecs, Flags } from "./flags.js";
import { DOCUMENT_FORMATS, NARRATIVE_FORMATS, documentInputs, narrativeFormat, narrativeOutput } from "./narrativeOutput.js";
import { REFERENCE_EXAMPLE, exampleSource, projectSource, sourceFromFlags, yearFromFlag, type EventSource } from "./source.js";

/** The output formats of a report. */
export const REPORT_FORMATS = ["text", "md", "csv", "json"] as const;

/** An output format of a report. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const OUTPUT_FLAGS: FlagSpecs = {
  table: { kind: "value", repeatable: true },
  format: { kind: "value" },
  "ambiguous-width": { kind: "value" },
};

/**
 * The tables `--table` names (`T1`, `t3`, `T1,T4`, given once or more), in
 * the order given, each once.
 *
 * @param command - the command, for messages
 * @param values - the flag's values
 * @returns the ids, or undefined for all ten
 * @throws {@link CliError} (usage) for a name that is not a table
 */
export function tablesFromFlags(command: string, values: readonly string[]): TableId[] | undefined {
  if (values.length === 0) return undefined;
  const ids: TableId[] = [];
  for (const part of values.flatMap((value) => value.split(","))) {
    const id = TABLE_IDS.find((candidate) => candidate === part.trim().toUpperCase());
    if (id === undefined) throw usageError(`${command}: --table must be one of ${TABLE_IDS.join(", ")}, not ${JSON.stringify(part)}`);
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

function formatFromFlag(command: string, text: string | undefined): ReportFormat {
  if (text === undefined) return "text";
  const format = REPORT_FORMATS.find((candidate) => candidate === text);
  if (format === undefined) throw usageError(`${command}: --format must be one of ${REPORT_FORMATS.join(", ")}, not ${JSON.stringify(text)}`);
  return format;
}

function ambiguousWidthFromFlag(command: string, text: string | undefined): 1 | 2 {
  if (text === undefined || text === "2") return 2;
  if (text === "1") return 1;
  throw usageError(`${command}: --ambiguous-width must be 1 or 2, not ${JSON.stringify(text)}`);
}

/**
 * Renders a report in a format.
 *
 * @param report - the report
 * @param format - text, md, csv or json
 * @param ambiguousWidth - columns of ambiguous characters in text
 * @returns the output
 */
export function renderReport(report: Report, format: ReportFormat, ambiguousWidth: 1 | 2): string {
  switch (format) {
    case "text":
      return renderReportText(report, { ambiguousWidth });
    case "md":
      return renderReportMarkdown(report);
    case "csv":
      return renderReportCsv(report);
    case "json":
      return renderReportJson(report);
  }
}

/**
 * Prints the narrative (`--narrative`: the figures as JSON, or parts 3 and 4
 * in words) or the complete document (`--full`).
 */
async function printNarrative(command: string, source: EventSource, flags: Flags, context: CommandContext): Promise<typeof EXIT.ok> {
  const full = flags.has("full");
  if (full && flags.has("narrative")) throw usageError(`${command}: give --narrative or --full, not both`);
  if (flags.values("table").length > 0) throw usageError(`${command}: --table chooses tables; ${full ? "--full prints all ten" : "--narrative prints no table"}`);
  const what = full ? "--full" : "--narrative";
  const format = narrativeFormat(command, what, flags.value("format"), full ? DOCUMENT_FORMATS : NARRATIVE_FORMATS);
  const year = yearFromFlag(command, flags.value("year"), source);
  const { projector } = await projectSource(source, flags.value("catalog"), context.cwd);
  const inputs = format === "json" ? { profile: {}, notes: {} } : await documentInputs(source, flags, context.cwd);
  const output = narrativeOutput(projector, year, { full, format, ...inputs, ...(source.department === undefined ? {} : { department: source.department }) });
  await context.stdout.write(output);
  return EXIT.ok;
}

async function printReport(command: string, source: EventSource, flags: Flags, context: CommandContext): Promise<typeof EXIT.ok> {
  if (flags.has("narrative") || flags.has("full")) return printNarrative(command, source, flags, context);
  for (const flag of ["notes", "profile"]) if (flags.has(flag)) throw usageError(`${command}: --${flag} goes with --narrative or --full`);
  const year = yearFromFlag(command, flags.value("year"), source);
  const ids = tablesFromFlags(command, flags.values("table"));
  const format = formatFromFlag(command, flags.value("format"));
  const ambiguousWidth = ambiguousWidthFromFlag(command, flags.value("ambiguous-width"));
  const { projector: ledger } = await projectSource(source, flags.value("catalog"), context.cwd);
  const years = [...ledger.aggregate().years.keys()].sort();
  if (!years.includes(year)) {
    await context.stderr(`fundledger: note: ${source.name} has no events in ${year}${years.length > 0 ? ` (its years: ${years.join(", ")})` : ""}; the tables are empty\n`);
  }
  const department = departmentName(ledger.aggregate()) || source.department || "";
  const report: Report = { department, year, tables: ledger.tables(year, ids) };
  await context.stdout.write(renderReport(report, format, ambiguousWidth));
  return EXIT.ok;
}

/**
 * `fundledger report (--events FILE | --example NAME) [--year YEAR] [--table T…] [--format …] [--catalog FILE]`,
 * or with `--narrative` (figures as JSON; parts 3 and 4 as md or html) or `--full` (the whole document, md or html),
 * `--notes FILE` and `--profile FILE`.
 */
export const reportCommand: Command = {
  flags: {
    events: { kind: "value" },
    example: { kind: "value" },
    store: { kind: "value" },
    year: { kind: "value" },
    catalog: { kind: "value" },
    ...OUTPUT_FLAGS,
    narrative: { kind: "switch" },
    full: { kind: "switch" },
    notes: { kind: "value" },
    profile: { kind: "value" },
  },
  async run(flags, context) {
    return printReport("report", await sourceFromFlags("report", flags, context), flags, context);
  },
};

/** `fundledger demo [--table T…] [--format …]`: the reference department's tables of 2020. */
export const demoCommand: Command = {
  flags: OUTPUT_FLAGS,
  async run(flags, context) {
    const source = await exampleSource(REFERENCE_EXAMPLE, context.examples);
    return printReport("demo", { ...source, defaultYear: 2020 }, flags, context);
  },
};
