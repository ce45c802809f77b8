/**
 * Tables as aligned plain text for a terminal, laid out as the report prints
 * them: title, department and unit, a header with the column titles and the
 * 栏次, then the rows with their 行次, code and label, and amounts in 万元
 * with thousands separators, right-aligned. Tables 1, 4 and 6 print in two
 * halves side by side. Widths are display widths, so Chinese labels line up.
 *
 * @module
 */
import { formatWan } from "../money/decimal.js";
import type { Report } from "../tables/report.js";
import type { Table, TableRow } from "../tables/table.js";
import { displayWidth, type DisplayWidthOptions } from "./displayWidth.js";
import { alignText, layoutGrid, type Align, type HeaderCell } from "./grid.js";
import { printedHalves, type Half } from "./printedHalves.js";

/** Options of {@link renderTableText}. */
export interface TextOptions extends DisplayWidthOptions {
  /** The department, printed under the title beside the unit; omitted when absent. */
  readonly department?: string;
  /** Prints the two-sided tables (1, 4 and 6) as one list instead (default false). */
  readonly singleList?: boolean;
}

/** Separates two columns of one half. */
const COLUMN_GAP = "  ";
/** Separates the two halves of a two-sided table. */
const HALF_GAP = "  |  ";
/** Separates the levels of a column title ("决算数·公务用车购置及运行费·小计"). */
const TITLE_LEVEL = "·";
const UNIT_TEXT = "单位：万元";

interface SideLayout {
  readonly half: Half;
  readonly hasLine: boolean;
  readonly hasCode: boolean;
  /** Title levels of each amount column. */
  readonly titleParts: readonly (readonly string[])[];
}

function sideLayout(table: Table, half: Half): SideLayout {
  return {
    half,
    hasLine: half.rows.some((row) => row !== null && row.line !== null),
    hasCode: half.rows.some((row) => row !== null && row.code !== null),
    titleParts: half.columns.map((column) => (table.columns[column] ?? "").split(TITLE_LEVEL)),
  };
}

function columnCount(side: SideLayout): number {
  return (side.hasLine ? 1 : 0) + (side.hasCode ? 1 : 0) + 1 + side.half.columns.length;
}

/**
 * One level of the amount columns' titles: consecutive columns whose titles
 * share the level's prefix are one spanning cell; a title with fewer levels
 * leaves its cell blank.
 */
function titleLevel(side: SideLayout, level: number): HeaderCell[] {
  const cells: HeaderCell[] = [];
  let previousKey: string | null = null;
  for (const parts of side.titleParts) {
    if (parts.length <= level) {
      cells.push({ text: "" });
      previousKey = null;
      continue;
    }
    const key = parts.slice(0, level + 1).join(TITLE_LEVEL);
    const last = cells[cells.length - 1];
    if (key === previousKey && last !== undefined) {
      cells[cells.length - 1] = { text: last.text, span: (last.span ?? 1) + 1 };
    } else {
      cells.push({ text: parts[level] ?? "" });
    }
    previousKey = key;
  }
  return cells;
}

function leadingCells(side: SideLayout, line: string, code: string, label: string): HeaderCell[] {
  const cells: HeaderCell[] = [];
  if (side.hasLine) cells.push({ text: line });
  if (side.hasCode) cells.push({ text: code });
  cells.push({ text: label });
  return cells;
}

function bodyCells(side: SideLayout, row: TableRow | null): string[] {
  const cells: string[] = [];
  if (side.hasLine) cells.push(row === null || row.line === null ? "" : String(row.line));
  if (side.hasCode) cells.push(row?.code ?? "");
  cells.push(row?.label ?? "");
  for (const column of side.half.columns) {
    const amountFen = row?.cells[column];
    cells.push(amountFen === undefined ? "" : formatWan(amountFen));
  }
  return cells;
}

function aligns(side: SideLayout): Align[] {
  const result: Align[] = [];
  if (side.hasLine) result.push("right");
  if (side.hasCode) result.push("left");
  result.push("left");
  for (let index = 0; index < side.half.columns.length; index++) result.push("right");
  return result;
}

/**
 * Renders one table as aligned text; every line has the same display width.
 *
 * @param table - a table with exact fen
 * @param options - the department to print, one list or halves, ambiguous width
 * @returns the lines, each ending with a line feed
 *
 * @example
 * ```ts
 * const [t1] = ledger.tables(2020, ["T1"]);
 * if (t1 !== undefined) process.stdout.write(renderTableText(t1, { department: "办本级" }));
 * ```
 */
export function renderTableText(table: Table, options: TextOptions = {}): string {
  const halves = options.singleList === true ? null : printedHalves(table);
  const sides: SideLayout[] = (halves ?? [{ heading: "", rows: table.rows, columns: Object.keys(table.columns) }]).map((half) =>
    sideLayout(table, half),
  );
  const levels = Math.max(1, ...sides.flatMap((side) => side.titleParts.map((parts) => parts.length)));

  const header: HeaderCell[][] = [];
  if (halves !== null) header.push(sides.map((side) => ({ text: side.half.heading, span: columnCount(side) })));
  for (let level = 0; level < levels; level++) {
    header.push(
      sides.flatMap((side) => [
        ...(level === 0 ? leadingCells(side, "行次", "科目编码", side.hasCode ? "科目名称" : "项目") : leadingCells(side, "", "", "")),
        ...titleLevel(side, level),
      ]),
    );
  }
  header.push(sides.flatMap((side) => [...leadingCells(side, "", "", "栏次"), ...side.half.columns.map((column) => ({ text: column }))]));

  const rowCount = Math.max(0, ...sides.map((side) => side.half.rows.length));
  const body: string[][] = [];
  for (let index = 0; index < rowCount; index++) body.push(sides.flatMap((side) => bodyCells(side, side.half.rows[index] ?? null)));

  const gaps: string[] = [];
  sides.forEach((side, sideIndex) => {
    if (sideIndex > 0) gaps.push(HALF_GAP);
    for (let column = 1; column < columnCount(side); column++) gaps.push(COLUMN_GAP);
  });
  const title = `${table.id} ${table.title}`;
  const department = options.department === undefined ? "" : `部门：${options.department}`;
  const minWidth = Math.max(displayWidth(title, options), displayWidth(department, options) + 2 + displayWidth(UNIT_TEXT, options));
  const first = sides[0];
  const stretch = first === undefined ? 0 : (first.hasLine ? 1 : 0) + (first.hasCode ? 1 : 0);
  const grid = layoutGrid({ aligns: sides.flatMap(aligns), gaps, header, body, stretch, minWidth }, options);

  const rule = "-".repeat(grid.width);
  const unitLine = alignText(department, grid.width - displayWidth(UNIT_TEXT, options), "left", options) + UNIT_TEXT;
  const lines = [alignText(title, grid.width, "center", options), unitLine, rule, ...grid.header, rule, ...grid.body, rule];
  return lines.map((line) => `${line}\n`).join("");
}

/**
 * Renders a report: a heading with the department and year, then each table
 * as {@link renderTableText} does, separated by blank lines.
 *
 * @param report - a report with exact fen
 * @param options - one list or halves, ambiguous width
 * @returns the text, ending with a line feed
 */
export function renderReportText(report: Report, options: Omit<TextOptions, "department"> = {}): string {
  const tableOptions: TextOptions = { ...options, department: report.department };
  const heading = `${report.department}${report.year}年部门决算表\n`;
  return [heading, ...report.tables.map((table) => renderTableText(table, tableOptions))].join("\n");
}
