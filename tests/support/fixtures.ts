// Small hand-made event builders, arbitraries of valid events and ledger snapshots shared by the tests.
import fc from "fast-check";
import { createCatalog, type Catalog } from "../../src/catalog/catalog.js";
import type { Fund } from "../../src/catalog/dimensions.js";
import type {
  AppropriationMade,
  BalanceOpened,
  EventReversed,
  ExpenditureRecorded,
  LedgerEvent,
  NonTaxRevenueCollected,
  ProcurementAwarded,
  ReceiptRecorded,
  ReversibleEvent,
  SurplusDistributed,
  SurplusUsed,
  UnitRegistered,
  YearClosed,
} from "../../src/events/types.js";
import { createLedger, type Ledger, type LedgerOptions } from "../../src/ledger/ledger.js";
import type { Table } from "../../src/tables/table.js";

/** The year most fixtures live in. */
export const YEAR = 2020;

/** The functional 项 codes the fixtures use: 行政运行 (网信事务) and 信息安全建设. */
export const FUNCTIONAL_OFFICE = "2013701";
export const FUNCTIONAL_SECURITY = "2150506";

/** Economic 款 codes the fixtures use: 办公费 and 公务接待费 (three public). */
export const ECONOMIC_OFFICE = "30201";
export const ECONOMIC_RECEPTION = "30217";

/** Builder overrides: any field but the type tag. */
type Overrides<E extends LedgerEvent> = Partial<Omit<E, "type">>;

/** The department's own office (办本级), an administrative unit without a parent. */
export function office(overrides: Overrides<UnitRegistered> = {}): UnitRegistered {
  return {
    id: "unit-office",
    type: "unitRegistered",
    schema: 1,
    year: YEAR,
    unit: "office",
    name: "办本级",
    kind: "administrative",
    parent: null,
    ...overrides,
  };
}

/** A public-service institution (公益一类) reporting to the office. */
export function centre(overrides: Overrides<UnitRegistered> = {}): UnitRegistered {
  return {
    id: "unit-centre",
    type: "unitRegistered",
    schema: 1,
    year: YEAR,
    unit: "centre",
    name: "应急指挥中心",
    kind: "publicServiceClass1",
    parent: "office",
    ...overrides,
  };
}

/** Both fixture units, office first. */
export function units(year: number = YEAR): UnitRegistered[] {
  return [office({ year }), centre({ year })];
}

/** A general-public-budget receipt on 2013701. */
export function receipt(overrides: Overrides<ReceiptRecorded> = {}): ReceiptRecorded {
  return {
    id: "receipt-1",
    type: "receiptRecorded",
    schema: 1,
    year: YEAR,
    unit: "office",
    source: "generalPublicBudget",
    functional: FUNCTIONAL_OFFICE,
    amountFen: 1_000_000,
    ...overrides,
  };
}

/** A general-public-budget basic expenditure on 2013701 / 30201. */
export function expenditure(overrides: Overrides<ExpenditureRecorded> = {}): ExpenditureRecorded {
  return {
    id: "expenditure-1",
    type: "expenditureRecorded",
    schema: 1,
    year: YEAR,
    unit: "office",
    fund: "generalPublicBudget",
    functional: FUNCTIONAL_OFFICE,
    economic: ECONOMIC_OFFICE,
    category: "basic",
    amountFen: 400_000,
    ...overrides,
  };
}

/** An initial general-public-budget appropriation for basic spending on 2013701. */
export function appropriation(overrides: Overrides<AppropriationMade> = {}): AppropriationMade {
  return {
    id: "appropriation-1",
    type: "appropriationMade",
    schema: 1,
    year: YEAR,
    unit: "office",
    fund: "generalPublicBudget",
    functional: FUNCTIONAL_OFFICE,
    category: "basic",
    stage: "initial",
    amountFen: 2_000_000,
    ...overrides,
  };
}

/** A budget-managed non-tax revenue on the leaf line 其他利息收入. */
export function nonTax(overrides: Overrides<NonTaxRevenueCollected> = {}): NonTaxRevenueCollected {
  return {
    id: "non-tax-1",
    type: "nonTaxRevenueCollected",
    schema: 1,
    year: YEAR,
    unit: "office",
    line: "otherInterest",
    management: "budget",
    amountFen: 12_345,
    ...overrides,
  };
}

/** A services contract awarded to a small supplier. */
export function procurement(overrides: Overrides<ProcurementAwarded> = {}): ProcurementAwarded {
  return {
    id: "procurement-1",
    type: "procurementAwarded",
    schema: 1,
    year: YEAR,
    unit: "office",
    procurement: "services",
    supplierSize: "small",
    amountFen: 300_000,
    ...overrides,
  };
}

/** A distribution of the centre's institutional (事业收入) surplus. */
export function surplusDistributed(overrides: Overrides<SurplusDistributed> = {}): SurplusDistributed {
  return {
    id: "distributed-1",
    type: "surplusDistributed",
    schema: 1,
    year: YEAR,
    unit: "centre",
    fund: "institutional",
    functional: FUNCTIONAL_SECURITY,
    amountFen: 50_000,
    ...overrides,
  };
}

