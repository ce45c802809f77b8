/**
 * Synthetic event logs: valid, deterministic, realistic ledgers of any size,
 * for benchmarks and property tests.
 *
 * The generator keeps its own running balance for every unit, fund and
 * functional code (the same arithmetic the projections do: opening + receipts
 * + surplus used − spending − distribution, and the reserve beside it), so it
 * never lets a balance fall below zero, and it closes a year with exactly the
 * balances `ledger.closeYear` would compute, without building a ledger. That
 * keeps a million events to one or two seconds.
 *
 * @module
 */
import { defaultCatalog, PERSONNEL_ECONOMIC_CLASSES, PUBLIC_ECONOMIC_CLASSES, THREE_PUBLIC_ECONOMIC, type Catalog } from "../catalog/catalog.js";
import {
  CATEGORIES,
  FUNDS,
  NON_TAX_MANAGEMENTS,
  PROCUREMENT_KINDS,
  SUPPLIER_SIZES,
  isFiscalFund,
  type BalanceKind,
  type Category,
  type Fund,
  type UnitKind,
} from "../catalog/dimensions.js";
import { reversalOf } from "../events/build.js";
import {
  EVENT_SCHEMA_VERSION,
  type AppropriationMade,
  type ClosingBalance,
  type ExpenditureRecorded,
  type LedgerEvent,
  type ReceiptRecorded,
  type ReversibleEvent,
} from "../events/types.js";
import { LIMITS } from "../events/validate.js";
import { ID_STYLES, idNamer, type IdStyle } from "./ids.js";
import { createRandom, type Random } from "./random.js";

/** Options of {@link generateLedger}. */
export interface GenerateOptions {
  /** How many events the log has (exactly; 0 gives an empty log). */
  readonly events: number;
  /** The seed: the same options give the same events. */
  readonly seed: number;
  /** How many units (default 4): one top office and its subordinate units. */
  readonly units?: number;
  /** How many budget years (default 2); every year but the last is closed. */
  readonly years?: number;
  /** The first budget year (default 2020). */
  readonly firstYear?: number;
  /** The events' ids (default `"sequence"`); the events are otherwise the same whatever the style. */
  readonly ids?: IdStyle;
}

/** A running balance of one unit, fund and functional code. */
interface BalanceKey {
  readonly unit: string;
  readonly fund: Fund;
  readonly functional: string;
  carriedFen: number;
  reserveFen: number;
  /** Listed among the keys that have had a carried balance. */
  funded: boolean;
  /** Listed among the keys that have had a reserve. */
  reserved: boolean;
}

/** The vocabulary a generator draws from, derived once from the catalog. */
interface Vocabulary {
  /** 7-digit functional codes a fund's money is classified by. */
  readonly functionalByFund: Readonly<Record<Fund, readonly string[]>>;
  /** 5-digit economic codes of basic spending (classes 301, 302, 303, 307, 310, 399). */
  readonly basicEconomic: readonly string[];
  /** 5-digit economic codes of personnel expenses (classes 301, 303). */
  readonly personnelEconomic: readonly string[];
  /** Every 5-digit economic code. */
  readonly economic: readonly string[];
  /** Economic codes of remittances, operating spending and subsidies to subordinates. */
  readonly otherEconomic: Readonly<Record<Exclude<Category, "basic" | "project">, readonly string[]>>;
  /** The four 三公 economic codes. */
  readonly threePublic: readonly string[];
  /** Leaf lines of Table 10. */
  readonly nonTaxLeaves: readonly string[];
}

/** A project of a unit, and the economic codes it spends on. */
interface ProjectPlan {
  readonly id: string;
  readonly economic: readonly string[];
}

/**
 * A unit of the synthetic department. Like a real one, it works on a few
 * functional codes of each fund, and each project spends on a few economic
 * codes; together the units cover the whole vocabulary.
 */
interface UnitPlan {
  readonly id: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly parent: string | null;
  readonly functionalByFund: Readonly<Record<Fund, readonly string[]>>;
  readonly projects: readonly ProjectPlan[];
}

