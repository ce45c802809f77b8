/**
 * Catalog extensions from JSON (`--catalog FILE`, an example's
 * `example.json`): `{"functional": [{"code", "name"}], "economic": […]}`,
 * checked field by field, then turned into a catalog.
 *
 * @module
 */
import { safeCreateCatalog, type Catalog, type CatalogExtension } from "../catalog/catalog.js";
import type { CodeName } from "../catalog/codes2020.js";
import { invalidInput } from "./cliError.js";
import { readJsonFile } from "./files.js";

const SCHEMES = ["functional", "economic"] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Checks a parsed catalog extension.
 *
 * @param value - parsed JSON
 * @param where - its name in messages (`catalog.json`, `example.json: catalog`)
 * @returns the extension
 * @throws {@link CliError} (invalid input) naming the first wrong field
 */
export function catalogExtensionOf(value: unknown, where: string): CatalogExtension {
  if (!isRecord(value)) throw invalidInput(`${where}: a catalog is an object {"functional": [...], "economic": [...]}`);
  for (const key of Object.keys(value)) {
    if (!(SCHEMES as readonly string[]).includes(key)) throw invalidInput(`${where}: unknown field ${JSON.stringify(key)} (a catalog has functional and economic)`);
  }
  const lists: { functional?: CodeName[]; economic?: CodeName[] } = {};
  for (const scheme of SCHEMES) {
    const list = value[scheme];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw invalidInput(`${where}: ${scheme} must be an array of {"code", "name"}`);
    lists[scheme] = list.map((entry: unknown, index: number) => {
      if (!isRecord(entry) || typeof entry["code"] !== "string" || typeof entry["name"] !== "string") {
        throw invalidInput(`${where}: ${scheme}[${index}] must be {"code": "…", "name": "…"} with two strings`);
      }
      return { code: entry["code"], name: entry["name"] };
    });
  }
  return lists;
}

/**
 * Reads a catalog extension file.
 *
 * @param path - the file
 * @param name - the file as the user named it
 * @returns the extension
 * @throws {@link CliError} when the file is missing, not JSON or not a catalog
 */
export async function readCatalogExtension(path: string, name: string): Promise<CatalogExtension> {
  return catalogExtensionOf(await readJsonFile(path, name), name);
}

/**
 * Two extensions as one (the codes of both).
 *
 * @param first - an extension, or none
 * @param second - another, or none
 * @returns their union, or undefined when neither is given
 */
export function mergeExtensions(first: CatalogExtension | undefined, second: CatalogExtension | undefined): CatalogExtension | undefined {
  if (first === undefined) return second;
  if (second === undefined) return first;
  return {
    functional: [...(first.functional ?? []), ...(second.functional ?? [])],
    economic: [...(first.economic ?? []), ...(second.economic ?? [])],
  };
}

/**
 * The bundled catalog extended with codes of the user's.
 *
 * @param extension - the codes to add
 * @param where - where they come from, for messages
 * @returns the catalog
 * @throws {@link CliError} (invalid input) naming the first bad code
 */
export function catalogFrom(extension: CatalogExtension, where: string): Catalog {
  const result = safeCreateCatalog(extension);
  if (result.ok) return result.value;
  const [first, ...others] = result.problems;
  const more = others.length > 0 ? ` (and ${others.length} more problem${others.length === 1 ? "" : "s"})` : "";
  const problem = first === undefined ? "the catalog is refused" : `${first.scheme} code ${JSON.stringify(first.code)}: ${first.rule}`;
  throw invalidInput(`${where}: ${problem}${more}`);
}
