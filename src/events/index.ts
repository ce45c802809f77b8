export { EVENT_SCHEMA_VERSION, EVENT_TYPES, REVERSIBLE_TYPES, assertNever } from "./types.js";
export type {
  AppropriationMade,
  BalanceOpened,
  ClosingBalance,
  EventEnvelope,
  EventInput,
  EventReversed,
  EventType,
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
} from "./types.js";
export { LIMITS, checkEvent } from "./validate.js";
export { canonicalJson } from "./canonical.js";
export { reversalOf } from "./build.js";
export { AppropriationExceededError, DuplicateIdError, LedgerError, VersionConflictError, fieldIssue, formatIssue, ledgerErrorOf } from "./issues.js";
export type { BatchTooLargeIssue, FieldIssue, FieldIssueCode, Issues, LedgerIssue, Result, VersionConflictIssue } from "./issues.js";
