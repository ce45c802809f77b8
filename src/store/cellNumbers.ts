/**
 * The numbers a database adapter gives the cells its rows name, looked up by
 * a cell's year and coordinates for every row it writes. A lookup hashes the
 * coordinates into 32 bits (FNV-1a over each text, a separator after each,
 * as the fold's cache does; a null distinct from every text) and compares
 * the few cells under that hash field by field: no key text is built per row.
 *
 * @module
 */
import { mix as mixText } from "../projections/aggregate.js";
import type { CellColumns } from "./backend.js";

/** A cell's coordinates: its columns but the amount. */
export type CellCoordinates = Omit<CellColumns, "amountFen">;

/** A numbered cell: its year, coordinates and number. */
export interface NumberedCell extends CellCoordinates {
  readonly year: number;
  readonly id: number;
}

/** Cell numbers by year and coordinates. */
export interface CellNumbers {
  /** How many cells are numbered. */
  readonly size: number;
  /** The number of the cell with these coordinates in this year, if numbered. */
  get(year: number, cell: CellCoordinates): number | undefined;
  /** Numbers a cell, or numbers it anew (its coordinates are copied; the amount is ignored). */
  set(year: number, cell: CellCoordinates, id: number): void;
  /** Every numbered cell, in the order numbered. */
  cells(): readonly NumberedCell[];
}

/** The fold's {@link mixText} of a coordinate; a null mixes in a marker of its own instead of a text. */
function mix(hash: number, text: string | null): number {
  return text === null ? Math.imul(hash ^ 0x1e, 0x01000193) : mixText(hash, text);
}

/**
 * The 32-bit hash a cell is kept under. Exported for the tests that make two
 * cells collide; nothing else needs it.
 *
 * @param year - the cell's year
 * @param c - its coordinates
 * @returns the hash
 * @internal
 */
export function cellHash(year: number, c: CellCoordinates): number {
  let h = Math.imul(0x811c9dc5 ^ year, 0x01000193);
  h = mix(h, c.cellKind);
  h = mix(h, c.unit);
  h = mix(h, c.fund);
  h = mix(h, c.functional);
  h = mix(h, c.economic);
  h = mix(h, c.category);
  h = mix(h, c.project);
  h = mix(h, c.stage);
  h = mix(h, c.line);
  return mix(h, c.management);
}

/** Whether a numbered cell has a year and coordinates. */
function same(n: NumberedCell, year: number, c: CellCoordinates): boolean {
  return (
    n.year === year && n.cellKind === c.cellKind && n.unit === c.unit && n.fund === c.fund && n.functional === c.functional &&
    n.economic === c.economic && n.category === c.category && n.project === c.project && n.stage === c.stage && n.line === c.line &&
    n.management === c.management
  );
}

/**
 * An empty numbering.
 *
 * @returns cell numbers to fill with {@link CellNumbers.set}
 *
 * @example
 * ```ts
 * const numbers = createCellNumbers();
 * numbers.set(2020, cell, 1);
 * numbers.get(2020, { ...cell, amountFen: 5 }); // 1
 * ```
 */
export function createCellNumbers(): CellNumbers {
  /** The cells under each hash: one (almost always) or those whose hashes collide. */
  const buckets = new Map<number, NumberedCell | NumberedCell[]>();
  const all: NumberedCell[] = [];
  return {
    get size() {
      return all.length;
    },
    get(year, cell) {
      const found = buckets.get(cellHash(year, cell));
      if (found === undefined) return undefined;
      if (!Array.isArray(found)) return same(found, year, cell) ? found.id : undefined;
      for (const numbered of found) if (same(numbered, year, cell)) return numbered.id;
      return undefined;
    },
    set(year, cell, id) {
      const numbered: NumberedCell = {
        year, cellKind: cell.cellKind, unit: cell.unit, fund: cell.fund, functional: cell.functional, economic: cell.economic, category: cell.category,
        project: cell.project, stage: cell.stage, line: cell.line, management: cell.management, id,
      };
      const hash = cellHash(year, cell);
      const found = buckets.get(hash);
      let replaced: NumberedCell | undefined;
      if (found === undefined) buckets.set(hash, numbered);
      else if (Array.isArray(found)) {
        const at = found.findIndex((other) => same(other, year, cell));
        if (at >= 0) {
          replaced = found[at];
          found[at] = numbered;
        } else found.push(numbered);
      } else if (same(found, year, cell)) {
        replaced = found;
        buckets.set(hash, numbered);
      } else buckets.set(hash, [found, numbered]);
      if (replaced === undefined) all.push(numbered);
      else all[all.indexOf(replaced)] = numbered;
    },
    cells: () => all,
  };
}