/** A use of the centre's reserved institutional surplus. */
export function surplusUsed(overrides: Overrides<SurplusUsed> = {}): SurplusUsed {
  return {
    id: "used-1",
    type: "surplusUsed",
    schema: 1,
    year: YEAR,
    unit: "centre",
    fund: "institutional",
    functional: FUNCTIONAL_SECURITY,
    amountFen: 20_000,
    ...overrides,
  };
}

/** A carried general-public-budget opening balance of the office. */
export function balanceOpened(overrides: Overrides<BalanceOpened> = {}): BalanceOpened {
  return {
    id: "opened-1",
    type: "balanceOpened",
    schema: 1,
    year: YEAR,
    unit: "office",
    fund: "generalPublicBudget",
    functional: FUNCTIONAL_OFFICE,
    balance: "carried",
    amountFen: 70_000,
    ...overrides,
  };
}

/** A year close of the office (balances empty unless given). */
export function yearClosed(overrides: Overrides<YearClosed> = {}): YearClosed {
  return {
    id: "closed-1",
    type: "yearClosed",
    schema: 1,
    year: YEAR,
    unit: "office",
    balances: [],
    ...overrides,
  };
}

/** The reversal of a reversible event (same year and unit, `reverses` the target). */
export function reversal(target: ReversibleEvent, overrides: Overrides<EventReversed> = {}): EventReversed {
  return {
    id: `reversal-of-${target.id}`,
    type: "eventReversed",
    schema: 1,
    year: target.year,
    unit: target.unit,
    target: target.id,
    reason: "posted in error",
    reverses: target,
    ...overrides,
  };
}

/** The names of the codes the extended test catalog adds: a class without a Table 1 line, and a non-basic economic class. */
export const EXTENSION = {
  functional: [
    { code: "227", name: "预备费" },
    { code: "22701", name: "预备费" },
    { code: "2270101", name: "预备费" },
  ],
  economic: [
    { code: "309", name: "资本性支出（基本建设）" },
    { code: "30901", name: "房屋建筑物购建" },
  ],
} as const;

/** The bundled catalog plus {@link EXTENSION}. */
export function extendedCatalog(): Catalog {
  return createCatalog({ functional: [...EXTENSION.functional], economic: [...EXTENSION.economic] });
}

/** A ledger with both fixture units registered. */
export function ledgerWithUnits(options: LedgerOptions = {}): Ledger {
  const ledger = createLedger(options);
  ledger.append(units());
  return ledger;
}

/** A ledger with units and a little of every kind of flow in {@link YEAR}, so that its tables are not empty. */
export function busyLedger(options: LedgerOptions = {}): Ledger {
  const ledger = ledgerWithUnits(options);
  ledger.append([
    appropriation(),
    receipt(),
    receipt({ id: "receipt-2", unit: "centre", source: "institutional", functional: FUNCTIONAL_SECURITY, amountFen: 800_000 }),
    expenditure(),
    expenditure({ id: "expenditure-2", economic: ECONOMIC_RECEPTION, amountFen: 15_000 }),
    expenditure({ id: "expenditure-3", unit: "centre", fund: "institutional", functional: FUNCTIONAL_SECURITY, category: "project", project: "p-1", amountFen: 100_000 }),
    nonTax(),
    procurement(),
    surplusDistributed(),
    surplusUsed(),
    balanceOpened(),
    balanceOpened({ id: "opened-2", unit: "centre", fund: "institutional", functional: FUNCTIONAL_SECURITY, balance: "reserve", amountFen: 30_000 }),
  ]);
  return ledger;
}

/** Everything a rejected append must leave as it was. */
export interface LedgerSnapshot {
  readonly version: number;
  readonly events: readonly LedgerEvent[];
  readonly tables: Readonly<Record<number, Table[]>>;
}

/**
 * A copy of a ledger's observable state: version, stored events and the tables of the given years.
 *
 * @param ledger - a ledger
 * @param years - years whose tables to keep
 */
export function snapshot(ledger: Ledger, years: readonly number[] = [YEAR, YEAR + 1]): LedgerSnapshot {
  const tables: Record<number, Table[]> = {};
  for (const year of years) tables[year] = ledger.tables(year);
  return { version: ledger.version, events: [...ledger.events()], tables };
}

/** Funds a receipt, an expenditure and an opening may name. */
export const FUND_CHOICES: readonly Fund[] = ["generalPublicBudget", "governmentFund", "institutional", "other"];

/** Non-fiscal funds, for surplus and reserve events. */
export const NON_FISCAL_CHOICES: readonly Fund[] = ["institutional", "operating", "other"];

const functionalArb = fc.constantFrom(FUNCTIONAL_OFFICE, FUNCTIONAL_SECURITY, "2080505", "2060599");
const amountArb = fc.integer({ min: 1, max: 5_000_000 });

/**
 * Valid flow events (everything but unit registrations, closes and reversals) of the fixture units, with id `""`:
 * callers give each a fresh id. Each is valid in a ledger with {@link units} whose years are open.
 *
 * @param years - years to draw from
 */
