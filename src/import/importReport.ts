/**
 * `importReport`: a published report in, a fen-level event log out, whose
 * projections print every published cell back exactly — tails included.
 *
 * The steps: read the report into the canonical model
 * ({@link safeReadReport}); name the codes it prints beyond the catalog;
 * build the calibration model and calibrate it (or name the identities the
 * report breaks); turn the amounts into events; append the events to a fresh
 * ledger and check that every printed cell prints back. The last step is a
 * self-check: an import that does not reproduce its report is refused.
 *
 * @module
 */
import { safeCreateCatalog, type Catalog, type CatalogExtension } from "../catalog/catalog.js";
import { CLASS_LINES_2020 } from "../catalog/classLines.js";
import type { UnitKind } from "../catalog/dimensions.js";
import { formatIssue } from "../events/issues.js";
import type { LedgerEvent } from "../events/types.js";
import { createLedger } from "../ledger/ledger.js";
import { fenToWan } from "../money/decimal.js";
import { calibrate } from "./calibrate.js";
import { buildCalibrationModel } from "./calibrationModel.js";
import { ImportError, inputIssue, nonEmpty, type ImportIssue, type ImportResultOf } from "./importIssues.js";
import { importEvents, type Adjustment } from "./importEvents.js";
import { projectedCells, unreproducedCells } from "./projectedCells.js";
import { addressKey, describeAddress, printedCells, type CellAddress, type PublishedReport, type ReportFormat } from "./publishedReport.js";
import { safeReadReport } from "./readReport.js";
import { mergeCatalogExtensions, reportCatalogExtension } from "./reportCatalog.js";

/** Options of {@link importReport}. */
export interface ImportOptions {
  /** Import a report that breaks identities of the accounts, setting aside the fewest cells that explain them. */
  readonly allowInconsistent?: boolean;
  /** Codes known beyond the bundled catalog (as `--catalog` gives them). */
  readonly catalog?: CatalogExtension;
  /** Id of the one unit the events concern (default `department`). */
  readonly unit?: string;
  /** Its kind (default `administrative`). */
  readonly unitKind?: UnitKind;
  /** Prefix of every event id (default `import-<year>`). */
  readonly idPrefix?: string;
  /** The input's format, when it is text (recognised otherwise). */
  readonly format?: ReportFormat;
  /** The year, when the report does not print it (or to override it). */
  readonly year?: number;
  /** The department's name, to override what the report prints. */
  readonly department?: string;
}

/** A printed cell an inconsistent report's import does not reproduce. */
export interface Discrepancy {
  /** The cell. */
  readonly cell: CellAddress;
  /** Its printed text. */
  readonly publishedText: string;
  /** Its printed value, fen. */
  readonly publishedFen: number;
  /** What the imported events hold there, fen. */
  readonly importedFen: number;
  /** The identities it breaks, in words. */
  readonly identities: readonly string[];
  /** The id of the `import-adjustment` event that books the difference, or null for a total no event books alone. */
  readonly adjustmentEvent: string | null;
  /** The discrepancy in words. */
  readonly message: string;
}

/** What an import produced. */
export interface ImportResult {
  /** The report as read. */
  readonly report: PublishedReport;
  /** The events, in append order (one unit; then openings, budgets, receipts, spending, surplus, non-tax revenue). */
  readonly events: readonly LedgerEvent[];
  /** The codes the events use beyond the bundled catalog and the given one, named as the report prints them. */
  readonly catalog: CatalogExtension;
  /** The catalog the events were checked against. */
  readonly fullCatalog: Catalog;
  /** The cells set aside to import an inconsistent report (empty for a consistent one). */
  readonly discrepancies: readonly Discrepancy[];
  /** Printed cells read. */
  readonly cells: number;
  /** Printed cells the events print back (all of them but the discrepancies). */
  readonly reproduced: number;
}

/** Events appended to the self-check's ledger at once (below the ledger's batch bound). */
const APPEND_BATCH = 50_000;

function fallbackFunctional(catalog: Catalog): string {
  return [...catalog.postableFunctional].sort()[0] ?? "2013701";
}

