/**
 * The event catalogue: immutable facts about a department's fund flows.
 *
 * Every event has an `id` (its idempotency key), a `type`, a `schema`
 * version, the `year` it belongs to and the `unit` it concerns. Amounts are
 * integer fen (`amountFen`). Events are readonly tagged unions; the ledger
 * deep-freezes them on append.
 *
 * @module
 */
import type {
  BalanceKind,
  BudgetStage,
  Category,
  Fund,
  NonTaxManagement,
  ProcurementKind,
  SupplierSize,
  UnitKind,
} from "../catalog/dimensions.js";

/** The schema version every event of this release carries. */
export const EVENT_SCHEMA_VERSION = 1;

/** Fields every event has. */
export interface EventEnvelope {
  /** Unique id; appending the same id twice with the same payload is a no-op. */
  readonly id: string;
  /** Schema version of the event's shape. */
  readonly schema: typeof EVENT_SCHEMA_VERSION;
  /** The budget year (决算年度) the event belongs to. */
  readonly year: number;
  /** Id of the unit (预算单位) it concerns. */
  readonly unit: string;
  /** Free text: a memo, a voucher number. Not part of any projection. */
  readonly memo?: string;
}

/** A unit enters the department (单位构成). */
export interface UnitRegistered extends EventEnvelope {
  readonly type: "unitRegistered";
  /** The unit's name. */
  readonly name: string;
  /** Its kind: administrative, civil-service-managed, public service class 1 or 2 … */
  readonly kind: UnitKind;
  /** Id of the unit it reports to, or null for the department's own office (办本级). */
  readonly parent: string | null;
}

/** A budget authority (预算指标) is granted or adjusted. */
export interface AppropriationMade extends EventEnvelope {
  readonly type: "appropriationMade";
  /** The fund the budget is drawn on. */
  readonly fund: Fund;
  /** The functional 项 code (7 digits). */
  readonly functional: string;
  /** Basic or project spending (or another category). */
  readonly category: Category;
  /** The economic 款 code (5 digits) where the budget names one. */
  readonly economic?: string;
  /** The project (项目) the budget is for. */
  readonly project?: string;
  /** 年初预算 (initial) or 调整预算 (adjustment). */
  readonly stage: BudgetStage;
  /** Fen; positive for an initial budget, non-zero for an adjustment. */
  readonly amountFen: number;
}

/** Money is received (收入), classified by the functional code it funds. */
export interface ReceiptRecorded extends EventEnvelope {
  readonly type: "receiptRecorded";
  /** The source of the money. */
  readonly source: Fund;
  /** The functional 项 code it funds. */
  readonly functional: string;
  /** Fen, positive. */
  readonly amountFen: number;
}

/** Money is spent (支出). */
export interface ExpenditureRecorded extends EventEnvelope {
  readonly type: "expenditureRecorded";
  /** The fund that pays. */
  readonly fund: Fund;
  /** The functional 项 code (7 digits). */
  readonly functional: string;
  /** The economic 款 code (5 digits). */
  readonly economic: string;
  /** The category of expenditure. */
  readonly category: Category;
  /** The project, for project spending. */
  readonly project?: string;
  /** Fen, positive. */
  readonly amountFen: number;
}

/** A non-tax revenue is collected for the treasury (非税收入征缴). */
export interface NonTaxRevenueCollected extends EventEnvelope {
  readonly type: "nonTaxRevenueCollected";
  /** Id of a leaf line of Table 10. */
  readonly line: string;
  /** 纳入预算管理 or 纳入财政专户管理. */
  readonly management: NonTaxManagement;
  /** Fen, positive. */
  readonly amountFen: number;
}

/** A government procurement contract is awarded (政府采购). */
export interface ProcurementAwarded extends EventEnvelope {
  readonly type: "procurementAwarded";
  /** Goods, works or services. */
  readonly procurement: ProcurementKind;
  /** The size of the supplier. */
  readonly supplierSize: SupplierSize;
  /** Fen, positive. */
  readonly amountFen: number;
}

