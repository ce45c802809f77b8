/**
 * Validation of one event at the boundary, independent of ledger state:
 * shape, types, vocabularies, codes against the catalog, and the rules that
 * tie fields together. Returns a fresh, normalized event or every issue.
 *
 * The rules that need the ledger (unknown unit, duplicate id, closed year,
 * reversal target) live in the ledger's own check.
 *
 * @module
 */
import {
  BALANCE_KINDS,
  BUDGET_STAGES,
  CATEGORIES,
  FUNDS,
  NON_TAX_MANAGEMENTS,
  PROCUREMENT_KINDS,
  SUPPLIER_SIZES,
  UNIT_KINDS,
  isFiscalFund,
  type Category,
  type Fund,
} from "../catalog/dimensions.js";
import { PERSONNEL_ECONOMIC_CLASSES, PUBLIC_ECONOMIC_CLASSES, classLineIndex, type Catalog } from "../catalog/catalog.js";
import { Dec } from "../money/decimal.js";
import { fieldIssue, type FieldIssue } from "./issues.js";
import {
  EQUIPMENT_KINDS,
  EVALUATION_KINDS,
  EVENT_SCHEMA_VERSION,
  GUESTS,
  INDICATOR_CLASSES,
  INDICATOR_DIMENSIONS,
  REVERSAL_TARGET_TYPES,
  VEHICLE_PURPOSES,
  type AppropriationMade,
  type ClosingBalance,
  type ExpenditureRecorded,
  type ReceiptRecorded,
  type IndicatorDimension,
  type LedgerEvent,
  type ReversalTarget,
} from "./types.js";

/** Bounds on external input. */
export const LIMITS = {
  /** Longest id, unit id or project id. */
  idLengthMax: 200,
  /** Longest name, memo or reason. */
  textLengthMax: 2000,
  /** Most closing balances in one yearClosed event. */
  balancesMax: 100_000,
  /** Earliest year accepted. */
  yearMin: 1949,
  /** Latest year accepted. */
  yearMax: 9999,
  /** Largest count of a reported fact (vehicles, receptions, persons, items). */
  countMax: 1_000_000_000,
  /** Most points a performance weight or score has. */
  pointsMax: 100,
} as const;

const ALLOWED_FIELDS: Readonly<Record<LedgerEvent["type"], readonly string[]>> = {
  unitRegistered: ["name", "kind", "parent"],
  appropriationMade: ["fund", "functional", "category", "economic", "project", "stage", "amountFen"],
  receiptRecorded: ["source", "functional", "amountFen", "adjustment"],
  expenditureRecorded: ["fund", "functional", "economic", "category", "project", "amountFen", "adjustment"],
  nonTaxRevenueCollected: ["line", "management", "amountFen"],
  procurementAwarded: ["procurement", "supplierSize", "amountFen"],
  vehiclesPurchased: ["purpose", "count"],
  vehiclesHeld: ["purpose", "count"],
  equipmentHeld: ["equipment", "unitPriceFen", "count"],
  receptionsHosted: ["guests", "receptions", "visitors"],
  overseasVisitsMade: ["groups", "persons"],
  performanceEvaluated: ["project", "evaluation"],
  performanceGoalEvaluated: ["project", "goal", "outcome", "budgetWeight"],
  performanceIndicatorEvaluated: ["project", "indicatorClass", "dimension", "name", "target", "actual", "weight", "score", "reason"],
  surplusDistributed: ["fund", "functional", "amountFen"],
  surplusUsed: ["fund", "functional", "amountFen"],
  balanceOpened: ["fund", "functional", "balance", "amountFen"],
  yearClosed: ["balances"],
  eventReversed: ["target", "reason", "reverses"],
};

const ENVELOPE_FIELDS = ["id", "type", "schema", "year", "unit", "memo"];

const EVENT_TYPE_LIST = Object.keys(ALLOWED_FIELDS) as LedgerEvent["type"][];

