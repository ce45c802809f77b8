/**
 * The ledger's columnar copy of its stored events: for each position, the
 * cell of the aggregate its amount went to (a small integer) and the signed
 * amount, in typed arrays. A replay folds these columns — integer additions
 * over contiguous memory — and rebuilds the aggregate from one prototype per
 * cell, instead of hashing every event's coordinates again. Events that do
 * not add one amount to one cell (units, procurement, year closes) replay
 * through the ordinary fold.
 *
 * @module
 */
import { FenOverflowError } from "../money/fen.js";
import type { LedgerEvent } from "../events/types.js";
import { addToCellLike, applyEvent, cellKindOf, emptyAggregate, type Aggregate, type CellKind } from "../projections/aggregate.js";

/** The columnar copy of a log. */
export interface Columns {
  /** Records the event stored at `position` (1-based), whose amount went to `cell`. */
  record(position: number, event: LedgerEvent, cell: object | undefined): void;
  /** Folds the first `count` stored events (`log`) into a fresh aggregate. */
  replay(log: readonly LedgerEvent[]): Aggregate;
  /** Bytes of typed arrays held. */
  readonly bytes: number;
}

/**
 * Creates empty columns.
 *
 * @returns the columns
 */
export function createColumns(): Columns {
  let slotOf = new Int32Array(1024);
  let amounts = new Float64Array(1024);
  const slotKind: CellKind[] = [];
  const slotYear: number[] = [];
  const slotCell: object[] = [];
  const slotsByKind = new Map<CellKind, Map<object, number>>();

  const ensure = (size: number): void => {
    if (size <= slotOf.length) return;
    let capacity = slotOf.length;
    while (capacity < size) capacity *= 2;
    const nextSlots = new Int32Array(capacity);
    nextSlots.set(slotOf);
    const nextAmounts = new Float64Array(capacity);
    nextAmounts.set(amounts);
    slotOf = nextSlots;
    amounts = nextAmounts;
  };

  const slotFor = (kind: CellKind, year: number, cell: object): number => {
    let byCell = slotsByKind.get(kind);
    if (byCell === undefined) {
      byCell = new Map();
      slotsByKind.set(kind, byCell);
    }
    let slot = byCell.get(cell);
    if (slot === undefined) {
      slot = slotKind.length;
      byCell.set(cell, slot);
      slotKind.push(kind);
      slotYear.push(year);
      slotCell.push(cell);
    }
    return slot;
  };

  return {
    record(position, event, cell) {
      ensure(position);
      const kind = cellKindOf(event);
      if (kind === undefined || cell === undefined) {
        slotOf[position - 1] = -1;
        return;
      }
      const reversed = event.type === "eventReversed";
      const target = reversed ? event.reverses : event;
      slotOf[position - 1] = slotFor(kind, target.year, cell);
      amounts[position - 1] = "amountFen" in target ? (reversed ? -target.amountFen : target.amountFen) : 0;
    },
    replay(log) {
      const aggregate = emptyAggregate();
      const sums = new Float64Array(slotKind.length);
      const used = new Uint8Array(slotKind.length);
      const count = log.length;
      for (let i = 0; i < count; i++) {
        const slot = slotOf[i] ?? -1;
        if (slot < 0) {
          applyEvent(aggregate, log[i] as LedgerEvent);
          continue;
        }
        const sum = (sums[slot] ?? 0) + (amounts[i] ?? 0);
        if (sum > Number.MAX_SAFE_INTEGER || sum < -Number.MAX_SAFE_INTEGER) throw new FenOverflowError(sums[slot] ?? 0, amounts[i] ?? 0);
        sums[slot] = sum;
        used[slot] = 1;
      }
      for (let slot = 0; slot < slotKind.length; slot++) {
        if (used[slot] !== 1) continue;
        addToCellLike(aggregate, slotYear[slot] as number, slotKind[slot] as CellKind, slotCell[slot] as object, sums[slot] ?? 0);
      }
      return aggregate;
    },
    get bytes() {
      return slotOf.byteLength + amounts.byteLength;
    },
  };
}
