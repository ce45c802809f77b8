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
  /** Fen: positive, or for an adjusting entry non-zero. */
  readonly amountFen: number;
  /**
   * Marks an adjusting entry (红字 or a scenario's change): its amount may be
   * negative, received less than before.
   */
  readonly adjustment?: true;
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
  /** Fen: positive, or for an adjusting entry non-zero. */
  readonly amountFen: number;
  /**
   * Marks an adjusting entry (红字 or a scenario's change): its amount may be
   * negative, spent less than before.
   */
  readonly adjustment?: true;
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

/** What an official vehicle is used for (公务用车用途), as the asset report counts them. */
export type VehiclePurpose =
  | "leadership"
  | "generalOfficial"
  | "lawEnforcement"
  | "confidentialCommunication"
  | "emergency"
  | "specialTechnical"
  | "retiredCadres"
  | "other";

/** The vehicle purposes. */
export const VEHICLE_PURPOSES: readonly VehiclePurpose[] = [
  "leadership",
  "generalOfficial",
  "lawEnforcement",
  "confidentialCommunication",
  "emergency",
  "specialTechnical",
  "retiredCadres",
  "other",
];

/** Chinese names of the vehicle purposes. */
export const VEHICLE_PURPOSE_NAMES: Readonly<Record<VehiclePurpose, string>> = {
  leadership: "领导干部用车",
  generalOfficial: "一般公务用车",
  lawEnforcement: "执法执勤用车",
  confidentialCommunication: "机要通信用车",
  emergency: "应急保障用车",
  specialTechnical: "特种专业技术用车",
  retiredCadres: "离退休干部用车",
  other: "其他用车",
};

/** A kind of equipment (设备): general-purpose (通用设备) or special-purpose (专用设备). */
export type EquipmentKind = "general" | "special";

/** The kinds of equipment. */
export const EQUIPMENT_KINDS: readonly EquipmentKind[] = ["general", "special"];

/** Chinese names of the kinds of equipment. */
export const EQUIPMENT_KIND_NAMES: Readonly<Record<EquipmentKind, string>> = { general: "通用设备", special: "专用设备" };

/** Who an official reception (公务接待) received: domestic visitors or foreign (and Hong Kong, Macao, Taiwan) delegations. */
export type Guests = "domestic" | "foreign";

/** The kinds of guests. */
export const GUESTS: readonly Guests[] = ["domestic", "foreign"];

/** Whether a project's evaluation is the unit's own (绩效自评) or a key evaluation (重点绩效评价). */
export type EvaluationKind = "self" | "key";

/** The kinds of evaluation. */
export const EVALUATION_KINDS: readonly EvaluationKind[] = ["self", "key"];

/** The class (指标类别) of a performance indicator: output (产出指标), outcome (效益指标) or satisfaction (满意度指标). */
export type IndicatorClass = "output" | "outcome" | "satisfaction";

/** The indicator classes. */
export const INDICATOR_CLASSES: readonly IndicatorClass[] = ["output", "outcome", "satisfaction"];

/** Chinese names of the indicator classes, as the self-evaluation table prints them. */
export const INDICATOR_CLASS_NAMES: Readonly<Record<IndicatorClass, string>> = {
  output: "产出指标",
  outcome: "效益指标",
  satisfaction: "满意度指标",
};

/** The first-level indicator (一级指标) within a class. */
export type IndicatorDimension =
  | "quantity"
  | "quality"
  | "timeliness"
  | "cost"
  | "economic"
  | "social"
  | "ecological"
  | "sustainability"
  | "serviceRecipients";

/** The first-level indicators of each class. */
export const INDICATOR_DIMENSIONS: Readonly<Record<IndicatorClass, readonly IndicatorDimension[]>> = {
  output: ["quantity", "quality", "timeliness", "cost"],
  outcome: ["economic", "social", "ecological", "sustainability"],
  satisfaction: ["serviceRecipients"],
};

/** Chinese names of the first-level indicators, as the self-evaluation table prints them. */
export const INDICATOR_DIMENSION_NAMES: Readonly<Record<IndicatorDimension, string>> = {
  quantity: "数量指标",
  quality: "质量指标",
  timeliness: "时效指标",
  cost: "成本指标",
  economic: "经济效益",
  social: "社会效益",
  ecological: "生态效益",
  sustainability: "可持续影响",
  serviceRecipients: "服务对象满意度",
};

/**
 * Official vehicles are bought (公务用车购置数). The money is an expenditure
 * on economic code 31013; this event counts the vehicles.
 */
export interface VehiclesPurchased extends EventEnvelope {
  readonly type: "vehiclesPurchased";
  /** What they are for. */
  readonly purpose: VehiclePurpose;
  /** How many, positive. */
  readonly count: number;
}

/** Vehicles a unit holds at the end of the year (公务用车保有量, 车辆). */
export interface VehiclesHeld extends EventEnvelope {
  readonly type: "vehiclesHeld";
  /** What they are for. */
  readonly purpose: VehiclePurpose;
  /** How many, positive. */
  readonly count: number;
}

/**
 * Equipment a unit holds at the end of the year (国有资产占用情况), by kind and
 * unit price; the report counts the items over its price thresholds.
 */
