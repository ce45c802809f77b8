/**
 * Reading a scenario file: `{"name", "description"?, "adjustments": […]}` —
 * checked key by key, with the report's Chinese names accepted for funds
 * (`"事业收入"`) and categories (`"项目支出"`), amounts in 万元 as decimal
 * strings (`"500.00"`) and percentages as decimal strings (`"-10"`).
 * Codes, units and whether a filter matches anything are checked when the
 * scenario is applied to a ledger.
 *
 * @module
 */
import { CATEGORIES, CATEGORY_NAMES, FUNDS, FUND_NAMES, type Category, type Fund } from "../catalog/dimensions.js";
import { parseWan } from "../money/decimal.js";
import { ADJUSTMENT_KINDS, SCENARIO_LIMITS, type Adjustment, type AdjustmentKind, type Scenario } from "./scenario.js";
import { scenarioIssue, ScenarioError, type ScenarioIssue, type ScenarioIssues, type ScenarioResult } from "./scenarioIssues.js";

type Path = readonly (string | number)[];
type At = { readonly adjustment: number | null; readonly kind: AdjustmentKind | null };

/** The keys each kind of adjustment takes besides `kind`. */
const ADJUSTMENT_KEYS: Readonly<Record<AdjustmentKind, readonly string[]>> = {
  scale: ["filter", "percent", "memo"],
  move: ["from", "to", "amount", "percent", "memo"],
  add: ["events"],
  remove: ["filter", "reason"],
  appropriate: ["filter", "percent", "line", "amount", "memo"],
  receipts: ["filter", "percent", "amount", "memo"],
};

/** Filter keys of spending cells in a file (`source` is another name for `fund`). */
const SPENDING_KEYS = ["unit", "fund", "source", "functional", "economic", "category", "project"] as const;

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads a fund id or its Chinese name. */
function fundOf(value: unknown): Fund | undefined {
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if ((FUNDS as readonly string[]).includes(text)) return text as Fund;
  return FUNDS.find((fund) => FUND_NAMES[fund] === text);
}

/** Reads a category id or its Chinese name. */
function categoryOf(value: unknown): Category | undefined {
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if ((CATEGORIES as readonly string[]).includes(text)) return text as Category;
  return CATEGORIES.find((category) => CATEGORY_NAMES[category] === text);
}

/** Reading one scenario: the issues found so far. */
class Reader {
  readonly issues: ScenarioIssue[] = [];

  fail(code: ScenarioIssue["code"], path: Path, value: unknown, message: string, at: At): undefined {
    this.issues.push(scenarioIssue(code, path, value, message, at));
    return undefined;
  }

  /** Pushes an issue for each key not in `allowed`. */
  keys(record: Readonly<Record<string, unknown>>, allowed: readonly string[], path: Path, at: At, what: string): void {
    for (const key of Object.keys(record)) {
      if (!allowed.includes(key)) this.fail("unknown_field", [...path, key], record[key], `${what} takes ${allowed.join(", ")}`, at);
    }
  }

  /** A fund (or list of funds) by id or Chinese name. */
  funds(value: unknown, path: Path, at: At): Fund | Fund[] | undefined {
    const one = (item: unknown, where: Path): Fund | undefined =>
      fundOf(item) ?? this.fail("unknown_fund", where, item, `a fund is one of ${FUNDS.join(", ")} or its Chinese name (${FUND_NAMES.institutional} …)`, at);
    if (!Array.isArray(value)) return one(value, path);
    const funds = value.map((item, index) => one(item, [...path, index]));
    return funds.every((fund) => fund !== undefined) ? (funds as Fund[]) : undefined;
  }

  /** A category (or list) by id or Chinese name. */
  categories(value: unknown, path: Path, at: At): Category | Category[] | undefined {
    const one = (item: unknown, where: Path): Category | undefined =>
      categoryOf(item) ?? this.fail("unknown_category", where, item, `a category is one of ${CATEGORIES.join(", ")} or its Chinese name (${CATEGORY_NAMES.basic} …)`, at);
    if (!Array.isArray(value)) return one(value, path);
    const categories = value.map((item, index) => one(item, [...path, index]));
    return categories.every((category) => category !== undefined) ? (categories as Category[]) : undefined;
  }