export function flowEventArb(years: readonly number[] = [YEAR, YEAR + 1]): fc.Arbitrary<ReversibleEvent> {
  const envelope = fc.record({
    year: fc.constantFrom(...years),
    unit: fc.constantFrom("office", "centre"),
  });
  const receiptArb = fc
    .tuple(envelope, fc.constantFrom(...FUND_CHOICES), functionalArb, amountArb)
    .map(([e, source, functional, amountFen]): ReversibleEvent => receipt({ ...e, id: "", source, functional, amountFen }));
  const expenditureArb = fc
    .tuple(
      envelope,
      fc.constantFrom(...FUND_CHOICES),
      functionalArb,
      fc.constantFrom(ECONOMIC_OFFICE, ECONOMIC_RECEPTION, "30101", "30231"),
      fc.boolean(),
      amountArb,
    )
    .map(([e, fund, functional, economic, isProject, amountFen]): ReversibleEvent =>
      isProject
        ? expenditure({ ...e, id: "", fund, functional, economic, category: "project", project: "p-1", amountFen })
        : expenditure({ ...e, id: "", fund, functional, economic, category: "basic", amountFen }),
    );
  const appropriationArb = fc
    .tuple(envelope, functionalArb, fc.constantFrom("initial" as const, "adjustment" as const), fc.integer({ min: -500_000, max: 5_000_000 }))
    .map(([e, functional, stage, amount]): ReversibleEvent =>
      appropriation({ ...e, id: "", functional, stage, amountFen: stage === "initial" ? Math.abs(amount) + 1 : amount === 0 ? -1 : amount }),
    );
  const nonTaxArb = fc
    .tuple(envelope, fc.constantFrom("otherInterest", "donations", "administrativeAssetDisposal"), fc.constantFrom("budget" as const, "specialAccount" as const), amountArb)
    .map(([e, line, management, amountFen]): ReversibleEvent => nonTax({ ...e, id: "", line, management, amountFen }));
  const procurementArb = fc
    .tuple(envelope, fc.constantFrom("goods" as const, "works" as const, "services" as const), fc.constantFrom("large" as const, "micro" as const), amountArb)
    .map(([e, kind, supplierSize, amountFen]): ReversibleEvent => procurement({ ...e, id: "", procurement: kind, supplierSize, amountFen }));
  const surplusArb = fc
    .tuple(envelope, fc.constantFrom(...NON_FISCAL_CHOICES), functionalArb, amountArb, fc.boolean())
    .map(([e, fund, functional, amountFen, distributed]): ReversibleEvent =>
      distributed
        ? surplusDistributed({ ...e, id: "", fund, functional, amountFen })
        : surplusUsed({ ...e, id: "", fund, functional, amountFen }),
    );
  const openingArb = fc
    .tuple(envelope, fc.constantFrom(...FUND_CHOICES), functionalArb, amountArb, fc.boolean())
    .map(([e, fund, functional, amountFen, reserve]): ReversibleEvent =>
      reserve && !["generalPublicBudget", "governmentFund"].includes(fund)
        ? balanceOpened({ ...e, id: "", fund, functional, balance: "reserve", amountFen })
        : balanceOpened({ ...e, id: "", fund, functional, balance: "carried", amountFen }),
    );
  return fc.oneof(
    { arbitrary: receiptArb, weight: 3 },
    { arbitrary: expenditureArb, weight: 3 },
    { arbitrary: appropriationArb, weight: 1 },
    { arbitrary: nonTaxArb, weight: 1 },
    { arbitrary: procurementArb, weight: 1 },
    { arbitrary: surplusArb, weight: 2 },
    { arbitrary: openingArb, weight: 1 },
  );
}

/**
 * Gives events fresh ids `${prefix}${n}`.
 *
 * @param events - events with placeholder ids
 * @param prefix - id prefix
 */
export function withIds<E extends LedgerEvent>(events: readonly E[], prefix: string): E[] {
  return events.map((event, index) => ({ ...event, id: `${prefix}${index}` }));
}

/**
 * Gives a value an id when it is a record (invalid events are drawn without one).
 *
 * @param value - anything
 * @param id - the id
 */
export function withId(value: unknown, id: string): unknown {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? { ...value, id } : value;
}

/** Invalid events of several kinds, each rejected whatever the ledger holds (give records an id with {@link withId}). */
export const invalidEventArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(receipt({ id: "", functional: "2999999" })),
  fc.constant(receipt({ id: "", amountFen: -5 })),
  fc.constant(expenditure({ id: "", unit: "nobody" })),
  fc.constant(expenditure({ id: "", category: "operating" })),
  fc.constant(surplusUsed({ id: "", fund: "generalPublicBudget" })),
  fc.constant(null),
  fc.constant("an event"),
  fc.constant({ type: "receiptRecorded" }),
);

/** A record copy of an event without one field (to feed a deliberately invalid event). */
export function without(event: object, field: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...event };
  delete copy[field];
  return copy;
}

/** A record copy of an event with one field set (to feed a deliberately invalid event). */
export function withField(event: object, field: string, value: unknown): Record<string, unknown> {
  return { ...event, [field]: value };
}
