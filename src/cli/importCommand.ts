/**
 * `fundledger import REPORT`: a published report (report JSON, text layout
 * or pipe transcription) in, a fen-level event log out (JSON Lines), whose
 * projections print every published cell back. The codes the report prints
 * beyond the bundled catalog are written beside the events
 * (`--catalog-out`), to be read back with `--catalog`.
 *
 * @module
 */
import { stat, readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { CatalogExtension } from "../catalog/catalog.js";
import { INPUT_CHARACTERS_MAX } from "../import/readReport.js";
import { safeImportReport, type ImportOptions } from "../import/importReport.js";
import type { ImportIssue } from "../import/importIssues.js";
import type { ReportFormat } from "../import/publishedReport.js";
import { readCatalogExtension } from "./catalogFile.js";
import { CliError, EXIT, invalidInput, usageError } from "./cliError.js";
import type { Command } from "./command.js";
import { fileError } from "./files.js";
import type { Flags } from "./flags.js";

/** A command that takes one argument without a flag (`fundledger import REPORT`), read as the flag named `operand`. */
export interface CommandWithOperand extends Command {
  /** The flag the bare argument stands for. */
  readonly operand: string;
}

/**
 * The arguments of a command with its bare argument turned into its flag:
 * `["report.json", "--out", "e.jsonl"]` → `["--report", "report.json", "--out", "e.jsonl"]`.
 *
 * @param command - the command
 * @param argv - its arguments
 * @returns the arguments as flags
 */
export function withOperand(command: Command, argv: readonly string[]): readonly string[] {
  if (!("operand" in command) || typeof command.operand !== "string") return argv;
  const index = argv.findIndex((token, i) => !token.startsWith("--") && (i === 0 || !isValueOf(command, argv[i - 1] ?? "")));
  if (index < 0) return argv;
  return [...argv.slice(0, index), `--${command.operand}`, argv[index] as string, ...argv.slice(index + 1)];
}

function isValueOf(command: Command, token: string): boolean {
  if (!token.startsWith("--") || token.includes("=")) return false;
  return command.flags[token.slice(2)]?.kind === "value";
}

const FORMATS: readonly ReportFormat[] = ["json", "text", "pipe"];
/** Most issues listed, one a line, before the summary. */
const LISTED_MAX = 50;

function formatOf(text: string | undefined): ReportFormat | undefined {
  if (text === undefined) return undefined;
  const format = FORMATS.find((candidate) => candidate === text);
  if (format === undefined) throw usageError(`import: --format must be one of ${FORMATS.join(", ")}, not ${JSON.stringify(text)}`);
  return format;
}

function yearOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const year = /^\d{4}$/.test(text) ? Number(text) : Number.NaN;
  if (!(year >= 1949 && year <= 9999)) throw usageError(`import: --year must be a year from 1949 to 9999, not ${JSON.stringify(text)}`);
  return year;
}

async function readReportFile(path: string, name: string): Promise<string> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw usageError(`${name} is a directory, not a file`);
    // A character of a report takes at most 3 bytes of UTF-8.
    if (info.size > INPUT_CHARACTERS_MAX * 3) {
      throw invalidInput(`${name} is too large to be a report (${info.size} bytes; an import reads at most ${INPUT_CHARACTERS_MAX} characters)`);
    }
    return await readFile(path, "utf8");
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw fileError(error, name);
  }
}

async function write(path: string, name: string, text: string): Promise<void> {
  try {
    await writeFile(path, text, "utf8");
  } catch (error) {
    throw fileError(error, name);
  }
}

function describeIssues(name: string, issues: readonly ImportIssue[]): string {
  const identities = issues.filter((issue) => issue.code === "identity_fails").length;
  if (identities > 0) {
    return `${name} is inconsistent: ${identities} identit${identities === 1 ? "y" : "ies"} of the accounts fail${identities === 1 ? "s" : ""} beyond rounding (listed above); --allow-inconsistent imports it anyway, recording each discrepancy`;
  }
  const [first] = issues;
  const more = issues.length - 1;
  return `${name}: ${first?.message ?? "the report is refused"}${more > 0 ? ` (and ${more} more problem${more === 1 ? "" : "s"}, listed above)` : ""}`;
}