  /**
   * A filter: `fund` and `source` name the same dimension (`as` chooses the
   * key it is kept under); the other values are kept as given and checked
   * against the catalog and the units when the scenario is applied.
   */
  filter(value: unknown, allowed: readonly string[], as: "fund" | "source", path: Path, at: At): Record<string, unknown> | undefined {
    if (!isRecord(value)) return this.fail(value === undefined ? "missing_field" : "not_an_object", path, value, "a filter is an object of dimensions", at);
    const before = this.issues.length;
    this.keys(value, allowed, path, at, "this filter");
    if (value["fund"] !== undefined && value["source"] !== undefined) {
      this.fail("conflicting_fields", [...path, "source"], value["source"], "fund and source name the same dimension: give one", at);
    }
    const filter: Record<string, unknown> = {};
    for (const [key, given] of Object.entries(value)) {
      if (!allowed.includes(key)) continue;
      if (key === "fund" || key === "source") {
        const funds = this.funds(given, [...path, key], at);
        if (funds !== undefined) filter[as] = funds;
      } else if (key === "category") {
        const categories = this.categories(given, [...path, key], at);
        if (categories !== undefined) filter["category"] = categories;
      } else filter[key] = given;
    }
    return this.issues.length === before ? filter : undefined;
  }

  /** An amount in 万元 as a decimal string, as fen. */
  amount(value: unknown, path: Path, at: At): number | undefined {
    if (typeof value !== "string") return this.fail(value === undefined ? "missing_field" : "wrong_type", path, value, 'an amount is 万元 as a decimal string, e.g. "500.00"', at);
    const parsed = parseWan(value);
    if (!parsed.ok) {
      const rule = parsed.problem === "finer_than_fen" ? "an amount in 万元 has at most six decimals (one fen)" : parsed.problem === "out_of_range" ? "the amount is too large" : 'an amount is 万元 as a decimal string, e.g. "500.00"';
      return this.fail(parsed.problem === "not_a_number" ? "not_a_number" : "invalid_amount", path, value, rule, at);
    }
    if (parsed.value === 0) return this.fail("invalid_amount", path, value, "an amount is not zero", at);
    return parsed.value;
  }

  /** A field that must be a string when present. */
  text(record: Readonly<Record<string, unknown>>, key: string, path: Path, at: At): string | undefined {
    const value = record[key];
    if (value === undefined) return undefined;
    if (typeof value !== "string" || value === "") return this.fail("wrong_type", [...path, key], value, `${key} is a non-empty string`, at);
    return value;
  }

  /** `percent` or `amount`, exactly one, into the typed change. */
  change(record: Readonly<Record<string, unknown>>, path: Path, at: At): { readonly percent: string } | { readonly amountFen: number } | undefined {
    const hasPercent = record["percent"] !== undefined;
    const hasAmount = record["amount"] !== undefined;
    if (hasPercent && hasAmount) return this.fail("conflicting_fields", [...path, "amount"], record["amount"], "give either percent or amount, not both", at);
    if (!hasPercent && !hasAmount) return this.fail("missing_field", [...path, "percent"], undefined, "give percent or amount", at);
    if (hasPercent) return this.percent(record["percent"], [...path, "percent"], at);
    const amountFen = this.amount(record["amount"], [...path, "amount"], at);
    return amountFen === undefined ? undefined : { amountFen };
  }

  /** A percentage: a decimal string (its range is checked when applied). */
  percent(value: unknown, path: Path, at: At): { readonly percent: string } | undefined {
    if (typeof value !== "string") {
      return this.fail(value === undefined ? "missing_field" : "not_a_number", path, value, 'a percentage is a decimal number written as a string, e.g. "-10" or "12.5"', at);
    }
    if (!/^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(value)) return this.fail("not_a_number", path, value, 'a percentage is a decimal number written as a string, e.g. "-10" or "12.5"', at);
    return { percent: value.trim() };
  }