/** Every field an event of each type may have, envelope included. */
const FIELD_SETS = new Map<string, ReadonlySet<string>>(
  EVENT_TYPE_LIST.map((type) => [type, new Set([...ENVELOPE_FIELDS, ...ALLOWED_FIELDS[type]])]),
);

/** Sets an optional property on an object under construction, when the value is defined. */
function setOptional(target: object, key: string, value: unknown): void {
  if (value !== undefined) (target as Record<string, unknown>)[key] = value;
}

/** Collects issues for one event. */
class Checker {
  readonly issues: FieldIssue[] = [];
  constructor(
    readonly record: Record<string, unknown>,
    readonly path: readonly (string | number)[],
    readonly catalog: Catalog,
    readonly intern: (text: string) => string,
  ) {}

  at(field: string | number): (string | number)[] {
    return [...this.path, field];
  }

  fail(code: FieldIssue["code"], field: string | number, value: unknown, message: string): undefined {
    this.issues.push(fieldIssue(code, this.at(field), value, message));
    return undefined;
  }

  string(field: string, max: number, optional = false): string | undefined {
    const value = this.record[field];
    if (value === undefined) {
      if (optional) return undefined;
      return this.fail("missing_field", field, value, `${field} is required`);
    }
    if (typeof value !== "string") return this.fail("wrong_type", field, value, `${field} must be a string`);
    if (value.trim() === "") return this.fail("wrong_type", field, value, `${field} must not be empty`);
    if (value.length > max) return this.fail("too_long", field, value, `${field} is at most ${max} characters`);
    return value;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T | undefined {
    const value = this.record[field];
    if (value === undefined) return this.fail("missing_field", field, value, `${field} is required`);
    for (const candidate of allowed) if (candidate === value) return candidate;
    return this.fail("not_allowed", field, value, `${field} must be one of ${allowed.join(", ")}`);
  }

  /**
   * The `adjustment` mark of an adjusting entry: absent, or `true`. A marked
   * entry's amount may be negative (a 红字 entry: less received or spent).
   */
  adjustment(): true | undefined {
    const value = this.record["adjustment"];
    if (value === undefined || value === true) return value;
    return this.fail("wrong_type", "adjustment", value, "adjustment is true when present (an adjusting entry); leave it out otherwise");
  }

  amount(field: string, sign: "positive" | "nonZero" | "any"): number | undefined {
    const value = this.record[field];
    if (value === undefined) return this.fail("missing_field", field, value, `${field} is required`);
    if (typeof value !== "number" || !Number.isSafeInteger(value)) {
      return this.fail("invalid_amount", field, value, `${field} must be a whole number of fen (a safe integer)`);
    }
    if (sign === "positive" && value <= 0) return this.fail("invalid_amount", field, value, `${field} must be positive`);
    if (sign === "nonZero" && value === 0) return this.fail("invalid_amount", field, value, `${field} must not be zero`);
    return value === 0 ? 0 : value;
  }

  functionalItem(field: string, record: Record<string, unknown> = this.record): string | undefined {
    const value = record[field];
    if (typeof value === "string" && this.catalog.postableFunctional.has(value)) return this.intern(value);
    if (value === undefined) return this.fail("missing_field", field, value, `${field} is required`);
    if (typeof value !== "string") return this.fail("wrong_type", field, value, `${field} must be a string of digits`);
    if (!/^\d{7}$/.test(value)) {
      return this.fail("functional_not_item", field, value, `${field} must be a 7-digit functional 项 code`);
    }
    if (!this.catalog.functional.has(value)) {
      return this.fail(
        "unknown_functional_code",
        field,
        value,
        `${field} is not a functional code of the catalog (extend the catalog with its name)`,
      );
    }
    if (classLineIndex(this.catalog, value) === -1) {
      return this.fail(
        "functional_class_without_line",
        field,
        value,
        `${field}'s class ${value.slice(0, 3)} has no line in Tables 1 and 4`,
      );
    }
    return this.intern(value);
  }

  economicSection(field: string, optional: boolean): string | undefined {
    const value = this.record[field];
    if (typeof value === "string" && this.catalog.postableEconomic.has(value)) return this.intern(value);
    if (value === undefined) {
      if (optional) return undefined;
      return this.fail("missing_field", field, value, `${field} is required`);
    }
    if (typeof value !== "string") return this.fail("wrong_type", field, value, `${field} must be a string of digits`);
    if (!/^\d{5}$/.test(value)) return this.fail("economic_not_section", field, value, `${field} must be a 5-digit economic 款 code`);
    if (!this.catalog.economic.has(value)) {
      return this.fail(
        "unknown_economic_code",
        field,
        value,
        `${field} is not an economic code of the catalog (extend the catalog with its name)`,
      );
    }
    return this.intern(value);
  }

  fiscalCategory(fund: Fund | undefined, category: Category | undefined): void {
    if (fund !== undefined && category !== undefined && isFiscalFund(fund) && category !== "basic" && category !== "project") {
      this.fail("fiscal_category", "category", category, "a fiscal fund pays only basic or project spending");
    }
  }

  basicEconomic(category: Category | undefined, economic: string | undefined): void {
    if (category !== "basic" || economic === undefined) return;
    const cls = economic.slice(0, 3);
    if (!PERSONNEL_ECONOMIC_CLASSES.includes(cls) && !PUBLIC_ECONOMIC_CLASSES.includes(cls)) {
      this.fail(
        "basic_economic_class",
        "economic",
        economic,
        `basic spending is personnel (${PERSONNEL_ECONOMIC_CLASSES.join(", ")}) or public (${PUBLIC_ECONOMIC_CLASSES.join(", ")}) expense`,
      );
    }
  }

  projectOnlyOnProject(category: Category | undefined): string | undefined {
    const text = this.string("project", LIMITS.idLengthMax, true);
    const project = text === undefined ? undefined : this.intern(text);
    if (project !== undefined && category !== undefined && category !== "project") {
      this.fail("project_on_non_project", "project", project, "a project is named only on project spending");
    }
    return project;
  }

  /** A count of a reported fact: a positive whole number, at most {@link LIMITS.countMax}. */
  count(field: string): number | undefined {
    const value = this.record[field];
    if (value === undefined) return this.fail("missing_field", field, value, `${field} is required`);
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0 || value > LIMITS.countMax) {
      return this.fail("invalid_amount", field, value, `${field} must be a whole number from 1 to ${LIMITS.countMax}`);
    }
    return value;
  }

