/**
 * A scenario's comparison with its baseline as JSON, aligned text (widths in
 * display columns, so Chinese labels line up) and Markdown. Amounts are 万元
 * with two decimals, each rounded on its own from its exact fen — so a
 * printed change may differ by 0.01 from the difference of the printed
 * baseline and scenario, as the report's own cells do.
 *
 * @module
 */
import { CATEGORY_NAMES, FUND_NAMES } from "../catalog/dimensions.js";
import { fenToWan, formatWan } from "../money/decimal.js";
import type { FigureField } from "../narrative/figures.js";
import { displayWidth, padEndToWidth, padStartToWidth, type DisplayWidthOptions } from "../render/displayWidth.js";
import { escapeMarkdownCell } from "../render/markdown.js";
import type { TableId } from "../tables/table.js";
import type { ScenarioComparison } from "./compareScenario.js";
import type { Shortfall } from "./shortfalls.js";
import type { CellChange } from "./tableDiff.js";

/** One changed table cell as JSON. */
export interface CellChangeJson {
  readonly table: TableId;
  readonly line: number | null;
  readonly code: string | null;
  readonly label: string;
  /** The 栏次, as the report JSON keys cells. */
  readonly col: string;
  /** 万元, two decimals. */
  readonly baseline: string;
  readonly scenario: string;
  readonly delta: string;
}

/** One shortfall as JSON. */
export interface ShortfallJson {
  /** Unit id. */
  readonly unit: string;
  /** Fund id. */
  readonly fund: string;
  /** The budget line `<functional>/<category>` (e.g. `"2013702/basic"`), or null for the unit's whole fund. */
  readonly line: string | null;
  /** 万元, two decimals. */
  readonly available: string;
  readonly required: string;
  readonly short: string;
}

/** A comparison as JSON. */
export interface ComparisonJson {
  readonly scenario: {
    readonly name: string;
    readonly description?: string;
    readonly year: number;
    readonly adjustments: number;
    readonly events: number;
  };
  readonly changes: readonly CellChangeJson[];
  readonly narrative: readonly { readonly figure: string; readonly baseline: FigureField; readonly scenario: FigureField }[];
  readonly shortfalls: readonly ShortfallJson[];
}

/**
 * A shortfall's budget line as text: `"2013702/basic"`, or null for a unit's fund.
 *
 * @param shortfall - a shortfall
 * @returns the line
 */
export function shortfallLine(shortfall: Shortfall): string | null {
  return shortfall.functional === null ? null : `${shortfall.functional}/${shortfall.category ?? ""}`;
}

/**
 * A comparison as JSON data: `{scenario, changes, narrative, shortfalls}`.
 *
 * @param comparison - a comparison
 * @returns the JSON data
 */
export function comparisonToJson(comparison: ScenarioComparison): ComparisonJson {
  return {
    scenario: {
      name: comparison.name,
      ...(comparison.description === undefined ? {} : { description: comparison.description }),
      year: comparison.year,
      adjustments: comparison.adjustments,
      events: comparison.events,
    },
    changes: comparison.changes.map((c) => ({
      table: c.table, line: c.line, code: c.code, label: c.label, col: c.column,
      baseline: fenToWan(c.baselineFen), scenario: fenToWan(c.scenarioFen), delta: fenToWan(c.deltaFen),
    })),
    narrative: comparison.narrative.map((n) => ({ figure: n.figure, baseline: n.baseline, scenario: n.scenario })),
    shortfalls: comparison.shortfalls.map((s) => ({
      unit: s.unit, fund: s.fund, line: shortfallLine(s),
      available: fenToWan(s.availableFen), required: fenToWan(s.requiredFen), short: fenToWan(s.shortFen),
    })),
  };
}

/**
 * A comparison as JSON text: one entry of each list a line, final newline.
 *
 * @param comparison - a comparison
 * @returns the JSON text
 */
export function renderComparisonJson(comparison: ScenarioComparison): string {
  const json = comparisonToJson(comparison);
  const list = (items: readonly unknown[]): string => (items.length === 0 ? "[]" : `[\n${items.map((item) => `  ${JSON.stringify(item)}`).join(",\n")}\n ]`);
  return [
    "{",
    ` "scenario": ${JSON.stringify(json.scenario)},`,
    ` "changes": ${list(json.changes)},`,
    ` "narrative": ${list(json.narrative)},`,
    ` "shortfalls": ${list(json.shortfalls)}`,
    "}",
    "",
  ].join("\n");
}

