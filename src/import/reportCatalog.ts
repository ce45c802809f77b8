/**
 * The codes a report prints beyond a catalog, with the names it prints for
 * them: the catalog extension its imported events need (written beside the
 * events, read back with `--catalog`).
 *
 * @module
 */
import type { Catalog, CatalogExtension } from "../catalog/catalog.js";
import type { CodeName } from "../catalog/codes2020.js";
import { compact } from "./labels.js";
import type { PublishedReport } from "./publishedReport.js";

/** Functional tables, in the order their labels are preferred. */
const FUNCTIONAL_TABLES = ["T2", "T3", "T5", "T8", "T9"] as const;

/**
 * The codes of a report the catalog does not know, named as the report
 * prints them (a 款 or 类 it never prints gets a neutral name).
 *
 * @param report - the report
 * @param catalog - the catalog the events are checked against
 * @returns the extension; empty lists when every code is known
 */
export function reportCatalogExtension(report: PublishedReport, catalog: Catalog): { readonly functional: CodeName[]; readonly economic: CodeName[] } {
  const functionalNames = new Map<string, string>();
  const economicNames = new Map<string, string>();
  for (const table of report.tables) {
    for (const row of table.rows) {
      if (row.code === null) continue;
      const names = table.id === "T6" ? economicNames : (FUNCTIONAL_TABLES as readonly string[]).includes(table.id) ? functionalNames : null;
      if (names === null) continue;
      const label = compact(row.label);
      if (!names.has(row.code) && label !== "") names.set(row.code, label);
      if (table.id === "T6") {
        if (row.code.length === 5 && !names.has(row.code.slice(0, 3))) names.set(row.code.slice(0, 3), "");
      } else {
        for (const parent of [row.code.slice(0, 3), row.code.slice(0, 5)]) if (parent.length < row.code.length && !names.has(parent)) names.set(parent, "");
      }
    }
  }
  const unknown = (names: Map<string, string>, known: ReadonlyMap<string, string>): CodeName[] =>
    [...names]
      .filter(([code]) => !known.has(code))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([code, name]) => ({ code, name: name === "" ? `科目${code}` : name }));
  return { functional: unknown(functionalNames, catalog.functional), economic: unknown(economicNames, catalog.economic) };
}

/**
 * Two extensions as one.
 *
 * @param first - an extension
 * @param second - another
 * @returns the codes of both
 */
export function mergeCatalogExtensions(first: CatalogExtension, second: CatalogExtension): CatalogExtension {
  return {
    functional: [...(first.functional ?? []), ...(second.functional ?? [])],
    economic: [...(first.economic ?? []), ...(second.economic ?? [])],
  };
}
