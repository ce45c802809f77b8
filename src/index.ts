/**
 * fundledger — the fund flows of a government department as an event-sourced
 * ledger whose projections are its published final accounts (部门决算),
 * exact to the fen.
 *
 * This entry names every public export. It runs in a browser as well as in
 * Node: nothing here touches the file system, the clock or randomness.
 *
 * @module
 */

// money
export {
  AMOUNT_FEN_MAX,
  Dec,
  FEN_PER_PUBLISHED_STEP,
  FEN_PER_WAN,
  FEN_PER_YUAN,
  FenOverflowError,
  addFen,
  fenToWan,
  formatWan,
  groupThousands,
  isFen,
  parseWan,
  percentOf,
  subtractFen,
  sumFen,
} from "./money/index.js";
export type { WanParseProblem } from "./money/index.js";

// catalog
export {
  BALANCE_KINDS,
  BUDGET_STAGES,
  BUDGET_STAGE_NAMES,
  CATEGORIES,
  CATEGORY_NAMES,
  CLASS_LINES_2020,
  CatalogError,
  ECONOMIC_CODES_2020,
  FISCAL_CATEGORIES,
  FISCAL_FUNDS,
  FUNCTIONAL_CODES_2020,
  FUNDS,
  FUND_NAMES,
  NON_TAX_LINES_2020,
  NON_TAX_MANAGEMENTS,
  NON_TAX_MANAGEMENT_NAMES,
  PERSONNEL_ECONOMIC_CLASSES,
  PROCUREMENT_KINDS,
  PROCUREMENT_KIND_NAMES,
  PUBLIC_ECONOMIC_CLASSES,
  SUPPLIER_SIZES,
  SUPPLIER_SIZE_NAMES,
  THREE_PUBLIC_ECONOMIC,
  UNIT_KINDS,
  UNIT_KIND_NAMES,
  classLineIndex,
  createCatalog,
  defaultCatalog,
  economicLevel,
  functionalLevel,
  isFiscalFund,
  runsAsGovernmentOffice,
  safeCreateCatalog,
} from "./catalog/index.js";
export type {
  BalanceKind,
  BudgetStage,
  Catalog,
  CatalogExtension,
  CatalogProblem,
  Category,
  ClassLine,
  CodeName,
  EconomicLevel,
  Fund,
  FunctionalLevel,
  NonTaxLine,
  NonTaxManagement,
  ProcurementKind,
  SupplierSize,
  UnitKind,
} from "./catalog/index.js";

// events
export {
  EVENT_SCHEMA_VERSION,
  EVENT_TYPES,
  LIMITS,
  AppropriationExceededError,
  DuplicateIdError,
  LedgerError,
  VersionConflictError,
  ledgerErrorOf,
  REVERSIBLE_TYPES,
  assertNever,
  canonicalJson,
  checkEvent,
  fieldIssue,
  formatIssue,
  reversalOf,
} from "./events/index.js";
export type {
  AppropriationMade,
  BalanceOpened,
  BatchTooLargeIssue,
  ClosingBalance,
  EventEnvelope,
  EventInput,
  EventReversed,
  EventType,
  ExpenditureRecorded,
  FieldIssue,
  FieldIssueCode,
  Issues,
  LedgerEvent,
  LedgerIssue,
  NonTaxRevenueCollected,
  ProcurementAwarded,
  ReceiptRecorded,
  Result,
  ReversibleEvent,
  SurplusDistributed,
  SurplusUsed,
  UnitRegistered,
  VersionConflictIssue,
  YearClosed,
} from "./events/index.js";

// ledger
export { createLedger } from "./ledger/ledger.js";
export type { AppendListener, AppendOptions, AppendResult, ForkOptions, Ledger, LedgerFork, LedgerOptions, ReadQuery, StoredEvent } from "./ledger/ledger.js";
export { createProjector, estimateEvents } from "./ledger/projector.js";
export type { ProjectResult, Projector, ProjectorOptions } from "./ledger/projector.js";
export { createDetachedProjector } from "./ledger/detached.js";
export type { DetachedClose, DetachedPart, DetachedProjector, DetachedSums } from "./ledger/detached.js";
export { attachDetached } from "./ledger/attach.js";
export type { AttachOutcome } from "./ledger/attach.js";

