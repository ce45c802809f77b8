/**
 * A catalog: the codes a ledger accepts, their names, and the layouts of the
 * ten tables that depend on the classification (the class lines of Tables 1
 * and 4, the listed codes of Tables 8 and 9, the lines of Table 10).
 *
 * The bundled catalog holds the 2020 codes the reference report prints; a
 * user extends it with codes of their own by supplying names.
 *
 * @module
 */
import { CLASS_LINES_2020, type ClassLine } from "./classLines.js";
import { ECONOMIC_CODES_2020, FUNCTIONAL_CODES_2020, type CodeName } from "./codes2020.js";
import { NON_TAX_LINES_2020, type NonTaxLine } from "./nonTaxLines.js";

/** Level of a functional code: 类 (3 digits), 款 (5) or 项 (7). */
export type FunctionalLevel = "class" | "section" | "item";

/** Level of an economic code: 类 (3 digits) or 款 (5). */
export type EconomicLevel = "class" | "section";

/** The economic 类 of 人员经费 (personnel expenses) within basic spending. */
export const PERSONNEL_ECONOMIC_CLASSES: readonly string[] = ["301", "303"];

/** The economic 类 of 公用经费 (public expenses) within basic spending. */
export const PUBLIC_ECONOMIC_CLASSES: readonly string[] = ["302", "307", "310", "399"];

/** The economic codes that make up 三公经费. */
export const THREE_PUBLIC_ECONOMIC = {
  /** 因公出国（境）费用 */
  overseas: "30212",
  /** 公务用车购置 */
  vehiclePurchase: "31013",
  /** 公务用车运行维护费 */
  vehicleOperation: "30231",
  /** 公务接待费 */
  reception: "30217",
} as const;

/** A catalog of codes and table layouts, immutable. */
export interface Catalog {
  /** Names of functional codes (类, 款 and 项), by code. */
  readonly functional: ReadonlyMap<string, string>;
  /** Names of economic codes (类 and 款), by code. */
  readonly economic: ReadonlyMap<string, string>;
  /** The class lines of Tables 1 and 4. */
  readonly classLines: readonly ClassLine[];
  /** The codes Table 8 lists even at zero. */
  readonly governmentFundListed: readonly string[];
  /** The codes Table 9 lists even at zero. */
  readonly stateCapitalListed: readonly string[];
  /** The lines of Table 10. */
  readonly nonTaxLines: readonly NonTaxLine[];
  /** The 7-digit functional codes an event may carry: known, with a class line in Tables 1 and 4. */
  readonly postableFunctional: ReadonlySet<string>;
  /** The 5-digit economic codes an event may carry. */
  readonly postableEconomic: ReadonlySet<string>;
}

/** Codes a user adds to a catalog, with their names. */
export interface CatalogExtension {
  /** Functional codes (any level) and names; parents must be known or supplied too. */
  readonly functional?: readonly CodeName[];
  /** Economic codes (类 or 款) and names; a 款's 类 must be known or supplied too. */
  readonly economic?: readonly CodeName[];
}

/** A problem with a catalog extension. */
export interface CatalogProblem {
  /** Which list. */
  readonly scheme: "functional" | "economic";
  /** The offending code. */
  readonly code: string;
  /** The rule it breaks. */
  readonly rule: string;
}

/** Codes listed in Table 8 (政府性基金预算财政拨款收入支出决算表) of the 2020 template. */
const GOVERNMENT_FUND_LISTED_2020 = [
  "208", "20822", "2082299", "212", "21208", "2120801", "21211", "2121100",
  "229", "22908", "2290805", "2290808", "22960", "2296003",
];

/** Codes listed in Table 9 (国有资本经营预算财政拨款支出决算表) of the 2020 template. */
const STATE_CAPITAL_LISTED_2020 = [
  "223", "22301", "2230102", "2230103", "2230104", "2230105", "2230106", "2230107",
  "2230108", "2230199", "22302", "2230201", "2230202", "2230203",
];

/**
 * The level of a functional code from its length.
 *
 * @param code - digits
 * @returns the level, or null when the length is not 3, 5 or 7 digits
 */
export function functionalLevel(code: string): FunctionalLevel | null {
  if (!/^\d+$/.test(code)) return null;
  return code.length === 3 ? "class" : code.length === 5 ? "section" : code.length === 7 ? "item" : null;
}

/**
 * The level of an economic code from its length.
 *
 * @param code - digits
 * @returns the level, or null when the length is not 3 or 5 digits
 */
export function economicLevel(code: string): EconomicLevel | null {
  if (!/^\d+$/.test(code)) return null;
  return code.length === 3 ? "class" : code.length === 5 ? "section" : null;
}

