/**
 * The narrative on the command line: `report --narrative` (the figures of
 * parts 3 and 4 as JSON, or those parts as Markdown or HTML), `report --full`
 * (the complete document as Markdown or HTML) and `check --narrative FILE`
 * (every printed figure that differs from what the events give).
 *
 * The profile (duties) and the notes (reasons keyed by figure) of a bundled
 * example are its `profile.json` and `notes.json`; `--profile FILE` and
 * `--notes FILE` give them for any source.
 *
 * @module
 */
import { dirname, join, resolve } from "node:path";
import type { DocumentNotes } from "../narrative/explanations.js";
import { checkNarrative, readPublishedFigures, type NarrativeDifference } from "../narrative/check.js";
import { narrativeFigures } from "../narrative/figures.js";
import type { GlossaryEntry } from "../narrative/glossary.js";
import type { NarrativeSource } from "../narrative/source.js";
import { finalAccountsDocument, type DocumentProfile, type FinalAccountsDocument } from "../render/document.js";
import { renderDocumentHtml } from "../render/documentHtml.js";
import { renderDocumentMarkdown } from "../render/documentMarkdown.js";
import { EXIT, invalidInput, usageError } from "./cliError.js";
import type { CommandContext } from "./command.js";
import { exists, isRecord, readJsonFile } from "./files.js";
import type { Flags } from "./flags.js";
import { projectSource, yearFromFlag, type EventSource } from "./source.js";

/** The formats of `report --narrative`. */
export const NARRATIVE_FORMATS = ["json", "md", "html"] as const;

/** The formats of `report --full`. */
export const DOCUMENT_FORMATS = ["md", "html"] as const;

/**
 * The format `--format` names for the narrative or the document.
 *
 * @param command - the command, for messages
 * @param what - `--narrative` or `--full`
 * @param text - the flag's value
 * @param allowed - the formats it takes
 * @returns the format (the first allowed one when none is given)
 * @throws {@link CliError} (usage) for another format
 */
export function narrativeFormat<F extends string>(command: string, what: string, text: string | undefined, allowed: readonly F[]): F {
  const first = allowed[0];
  if (first === undefined) throw usageError(`${command}: ${what} takes no format`);
  if (text === undefined) return first;
  const found = allowed.find((candidate) => candidate === text);
  if (found === undefined) throw usageError(`${command}: ${what} prints ${allowed.join(" or ")}, not ${JSON.stringify(text)}`);
  return found;
}


function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

/**
 * Reads notes: an object whose values are a paragraph or a list of them
 * (an `about` key is a comment and is skipped).
 *
 * @param value - parsed JSON
 * @param name - the file, for messages
 * @returns the notes
 * @throws {@link CliError} (invalid input) naming the bad key
 */
export function notesFrom(value: unknown, name: string): DocumentNotes {
  if (!isRecord(value)) throw invalidInput(`${name}: notes are an object of paragraphs keyed by figure`);
  const notes: Record<string, string | readonly string[]> = {};
  for (const [key, note] of Object.entries(value)) {
    if (key === "about") continue;
    if (typeof note === "string" || isStrings(note)) notes[key] = note;
    else throw invalidInput(`${name}: the note ${JSON.stringify(key)} must be a paragraph or a list of paragraphs`);
  }
  return notes;
}

/**
 * Reads a profile: `{duties: [paragraphs], glossary: [{term, definition}]}`,
 * both optional (an `about` key is a comment).
 *
 * @param value - parsed JSON
 * @param name - the file, for messages
 * @returns the profile
 * @throws {@link CliError} (invalid input) naming the bad field
 */
export function profileFrom(value: unknown, name: string): DocumentProfile {
  if (!isRecord(value)) throw invalidInput(`${name}: a profile is an object {"duties": [...], "glossary": [...]}`);
  const { duties, glossary } = value;
  if (duties !== undefined && !isStrings(duties)) throw invalidInput(`${name}: duties must be a list of paragraphs`);
  let entries: GlossaryEntry[] | undefined;
  if (glossary !== undefined) {
    if (!Array.isArray(glossary) || !glossary.every((entry) => isRecord(entry) && typeof entry["term"] === "string" && typeof entry["definition"] === "string")) {
      throw invalidInput(`${name}: glossary must be a list of {"term", "definition"}`);
    }
    entries = glossary.map((entry: Record<string, unknown>) => ({ term: String(entry["term"]), definition: String(entry["definition"]) }));
  }
  return { ...(duties === undefined ? {} : { duties }), ...(entries === undefined ? {} : { glossary: entries }) };
}

/**
 * The profile and notes of a source: the files `--profile` and `--notes`
 * name, else a bundled example's own `profile.json` and `notes.json` when
 * it has them, else none.
 *
 * @param source - the events
 * @param flags - the command's flags
 * @param cwd - the directory relative paths start from
 * @returns the profile and the notes (empty when none)
 * @throws {@link CliError} when a file is missing, not JSON or not of its shape
 */