// durable event stores: the contract, the in-memory store, the core any backend plugs into
export { GENESIS_HASH } from "./store/types.js";
export type {
  EventStore,
  OpenInfo,
  SnapshotInfo,
  StoreAppendOptions,
  StoreAppendResult,
  StoredRecord,
  StoreListener,
  StoreOptions,
  StoreReadQuery,
  StoreStreamQuery,
  StoreSubscribeOptions,
  Unsubscribe,
  VerifyFailureReason,
  VerifyResult,
} from "./store/types.js";
export type {
  BodyRow,
  CellColumns,
  CellGroup,
  Head,
  RowColumns,
  RowQuery,
  ScanSink,
  SnapshotHeader,
  StoreBackend,
  WriteTransaction,
  YearRows,
} from "./store/backend.js";
export { openStore, verifyBackend } from "./store/core.js";
export { createMemoryBackend, createMemoryStore, openMemoryStore } from "./store/memory.js";
export type { MemoryBackend } from "./store/memory.js";
export { chainHash } from "./store/chain.js";
export { sha256Hex } from "./store/sha256.js";
export { AggregateFormatError, PROJECTION_VERSION, deserializeAggregate, serializeAggregate } from "./projections/serialize.js";

// postings
export { ACCOUNTS, balancesFromPostings, expenditureAccount, postingsOf, revenueAccount } from "./postings/index.js";
export type { Account, AccountInfo, PostedBalance, Posting, UnitKindOf } from "./postings/index.js";

// projections
export { aggregateEvents, applyEvent, emptyAggregate, findBalance, mergeAggregates, yearOf } from "./projections/aggregate.js";
export type {
  Aggregate,
  AppropriationCell,
  BalanceCell,
  ExpenditureCell,
  NonTaxCell,
  ProcurementCell,
  ReceiptCell,
  UnitInfo,
  YearAggregate,
  YearIndex,
} from "./projections/aggregate.js";
export { balanceMovements, compareBalanceKeys } from "./projections/balances.js";
export type { BalanceMovement } from "./projections/balances.js";
export { appropriationLines, lineTotals } from "./projections/appropriationLines.js";
export type { AppropriationLine } from "./projections/appropriationLines.js";

// tables
export { TABLE_BUILDERS, buildTables, departmentName, yearView } from "./tables/report.js";
export type { Report, TableBuilder } from "./tables/report.js";
export { TABLE_IDS } from "./tables/table.js";
export type { Table, TableContext, TableId, TableRow, YearView } from "./tables/table.js";
export { threePublic } from "./tables/t7ThreePublic.js";
export type { ThreePublicAmounts } from "./tables/t7ThreePublic.js";
export { basicEconomicLayout } from "./tables/t6GeneralBudgetBasic.js";
export { initiallyBudgetedItems } from "./tables/t5GeneralBudgetExpenditure.js";
export { derivedFigures } from "./tables/derived.js";
export type { DerivedFigures } from "./tables/derived.js";

// generate
export { generateLedger } from "./generate/index.js";
export type { GenerateOptions } from "./generate/index.js";

// render
export {
  characterWidth,
  csvField,
  displayWidth,
  escapeMarkdownCell,
  padEndToWidth,
  padStartToWidth,
  renderReportCsv,
  renderReportJson,
  renderReportMarkdown,
  renderReportText,
  renderTableCsv,
  renderTableMarkdown,
  renderTableText,
  reportToJson,
  rowToJson,
  tableToJson,
} from "./render/index.js";
export type { CsvOptions, DisplayWidthOptions, ReportJson, RowJson, TableJson, TextOptions } from "./render/index.js";

// audit
export { audit, auditLedger } from "./audit/audit.js";
export type { AuditInput, AuditResult, Violation } from "./audit/audit.js";

// import
export {
  DEFAULT_ECONOMIC,
  INPUT_CHARACTERS_MAX,
  ImportError,
  MOVED_BUDGET_FEN,
  addressKey,
  describeAddress,
  detectReportFormat,
  importReport,
  printedCells,
  projectedCells,
  readPrintedAmount,
  readReport,
  safeImportReport,
  safeReadReport,
  transport,
  unreproducedCells,
  windowOf,
} from "./import/index.js";
export type {
  CalibrationIssue,
  CellAddress,
  Discrepancy,
  IdentityIssue,
  ImportIssue,
  ImportIssues,
  ImportOptions,
  ImportResult,
  ImportResultOf,
  InputIssue,
  InputIssueCode,
  Mismatch,
  PrintedAmount,
  PrintedCell,
  PublishedReport,
  PublishedRow,
  PublishedTable,
  ReadReportOptions,
  ReportFormat,
  TransportCell,
} from "./import/index.js";

// reported facts: counts, holdings and performance evaluations (events that carry no money)
export {
  EQUIPMENT_KINDS,
  EQUIPMENT_KIND_NAMES,
  EVALUATION_KINDS,
  FACT_TYPES,
  GUESTS,
  INDICATOR_CLASSES,
  INDICATOR_CLASS_NAMES,
  INDICATOR_DIMENSIONS,
  INDICATOR_DIMENSION_NAMES,
  REVERSAL_TARGET_TYPES,
  VEHICLE_PURPOSES,
  VEHICLE_PURPOSE_NAMES,
} from "./events/types.js";
export type {
  EquipmentHeld,
  EquipmentKind,
  EvaluationKind,
  Guests,
  IndicatorClass,
  IndicatorDimension,
  OverseasVisitsMade,
  PerformanceEvaluated,
  PerformanceGoalEvaluated,
  PerformanceIndicatorEvaluated,
  ReceptionsHosted,
  ReportedFact,
  ReversalTarget,
  VehiclePurpose,
  VehiclesHeld,
  VehiclesPurchased,
} from "./events/types.js";
export type { EquipmentCell, EvaluationCell, GoalCell, IndicatorCell, OverseasCell, ReceptionCell, VehicleCell } from "./projections/aggregate.js";