/**
 * Builds a catalog: the bundled 2020 codes plus an optional extension.
 *
 * @param extension - codes to add, with names
 * @returns `{ ok: true, value }`, or `{ ok: false, problems }` naming each bad code
 */
export function safeCreateCatalog(
  extension: CatalogExtension = {},
): { readonly ok: true; readonly value: Catalog } | { readonly ok: false; readonly problems: readonly CatalogProblem[] } {
  const functional = new Map<string, string>();
  for (const line of CLASS_LINES_2020) functional.set(line.code, line.name);
  for (const entry of FUNCTIONAL_CODES_2020) functional.set(entry.code, entry.name);
  const economic = new Map<string, string>(ECONOMIC_CODES_2020.map((entry) => [entry.code, entry.name]));
  const problems: CatalogProblem[] = [];

  for (const entry of extension.functional ?? []) {
    if (functionalLevel(entry.code) === null) {
      problems.push({ scheme: "functional", code: entry.code, rule: "a functional code has 3, 5 or 7 digits" });
    } else if (entry.name.trim() === "") {
      problems.push({ scheme: "functional", code: entry.code, rule: "a code needs a non-empty name" });
    } else {
      functional.set(entry.code, entry.name);
    }
  }
  for (const entry of extension.economic ?? []) {
    if (economicLevel(entry.code) === null) {
      problems.push({ scheme: "economic", code: entry.code, rule: "an economic code has 3 or 5 digits" });
    } else if (entry.name.trim() === "") {
      problems.push({ scheme: "economic", code: entry.code, rule: "a code needs a non-empty name" });
    } else {
      economic.set(entry.code, entry.name);
    }
  }
  for (const code of functional.keys()) {
    for (const parent of [code.slice(0, 3), code.slice(0, 5)]) {
      if (parent.length < code.length && !functional.has(parent)) {
        problems.push({ scheme: "functional", code, rule: `its parent ${parent} needs a name too` });
      }
    }
  }
  for (const code of economic.keys()) {
    if (code.length === 5 && !economic.has(code.slice(0, 3))) {
      problems.push({ scheme: "economic", code, rule: `its class ${code.slice(0, 3)} needs a name too` });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const classCodes = new Set(CLASS_LINES_2020.map((line) => line.code));
  return {
    ok: true,
    value: Object.freeze({
      functional,
      economic,
      postableFunctional: new Set([...functional.keys()].filter((code) => code.length === 7 && classCodes.has(code.slice(0, 3)))),
      postableEconomic: new Set([...economic.keys()].filter((code) => code.length === 5)),
      classLines: CLASS_LINES_2020,
      governmentFundListed: GOVERNMENT_FUND_LISTED_2020,
      stateCapitalListed: STATE_CAPITAL_LISTED_2020,
      nonTaxLines: NON_TAX_LINES_2020,
    }),
  };
}

/** Thrown by {@link createCatalog} when an extension is invalid. */
export class CatalogError extends Error {
  override readonly name = "CatalogError";
  /** Every problem found. */
  readonly problems: readonly CatalogProblem[];
  constructor(problems: readonly CatalogProblem[]) {
    super(problems.map((p) => `${p.scheme} code ${JSON.stringify(p.code)}: ${p.rule}`).join("; "));
    this.problems = problems;
  }
}

/**
 * Builds a catalog: the bundled 2020 codes plus an optional extension.
 *
 * @param extension - codes to add, with names
 * @returns the catalog
 * @throws {@link CatalogError} naming every bad code
 *
 * @example
 * ```ts
 * const catalog = createCatalog({
 *   functional: [{ code: "2040101", name: "行政运行" }, { code: "20401", name: "武装警察部队" }, { code: "204", name: "公共安全支出" }],
 * });
 * ```
 */
export function createCatalog(extension: CatalogExtension = {}): Catalog {
  const result = safeCreateCatalog(extension);
  if (!result.ok) throw new CatalogError(result.problems);
  return result.value;
}

let bundled: Catalog | undefined;

/**
 * The bundled 2020 catalog (built once, on first use).
 *
 * @returns the catalog of the reference report's codes
 */
export function defaultCatalog(): Catalog {
  bundled ??= createCatalog();
  return bundled;
}

/**
 * The Table 1 / Table 4 class line of a functional code, by its first three digits.
 *
 * @param catalog - the catalog
 * @param functional - any functional code
 * @returns the index of the line (0–25), or -1 when the class has no line
 */
export function classLineIndex(catalog: Catalog, functional: string): number {
  const cls = functional.slice(0, 3);
  return catalog.classLines.findIndex((line) => line.code === cls);
}