const printed = (value: FigureField): string => (value === null ? "--" : String(value));

function plural(count: number, word: string): string {
  return `${count.toLocaleString("en-US")} ${word}${count === 1 ? "" : "s"}`;
}

function unitLabel(comparison: ScenarioComparison, unit: string): string {
  const name = comparison.unitNames[unit];
  return name === undefined || name === unit ? unit : `${unit} ${name}`;
}

function lineLabel(shortfall: Shortfall): string {
  return shortfall.functional === null ? "(all lines)" : `${shortfall.functional} ${shortfall.category === null ? "" : CATEGORY_NAMES[shortfall.category]}`;
}

function baselineShort(comparison: ScenarioComparison, shortfall: Shortfall): number {
  const before = comparison.baselineShortfalls.find(
    (b) => b.kind === shortfall.kind && b.unit === shortfall.unit && b.fund === shortfall.fund && b.functional === shortfall.functional && b.category === shortfall.category,
  );
  return before?.shortFen ?? 0;
}

/** Aligned columns: left-aligned text, right-aligned amounts. */
function columns(rows: readonly (readonly string[])[], right: readonly boolean[], options: DisplayWidthOptions): string[] {
  const widths = right.map((_, column) => Math.max(...rows.map((row) => displayWidth(row[column] ?? "", options))));
  return rows.map((row) =>
    row
      .map((cell, column) => (right[column] === true ? padStartToWidth(cell, widths[column] ?? 0, options) : padEndToWidth(cell, widths[column] ?? 0, options)))
      .join("  ")
      .trimEnd(),
  );
}

function heading(comparison: ScenarioComparison): string[] {
  const lines = [`Scenario ${comparison.name}, ${comparison.year}: ${plural(comparison.adjustments, "adjustment")}, ${plural(comparison.events, "event")}`];
  if (comparison.description !== undefined) lines.push(comparison.description);
  lines.push("Amounts in 万元, each rounded on its own from exact fen.");
  return lines;
}

function changesByTable(changes: readonly CellChange[]): Map<TableId, CellChange[]> {
  const byTable = new Map<TableId, CellChange[]>();
  for (const change of changes) {
    const list = byTable.get(change.table) ?? [];
    list.push(change);
    byTable.set(change.table, list);
  }
  return byTable;
}

/**
 * A comparison as aligned text for a terminal.
 *
 * @param comparison - a comparison
 * @param options - the width of ambiguous characters (“ ” · …): 2 by default
 * @returns the text, ending with a line feed
 */
export function renderComparisonText(comparison: ScenarioComparison, options: DisplayWidthOptions = {}): string {
  const out: string[] = [...heading(comparison), ""];
  out.push(`Table cells: ${plural(comparison.changes.length, comparison.all ? "cell" : "changed cell")}`);
  for (const [table, changes] of changesByTable(comparison.changes)) {
    out.push("", `${table} ${comparison.tableTitles[table] ?? ""}`.trimEnd());
    // The 行次 and code columns print only for tables that have them.
    const hasLine = changes.some((c) => c.line !== null);
    const hasCode = changes.some((c) => c.code !== null);
    const pick = <T>(row: readonly T[]): T[] => row.filter((_, column) => (column !== 0 || hasLine) && (column !== 1 || hasCode));
    const rows = [pick(["line", "code", "label", "col", "baseline", "scenario", "change"])];
    for (const c of changes) {
      rows.push(pick([c.line === null ? "" : String(c.line), c.code ?? "", c.label, c.column, formatWan(c.baselineFen), formatWan(c.scenarioFen), formatWan(c.deltaFen)]));
    }
    out.push(...columns(rows, pick([true, false, false, true, true, true, true]), options).map((line) => `  ${line}`));
  }
  out.push("", `Narrative figures: ${plural(comparison.narrative.length, comparison.all ? "figure" : "changed figure")}`);
  if (comparison.narrative.length > 0) {
    const rows = [["figure", "baseline", "scenario"], ...comparison.narrative.map((n) => [n.figure, printed(n.baseline), printed(n.scenario)])];
    out.push(...columns(rows, [false, true, true], options).map((line) => `  ${line}`));
  }
  out.push("", `Shortfalls: ${comparison.shortfalls.length === 0 ? "none" : plural(comparison.shortfalls.length, "shortfall")} (baseline: ${comparison.baselineShortfalls.length === 0 ? "none" : comparison.baselineShortfalls.length})`);
  if (comparison.shortfalls.length > 0) {
    const rows = [["kind", "unit", "fund", "line", "available", "required", "short", "baseline short"]];
    for (const s of comparison.shortfalls) {
      rows.push([s.kind, unitLabel(comparison, s.unit), FUND_NAMES[s.fund], lineLabel(s), formatWan(s.availableFen), formatWan(s.requiredFen), formatWan(s.shortFen), formatWan(baselineShort(comparison, s))]);
    }
    out.push(...columns(rows, [false, false, false, false, true, true, true, true], options).map((line) => `  ${line}`));
  }
  return out.map((line) => `${line}\n`).join("");
}