// narrative: the figures of parts 3 and 4, the self-evaluation tables, the check of a printed narrative
export type { NarrativeSource } from "./narrative/source.js";
export { printedPercent, printedPoints, withoutTrailingZeros } from "./narrative/percent.js";
export {
  EQUIPMENT_PRICE_THRESHOLD_FEN,
  FUND_REPORTED_FROM,
  RATE_DECIMALS,
  compareWithPrior,
  execution,
  narrativeOf,
} from "./narrative/narrative.js";
export type { AgainstBudget, Comparison, Execution, FiscalFund, Narrative, ThreePublicCounts, ThreePublicItem } from "./narrative/narrative.js";
export { PROJECT_FIGURE_PREFIX, figuresOf, narrativeFigures } from "./narrative/figures.js";
export type { FigureField, FigureValue, NarrativeReport } from "./narrative/figures.js";
export { budgetCompletionScore, selfEvaluationTable, selfEvaluationTables } from "./narrative/performance.js";
export type { ProjectFunds, SelfEvaluationIndicator, SelfEvaluationTable } from "./narrative/performance.js";
export { checkNarrative, readPublishedFigures, sameFigure } from "./narrative/check.js";
export type { NarrativeDifference, NarrativeShapeProblem, PublishedFigures } from "./narrative/check.js";
export {
  againstBudgetPhrase,
  comparisonSentence,
  executionPhrase,
  explanationBlocks,
  incomeName,
  performanceBlocks,
  selfEvaluationBlocks,
  textWan,
  unitsParagraph,
} from "./narrative/explanations.js";
export type { DocumentBlock, DocumentNotes } from "./narrative/explanations.js";
export { GLOSSARY, ROUNDING_REMARK } from "./narrative/glossary.js";
export type { GlossaryEntry } from "./narrative/glossary.js";

// the complete document: five parts, in Markdown or HTML
export { finalAccountsDocument } from "./render/document.js";
export type { DocumentContent, DocumentOptions, DocumentPart, DocumentProfile, FinalAccountsDocument } from "./render/document.js";
export { renderDocumentMarkdown } from "./render/documentMarkdown.js";
export { escapeHtml, renderDocumentHtml, renderTableHtml } from "./render/documentHtml.js";

// what-if scenarios: adjustments on a fork, largest-remainder allocation, the diff, shortfalls
export { AllocationError, allocateLargestRemainder, scaleFen } from "./money/allocate.js";
export type { AllocationProblem } from "./money/allocate.js";
export {
  ADJUSTMENT_KINDS,
  SCENARIO_LIMITS,
  ScenarioError,
  addPositions,
  addTables,
  applyScenario,
  baselineTables,
  compareScenario,
  comparisonToJson,
  diffDelta,
  diffNarrative,
  diffTables,
  flatFigures,
  formatScenarioIssue,
  parseScenario,
  planAdjustment,
  positionsOf,
  renderComparisonJson,
  renderComparisonMarkdown,
  renderComparisonText,
  replayScenario,
  rowKey,
  safeApplyScenario,
  safeParseScenario,
  scenarioChanges,
  scenarioEvents,
  scenarioIdPrefix,
  scenarioIssue,
  scenarioShortfalls,
  scenarioTables,
  shortfallLine,
  shortfalls,
  shortfallsOf,
  unionRows,
} from "./scenario/index.js";
export type {
  AddAdjustment,
  Adjustment,
  AdjustmentKind,
  AppropriateAdjustment,
  AppropriateByPercent,
  AppropriateLine,
  AppropriationTarget,
  ByAmount,
  ByPercent,
  CellChange,
  CellChangeJson,
  CompareOptions,
  ComparisonJson,
  DiffOptions,
  EventFilter,
  FigureChange,
  MoveAdjustment,
  MoveTarget,
  OneOrMore,
  PlanContext,
  Planned,
  Position,
  Positions,
  ReceiptFilter,
  ReceiptsAdjustment,
  RemoveAdjustment,
  ScaleAdjustment,
  Scenario,
  ScenarioComparison,
  ScenarioIssue,
  ScenarioIssueCode,
  ScenarioIssues,
  ScenarioOptions,
  ScenarioResult,
  ScenarioRun,
  Shortfall,
  ShortfallJson,
  SpendingFilter,
} from "./scenario/index.js";
