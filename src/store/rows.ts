/**
 * The columns a store keeps beside an event's canonical body: the envelope
 * (id, type, year, unit) for reads, and for an event whose amount goes to
 * exactly one aggregate cell the cell's coordinates and the signed amount,
 * so that a database can group and sum them and a replay can fold them
 * without parsing JSON. A reversal's row carries its target's coordinates
 * and the negated amount.
 *
 * @module
 */
import type { LedgerEvent } from "../events/types.js";
import { cellKindOf, type CellKind } from "../projections/aggregate.js";
import type { CellColumns, RowColumns } from "./backend.js";

/**
 * The cell columns of an event.
 *
 * @param event - a validated event
 * @returns its cell kind, coordinates and signed amount (all null for events of no single cell)
 */
export function cellColumnsOf(event: LedgerEvent): CellColumns {
  return cellOf(event, event.unit, cellKindOf(event) ?? null);
}

/** The cell columns of an event whose cell kind is known. */
function cellOf(event: LedgerEvent, unit: string, cellKind: CellKind | null): CellColumns {
  const target = event.type === "eventReversed" ? event.reverses : event;
  const sign = event.type === "eventReversed" ? -1 : 1;
  if (cellKind !== null) {
    switch (target.type) {
      case "receiptRecorded":
        return cells(cellKind, unit, target.source, target.functional, null, null, null, null, null, null, sign * target.amountFen);
      case "expenditureRecorded":
        return cells(cellKind, unit, target.fund, target.functional, target.economic, target.category, target.project ?? null, null, null, null, sign * target.amountFen);
      case "appropriationMade":
        return cells(
          cellKind, unit, target.fund, target.functional, target.economic ?? null, target.category, target.project ?? null, target.stage, null, null,
          sign * target.amountFen,
        );
      case "nonTaxRevenueCollected":
        return cells(cellKind, unit, null, null, null, null, null, null, target.line, target.management, sign * target.amountFen);
      case "surplusDistributed":
      case "surplusUsed":
      case "balanceOpened":
        return cells(cellKind, unit, target.fund, target.functional, null, null, null, null, null, null, sign * target.amountFen);
      default:
        break;
    }
  }
  return cells(null, unit, null, null, null, null, null, null, null, null, null);
}

/** Cell columns, always built in one field order (one object shape for every row). */
function cells(
  cellKind: CellKind | null, unit: string, fund: string | null, functional: string | null, economic: string | null, category: string | null,
  project: string | null, stage: string | null, line: string | null, management: string | null, amountFen: number | null,
): CellColumns {
  return { cellKind, unit, fund, functional, economic, category, project, stage, line, management, amountFen };
}

/**
 * Every column of the row of an event.
 *
 * @param position - its position
 * @param event - the validated event
 * @param body - its canonical JSON
 * @param hash - the chain hash at its position
 * @returns the row
 */
export function rowColumnsOf(position: number, event: LedgerEvent, body: string, hash: string): RowColumns {
  const c = cellColumnsOf(event);
  return {
    position, id: event.id, type: event.type, year: event.year, unit: c.unit, body, hash, cellKind: c.cellKind, fund: c.fund, functional: c.functional,
    economic: c.economic, category: c.category, project: c.project, stage: c.stage, line: c.line, management: c.management, amountFen: c.amountFen,
  };
}

/** The columns compared by {@link columnMismatch}, in order. */
const COMPARED = [
  "id", "type", "year", "unit", "cellKind", "fund", "functional", "economic", "category", "project", "stage", "line", "management", "amountFen",
] as const satisfies readonly (keyof RowColumns)[];

/**
 * The first column of a stored row that disagrees with the row derived from its body.
 *
 * @param stored - the row as stored
 * @param derived - the row computed from the stored body
 * @returns the column's name, or undefined when all agree
 */
export function columnMismatch(stored: RowColumns, derived: RowColumns): (typeof COMPARED)[number] | undefined {
  for (const column of COMPARED) if (stored[column] !== derived[column]) return column;
  return undefined;
}