const UNIT_NAMES: readonly string[] = ["演示部门办本级", "网络舆情信息中心", "应急指挥中心", "信息安全测评中心"];
const CHILD_KINDS: readonly UnitKind[] = ["civilServiceManaged", "publicServiceClass1", "publicServiceClass2", "otherInstitution"];
const PROJECTS_PER_UNIT = 8;
const ECONOMIC_PER_PROJECT = 6;
/** Economic codes of the categories other than basic and project spending. */
const OTHER_CATEGORY_ECONOMIC: Readonly<Record<Exclude<Category, "basic" | "project">, readonly string[]>> = {
  remittedToSuperior: ["39999", "30299"],
  operating: ["30101", "30102", "30201", "30211", "30226", "30227", "31002"],
  subsidyToSubordinates: ["39908", "30399", "39999"],
};
const REVERSAL_REASONS: readonly string[] = ["记账科目错误", "金额录入错误", "重复记账", "单位串户", "退回多拨资金"];

/** Weights of the kinds of body event (they sum to 1). */
const BODY_MIX: readonly (readonly [BodyKind, number])[] = [
  ["receipt", 0.28],
  ["expenditure", 0.42],
  ["appropriation", 0.1],
  ["nonTax", 0.05],
  ["procurement", 0.05],
  ["surplusDistributed", 0.03],
  ["surplusUsed", 0.03],
  ["reversal", 0.04],
];

/** Weights of the sources of a receipt. */
const SOURCE_MIX: readonly (readonly [Fund, number])[] = [
  ["generalPublicBudget", 0.4],
  ["governmentFund", 0.08],
  ["stateCapital", 0.05],
  ["superiorSubsidy", 0.08],
  ["institutional", 0.15],
  ["operating", 0.08],
  ["fromSubordinates", 0.06],
  ["other", 0.1],
];

/** Weights of the categories a non-fiscal fund pays. */
const NON_FISCAL_CATEGORY_MIX: readonly (readonly [Category, number])[] = [
  ["basic", 0.35],
  ["project", 0.3],
  ["remittedToSuperior", 0.1],
  ["operating", 0.15],
  ["subsidyToSubordinates", 0.1],
];

type BodyKind =
  | "receipt"
  | "expenditure"
  | "appropriation"
  | "nonTax"
  | "procurement"
  | "surplusDistributed"
  | "surplusUsed"
  | "reversal";

/** Receipts: 1,000 yuan to 5 million yuan. */
const RECEIPT_FEN = { min: 100_000, max: 500_000_000 } as const;
/** Spending: 1 yuan to 3 million yuan, and at most 60% of what the balance holds. */
const EXPENDITURE_FEN = { min: 100, max: 300_000_000 } as const;
/** Budget authority: 1,000 yuan to 10 million yuan. */
const APPROPRIATION_FEN = { min: 100_000, max: 1_000_000_000 } as const;

function pickWeighted<T>(random: Random, mix: readonly (readonly [T, number])[]): T {
  let roll = random.next();
  for (const [value, weight] of mix) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return (mix[mix.length - 1] as readonly [T, number])[0];
}

function vocabularyOf(catalog: Catalog): Vocabulary {
  const items = [...catalog.functional.keys()].filter((code) => code.length === 7).sort();
  const governmentFund = catalog.governmentFundListed.filter((code) => code.length === 7 && catalog.functional.has(code));
  const stateCapital = catalog.stateCapitalListed.filter((code) => code.length === 7 && catalog.functional.has(code));
  const general = items.filter((code) => !governmentFund.includes(code) && !stateCapital.includes(code));
  const economic = [...catalog.economic.keys()].filter((code) => code.length === 5).sort();
  const basicClasses = [...PERSONNEL_ECONOMIC_CLASSES, ...PUBLIC_ECONOMIC_CLASSES];
  return {
    functionalByFund: {
      generalPublicBudget: general,
      governmentFund: governmentFund.length > 0 ? governmentFund : general,
      stateCapital: stateCapital.length > 0 ? stateCapital : general,
      superiorSubsidy: general,
      institutional: general,
      operating: general,
      fromSubordinates: general,
      other: general,
    },
    basicEconomic: economic.filter((code) => basicClasses.includes(code.slice(0, 3))),
    personnelEconomic: economic.filter((code) => PERSONNEL_ECONOMIC_CLASSES.includes(code.slice(0, 3))),
    economic,
    otherEconomic: {
      remittedToSuperior: known(OTHER_CATEGORY_ECONOMIC.remittedToSuperior, economic),
      operating: known(OTHER_CATEGORY_ECONOMIC.operating, economic),
      subsidyToSubordinates: known(OTHER_CATEGORY_ECONOMIC.subsidyToSubordinates, economic),
    },
    threePublic: Object.values(THREE_PUBLIC_ECONOMIC),
    nonTaxLeaves: catalog.nonTaxLines.filter((line) => !catalog.nonTaxLines.some((l) => l.parent === line.id)).map((line) => line.id),
  };
}