function catalogPath(flags: Flags, out: string | undefined): string | undefined {
  const explicit = flags.value("catalog-out");
  if (explicit !== undefined) return explicit;
  if (out === undefined) return undefined;
  return `${out.replace(/\.jsonl?$/i, "")}.catalog.json`;
}

/** `fundledger import REPORT [--out EVENTS.jsonl] [--catalog-out FILE] [--catalog FILE] [--format F] [--year YEAR] [--allow-inconsistent]`. */
export const importCommand: CommandWithOperand = {
  operand: "report",
  flags: {
    report: { kind: "value" },
    out: { kind: "value" },
    "catalog-out": { kind: "value" },
    catalog: { kind: "value" },
    format: { kind: "value" },
    year: { kind: "value" },
    "allow-inconsistent": { kind: "switch" },
  },
  async run(flags, context) {
    const name = flags.value("report");
    if (name === undefined) throw usageError("import needs a REPORT file (report JSON, a text layout or a pipe transcription)");
    const format = formatOf(flags.value("format"));
    const year = yearOf(flags.value("year"));
    const catalogFile = flags.value("catalog");
    const given: CatalogExtension | undefined = catalogFile === undefined ? undefined : await readCatalogExtension(resolve(context.cwd, catalogFile), catalogFile);
    const text = await readReportFile(resolve(context.cwd, name), name);
    const options: ImportOptions = {
      allowInconsistent: flags.has("allow-inconsistent"),
      ...(given === undefined ? {} : { catalog: given }),
      ...(format === undefined ? {} : { format }),
      ...(year === undefined ? {} : { year }),
    };
    const result = safeImportReport(text, options);
    if (!result.ok) {
      const listed = result.issues.slice(0, LISTED_MAX);
      for (const issue of listed) await context.stderr(`fundledger: ${issue.code === "identity_fails" ? "inconsistent" : issue.code}: ${issue.message}\n`);
      if (result.issues.length > listed.length) await context.stderr(`fundledger: … and ${result.issues.length - listed.length} more\n`);
      throw invalidInput(describeIssues(name, result.issues));
    }
    const imported = result.value;
    const out = flags.value("out");
    const extended = (imported.catalog.functional?.length ?? 0) + (imported.catalog.economic?.length ?? 0) > 0;
    const catalogOut = catalogPath(flags, out);
    if (extended && catalogOut === undefined) {
      throw usageError(`import: ${name} prints codes beyond the bundled catalog, which its events need; give --catalog-out FILE (or --out EVENTS.jsonl, to write them beside the events)`);
    }
    const lines = imported.events.map((event) => JSON.stringify(event)).join("\n");
    if (out === undefined) await context.stdout.write(`${lines}\n`);
    else await write(resolve(context.cwd, out), out, `${lines}\n`);
    if (catalogOut !== undefined && (extended || flags.has("catalog-out"))) {
      const catalog = {
        functional: [...(given?.functional ?? []), ...(imported.catalog.functional ?? [])],
        economic: [...(given?.economic ?? []), ...(imported.catalog.economic ?? [])],
      };
      await write(resolve(context.cwd, catalogOut), catalogOut, `${JSON.stringify(catalog, null, 1)}\n`);
    }
    const tables = imported.report.tables.map((table) => table.id).join(" ");
    for (const discrepancy of imported.discrepancies) await context.stderr(`fundledger: discrepancy: ${discrepancy.message}\n`);
    await context.stderr(
      `fundledger: imported ${imported.events.length} events (${imported.report.department || "department"}, ${imported.report.year}; ${tables}) from ${name}${out === undefined ? "" : ` into ${out}`}: ` +
        `${imported.reproduced} of ${imported.cells} published cells print back${imported.discrepancies.length > 0 ? `, ${imported.discrepancies.length} set aside as discrepancies` : ""}` +
        `${extended && catalogOut !== undefined ? `; codes beyond the bundled catalog in ${catalogOut} (read it back with --catalog)` : ""}\n`,
    );
    return EXIT.ok;
  },
};
