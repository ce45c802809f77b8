// Cell numbers are found by a 32-bit hash of a cell's year and coordinates and checked field by field: distinct
// cells — even those whose hashes collide, or that differ only by a null against an empty or "null" text — keep
// their own numbers.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cellHash, createCellNumbers, type CellCoordinates } from "../../src/store/cellNumbers.js";

const SEED = 20201231;

const base: CellCoordinates = {
  cellKind: "expenditure", unit: "office", fund: "generalPublicBudget", functional: "2013701", economic: "30201", category: "basic",
  project: null, stage: null, line: null, management: null,
};

/** Two units whose cells (otherwise `base`) hash alike: a birthday search over numbered unit ids. */
function collidingUnits(): [string, string] {
  const seen = new Map<number, string>();
  for (let i = 0; i < 1_000_000; i++) {
    const unit = `u${i}`;
    const hash = cellHash(2020, { ...base, unit });
    const other = seen.get(hash);
    if (other !== undefined) return [other, unit];
    seen.set(hash, unit);
  }
  throw new Error("no collision found");
}

describe("cell numbers", () => {
  it("gives each distinct cell its own number, whatever is numbered (property)", () => {
    const text = fc.constantFrom("", "null", "a", "b", "2013701", "\u001f", "\u001e");
    const nullable = fc.option(text, { nil: null });
    const cellArb = fc.record({
      year: fc.constantFrom(0, 2020, 2021),
      cell: fc.record({
        cellKind: fc.option(fc.constantFrom("receipt", "expenditure"), { nil: null }), unit: text, fund: nullable, functional: nullable, economic: nullable,
        category: nullable, project: nullable, stage: nullable, line: nullable, management: nullable,
      }),
    });
    fc.assert(
      fc.property(fc.array(cellArb, { maxLength: 60 }), (cells) => {
        const numbers = createCellNumbers();
        const expected = new Map<string, number>();
        for (const { year, cell } of cells) {
          const key = JSON.stringify([year, cell]);
          if (expected.has(key)) continue;
          expect(numbers.get(year, cell)).toBeUndefined();
          numbers.set(year, cell, expected.size + 1);
          expected.set(key, expected.size + 1);
        }
        for (const { year, cell } of cells) expect(numbers.get(year, { ...cell })).toBe(expected.get(JSON.stringify([year, cell])));
        expect(numbers.size).toBe(expected.size);
        expect(numbers.cells().map((numbered) => numbered.id)).toEqual([...expected.values()]);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("keeps two cells whose hashes collide apart, and numbers a cell anew in place", () => {
    const [first, second] = collidingUnits();
    const a = { ...base, unit: first };
    const b = { ...base, unit: second };
    expect(cellHash(2020, a)).toBe(cellHash(2020, b));
    const numbers = createCellNumbers();
    numbers.set(2020, a, 1);
    expect(numbers.get(2020, b)).toBeUndefined();
    numbers.set(2020, b, 2);
    expect([numbers.get(2020, a), numbers.get(2020, b), numbers.get(2021, a)]).toEqual([1, 2, undefined]);
    numbers.set(2020, b, 3);
    expect(numbers.get(2020, b)).toBe(3);
    expect(numbers.cells().map((cell) => [cell.unit, cell.id])).toEqual([[first, 1], [second, 3]]);
  });
});
