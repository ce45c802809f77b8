/**
 * Filters of a scenario, checked against the catalog and the ledger's units
 * and compiled into sets and code prefixes that select cells of an aggregate
 * or stored events.
 *
 * @module
 */
import { economicLevel, functionalLevel, type Catalog } from "../catalog/catalog.js";
import { CATEGORIES, FUNDS, type Category, type Fund } from "../catalog/dimensions.js";
import { EVENT_TYPES, type EventType, type LedgerEvent } from "../events/types.js";
import type { UnitInfo } from "../projections/aggregate.js";
import { SCENARIO_LIMITS, type AdjustmentKind } from "./scenario.js";
import { scenarioIssue, type ScenarioIssue } from "./scenarioIssues.js";

/** A filter compiled: absent dimensions select everything. */
export interface CompiledFilter {
  readonly units?: ReadonlySet<string>;
  readonly funds?: ReadonlySet<Fund>;
  /** Functional code prefixes (3, 5 or 7 digits). */
  readonly functional?: readonly string[];
  /** Economic code prefixes (3 or 5 digits). */
  readonly economic?: readonly string[];
  readonly categories?: ReadonlySet<Category>;
  readonly projects?: ReadonlySet<string>;
  readonly types?: ReadonlySet<EventType>;
}

/** The dimensions a filter may name. */
export type FilterKey = "unit" | "fund" | "functional" | "economic" | "category" | "project" | "type";

/** What a filter is checked against, and where its issues go. */
export interface FilterContext {
  readonly catalog: Catalog;
  readonly units: ReadonlyMap<string, UnitInfo>;
  /** The adjustment the filter belongs to. */
  readonly at: { readonly adjustment: number; readonly kind: AdjustmentKind };
  /** Issues found are pushed here. */
  readonly issues: ScenarioIssue[];
}

/**
 * The values of one dimension as a list: a single value becomes a list of
 * one; anything that is not a string (or a non-empty list of strings) is an
 * issue.
 */
function valuesOf(value: unknown, path: readonly (string | number)[], context: FilterContext): string[] | undefined {
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  if (list.length === 0) {
    context.issues.push(scenarioIssue("wrong_type", path, value, "a filter value is a string or a non-empty list of strings", context.at));
    return undefined;
  }
  if (list.length > SCENARIO_LIMITS.filterValuesMax) {
    context.issues.push(scenarioIssue("too_many", path, list.length, `a filter lists at most ${SCENARIO_LIMITS.filterValuesMax} values`, context.at));
    return undefined;
  }
  const strings: string[] = [];
  list.forEach((item, index) => {
    if (typeof item !== "string" || item === "") {
      const where = Array.isArray(value) ? [...path, index] : path;
      context.issues.push(scenarioIssue("wrong_type", where, item, "a filter value is a non-empty string", context.at));
    } else strings.push(item);
  });
  return strings.length === list.length ? strings : undefined;
}

/**
 * Resolves unit ids or registered unit names to ids.
 *
 * @param values - ids or names
 * @param path - where they are
 * @param context - units and issues
 * @returns the ids, or undefined after pushing an issue per unknown unit
 */
export function resolveUnits(values: readonly string[], path: readonly (string | number)[], context: FilterContext): string[] | undefined {
  const ids: string[] = [];
  let failed = false;
  for (const value of values) {
    if (context.units.has(value)) {
      ids.push(value);
      continue;
    }
    const named = [...context.units.values()].find((unit) => unit.name === value);
    if (named !== undefined) ids.push(named.id);
    else {
      failed = true;
      context.issues.push(scenarioIssue("unknown_unit", path, value, "a unit is the id or the name of a registered unit", context.at));
    }
  }
  return failed ? undefined : ids;
}

/**
 * Checks a functional code of a filter: 3, 5 or 7 digits, known to the catalog.
 *
 * @param code - the code
 * @param catalog - the catalog
 * @returns the rule it breaks, or null
 */
export function functionalProblem(code: string, catalog: Catalog): string | null {
  if (functionalLevel(code) === null) return "a functional code has 3, 5 or 7 digits";
  if (!catalog.functional.has(code)) return "the functional code is not in the catalog";
  return null;
}

/**
 * Checks an economic code of a filter: 3 or 5 digits, known to the catalog.
 *
 * @param code - the code
 * @param catalog - the catalog
 * @returns the rule it breaks, or null
 */
export function economicProblem(code: string, catalog: Catalog): string | null {
  if (economicLevel(code) === null) return "an economic code has 3 or 5 digits";
  if (!catalog.economic.has(code)) return "the economic code is not in the catalog";
  return null;
}

/**
 * Checks a filter and compiles it.
 *
 * @param filter - the filter as given (checked at run time too: a typed caller may pass anything)
 * @param allowed - the dimensions this filter may name, with the key each is given under
 * @param path - where the filter is in the scenario
 * @param context - catalog, units, and where issues go
 * @returns the compiled filter, or undefined when an issue was pushed
 */