  /** A move's target or a budget line: fund and category names resolved, the rest kept. */
  coordinates(value: unknown, allowed: readonly string[], path: Path, at: At, what: string): Record<string, unknown> | undefined {
    if (!isRecord(value)) return this.fail(value === undefined ? "missing_field" : "not_an_object", path, value, `${what} is an object of ${allowed.join(", ")}`, at);
    const before = this.issues.length;
    this.keys(value, allowed, path, at, what);
    const result: Record<string, unknown> = {};
    for (const [key, given] of Object.entries(value)) {
      if (!allowed.includes(key)) continue;
      if (key === "fund") {
        const fund = fundOf(given) ?? this.fail("unknown_fund", [...path, key], given, `a fund is one of ${FUNDS.join(", ")} or its Chinese name`, at);
        if (fund !== undefined) result[key] = fund;
      } else if (key === "category") {
        const category = categoryOf(given) ?? this.fail("unknown_category", [...path, key], given, `a category is one of ${CATEGORIES.join(", ")} or its Chinese name`, at);
        if (category !== undefined) result[key] = category;
      } else result[key] = given;
    }
    return this.issues.length === before ? result : undefined;
  }

  adjustment(value: unknown, index: number): Adjustment | undefined {
    const path: Path = ["adjustments", index];
    const unknownKind: At = { adjustment: index, kind: null };
    if (!isRecord(value)) return this.fail("not_an_object", path, value, "an adjustment is an object with a kind", unknownKind);
    const kind = value["kind"];
    if (typeof kind !== "string" || !(ADJUSTMENT_KINDS as readonly string[]).includes(kind)) {
      return this.fail(kind === undefined ? "missing_field" : "unknown_kind", [...path, "kind"], kind, `kind is one of ${ADJUSTMENT_KINDS.join(", ")}`, unknownKind);
    }
    const at: At = { adjustment: index, kind: kind as AdjustmentKind };
    const before = this.issues.length;
    this.keys(value, ["kind", ...ADJUSTMENT_KEYS[kind as AdjustmentKind]], path, at, `a ${kind} adjustment`);
    const memo = this.text(value, "memo", path, at);
    const withMemo = memo === undefined ? {} : { memo };
    let adjustment: Adjustment | undefined;
    switch (kind as AdjustmentKind) {
      case "scale": {
        const filter = this.filter(value["filter"], SPENDING_KEYS, "fund", [...path, "filter"], at);
        const percent = this.percent(value["percent"], [...path, "percent"], at);
        if (filter !== undefined && percent !== undefined) adjustment = { kind: "scale", filter, ...percent, ...withMemo };
        break;
      }
      case "move": {
        const from = this.filter(value["from"], SPENDING_KEYS, "fund", [...path, "from"], at);
        const to = this.coordinates(value["to"], ["unit", "fund", "functional", "economic", "category", "project"], [...path, "to"], at, "to");
        const change = this.change(value, path, at);
        if (from !== undefined && to !== undefined && change !== undefined) adjustment = { kind: "move", from, to, ...change, ...withMemo };
        break;
      }
      case "receipts": {
        const filter = this.filter(value["filter"], ["unit", "source", "fund", "functional"], "source", [...path, "filter"], at);
        const change = this.change(value, path, at);
        if (filter !== undefined && change !== undefined) adjustment = { kind: "receipts", filter, ...change, ...withMemo };
        break;
      }
      case "appropriate": {
        if (value["line"] !== undefined) {
          if (value["filter"] !== undefined || value["percent"] !== undefined) {
            this.fail("conflicting_fields", [...path, "line"], value["line"], "appropriate takes a line and an amount, or a filter and a percent", at);
            break;
          }
          const line = this.coordinates(value["line"], ["unit", "fund", "functional", "category", "economic", "project"], [...path, "line"], at, "a line");
          const amountFen = this.amount(value["amount"], [...path, "amount"], at);
          for (const key of ["unit", "fund", "functional", "category"]) {
            if (line !== undefined && line[key] === undefined) this.fail("missing_field", [...path, "line", key], undefined, `a line names its ${key}`, at);
          }
          if (line !== undefined && amountFen !== undefined && this.issues.length === before) {
            adjustment = { kind: "appropriate", line: line as unknown as Extract<Adjustment, { line: unknown }>["line"], amountFen, ...withMemo };
          }
        } else {
          if (value["amount"] !== undefined) {
            this.fail("conflicting_fields", [...path, "amount"], value["amount"], "an amount goes with a line; a filter goes with a percent", at);
            break;
          }
          const filter = this.filter(value["filter"], SPENDING_KEYS, "fund", [...path, "filter"], at);
          const percent = this.percent(value["percent"], [...path, "percent"], at);
          if (filter !== undefined && percent !== undefined) adjustment = { kind: "appropriate", filter, ...percent, ...withMemo };
        }
        break;
      }
      case "add": {
        const events = value["events"];
        if (!Array.isArray(events) || events.length === 0) this.fail(events === undefined ? "missing_field" : "wrong_type", [...path, "events"], events, "add takes a non-empty list of events", at);
        else adjustment = { kind: "add", events };
        break;
      }
      case "remove": {
        const filter = this.filter(value["filter"], [...SPENDING_KEYS, "type"], "fund", [...path, "filter"], at);
        const reason = this.text(value, "reason", path, at);
        if (filter !== undefined) adjustment = { kind: "remove", filter, ...(reason === undefined ? {} : { reason }) };
        break;
      }
    }
    return this.issues.length === before ? adjustment : undefined;
  }
}