export async function documentInputs(source: EventSource, flags: Flags, cwd: string): Promise<{ readonly profile: DocumentProfile; readonly notes: DocumentNotes }> {
  const beside = flags.value("example") === undefined ? undefined : dirname(source.path);
  const locate = async (flag: string, file: string): Promise<{ path: string; name: string } | undefined> => {
    const given = flags.value(flag);
    if (given !== undefined) return { path: resolve(cwd, given), name: given };
    if (beside === undefined) return undefined;
    const path = join(beside, file);
    return (await exists(path)) ? { path, name: source.name.replace(/events\.jsonl$/, file) } : undefined;
  };
  const profileFile = await locate("profile", "profile.json");
  const notesFile = await locate("notes", "notes.json");
  return {
    profile: profileFile === undefined ? {} : profileFrom(await readJsonFile(profileFile.path, profileFile.name), profileFile.name),
    notes: notesFile === undefined ? {} : notesFrom(await readJsonFile(notesFile.path, notesFile.name), notesFile.name),
  };
}

/**
 * Parts 3 and 4 of a document alone (the narrative in words).
 *
 * @param document - the complete document
 * @returns a document of those two parts
 */
export function narrativeParts(document: FinalAccountsDocument): FinalAccountsDocument {
  return { ...document, parts: document.parts.slice(2, 4) };
}

/**
 * The output of `report --narrative` or `report --full`.
 *
 * @param source - the projected events
 * @param year - the year
 * @param options - what to print, in which format, with which profile and notes
 * @returns the text to write
 */
export function narrativeOutput(
  source: NarrativeSource,
  year: number,
  options: {
    readonly full: boolean;
    readonly format: "json" | "md" | "html";
    readonly profile: DocumentProfile;
    readonly notes: DocumentNotes;
    readonly department?: string;
  },
): string {
  if (options.format === "json") {
    const report = narrativeFigures(source, year);
    const named = report.department === "" && options.department !== undefined ? { ...report, department: options.department } : report;
    return `${JSON.stringify(named, null, 1)}\n`;
  }
  const complete = finalAccountsDocument(source, year, {
    profile: options.profile,
    notes: options.notes,
    ...(options.department === undefined ? {} : { department: options.department }),
  });
  const document = options.full ? complete : narrativeParts(complete);
  return options.format === "md" ? renderDocumentMarkdown(document) : renderDocumentHtml(document);
}

/**
 * A difference as one line: the figure (and field), what was printed and
 * what the events give.
 *
 * @param difference - a difference of the narrative check
 * @returns the line, without a line break
 */
export function formatDifference(difference: NarrativeDifference): string {
  const show = (value: string | number | null | undefined): string => (value === undefined ? "(none)" : value === null ? "--" : String(value));
  const where = difference.field === null ? difference.figure : `${difference.figure}.${difference.field}`;
  return `differs ${where}: published ${show(difference.published)}, events give ${show(difference.computed)}`;
}

/**
 * Checks a published narrative file against the events.
 *
 * @param source - the events
 * @param published - the parsed narrative JSON
 * @param name - its file name, for messages
 * @param year - the year when the flag gives one; else the file's `year`, else `fallbackYear`
 * @param fallbackYear - the source's default year
 * @returns the year checked, the number of printed figures and the differences
 * @throws {@link CliError} (invalid input) when the file is not of the narrative shape
 */
export function checkNarrativeFile(
  source: NarrativeSource,
  published: unknown,
  name: string,
  year: number | undefined,
  fallbackYear: () => number,
): { readonly year: number; readonly figures: number; readonly differences: readonly NarrativeDifference[] } {
  const read = readPublishedFigures(published);
  if (!read.ok) throw invalidInput(`${name}: ${read.problems.map((problem) => `${problem.path}: ${problem.message}`).join("; ")}`);
  const printedYear = isRecord(published) && typeof published["year"] === "number" && Number.isInteger(published["year"]) ? published["year"] : undefined;
  const checkedYear = year ?? printedYear ?? fallbackYear();
  return { year: checkedYear, figures: Object.keys(read.value).length, differences: checkNarrative(read.value, narrativeFigures(source, checkedYear)) };
}

/**
 * `check --narrative FILE`: prints each printed figure that differs from the
 * events, one line each and a count (exit 1), or one clean line (exit 0).
 *
 * @param source - the events
 * @param flags - the command's flags (`--narrative`, `--year`, `--catalog`)
 * @param context - output and working directory
 * @returns the exit status
 * @throws {@link CliError} for a missing or malformed file
 */
export async function checkPrintedNarrative(source: EventSource, flags: Flags, context: CommandContext): Promise<typeof EXIT.ok | typeof EXIT.invalid> {
  const file = flags.value("narrative") ?? "";
  const published = await readJsonFile(resolve(context.cwd, file), file);
  const { projector } = await projectSource(source, flags.value("catalog"), context.cwd);
  const given = flags.value("year");
  const year = given === undefined ? undefined : yearFromFlag("check", given, source);
  const result = checkNarrativeFile(projector, published, file, year, () => yearFromFlag("check", undefined, source));
  if (result.differences.length === 0) {
    await context.stdout.write(`clean: the ${result.figures} figures of ${file} agree with the events of ${result.year}\n`);
    return EXIT.ok;
  }
  for (const difference of result.differences) await context.stdout.write(`${formatDifference(difference)}\n`);
  const count = result.differences.length;
  await context.stdout.write(`${count} printed figure${count === 1 ? "" : "s"} of ${file} differ${count === 1 ? "s" : ""} from the events of ${result.year}\n`);
  return EXIT.invalid;
}