export function compileFilter(
  filter: unknown,
  allowed: Readonly<Partial<Record<string, FilterKey>>>,
  path: readonly (string | number)[],
  context: FilterContext,
): CompiledFilter | undefined {
  if (typeof filter !== "object" || filter === null || Array.isArray(filter)) {
    context.issues.push(scenarioIssue("not_an_object", path, filter, "a filter is an object of dimensions", context.at));
    return undefined;
  }
  const before = context.issues.length;
  const compiled: { -readonly [K in keyof CompiledFilter]: CompiledFilter[K] } = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    const at = [...path, key];
    const dimension = Object.hasOwn(allowed, key) ? allowed[key] : undefined;
    if (dimension === undefined) {
      const keys = Object.keys(allowed).join(", ");
      context.issues.push(scenarioIssue("unknown_field", at, value, `this filter takes ${keys}`, context.at));
      continue;
    }
    const values = valuesOf(value, at, context);
    if (values === undefined) continue;
    switch (dimension) {
      case "unit": {
        const ids = resolveUnits(values, at, context);
        if (ids !== undefined) compiled.units = new Set(ids);
        break;
      }
      case "fund": {
        const unknown = values.filter((fund) => !(FUNDS as readonly string[]).includes(fund));
        for (const fund of unknown) context.issues.push(scenarioIssue("unknown_fund", at, fund, `a fund is one of ${FUNDS.join(", ")}`, context.at));
        if (unknown.length === 0) compiled.funds = new Set(values as Fund[]);
        break;
      }
      case "category": {
        const unknown = values.filter((category) => !(CATEGORIES as readonly string[]).includes(category));
        for (const category of unknown) context.issues.push(scenarioIssue("unknown_category", at, category, `a category is one of ${CATEGORIES.join(", ")}`, context.at));
        if (unknown.length === 0) compiled.categories = new Set(values as Category[]);
        break;
      }
      case "functional": {
        let ok = true;
        for (const code of values) {
          const problem = functionalProblem(code, context.catalog);
          if (problem !== null) {
            ok = false;
            context.issues.push(scenarioIssue("unknown_functional_code", at, code, problem, context.at));
          }
        }
        if (ok) compiled.functional = values;
        break;
      }
      case "economic": {
        let ok = true;
        for (const code of values) {
          const problem = economicProblem(code, context.catalog);
          if (problem !== null) {
            ok = false;
            context.issues.push(scenarioIssue("unknown_economic_code", at, code, problem, context.at));
          }
        }
        if (ok) compiled.economic = values;
        break;
      }
      case "project":
        compiled.projects = new Set(values);
        break;
      case "type": {
        const unknown = values.filter((type) => !(EVENT_TYPES as readonly string[]).includes(type));
        for (const type of unknown) context.issues.push(scenarioIssue("unknown_event_type", at, type, "not an event type", context.at));
        if (unknown.length === 0) compiled.types = new Set(values as EventType[]);
        break;
      }
    }
  }
  return context.issues.length === before ? compiled : undefined;
}

/**
 * Whether a code starts with one of the prefixes (or there are none).
 *
 * @param code - a code
 * @param prefixes - prefixes, or undefined for any
 * @returns true when it matches
 */
export function matchesPrefix(code: string | null, prefixes: readonly string[] | undefined): boolean {
  if (prefixes === undefined) return true;
  if (code === null) return false;
  for (const prefix of prefixes) if (code.startsWith(prefix)) return true;
  return false;
}

/**
 * Whether a value is in a set (or there is no set).
 *
 * @param value - a value, null when the cell or event has none
 * @param set - the allowed values, or undefined for any
 * @returns true when it matches
 */
export function matchesSet<T>(value: T | null | undefined, set: ReadonlySet<T> | undefined): boolean {
  if (set === undefined) return true;
  return value !== null && value !== undefined && set.has(value);
}

/**
 * Whether a stored event matches an event filter: each named dimension must
 * be a field of the event and match.
 *
 * @param event - a stored event
 * @param filter - a compiled event filter
 * @returns true when it matches
 */
export function eventMatches(event: LedgerEvent, filter: CompiledFilter): boolean {
  if (!matchesSet(event.type, filter.types)) return false;
  if (!matchesSet(event.unit, filter.units)) return false;
  const fields = event as unknown as Readonly<Record<string, unknown>>;
  const text = (name: string): string | null => {
    const value = fields[name];
    return typeof value === "string" ? value : null;
  };
  const fund = (text("fund") ?? text("source")) as Fund | null;
  if (!matchesSet(fund, filter.funds)) return false;
  if (!matchesPrefix(text("functional"), filter.functional)) return false;
  if (!matchesPrefix(text("economic"), filter.economic)) return false;
  if (!matchesSet(text("category") as Category | null, filter.categories)) return false;
  return matchesSet(text("project"), filter.projects);
}