/**
 * Reads a scenario from parsed JSON, returning issues instead of throwing.
 *
 * @param input - the parsed scenario file
 * @returns the typed scenario, or every issue found (each naming its adjustment and field)
 */
export function safeParseScenario(input: unknown): ScenarioResult<Scenario> {
  const reader = new Reader();
  const top: At = { adjustment: null, kind: null };
  if (!isRecord(input)) {
    return { ok: false, issues: [scenarioIssue("not_an_object", [], input, 'a scenario is an object {"name", "adjustments"}')] };
  }
  reader.keys(input, ["name", "description", "adjustments"], [], top, "a scenario");
  const name = input["name"];
  if (typeof name !== "string" || name.trim() === "") reader.fail(name === undefined ? "missing_field" : "wrong_type", ["name"], name, "a scenario has a non-empty name", top);
  else if (name.length > SCENARIO_LIMITS.nameLengthMax) reader.fail("too_long", ["name"], name, `a name has at most ${SCENARIO_LIMITS.nameLengthMax} characters`, top);
  const description = reader.text(input, "description", [], top);
  const list = input["adjustments"];
  const adjustments: Adjustment[] = [];
  if (!Array.isArray(list)) reader.fail(list === undefined ? "missing_field" : "wrong_type", ["adjustments"], list, "adjustments is a list", top);
  else if (list.length > SCENARIO_LIMITS.adjustmentsMax) reader.fail("too_many", ["adjustments"], list.length, `a scenario has at most ${SCENARIO_LIMITS.adjustmentsMax} adjustments`, top);
  else {
    list.forEach((item, index) => {
      const adjustment = reader.adjustment(item, index);
      if (adjustment !== undefined) adjustments.push(adjustment);
    });
  }
  if (reader.issues.length > 0) return { ok: false, issues: reader.issues as unknown as ScenarioIssues };
  return { ok: true, value: { name: (name as string).trim(), ...(description === undefined ? {} : { description }), adjustments } };
}

/**
 * Reads a scenario from parsed JSON.
 *
 * @param input - the parsed scenario file
 * @returns the typed scenario
 * @throws {@link ScenarioError} with every issue found
 *
 * @example
 * ```ts
 * const scenario = parseScenario({
 *   name: "事业收入-20%",
 *   adjustments: [{ kind: "receipts", filter: { source: "事业收入" }, percent: "-20" }],
 * });
 * ```
 */
export function parseScenario(input: unknown): Scenario {
  const result = safeParseScenario(input);
  if (!result.ok) throw new ScenarioError(result.issues);
  return result.value;
}