/**
 * Imports a published report, never throwing on bad input.
 *
 * @param input - the report: its text in any format, parsed report JSON, or a {@link PublishedReport}
 * @param options - inconsistency, catalog, unit, ids, format, year
 * @returns `{ ok: true, value }` with the events, or `{ ok: false, issues }`
 */
export function safeImportReport(input: string | object, options: ImportOptions = {}): ImportResultOf<ImportResult> {
  let report: PublishedReport;
  if (typeof input === "object" && (input as { kind?: unknown }).kind === "publishedReport") {
    report = input as PublishedReport;
  } else {
    const read = safeReadReport(input, {
      ...(options.format === undefined ? {} : { format: options.format }),
      ...(options.year === undefined ? {} : { year: options.year }),
      ...(options.department === undefined ? {} : { department: options.department }),
    });
    if (!read.ok) return read;
    report = read.value;
  }

  // ── Codes and catalog ──────────────────────────────────────────────────────
  const issues: ImportIssue[] = [];
  const classCodes = new Set(CLASS_LINES_2020.map((line) => line.code));
  let total = 0;
  for (const table of report.tables) {
    for (const row of table.rows) {
      for (const cell of Object.values(row.cells)) total += Math.abs(cell.fen);
      if (row.code === null || table.id === "T6" || table.id === "T1" || table.id === "T4") continue;
      if (!classCodes.has(row.code.slice(0, 3))) {
        issues.push(
          inputIssue("invalid_code", `${table.id} ${row.code} (${row.source}): class ${row.code.slice(0, 3)} has no line in Tables 1 and 4 of the 2020 template, so its amounts cannot be recorded`, {
            table: table.id,
            row: row.code,
            source: row.source,
          }),
        );
      }
    }
  }
  if (total > Number.MAX_SAFE_INTEGER / 64) {
    issues.push(inputIssue("amount_too_large", `the printed amounts add up to more than can be summed exactly in fen (${fenToWan(total)} 万元)`));
  }
  const base = safeCreateCatalog(options.catalog ?? {});
  if (!base.ok) {
    issues.push(...base.problems.map((p) => inputIssue("invalid_code", `the given catalog: ${p.scheme} code ${JSON.stringify(p.code)}: ${p.rule}`)));
  }
  const early = nonEmpty(issues);
  if (early !== null) return { ok: false, issues: early };
  if (!base.ok) return { ok: false, issues: [inputIssue("invalid_code", "the given catalog is refused")] };
  const extension = reportCatalogExtension(report, base.value);
  const full = safeCreateCatalog(mergeCatalogExtensions(options.catalog ?? {}, extension));
  if (!full.ok) {
    const [first, ...rest] = full.problems.map((p) => inputIssue("invalid_code", `${p.scheme} code ${JSON.stringify(p.code)}: ${p.rule}`));
    return { ok: false, issues: first === undefined ? [inputIssue("invalid_code", "the report's codes are refused")] : [first, ...rest] };
  }
  const catalog = full.value;

  // ── Calibration ────────────────────────────────────────────────────────────
  let model = buildCalibrationModel(report, catalog.nonTaxLines, { shareTails: true });
  let calibration = calibrate(model, options.allowInconsistent === true);
  if (!calibration.ok || calibration.setAside.length > 0) {
    // Without the assumption that Tables 3 and 5 share their tails where they print alike.
    const general = buildCalibrationModel(report, catalog.nonTaxLines, { shareTails: false });
    const again = calibrate(general, options.allowInconsistent === true);
    const better = !calibration.ok || (again.ok && again.setAside.length < calibration.setAside.length);
    if (better) {
      model = general;
      calibration = again;
    }
  }
  if (!calibration.ok) {
    const [first, ...rest] = calibration.issues;
    return { ok: false, issues: first === undefined ? [{ code: "calibration_failed", message: "no amounts reproduce the report" }] : [first, ...rest] };
  }
  const { values, setAside } = calibration;
  const adjustments = new Map<number, Adjustment>();
  for (const aside of setAside) {
    const imported = values[aside.variable] ?? 0;
    if (!(model.variables[aside.variable]?.bookable ?? false)) continue;
    adjustments.set(aside.variable, {
      deltaFen: imported - aside.cell.fen,
      reason: `${describeAddress(aside.cell.address)} prints ${aside.cell.text || "blank"}; the other printed figures give ${fenToWan(imported)} (${aside.identities.join("; ")})`,
    });
  }

  // ── Events ─────────────────────────────────────────────────────────────────
  const { events, adjustmentIds } = importEvents(model, values, {
    year: report.year,
    department: report.department,
    unit: options.unit ?? "department",
    unitKind: options.unitKind ?? "administrative",
    idPrefix: options.idPrefix ?? `import-${report.year}`,
    fallbackFunctional: fallbackFunctional(catalog),
    adjustments,
  });

  // ── Self-check: the events print the report back ─────────────────────────
  const ledger = createLedger({ catalog });
  for (let start = 0; start < events.length; start += APPEND_BATCH) {
    const appended = ledger.safeAppend(events.slice(start, start + APPEND_BATCH));
    if (!appended.ok) {
      return {
        ok: false,
        issues: [{ code: "not_reproduced", message: `the imported events are refused by the ledger: ${appended.issues.slice(0, 3).map(formatIssue).join("; ")}` }],
      };
    }
  }
  const projected = projectedCells(ledger, report.year);
  const skip = new Set(setAside.map((aside) => addressKey(aside.cell.address)));
  const mismatches = unreproducedCells(report, projected, skip);
  if (mismatches.length > 0) {
    return {
      ok: false,
      issues: [
        {
          code: "not_reproduced",
          message: `the imported events do not print ${mismatches.length} cell${mismatches.length === 1 ? "" : "s"} back: ${mismatches
            .slice(0, 5)
            .map((m) => `${describeAddress(m.cell.address)} prints ${m.cell.text || "blank"}, the events give ${fenToWan(m.projectedFen)}`)
            .join("; ")}`,
          cells: mismatches.map((m) => m.cell.address),
        },
      ],
    };
  }
  const discrepancies: Discrepancy[] = [];
  for (const aside of setAside) {
    const importedFen = projected.get(addressKey(aside.cell.address)) ?? 0;
    const adjustmentEvent = adjustmentIds.get(aside.variable) ?? null;
    discrepancies.push({
      cell: aside.cell.address,
      publishedText: aside.cell.text,
      publishedFen: aside.cell.fen,
      importedFen,
      identities: aside.identities,
      adjustmentEvent,
      message: `${describeAddress(aside.cell.address)}: published ${aside.cell.text || "blank"}, imported ${fenToWan(importedFen)} (${aside.identities.join("; ")})${
        adjustmentEvent === null ? "; a total the events cannot book alone" : `; booked as published with adjustment event ${adjustmentEvent}`
      }`,
    });
  }
  const cells = printedCells(report).length;
  return {
    ok: true,
    value: {
      report,
      events,
      catalog: { functional: extension.functional, economic: extension.economic },
      fullCatalog: catalog,
      discrepancies,
      cells,
      reproduced: cells - discrepancies.length,
    },
  };
}

/**
 * Imports a published report: events whose projections print every published
 * cell back exactly.
 *
 * @param input - the report: its text in any format, parsed report JSON (e.g. `reportToJson(ledger.report(2020))`), or a {@link PublishedReport}
 * @param options - inconsistency, catalog, unit, ids, format, year
 * @returns the events, the catalog extension they need, and any discrepancies
 * @throws {@link ImportError} naming every problem: unreadable input, or the identities an inconsistent report breaks
 *
 * @example
 * ```ts
 * const { events, catalog } = importReport(readFileSync("report.json", "utf8"));
 * const ledger = createLedger({ catalog: createCatalog(catalog) });
 * ledger.append(events);
 * reportToJson(ledger.report(2020)); // prints every published cell back
 * ```
 */
export function importReport(input: string | object, options: ImportOptions = {}): ImportResult {
  const result = safeImportReport(input, options);
  if (!result.ok) throw new ImportError(result.issues);
  return result.value;
}