export interface EquipmentHeld extends EventEnvelope {
  readonly type: "equipmentHeld";
  /** General-purpose or special-purpose equipment. */
  readonly equipment: EquipmentKind;
  /** The price of one item (单价), fen, positive. */
  readonly unitPriceFen: number;
  /** How many items (台、套), positive. */
  readonly count: number;
}

/** Official receptions are hosted (公务接待). The money is an expenditure on 30217; this event counts them. */
export interface ReceptionsHosted extends EventEnvelope {
  readonly type: "receptionsHosted";
  /** Domestic visitors, or foreign delegations. */
  readonly guests: Guests;
  /** Receptions (国内接待次数) or delegations (来访团组), positive. */
  readonly receptions: number;
  /** Persons received (接待人数, 来访外宾人次): at least one a reception. */
  readonly visitors: number;
}

/** Official visits abroad are made (因公出国（境）). The money is an expenditure on 30212; this event counts them. */
export interface OverseasVisitsMade extends EventEnvelope {
  readonly type: "overseasVisitsMade";
  /** Groups sent (出国团组), positive. */
  readonly groups: number;
  /** Person-trips (人次): at least one a group. */
  readonly persons: number;
}

/** A project's performance is evaluated (绩效自评 or 重点绩效评价). */
export interface PerformanceEvaluated extends EventEnvelope {
  readonly type: "performanceEvaluated";
  /** The project (项目), as expenditures name it. */
  readonly project: string;
  /** The unit's self-evaluation or a key evaluation. */
  readonly evaluation: EvaluationKind;
}

/**
 * The heading of a project's self-evaluation table (项目支出绩效自评表): the
 * year's goal, what was achieved, and the points its budget completion weighs.
 */
export interface PerformanceGoalEvaluated extends EventEnvelope {
  readonly type: "performanceGoalEvaluated";
  /** The project. */
  readonly project: string;
  /** 年度绩效目标内容. */
  readonly goal: string;
  /** 目标实际完成情况. */
  readonly outcome: string;
  /** Points of the budget-completion score (分值), more than 0 and at most 100, at most two decimals. */
  readonly budgetWeight: number;
}

/** One indicator of a project's self-evaluation: its target, actual value, weight and score. */
export interface PerformanceIndicatorEvaluated extends EventEnvelope {
  readonly type: "performanceIndicatorEvaluated";
  /** The project. */
  readonly project: string;
  /** 指标类别. */
  readonly indicatorClass: IndicatorClass;
  /** 一级指标, one of its class. */
  readonly dimension: IndicatorDimension;
  /** 二级指标: the indicator's name. */
  readonly name: string;
  /** 年度指标值. */
  readonly target: string;
  /** 实际完成指标值. */
  readonly actual: string;
  /** 分值: points, more than 0 and at most 100, at most two decimals. */
  readonly weight: number;
  /** 得分: points from 0 to the weight, at most two decimals. */
  readonly score: number;
  /** 偏差原因分析及改进措施. */
  readonly reason: string;
}

/**
 * The facts a report prints that are not fund flows: counts, holdings and
 * performance evaluations. They post nothing and leave every balance as it is.
 */
export type ReportedFact =
  | VehiclesPurchased
  | VehiclesHeld
  | EquipmentHeld
  | ReceptionsHosted
  | OverseasVisitsMade
  | PerformanceEvaluated
  | PerformanceGoalEvaluated
  | PerformanceIndicatorEvaluated;

/** The types of the reported facts, in catalogue order. */
export const FACT_TYPES: readonly ReportedFact["type"][] = [
  "vehiclesPurchased",
  "vehiclesHeld",
  "equipmentHeld",
  "receptionsHosted",
  "overseasVisitsMade",
  "performanceEvaluated",
  "performanceGoalEvaluated",
  "performanceIndicatorEvaluated",
];

/** The fund-flow events a reversal may cancel (a reported fact may be reversed too: {@link ReversalTarget}). */
export type ReversibleEvent =
  | AppropriationMade
  | ReceiptRecorded
  | ExpenditureRecorded
  | NonTaxRevenueCollected
  | ProcurementAwarded
  | SurplusDistributed
  | SurplusUsed
  | BalanceOpened;

/** Every event a reversal may cancel: the fund flows and the reported facts. */
export type ReversalTarget = ReversibleEvent | ReportedFact;

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
  readonly reverses: ReversalTarget;
}

/** Any event of the catalogue. */
export type LedgerEvent =
  | UnitRegistered
  | AppropriationMade
  | ReceiptRecorded
  | ExpenditureRecorded
  | NonTaxRevenueCollected
  | ProcurementAwarded
  | ReportedFact
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
  ...FACT_TYPES,
  "surplusDistributed",
  "surplusUsed",
  "balanceOpened",
  "yearClosed",
  "eventReversed",
];

/** The fund-flow event types a reversal may target (with {@link FACT_TYPES}: every type it may target). */
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

/** Every event type a reversal may target: the fund flows and the reported facts. */
export const REVERSAL_TARGET_TYPES: readonly ReversalTarget["type"][] = [...REVERSIBLE_TYPES, ...FACT_TYPES];

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