  /** A count that is at least `least` (persons per group, visitors per reception). */
  countAtLeast(field: string, least: number | undefined, what: string): number | undefined {
    const value = this.count(field);
    if (value !== undefined && least !== undefined && value < least) {
      this.fail("invalid_amount", field, value, `${field} must be at least ${least}: ${what}`);
      return undefined;
    }
    return value;
  }

  /** Points of a performance evaluation: from `min` (exclusive when `positive`) to `max`, at most two decimals. */
  points(field: string, max: number, positive: boolean): number | undefined {
    const value = this.record[field];
    if (value === undefined) return this.fail("missing_field", field, value, `${field} is required`);
    if (typeof value !== "number" || !Number.isFinite(value)) return this.fail("wrong_type", field, value, `${field} must be a number of points`);
    if (new Dec(value).decimalPlaces() > 2) return this.fail("invalid_amount", field, value, `${field} has at most two decimals`);
    if (value < 0 || (positive && value === 0) || value > max) {
      return this.fail("invalid_amount", field, value, `${field} must be ${positive ? "more than" : "at least"} 0 and at most ${max} points`);
    }
    return value === 0 ? 0 : value;
  }

  /** A project id (required). */
  project(): string | undefined {
    const text = this.string("project", LIMITS.idLengthMax);
    return text === undefined ? undefined : this.intern(text);
  }

