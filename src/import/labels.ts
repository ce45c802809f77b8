/**
 * The report's own words, and how a printed label is matched to them: table
 * titles, the lines of Tables 1 and 4, the class lines, the lines of
 * Table 10. Labels are compared without white space (a text layout breaks
 * long labels: `资源勘探工业信息 等支出`) and without their ordinal
 * (`一、`, `（二）`, `3.`).
 *
 * @module
 */
import { CLASS_LINES_2020 } from "../catalog/classLines.js";
import type { NonTaxLine } from "../catalog/nonTaxLines.js";
import { FUNDS, FUND_NAMES, isFiscalFund, type Fund } from "../catalog/dimensions.js";
import type { TableId } from "../tables/table.js";

/**
 * A label without any white space (ASCII or ideographic).
 *
 * @param label - as printed
 * @returns the label, compacted
 */
export function compact(label: string): string {
  return label.replace(/[\s\u3000]+/g, "");
}

/**
 * A compacted label without its leading ordinal (`一、`, `（二）`, `3.`, `(1)`).
 *
 * @param label - as printed
 * @returns the bare name
 */
export function bareName(label: string): string {
  return compact(label).replace(/^(?:[（(][一二三四五六七八九十百\d]+[)）]|[一二三四五六七八九十百]+[、.．]|\d+[、.．])/, "");
}

/** How each table's title is recognised (on a compacted line, without a `表 N` in front). */
const TITLES: readonly (readonly [TableId, RegExp])[] = [
  ["T1", /^收入支出决算总表$/],
  ["T2", /^收入决算表$/],
  ["T3", /^支出决算表$/],
  ["T4", /^财政拨款收入支出决算总表$/],
  ["T5", /^一般公共预算财政拨款支出决算表$/],
  ["T6", /^一般公共预算财政拨款基本支出决算表$/],
  ["T7", /^(?:一般公共预算)?财政拨款[“"‘']?三公[”"’']?经费支出决算表$/],
  ["T8", /^政府性基金预算财政拨款收入支出决算表$/],
  ["T9", /^国有资本经营预算财政拨款(?:收入)?支出决算表$/],
  ["T10", /^非税收入征缴情况表$/],
];

/**
 * The table a title line names.
 *
 * @param line - a line of text
 * @returns the table, or null when the line is not a table's title
 */
export function tableOfTitle(line: string): TableId | null {
  const text = compact(line).replace(/^(?:附?表[\d一二三四五六七八九十]+[:：、.．]?)/, "");
  for (const [id, pattern] of TITLES) if (pattern.test(text)) return id;
  return null;
}

/**
 * The source of funds a label names (`一、一般公共预算财政拨款收入`, `事业收入`, `一般公共预算财政拨款`).
 *
 * @param label - as printed
 * @returns the fund, or null
 */
export function fundOfLabel(label: string): Fund | null {
  const name = bareName(label);
  for (const fund of FUNDS) {
    const fundName = FUND_NAMES[fund];
    if (name === fundName || (isFiscalFund(fund) && name === `${fundName}收入`)) return fund;
  }
  return null;
}

/** Older or shorter names of the class lines, by code. */
const CLASS_ALIASES: Readonly<Record<string, string>> = {
  文化体育与传媒支出: "207",
  医疗卫生与计划生育支出: "210",
  国土海洋气象等支出: "220",
  资源勘探信息等支出: "215",
  资源勘探电力信息等支出: "215",
};

/**
 * The functional class a class line of Tables 1 and 4 names.
 *
 * @param label - as printed, e.g. `十四、资源勘探工业信息 等支出`
 * @returns the 类 code, or null when the label is not a class line of the 2020 template
 */
export function classOfLabel(label: string): string | null {
  const name = bareName(label);
  for (const line of CLASS_LINES_2020) if (line.name === name) return line.code;
  return CLASS_ALIASES[name] ?? null;
}

/**
 * Whether a label is a class line, known or not: an ordinal followed by a name ending in 支出.
 *
 * @param label - as printed
 * @returns whether it reads as a class line
 */
export function looksLikeClassLine(label: string): boolean {
  const text = compact(label);
  return /^[一二三四五六七八九十]+、.+支出$/.test(text);
}

/**
 * The line of Table 10 a label names.
 *
 * @param label - as printed
 * @param lines - the catalog's lines of Table 10
 * @returns the line's id, `合计` for the total, or null
 */
export function nonTaxLineOfLabel(label: string, lines: readonly NonTaxLine[]): string | null {
  const name = bareName(label);
  if (name === "合计" || name === "总计") return "合计";
  for (const line of lines) if (bareName(line.label) === name) return line.id;
  return null;
}

/** Total labels of the functional tables. */
export function isTotalLabel(label: string): boolean {
  const name = compact(label);
  return name === "合计" || name === "总计";
}