/** The codes of `wanted` that `available` has, or all of `available` when none. */
function known(wanted: readonly string[], available: readonly string[]): readonly string[] {
  const found = wanted.filter((code) => available.includes(code));
  return found.length > 0 ? found : available;
}

/** A unit's share of a pool of codes: every `count`-th code from its index, and one more. */
function shareOf(pool: readonly string[], index: number, count: number): readonly string[] {
  const own = pool.filter((_, i) => i % count === index % count);
  const extra = pool[(index * 5 + 1) % pool.length] as string;
  return own.includes(extra) ? own : [...own, extra];
}

function unitPlans(count: number, vocabulary: Vocabulary, random: Random): UnitPlan[] {
  const plans: UnitPlan[] = [];
  const width = String(count).length;
  for (let i = 0; i < count; i++) {
    const id = `u${String(i + 1).padStart(width, "0")}`;
    const projects = Array.from({ length: PROJECTS_PER_UNIT }, (_, k) => ({
      id: `${id}-P${k + 1}`,
      economic: Array.from({ length: ECONOMIC_PER_PROJECT }, () => random.pick(vocabulary.economic)),
    }));
    const functionalByFund = Object.fromEntries(
      FUNDS.map((fund) => [fund, shareOf(vocabulary.functionalByFund[fund], i, count)]),
    ) as Record<Fund, readonly string[]>;
    plans.push({
      id,
      name: UNIT_NAMES[i] ?? `附属单位${i + 1}`,
      kind: i === 0 ? "administrative" : (CHILD_KINDS[(i - 1) % CHILD_KINDS.length] as UnitKind),
      parent: i === 0 ? null : (plans[0] as UnitPlan).id,
      functionalByFund,
      projects,
    });
  }
  return plans;
}

/** How many events of each part a log of a given size has. */
interface Layout {
  readonly units: number;
  readonly years: number;
  readonly openings: number;
  /** Body events of each year. */
  readonly bodyByYear: readonly number[];
}

/** Opening balances (fund, kind) each unit starts with, in the order they are granted. */
const OPENING_PLAN: readonly (readonly [Fund, BalanceKind])[] = [
  ["generalPublicBudget", "carried"],
  ["institutional", "carried"],
  ["institutional", "reserve"],
  ["governmentFund", "carried"],
  ["operating", "carried"],
  ["operating", "reserve"],
  ["generalPublicBudget", "carried"],
  ["stateCapital", "carried"],
  ["superiorSubsidy", "carried"],
  ["other", "carried"],
  ["other", "reserve"],
  ["fromSubordinates", "reserve"],
];

function layoutOf(events: number, units: number, years: number): Layout {
  const unitCount = Math.min(units, events);
  let rest = events - unitCount;
  let yearCount = years;
  while (yearCount > 1 && (yearCount - 1) * unitCount > rest) yearCount--;
  rest -= (yearCount - 1) * unitCount;
  const openings = Math.min(OPENING_PLAN.length * unitCount, Math.floor(rest / 4));
  rest -= openings;
  const bodyByYear = Array.from({ length: yearCount }, () => Math.floor(rest / yearCount));
  bodyByYear[yearCount - 1] = rest - Math.floor(rest / yearCount) * (yearCount - 1);
  return { units: unitCount, years: yearCount, openings, bodyByYear };
}

function checkWhole(name: string, value: number, min: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`generateLedger: ${name} must be a whole number from ${min} to ${max}, not ${value}`);
  }
}

