/**
 * `fundledger whatif`: applies a scenario file to a fork of a ledger and
 * prints every table cell and narrative figure it changes and every fund or
 * budget line that would run short — as text, Markdown or JSON.
 *
 * @module
 */
import { resolve } from "node:path";
import { compareScenario } from "../scenario/compareScenario.js";
import { renderComparisonJson, renderComparisonMarkdown, renderComparisonText } from "../scenario/renderComparison.js";
import { safeApplyScenario } from "../scenario/applyScenario.js";
import { safeParseScenario } from "../scenario/parseScenario.js";
import { formatScenarioIssue, type ScenarioIssues } from "../scenario/scenarioIssues.js";
import { EXIT, invalidInput, usageError } from "./cliError.js";
import type { Command } from "./command.js";
import { readJsonFile } from "./files.js";
import { loadSource, sourceFromFlags, yearFromFlag } from "./source.js";

/** The output formats of `whatif`. */
export const WHATIF_FORMATS = ["text", "md", "json"] as const;

/** An output format of `whatif`. */
export type WhatifFormat = (typeof WHATIF_FORMATS)[number];

function formatOf(text: string | undefined): WhatifFormat {
  if (text === undefined) return "text";
  const format = WHATIF_FORMATS.find((candidate) => candidate === text);
  if (format === undefined) throw usageError(`whatif: --format must be one of ${WHATIF_FORMATS.join(", ")}, not ${JSON.stringify(text)}`);
  return format;
}

function ambiguousWidthOf(text: string | undefined): 1 | 2 {
  if (text === undefined || text === "2") return 2;
  if (text === "1") return 1;
  throw usageError(`whatif: --ambiguous-width must be 1 or 2, not ${JSON.stringify(text)}`);
}

function refused(name: string, issues: ScenarioIssues): never {
  throw invalidInput(`${name}: ${issues.map(formatScenarioIssue).join("; ")}`);
}

/**
 * `fundledger whatif (--events FILE | --example NAME | --store STORE) --scenario FILE [--year YEAR] [--format text|md|json] [--all]
 * [--enforce-appropriations] [--catalog FILE] [--ambiguous-width 1|2]`.
 */
export const whatifCommand: Command = {
  flags: {
    events: { kind: "value" },
    example: { kind: "value" },
    store: { kind: "value" },
    year: { kind: "value" },
    scenario: { kind: "value" },
    format: { kind: "value" },
    all: { kind: "switch" },
    "enforce-appropriations": { kind: "switch" },
    catalog: { kind: "value" },
    "ambiguous-width": { kind: "value" },
  },
  async run(flags, context) {
    const scenarioFile = flags.value("scenario");
    if (scenarioFile === undefined) throw usageError("whatif needs --scenario FILE (a scenario: {\"name\", \"adjustments\": [...]})");
    const format = formatOf(flags.value("format"));
    const ambiguousWidth = ambiguousWidthOf(flags.value("ambiguous-width"));
    const source = await sourceFromFlags("whatif", flags, context);
    const year = yearFromFlag("whatif", flags.value("year"), source);
    const parsed = safeParseScenario(await readJsonFile(resolve(context.cwd, scenarioFile), scenarioFile));
    if (!parsed.ok) refused(scenarioFile, parsed.issues);
    const { ledger } = await loadSource(source, flags.value("catalog"), context.cwd);
    if (!ledger.aggregate().years.has(year)) {
      await context.stderr(`fundledger: note: ${source.name} has no events in ${year}; the scenario starts from empty tables\n`);
    }
    const applied = safeApplyScenario(ledger, parsed.value, { year, ...(flags.has("enforce-appropriations") ? { enforceAppropriations: true } : {}) });
    if (!applied.ok) refused(scenarioFile, applied.issues);
    const comparison = compareScenario(applied.value, flags.has("all") ? { all: true } : {});
    const output =
      format === "json" ? renderComparisonJson(comparison) : format === "md" ? renderComparisonMarkdown(comparison) : renderComparisonText(comparison, { ambiguousWidth });
    await context.stdout.write(output);
    return EXIT.ok;
  },
};