function pipe(cells: readonly string[]): string {
  return `| ${cells.join(" | ")} |`;
}

/**
 * A comparison as Markdown: a heading, then one pipe table per changed table,
 * the narrative figures and the shortfalls.
 *
 * @param comparison - a comparison
 * @returns the Markdown, ending with a line feed
 */
export function renderComparisonMarkdown(comparison: ScenarioComparison): string {
  const [first = "", ...rest] = heading(comparison);
  const out: string[] = [`## ${escapeMarkdownCell(first)}`, "", ...rest.map(escapeMarkdownCell), ""];
  out.push(`### Table cells (${plural(comparison.changes.length, comparison.all ? "cell" : "changed cell")})`);
  for (const [table, changes] of changesByTable(comparison.changes)) {
    out.push("", `#### ${table} ${escapeMarkdownCell(comparison.tableTitles[table] ?? "")}`.trimEnd(), "");
    const hasLine = changes.some((c) => c.line !== null);
    const hasCode = changes.some((c) => c.code !== null);
    const pick = (row: readonly string[]): string[] => row.filter((_, column) => (column !== 0 || hasLine) && (column !== 1 || hasCode));
    out.push(pipe(pick(["line", "code", "label", "col", "baseline", "scenario", "change"])), pipe(pick(["---:", ":---", ":---", "---:", "---:", "---:", "---:"])));
    for (const c of changes) {
      out.push(pipe(pick([c.line === null ? "" : String(c.line), escapeMarkdownCell(c.code ?? ""), escapeMarkdownCell(c.label), c.column, formatWan(c.baselineFen), formatWan(c.scenarioFen), formatWan(c.deltaFen)])));
    }
  }
  out.push("", `### Narrative figures (${plural(comparison.narrative.length, comparison.all ? "figure" : "changed figure")})`);
  if (comparison.narrative.length > 0) {
    out.push("", pipe(["figure", "baseline", "scenario"]), pipe([":---", "---:", "---:"]));
    for (const n of comparison.narrative) out.push(pipe([escapeMarkdownCell(n.figure), escapeMarkdownCell(printed(n.baseline)), escapeMarkdownCell(printed(n.scenario))]));
  }
  out.push("", `### Shortfalls (${comparison.shortfalls.length === 0 ? "none" : comparison.shortfalls.length}; baseline: ${comparison.baselineShortfalls.length === 0 ? "none" : comparison.baselineShortfalls.length})`);
  if (comparison.shortfalls.length > 0) {
    out.push("", pipe(["kind", "unit", "fund", "line", "available", "required", "short", "baseline short"]), pipe([":---", ":---", ":---", ":---", "---:", "---:", "---:", "---:"]));
    for (const s of comparison.shortfalls) {
      out.push(pipe([
        s.kind, escapeMarkdownCell(unitLabel(comparison, s.unit)), FUND_NAMES[s.fund], escapeMarkdownCell(lineLabel(s)),
        formatWan(s.availableFen), formatWan(s.requiredFen), formatWan(s.shortFen), formatWan(baselineShort(comparison, s)),
      ]));
    }
  }
  return out.map((line) => `${line}\n`).join("");
}
