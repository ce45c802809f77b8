/**
 * Folding a scan of stored rows: the single-cell rows are summed per set of
 * coordinates (by the backend's cell number when it gives one, else by the
 * coordinates' text) — additions of numbers, no nested lookups per row — and
 * only at the end each sum is added to its cell, in the order of the cells'
 * first positions, interleaved with the rows folded whole. The aggregate then
 * equals the event-by-event fold exactly, cells in the same order.
 *
 * @module
 */
import type { LedgerEvent } from "../events/types.js";
import { FenOverflowError } from "../money/fen.js";
import { addToCellLike, type Aggregate, type CellKind } from "../projections/aggregate.js";
import type { CellColumns, ScanSink } from "./backend.js";

/** A scan sink that folds at {@link FoldingSink.finish}. */
export interface FoldingSink extends ScanSink {
  /** Rows received. */
  readonly count: number;
  /**
   * Adds every sum to its cell of `into` and folds every whole row with
   * `fold`, in position order.
   */
  finish(into: Aggregate, fold: (event: LedgerEvent) => void): void;
}

/** An injective text of a row's coordinates (each field length-prefixed). */
function coordinatesKey(c: CellColumns): string {
  const f = (text: string | null): string => (text === null ? "-" : `${text.length}:${text}`);
  return `${c.cellKind as string}|${f(c.unit)}|${f(c.fund)}|${f(c.functional)}|${f(c.economic)}|${f(c.category)}|${f(c.project)}|${f(c.stage)}|${f(c.line)}|${f(c.management)}`;
}

/**
 * Creates a folding sink for a scan starting at position `from`.
 *
 * @param from - the first position scanned
 * @returns the sink
 */
export function createFoldingSink(from: number): FoldingSink {
  /** The position of the row being received (rows arrive in order; a cell row is the one after the last). */
  let position = from - 1;
  let count = 0;
  /** Slots by the backend's cell number (a sparse array: cell numbers are small integers). */
  const slotByCell: number[] = [];
  const slotByKey = new Map<string, number>();
  const slotYear: number[] = [];
  const slotKind: CellKind[] = [];
  const slotLike: object[] = [];
  const slotFirst: number[] = [];
  const sums: number[] = [];
  const bodyPositions: number[] = [];
  const bodies: string[] = [];

  function newSlot(year: number, c: CellColumns, first: number): number {
    const slot = slotYear.length;
    slotYear.push(year);
    slotKind.push(c.cellKind as CellKind);
    // One object with every coordinate serves every kind: addToCellLike reads the fields its kind has.
    slotLike.push({
      unit: c.unit, source: c.fund, fund: c.fund, functional: c.functional, economic: c.economic, category: c.category,
      project: c.project, stage: c.stage, line: c.line, management: c.management,
    });
    slotFirst.push(first);
    sums.push(0);
    return slot;
  }

  return {
    get count() {
      return count;
    },
    cell(year, c, cellId, firstPosition) {
      count += 1;
      let slot: number | undefined;
      if (cellId !== undefined) {
        slot = slotByCell[cellId];
        if (slot === undefined) {
          if (firstPosition === undefined) position += 1;
          slot = newSlot(year, c, firstPosition ?? position);
          slotByCell[cellId] = slot;
        } else if (firstPosition === undefined) position += 1;
      } else {
        position += 1;
        const key = `${year}|${coordinatesKey(c)}`;
        slot = slotByKey.get(key);
        if (slot === undefined) {
          slot = newSlot(year, c, position);
          slotByKey.set(key, slot);
        }
      }
      const before = sums[slot] as number;
      const amount = c.amountFen as number;
      const sum = before + amount;
      if (sum > Number.MAX_SAFE_INTEGER || sum < -Number.MAX_SAFE_INTEGER) throw new FenOverflowError(before, amount);
      sums[slot] = sum;
    },
    body(at, body) {
      position = at;
      count += 1;
      bodyPositions.push(at);
      bodies.push(body);
    },
    finish(into, fold) {
      // Slots and bodies may have arrived out of order (a backend giving first positions): both are folded by position.
      const order = slotFirst.map((_, slot) => slot).sort((a, b) => (slotFirst[a] as number) - (slotFirst[b] as number));
      const bodyOrder = bodyPositions.map((_, i) => i).sort((a, b) => (bodyPositions[a] as number) - (bodyPositions[b] as number));
      let b = 0;
      for (let i = 0; i <= order.length; i++) {
        const slot = order[i];
        const first = slot === undefined ? Number.POSITIVE_INFINITY : (slotFirst[slot] as number);
        for (; b < bodyOrder.length && (bodyPositions[bodyOrder[b] as number] as number) < first; b++) fold(JSON.parse(bodies[bodyOrder[b] as number] as string) as LedgerEvent);
        if (slot !== undefined) addToCellLike(into, slotYear[slot] as number, slotKind[slot] as CellKind, slotLike[slot] as object, sums[slot] as number);
      }
    },
  };
}