/**
 * Generates a valid synthetic event log: a department of several units over
 * several years, with opening balances, appropriations, receipts of all eight
 * sources, spending of every fund and category, non-tax revenue, procurement,
 * surplus distribution and use, reversals, and year closes.
 *
 * Every event passes `createLedger().append` in order (one at a time or in
 * batches). Ids are `g<seed>-<n>` — or UUID v4 or v7 forms with
 * `ids: "random"` or `"timeOrdered"` (see {@link IdStyle}; the events are
 * otherwise the same) — except the year closes, which carry the ids
 * `ledger.closeYear` gives them (`yearClosed:<year>:<unit>`) and exactly the
 * balances it would compute. No balance of a unit, fund and functional code
 * ever falls below zero. The last year is left open.
 *
 * The log has exactly `events` events. In order: one `unitRegistered` per
 * unit (the first is the top office, parent null; the others report to it);
 * up to 12 `balanceOpened` per unit in the first year (at most a quarter of
 * what is left); then each year's body and, for every year but the last, one
 * `yearClosed` per unit. When `events` is small, fewer units (never more than
 * `events`) and fewer years (so that the closes fit) are used. Each year's
 * body starts with about 70 events that cover every source, fund, category,
 * Table 10 leaf line, procurement kind and supplier size, and the 三公 codes;
 * the rest are drawn at random (about 28% receipts, 42% spending, 10%
 * appropriations, 5% non-tax, 5% procurement, 3% + 3% surplus distributed and
 * used, 4% reversals of earlier events of the same year, each reversed once).
 * Like a real department, each unit works on its own share of the functional
 * codes of each fund, and each project spends on a few economic codes, so a
 * year of a million events has some tens of thousands of distinct cells while
 * the units together touch every 7-digit functional and 5-digit economic code
 * of the bundled catalog.
 *
 * @param options - size, seed, units, years, id style
 * @returns the events, in append order (fresh objects, not frozen)
 * @throws RangeError when an option is out of range (a programmer error)
 *
 * @example
 * ```ts
 * const ledger = createLedger();
 * const events = generateLedger({ events: 10_000, seed: 1 });
 * for (let i = 0; i < events.length; i += 1_000) ledger.append(events.slice(i, i + 1_000));
 * ledger.tables(2021);
 * ```
 */