  nonFiscal(fund: Fund | undefined): void {
    if (fund !== undefined && isFiscalFund(fund)) {
      this.fail("fiscal_fund_not_allowed", "fund", fund, "only a non-fiscal fund's surplus is distributed or used");
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Validates one event as a caller wrote it, without looking at any ledger.
 *
 * @param input - anything, e.g. a parsed JSON line
 * @param catalog - the codes to accept
 * @param path - where the event sits, for issue paths (e.g. `[3]`)
 * @param intern - returns one shared instance of each repeated string (codes,
 *   unit and project ids), so that a large ledger stores each once
 * @returns `{ ok: true, value }` with a fresh normalized event (schema filled
 *   in, fields in catalogue order), or `{ ok: false, issues }`
 */
export function checkEvent(
  input: unknown,
  catalog: Catalog,
  path: readonly (string | number)[] = [],
  intern: (text: string) => string = (text) => text,
): { readonly ok: true; readonly value: LedgerEvent } | { readonly ok: false; readonly issues: readonly FieldIssue[] } {
  if (!isRecord(input)) {
    return { ok: false, issues: [fieldIssue("not_an_object", path, input, "an event is a JSON object")] };
  }
  const c = new Checker(input, path, catalog, intern);
  const type = c.oneOf("type", EVENT_TYPE_LIST);
  const id = c.string("id", LIMITS.idLengthMax);
  const unitText = c.string("unit", LIMITS.idLengthMax);
  const unit = unitText === undefined ? undefined : intern(unitText);
  const memo = c.string("memo", LIMITS.textLengthMax, true);
  const schema = input["schema"];
  if (schema !== undefined && schema !== EVENT_SCHEMA_VERSION) {
    c.fail("not_allowed", "schema", schema, `schema must be ${EVENT_SCHEMA_VERSION}`);
  }
  const year = input["year"];
  if (year === undefined) c.fail("missing_field", "year", year, "year is required");
  else if (typeof year !== "number" || !Number.isInteger(year) || year < LIMITS.yearMin || year > LIMITS.yearMax) {
    c.fail("invalid_year", "year", year, `year must be an integer from ${LIMITS.yearMin} to ${LIMITS.yearMax}`);
  }
  if (type === undefined) return { ok: false, issues: c.issues };
  const allowed = FIELD_SETS.get(type);
  for (const key in input) {
    if (allowed !== undefined && !allowed.has(key)) c.fail("unknown_field", key, input[key], `${type} has no field ${key}`);
  }
  const envelope: Envelope & { type: string } = { id: id ?? "", type, schema: EVENT_SCHEMA_VERSION, year: year as number, unit: unit ?? "" };
  const event = checkBody(c, type, envelope);
  if (c.issues.length > 0 || event === undefined) return { ok: false, issues: c.issues };
  setOptional(event, "memo", memo);
  return { ok: true, value: event };
}

type Envelope = { id: string; schema: typeof EVENT_SCHEMA_VERSION; year: number; unit: string; memo?: string };

function checkBody(c: Checker, type: LedgerEvent["type"], envelope: Envelope & { type: string }): LedgerEvent | undefined {
  const { id, schema, year, unit } = envelope;
  switch (type) {
    case "unitRegistered": {
      const name = c.string("name", LIMITS.textLengthMax);
      const kind = c.oneOf("kind", UNIT_KINDS);
      const parentValue = c.record["parent"];
      let parent: string | null = null;
      if (parentValue === undefined) c.fail("missing_field", "parent", parentValue, "parent is required (null for the department's own office)");
      else if (parentValue !== null) parent = c.string("parent", LIMITS.idLengthMax) ?? null;
      if (name === undefined || kind === undefined) return undefined;
      return { id, type, schema, year, unit, name, kind, parent };
    }
    case "appropriationMade": {
      const fund = c.oneOf("fund", FUNDS);
      const functional = c.functionalItem("functional");
      const category = c.oneOf("category", CATEGORIES);
      const economic = c.economicSection("economic", true);
      const project = c.projectOnlyOnProject(category);
      const stage = c.oneOf("stage", BUDGET_STAGES);
      const amountFen = c.amount("amountFen", stage === "adjustment" ? "nonZero" : "positive");
      c.fiscalCategory(fund, category);
      c.basicEconomic(category, economic);
      if (fund === undefined || functional === undefined || category === undefined || stage === undefined || amountFen === undefined) return undefined;
      const event: AppropriationMade = { id, type, schema, year, unit, fund, functional, category, stage, amountFen };
      setOptional(event, "economic", economic);
      setOptional(event, "project", project);
      return event;
    }
    case "receiptRecorded": {
      const source = c.oneOf("source", FUNDS);
      const functional = c.functionalItem("functional");
      const adjustment = c.adjustment();
      const amountFen = c.amount("amountFen", adjustment === true ? "nonZero" : "positive");
      if (source === undefined || functional === undefined || amountFen === undefined) return undefined;
      const event: ReceiptRecorded = { id, type, schema, year, unit, source, functional, amountFen };
      setOptional(event, "adjustment", adjustment);
      return event;
    }
    case "expenditureRecorded": {
      const fund = c.oneOf("fund", FUNDS);
      const functional = c.functionalItem("functional");
      const economic = c.economicSection("economic", false);
      const category = c.oneOf("category", CATEGORIES);
      const project = c.projectOnlyOnProject(category);
      const adjustment = c.adjustment();
      const amountFen = c.amount("amountFen", adjustment === true ? "nonZero" : "positive");
      c.fiscalCategory(fund, category);
      c.basicEconomic(category, economic);
      if (fund === undefined || functional === undefined || economic === undefined || category === undefined || amountFen === undefined) return undefined;
      const event: ExpenditureRecorded = { id, type, schema, year, unit, fund, functional, economic, category, amountFen };
      setOptional(event, "project", project);
      setOptional(event, "adjustment", adjustment);
      return event;
    }
    case "nonTaxRevenueCollected": {
      const lineValue = c.record["line"];
      let line: string | undefined;
      if (lineValue === undefined) c.fail("missing_field", "line", lineValue, "line is required");
      else if (!c.catalog.nonTaxLines.some((l) => l.id === lineValue)) {
        c.fail("unknown_non_tax_line", "line", lineValue, `line must be a line of Table 10 (${c.catalog.nonTaxLines.map((l) => l.id).join(", ")})`);
      } else if (c.catalog.nonTaxLines.some((l) => l.parent === lineValue)) {
        c.fail("non_tax_line_not_leaf", "line", lineValue, "line must be a leaf line of Table 10; its parents are sums");
      } else line = lineValue as string;
      const management = c.oneOf("management", NON_TAX_MANAGEMENTS);
      const amountFen = c.amount("amountFen", "positive");
      if (line === undefined || management === undefined || amountFen === undefined) return undefined;
      return { id, type, schema, year, unit, line, management, amountFen };
    }
    case "procurementAwarded": {
      const procurement = c.oneOf("procurement", PROCUREMENT_KINDS);
      const supplierSize = c.oneOf("supplierSize", SUPPLIER_SIZES);
      const amountFen = c.amount("amountFen", "positive");
      if (procurement === undefined || supplierSize === undefined || amountFen === undefined) return undefined;
      return { id, type, schema, year, unit, procurement, supplierSize, amountFen };
    }
    case "vehiclesPurchased":
    case "vehiclesHeld": {
      const purpose = c.oneOf("purpose", VEHICLE_PURPOSES);
      const count = c.count("count");
      if (purpose === undefined || count === undefined) return undefined;
      return { id, type, schema, year, unit, purpose, count };
    }
    case "equipmentHeld": {
      const equipment = c.oneOf("equipment", EQUIPMENT_KINDS);
      const unitPriceFen = c.amount("unitPriceFen", "positive");
      const count = c.count("count");
      if (equipment === undefined || unitPriceFen === undefined || count === undefined) return undefined;
      return { id, type, schema, year, unit, equipment, unitPriceFen, count };
    }
    case "receptionsHosted": {
      const guests = c.oneOf("guests", GUESTS);
      const receptions = c.count("receptions");
      const visitors = c.countAtLeast("visitors", receptions, "every reception receives at least one visitor");
      if (guests === undefined || receptions === undefined || visitors === undefined) return undefined;
      return { id, type, schema, year, unit, guests, receptions, visitors };
    }
    case "overseasVisitsMade": {
      const groups = c.count("groups");
      const persons = c.countAtLeast("persons", groups, "every group has at least one person");
      if (groups === undefined || persons === undefined) return undefined;
      return { id, type, schema, year, unit, groups, persons };
    }
    case "performanceEvaluated": {
      const project = c.project();
      const evaluation = c.oneOf("evaluation", EVALUATION_KINDS);
      if (project === undefined || evaluation === undefined) return undefined;
      return { id, type, schema, year, unit, project, evaluation };
    }
    case "performanceGoalEvaluated": {
      const project = c.project();
      const goal = c.string("goal", LIMITS.textLengthMax);
      const outcome = c.string("outcome", LIMITS.textLengthMax);
      const budgetWeight = c.points("budgetWeight", LIMITS.pointsMax, true);
      if (project === undefined || goal === undefined || outcome === undefined || budgetWeight === undefined) return undefined;
      return { id, type, schema, year, unit, project, goal, outcome, budgetWeight };
    }
    case "performanceIndicatorEvaluated": {
      const project = c.project();
      const indicatorClass = c.oneOf("indicatorClass", INDICATOR_CLASSES);
      const dimension = c.oneOf<IndicatorDimension>("dimension", indicatorClass === undefined ? Object.values(INDICATOR_DIMENSIONS).flat() : INDICATOR_DIMENSIONS[indicatorClass]);
      const name = c.string("name", LIMITS.textLengthMax);
      const target = c.string("target", LIMITS.textLengthMax);
      const actual = c.string("actual", LIMITS.textLengthMax);
      const weight = c.points("weight", LIMITS.pointsMax, true);
      const score = c.points("score", weight ?? LIMITS.pointsMax, false);
      const reason = c.string("reason", LIMITS.textLengthMax);
      if (
        project === undefined || indicatorClass === undefined || dimension === undefined || name === undefined || target === undefined ||
        actual === undefined || weight === undefined || score === undefined || reason === undefined
      ) {
        return undefined;
      }
      return { id, type, schema, year, unit, project, indicatorClass, dimension, name, target, actual, weight, score, reason };
    }
    case "surplusDistributed":
    case "surplusUsed": {
      const fund = c.oneOf("fund", FUNDS);
      const functional = c.functionalItem("functional");
      const amountFen = c.amount("amountFen", "positive");
      c.nonFiscal(fund);
      if (fund === undefined || functional === undefined || amountFen === undefined) return undefined;
      return { id, type, schema, year, unit, fund, functional, amountFen };
    }
    case "balanceOpened": {
      const fund = c.oneOf("fund", FUNDS);
      const functional = c.functionalItem("functional");
      const balance = c.oneOf("balance", BALANCE_KINDS);
      const amountFen = c.amount("amountFen", "positive");
      if (balance === "reserve") c.nonFiscal(fund);
      if (fund === undefined || functional === undefined || balance === undefined || amountFen === undefined) return undefined;
      return { id, type, schema, year, unit, fund, functional, balance, amountFen };
    }
    case "yearClosed": {
      const balances = checkBalances(c);
      if (balances === undefined) return undefined;
      return { id, type, schema, year, unit, balances };
    }
    case "eventReversed": {
      const target = c.string("target", LIMITS.idLengthMax);
      const reason = c.string("reason", LIMITS.textLengthMax);
      const reversesInput = c.record["reverses"];
      let reverses: ReversalTarget | undefined;
      if (reversesInput === undefined) {
        c.fail("missing_field", "reverses", reversesInput, "reverses is required: the reversed event as stored");
      } else if (isRecord(reversesInput) && !(REVERSAL_TARGET_TYPES as readonly unknown[]).includes(reversesInput["type"])) {
        // Checked before recursing: a reversal never nests another, so the depth is bounded.
        c.fail("not_reversible", "reverses", reversesInput["type"], `only ${REVERSAL_TARGET_TYPES.join(", ")} events are reversed`);
      } else {
        const inner = checkEvent(reversesInput, c.catalog, c.at("reverses"), c.intern);
        if (!inner.ok) c.issues.push(...inner.issues);
        else if (!(REVERSAL_TARGET_TYPES as readonly string[]).includes(inner.value.type)) {
          c.fail("not_reversible", "reverses", inner.value.type, `only ${REVERSAL_TARGET_TYPES.join(", ")} events are reversed`);
        } else {
          reverses = inner.value as ReversalTarget;
          if (target !== undefined && reverses.id !== target) c.fail("reversal_mismatch", "target", target, "target must be the id of the reversed event");
          if (reverses.year !== year) c.fail("reversal_mismatch", "year", year, "a reversal belongs to the year of the event it reverses");
          if (reverses.unit !== unit) c.fail("reversal_mismatch", "unit", unit, "a reversal concerns the unit of the event it reverses");
        }
      }
      if (target === undefined || reason === undefined || reverses === undefined) return undefined;
      return { id, type, schema, year, unit, target, reason, reverses };
    }
  }
}

function checkBalances(c: Checker): ClosingBalance[] | undefined {
  const value = c.record["balances"];
  if (value === undefined) return c.fail("missing_field", "balances", value, "balances is required");
  if (!Array.isArray(value)) return c.fail("wrong_type", "balances", value, "balances must be an array");
  if (value.length > LIMITS.balancesMax) return c.fail("too_long", "balances", value.length, `balances has at most ${LIMITS.balancesMax} entries`);
  const balances: ClosingBalance[] = [];
  const before = c.issues.length;
  let previousKey = "";
  value.forEach((entry: unknown, index: number) => {
    const path = ["balances", index];
    if (!isRecord(entry)) {
      c.issues.push(fieldIssue("not_an_object", c.at("balances").concat(index), entry, "a closing balance is an object"));
      return;
    }
    const inner = new Checker(entry, [...c.path, ...path], c.catalog, c.intern);
    for (const key of Object.keys(entry)) {
      if (!["fund", "functional", "carriedFen", "reserveFen"].includes(key)) inner.fail("unknown_field", key, entry[key], `a closing balance has no field ${key}`);
    }
    const fund = inner.oneOf("fund", FUNDS);
    const functional = inner.functionalItem("functional");
    const carriedFen = inner.amount("carriedFen", "any");
    const reserveFen = inner.amount("reserveFen", "any");
    if (fund !== undefined && isFiscalFund(fund) && reserveFen !== undefined && reserveFen !== 0) {
      inner.fail("fiscal_fund_not_allowed", "reserveFen", reserveFen, "a fiscal fund has no reserve");
    }
    if (carriedFen === 0 && reserveFen === 0) inner.fail("invalid_amount", "carriedFen", 0, "a closing balance that is zero is left out");
    if (fund !== undefined && functional !== undefined && carriedFen !== undefined && reserveFen !== undefined) {
      const key = `${FUNDS.indexOf(fund)}|${functional}`;
      if (key <= previousKey) inner.fail("unsorted_balances", "functional", functional, "balances are sorted by fund then functional code, each once");
      previousKey = key;
      balances.push({ fund, functional, carriedFen, reserveFen });
    }
    c.issues.push(...inner.issues);
  });
  if (c.issues.length > before) return undefined;
  return balances;
}