/** A non-fiscal surplus is distributed (结余分配): it leaves the carried balance for the reserve. */
export interface SurplusDistributed extends EventEnvelope {
  readonly type: "surplusDistributed";
  /** A non-fiscal fund. */
  readonly fund: Fund;
  /** The functional 项 code the surplus arose on. */
  readonly functional: string;
  /** Fen, positive. */
  readonly amountFen: number;
}

/** A reserved non-fiscal surplus is used (使用非财政拨款结余): it returns to the carried balance. */
export interface SurplusUsed extends EventEnvelope {
  readonly type: "surplusUsed";
  /** A non-fiscal fund. */
  readonly fund: Fund;
  /** The functional 项 code it is used on. */
  readonly functional: string;
  /** Fen, positive. */
  readonly amountFen: number;
}

/**
 * A balance is opened at the start of a year (年初结转和结余) for a ledger
 * whose previous year is not in it. A closed year opens the next by itself.
 */
export interface BalanceOpened extends EventEnvelope {
  readonly type: "balanceOpened";
  /** The fund. */
  readonly fund: Fund;
  /** The functional 项 code. */
  readonly functional: string;
  /** Carried (结转和结余) or reserve (distributed surplus; non-fiscal funds only). */
  readonly balance: BalanceKind;
  /** Fen, positive. */
  readonly amountFen: number;
}

/** One closing balance of a unit. */
export interface ClosingBalance {
  /** The fund. */
  readonly fund: Fund;
  /** The functional 项 code. */
  readonly functional: string;
  /** The carried balance (年末结转和结余), fen. */
  readonly carriedFen: number;
  /** The reserved surplus, fen. */
  readonly reserveFen: number;
}

/**
 * A unit's year is closed: its closing balances, which become the next
 * year's opening balances. No event of that unit and year is accepted after.
 */
export interface YearClosed extends EventEnvelope {
  readonly type: "yearClosed";
  /** Every non-zero closing balance, sorted by fund then functional code. */
  readonly balances: readonly ClosingBalance[];
}

/** The events a reversal may cancel. */
export type ReversibleEvent =
  | AppropriationMade
  | ReceiptRecorded
  | ExpenditureRecorded
  | NonTaxRevenueCollected
  | ProcurementAwarded
  | SurplusDistributed
  | SurplusUsed
  | BalanceOpened;

/**
 * An earlier event is cancelled (冲销). It carries the event it reverses,
 * so that every projection can cancel it without a lookup.
 */
export interface EventReversed extends EventEnvelope {
  readonly type: "eventReversed";
  /** Id of the reversed event. */
  readonly target: string;
  /** Why it is reversed. */
  readonly reason: string;
  /** The reversed event, exactly as stored. */
  readonly reverses: ReversibleEvent;
}

/** Any event of the catalogue. */
export type LedgerEvent =
  | UnitRegistered
  | AppropriationMade
  | ReceiptRecorded
  | ExpenditureRecorded
  | NonTaxRevenueCollected
  | ProcurementAwarded
  | SurplusDistributed
  | SurplusUsed
  | BalanceOpened
  | YearClosed
  | EventReversed;

/** The type tag of an event. */
export type EventType = LedgerEvent["type"];

/** Every event type, in catalogue order. */
export const EVENT_TYPES: readonly EventType[] = [
  "unitRegistered",
  "appropriationMade",
  "receiptRecorded",
  "expenditureRecorded",
  "nonTaxRevenueCollected",
  "procurementAwarded",
  "surplusDistributed",
  "surplusUsed",
  "balanceOpened",
  "yearClosed",
  "eventReversed",
];

/** The event types a reversal may target. */
export const REVERSIBLE_TYPES: readonly ReversibleEvent["type"][] = [
  "appropriationMade",
  "receiptRecorded",
  "expenditureRecorded",
  "nonTaxRevenueCollected",
  "procurementAwarded",
  "surplusDistributed",
  "surplusUsed",
  "balanceOpened",
];

/** An event as the caller writes it: the schema version may be left out. */
export type EventInput = LedgerEvent extends infer E
  ? E extends LedgerEvent
    ? Omit<E, "schema"> & { readonly schema?: typeof EVENT_SCHEMA_VERSION }
    : never
  : never;

/**
 * Reports a value that a switch over a closed union should never reach.
 *
 * @param value - the impossible value
 * @throws always
 */
export function assertNever(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`);
}