export function generateLedger(options: GenerateOptions): LedgerEvent[] {
  const units = options.units ?? 4;
  const years = options.years ?? 2;
  const firstYear = options.firstYear ?? 2020;
  checkWhole("events", options.events, 0, Number.MAX_SAFE_INTEGER);
  checkWhole("seed", Math.trunc(options.seed), Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  checkWhole("units", units, 1, 10_000);
  checkWhole("years", years, 1, 100);
  checkWhole("firstYear", firstYear, LIMITS.yearMin, LIMITS.yearMax - years + 1);
  const ids = options.ids ?? "sequence";
  if (!ID_STYLES.includes(ids)) throw new RangeError(`generateLedger: ids must be one of ${ID_STYLES.join(", ")}, not ${JSON.stringify(ids)}`);
  return new Generator(options.events, options.seed, units, years, firstYear, defaultCatalog(), idNamer(ids, options.seed)).run();
}

/** The state of one generation run. */
class Generator {
  private readonly random: Random;
  private readonly vocabulary: Vocabulary;
  private readonly layout: Layout;
  private readonly plans: readonly UnitPlan[];
  private readonly planById: ReadonlyMap<string, UnitPlan>;
  private readonly out: LedgerEvent[] = [];
  private readonly keys = new Map<string, BalanceKey>();
  private readonly keysByUnit = new Map<string, BalanceKey[]>();
  private readonly funded: BalanceKey[] = [];
  private readonly fundedByFund = new Map<Fund, BalanceKey[]>();
  private readonly reserved: BalanceKey[] = [];
  /** Reversible events of the open year not reversed yet. */
  private reversible: ReversibleEvent[] = [];
  private year: number;

  constructor(
    private readonly total: number,
    seed: number,
    units: number,
    years: number,
    private readonly firstYear: number,
    catalog: Catalog,
    private readonly idOf: (index: number) => string,
  ) {
    this.random = createRandom(seed);
    this.vocabulary = vocabularyOf(catalog);
    this.layout = layoutOf(total, units, years);
    this.plans = unitPlans(this.layout.units, this.vocabulary, this.random);
    this.planById = new Map(this.plans.map((plan) => [plan.id, plan]));
    this.year = firstYear;
    for (const fund of FUNDS) this.fundedByFund.set(fund, []);
  }

  run(): LedgerEvent[] {
    for (const plan of this.plans) {
      this.emit({
        id: this.nextId(), type: "unitRegistered", schema: EVENT_SCHEMA_VERSION, year: this.firstYear, unit: plan.id,
        name: plan.name, kind: plan.kind, parent: plan.parent,
      });
    }
    this.openings();
    this.layout.bodyByYear.forEach((body, index) => {
      this.year = this.firstYear + index;
      this.reversible = [];
      const coverage = this.coverage();
      for (let i = 0; i < body; i++) {
        const covered = coverage[i];
        this.emit(covered === undefined ? this.body(pickWeighted(this.random, BODY_MIX)) : covered());
      }
      if (index < this.layout.years - 1) this.closeYear();
    });
    if (this.out.length !== this.total) throw new Error(`generateLedger: made ${this.out.length} events instead of ${this.total}`);
    return this.out;
  }

  private nextId(): string {
    return this.idOf(this.out.length);
  }

  private emit(event: LedgerEvent): void {
    this.out.push(event);
  }

  /** Records a reversible event of the open year as a candidate for reversal. */
  private reversibleEvent<E extends ReversibleEvent>(event: E): E {
    this.reversible.push(event);
    return event;
  }

  private key(unit: string, fund: Fund, functional: string): BalanceKey {
    const name = `${unit}\u001f${fund}\u001f${functional}`;
    let key = this.keys.get(name);
    if (key === undefined) {
      key = { unit, fund, functional, carriedFen: 0, reserveFen: 0, funded: false, reserved: false };
      this.keys.set(name, key);
      let ofUnit = this.keysByUnit.get(unit);
      if (ofUnit === undefined) {
        ofUnit = [];
        this.keysByUnit.set(unit, ofUnit);
      }
      ofUnit.push(key);
    }
    return key;
  }

  private addCarried(key: BalanceKey, amountFen: number): void {
    key.carriedFen += amountFen;
    if (!key.funded && key.carriedFen > 0) {
      key.funded = true;
      this.funded.push(key);
      this.fundedByFund.get(key.fund)?.push(key);
    }
  }

  private addReserve(key: BalanceKey, amountFen: number): void {
    key.reserveFen += amountFen;
    if (!key.reserved && key.reserveFen > 0) {
      key.reserved = true;
      this.reserved.push(key);
    }
  }

  /** A funded key (of a fund, or of any) holding at least `minFen`, after a few tries. */
  private fundedKey(minFen: number, fund?: Fund, nonFiscal = false): BalanceKey | undefined {
    const pool = fund === undefined ? this.funded : this.fundedByFund.get(fund) ?? [];
    if (pool.length === 0) return undefined;
    for (let attempt = 0; attempt < 4; attempt++) {
      const key = this.random.pick(pool);
      if (key.carriedFen >= minFen && !(nonFiscal && isFiscalFund(key.fund))) return key;
    }
    return undefined;
  }

  private unit(): UnitPlan {
    return this.random.pick(this.plans);
  }

  private openings(): void {
    for (let i = 0; i < this.layout.openings; i++) {
      const plan = this.plans[i % this.plans.length] as UnitPlan;
      const [fund, balance] = OPENING_PLAN[Math.floor(i / this.plans.length)] as readonly [Fund, BalanceKind];
      const functional = this.random.pick(plan.functionalByFund[fund]);
      const amountFen = this.random.logUniform(RECEIPT_FEN.min, RECEIPT_FEN.max);
      const key = this.key(plan.id, fund, functional);
      if (balance === "carried") this.addCarried(key, amountFen);
      else this.addReserve(key, amountFen);
      this.emit(this.reversibleEvent({
        id: this.nextId(), type: "balanceOpened", schema: EVENT_SCHEMA_VERSION, year: this.year, unit: plan.id,
        fund, functional, balance, amountFen,
      }));
    }
  }

  /** The events that open each year's body, so that every dimension is covered. */
  private coverage(): (() => LedgerEvent)[] {
    const list: (() => LedgerEvent)[] = [];
    for (const source of FUNDS) list.push(() => this.receipt(source));
    for (const economic of this.vocabulary.threePublic) {
      list.push(() => this.appropriation({ fund: "generalPublicBudget", category: "basic", economic, stage: "initial" }));
    }
    list.push(() => this.appropriation({ fund: "generalPublicBudget", category: "project", stage: "initial" }));
    list.push(() => this.appropriation({ fund: "generalPublicBudget", category: "basic", stage: "initial", withoutEconomic: true }));
    list.push(() => this.appropriation({ fund: "generalPublicBudget", category: "project", stage: "adjustment" }));
    list.push(() => this.appropriation({ fund: "governmentFund", category: "project", stage: "initial" }));
    list.push(() => this.appropriation({ fund: "stateCapital", category: "project", stage: "initial" }));
    for (const fund of FUNDS) {
      const categories = isFiscalFund(fund) ? (["basic", "project"] as const) : CATEGORIES;
      for (const category of categories) list.push(() => this.expenditure(fund, category));
    }
    for (const economic of this.vocabulary.threePublic) list.push(() => this.expenditure("generalPublicBudget", "basic", economic));
    this.vocabulary.nonTaxLeaves.forEach((line, i) => list.push(() => this.nonTax(line, NON_TAX_MANAGEMENTS[i % NON_TAX_MANAGEMENTS.length])));
    SUPPLIER_SIZES.forEach((size, i) => list.push(() => this.procurement(PROCUREMENT_KINDS[i % PROCUREMENT_KINDS.length], size)));
    list.push(() => this.surplusDistributed());
    list.push(() => this.surplusUsed());
    list.push(() => this.reversal());
    list.push(() => this.reversal());
    return list;
  }

  private body(kind: BodyKind): LedgerEvent {
    switch (kind) {
      case "receipt":
        return this.receipt();
      case "expenditure":
        return this.expenditure();
      case "appropriation":
        return this.appropriation({});
      case "nonTax":
        return this.nonTax();
      case "procurement":
        return this.procurement();
      case "surplusDistributed":
        return this.surplusDistributed();
      case "surplusUsed":
        return this.surplusUsed();
      case "reversal":
        return this.reversal();
    }
  }

  private receipt(source: Fund = pickWeighted(this.random, SOURCE_MIX)): ReceiptRecorded {
    const plan = this.unit();
    const unit = plan.id;
    const code = this.random.pick(plan.functionalByFund[source]);
    const amountFen = this.random.logUniform(RECEIPT_FEN.min, RECEIPT_FEN.max);
    this.addCarried(this.key(unit, source, code), amountFen);
    return this.reversibleEvent({
      id: this.nextId(), type: "receiptRecorded", schema: EVENT_SCHEMA_VERSION, year: this.year, unit,
      source, functional: code, amountFen,
    });
  }

  private category(fund: Fund): Category {
    if (isFiscalFund(fund)) return this.random.chance(0.6) ? "basic" : "project";
    return pickWeighted(this.random, NON_FISCAL_CATEGORY_MIX);
  }

  /** An economic code for a category (for project spending, one of the project's codes). */
  private economicFor(category: Category, project: ProjectPlan | undefined): string {
    switch (category) {
      case "basic":
        return this.random.chance(0.5) ? this.random.pick(this.vocabulary.personnelEconomic) : this.random.pick(this.vocabulary.basicEconomic);
      case "project":
        return this.random.pick(project?.economic ?? this.vocabulary.economic);
      default:
        return this.random.pick(this.vocabulary.otherEconomic[category]);
    }
  }

  private planOf(unit: string): UnitPlan {
    return this.planById.get(unit) ?? (this.plans[0] as UnitPlan);
  }

  /** Spending from a balance that holds enough, or a receipt into it when none does. */
  private expenditure(fund?: Fund, forcedCategory?: Category, forcedEconomic?: string): LedgerEvent {
    const key = this.fundedKey(2 * EXPENDITURE_FEN.min, fund);
    if (key === undefined) return this.receipt(fund);
    const category = forcedCategory ?? this.category(key.fund);
    const project = category === "project" ? this.random.pick(this.planOf(key.unit).projects) : undefined;
    const economic = forcedEconomic ?? this.economicFor(category, project);
    const cap = Math.floor(key.carriedFen * 0.6);
    const amountFen = Math.min(cap, this.random.logUniform(EXPENDITURE_FEN.min, EXPENDITURE_FEN.max));
    this.addCarried(key, -amountFen);
    const event: ExpenditureRecorded = {
      id: this.nextId(), type: "expenditureRecorded", schema: EVENT_SCHEMA_VERSION, year: this.year, unit: key.unit,
      fund: key.fund, functional: key.functional, economic, category,
      ...(project === undefined ? {} : { project: project.id }),
      amountFen,
    };
    return this.reversibleEvent(event);
  }

  private appropriation(choice: {
    readonly fund?: Fund;
    readonly category?: Category;
    readonly economic?: string;
    readonly stage?: "initial" | "adjustment";
    readonly withoutEconomic?: boolean;
  }): AppropriationMade {
    const roll = this.random.next();
    const fund: Fund = choice.fund ?? (roll < 0.65 ? "generalPublicBudget" : roll < 0.77 ? "governmentFund" : roll < 0.85 ? "stateCapital" : pickWeighted(this.random, SOURCE_MIX));
    const category = choice.category ?? this.category(fund);
    const plan = this.unit();
    const unit = plan.id;
    const functional = this.random.pick(plan.functionalByFund[fund]);
    const project = category === "project" && this.random.chance(0.8) ? this.random.pick(plan.projects) : undefined;
    let economic: string | undefined = choice.economic;
    if (economic === undefined && choice.withoutEconomic !== true && this.random.chance(0.5)) {
      economic = this.random.chance(0.15) ? this.random.pick(this.vocabulary.threePublic) : this.economicFor(category, project);
    }
    const stage = choice.stage ?? (this.random.chance(0.7) ? "initial" : "adjustment");
    const magnitude = this.random.logUniform(APPROPRIATION_FEN.min, APPROPRIATION_FEN.max);
    const amountFen = stage === "adjustment" && this.random.chance(0.4) ? -magnitude : magnitude;
    return this.reversibleEvent({
      id: this.nextId(), type: "appropriationMade", schema: EVENT_SCHEMA_VERSION, year: this.year, unit,
      fund, functional, category,
      ...(economic === undefined ? {} : { economic }),
      ...(project === undefined ? {} : { project: project.id }),
      stage, amountFen,
    });
  }

  private nonTax(line = this.random.pick(this.vocabulary.nonTaxLeaves), management = this.random.pick(NON_TAX_MANAGEMENTS)): LedgerEvent {
    return this.reversibleEvent({
      id: this.nextId(), type: "nonTaxRevenueCollected", schema: EVENT_SCHEMA_VERSION, year: this.year, unit: this.unit().id,
      line, management: management ?? "budget", amountFen: this.random.logUniform(100, 100_000_000),
    });
  }

  private procurement(procurement = this.random.pick(PROCUREMENT_KINDS), supplierSize = this.random.pick(SUPPLIER_SIZES)): LedgerEvent {
    return this.reversibleEvent({
      id: this.nextId(), type: "procurementAwarded", schema: EVENT_SCHEMA_VERSION, year: this.year, unit: this.unit().id,
      procurement: procurement ?? "goods", supplierSize, amountFen: this.random.logUniform(10_000, 500_000_000),
    });
  }

  /** Part of a non-fiscal carried balance goes to the reserve; a receipt when none holds enough. */
  private surplusDistributed(): LedgerEvent {
    const fund = this.random.pick(FUNDS.filter((f) => !isFiscalFund(f)));
    const key = this.fundedKey(1_000, fund, true);
    if (key === undefined) return this.receipt(fund);
    const amountFen = this.random.logUniform(100, Math.floor(key.carriedFen * 0.3));
    this.addCarried(key, -amountFen);
    this.addReserve(key, amountFen);
    return this.reversibleEvent({
      id: this.nextId(), type: "surplusDistributed", schema: EVENT_SCHEMA_VERSION, year: this.year, unit: key.unit,
      fund: key.fund, functional: key.functional, amountFen,
    });
  }

  /** Part of a reserve returns to the carried balance; a distribution when no reserve holds enough. */
  private surplusUsed(): LedgerEvent {
    let key: BalanceKey | undefined;
    for (let attempt = 0; attempt < 4 && key === undefined && this.reserved.length > 0; attempt++) {
      const candidate = this.random.pick(this.reserved);
      if (candidate.reserveFen >= 200) key = candidate;
    }
    if (key === undefined) return this.surplusDistributed();
    const amountFen = this.random.logUniform(100, Math.floor(key.reserveFen * 0.5));
    this.addReserve(key, -amountFen);
    this.addCarried(key, amountFen);
    return this.reversibleEvent({
      id: this.nextId(), type: "surplusUsed", schema: EVENT_SCHEMA_VERSION, year: this.year, unit: key.unit,
      fund: key.fund, functional: key.functional, amountFen,
    });
  }

  /**
   * Reverses an earlier event of the open year, once, when cancelling it
   * leaves no balance below zero; otherwise spends instead.
   */
  private reversal(): LedgerEvent {
    const pool = this.reversible;
    if (pool.length === 0) return this.expenditure();
    const index = this.random.integer(0, pool.length - 1);
    const target = pool[index] as ReversibleEvent;
    pool[index] = pool[pool.length - 1] as ReversibleEvent;
    pool.pop();
    if (!this.cancel(target)) return this.expenditure();
    return reversalOf(target, { id: this.nextId(), reason: this.random.pick(REVERSAL_REASONS) });
  }

  /** Takes an event's effect out of the running balances; false (and no change) when a balance would fall below zero. */
  private cancel(target: ReversibleEvent): boolean {
    switch (target.type) {
      case "receiptRecorded": {
        const key = this.key(target.unit, target.source, target.functional);
        if (key.carriedFen < target.amountFen) return false;
        this.addCarried(key, -target.amountFen);
        return true;
      }
      case "expenditureRecorded":
        this.addCarried(this.key(target.unit, target.fund, target.functional), target.amountFen);
        return true;
      case "surplusDistributed": {
        const key = this.key(target.unit, target.fund, target.functional);
        if (key.reserveFen < target.amountFen) return false;
        this.addReserve(key, -target.amountFen);
        this.addCarried(key, target.amountFen);
        return true;
      }
      case "surplusUsed": {
        const key = this.key(target.unit, target.fund, target.functional);
        if (key.carriedFen < target.amountFen) return false;
        this.addCarried(key, -target.amountFen);
        this.addReserve(key, target.amountFen);
        return true;
      }
      case "balanceOpened": {
        const key = this.key(target.unit, target.fund, target.functional);
        if (target.balance === "carried") {
          if (key.carriedFen < target.amountFen) return false;
          this.addCarried(key, -target.amountFen);
        } else {
          if (key.reserveFen < target.amountFen) return false;
          this.addReserve(key, -target.amountFen);
        }
        return true;
      }
      case "appropriationMade":
      case "nonTaxRevenueCollected":
      case "procurementAwarded":
        return true;
    }
  }

  /** One yearClosed per unit, in the order and with the ids and balances of `ledger.closeYear`. */
  private closeYear(): void {
    const ids = this.plans.map((plan) => plan.id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const unit of ids) {
      const balances: ClosingBalance[] = (this.keysByUnit.get(unit) ?? [])
        .filter((key) => key.carriedFen !== 0 || key.reserveFen !== 0)
        .sort((a, b) => FUNDS.indexOf(a.fund) - FUNDS.indexOf(b.fund) || (a.functional < b.functional ? -1 : a.functional > b.functional ? 1 : 0))
        .map((key) => ({ fund: key.fund, functional: key.functional, carriedFen: key.carriedFen, reserveFen: key.reserveFen }));
      this.emit({ id: `yearClosed:${this.year}:${unit}`, type: "yearClosed", schema: EVENT_SCHEMA_VERSION, year: this.year, unit, balances });
    }
  }
}
