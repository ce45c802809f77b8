// The calibration machinery: the rounding window of a printed cell (checked against fenToWan), the interval solver on sums with windows (propagation, infeasibility with its gap, solutions that hold every identity — as a seeded property on random hierarchies built from a true solution), and the transport split — by direct calls.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fenToWan } from "../../src/money/decimal.js";
import { transport, windowOf } from "../../src/import/index.js";
import { IntervalSolver } from "../../src/import/intervalSolver.js";

describe("the window of a printed cell", () => {
  it("holds exactly the amounts that print as the cell, each rounded on its own half away from zero", () => {
    fc.assert(
      fc.property(fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }), (fen) => {
        const printed = fenToWan(fen);
        const cell = { fen: Math.round(Number(printed) * 100) * 10_000, halfStepFen: 5_000 };
        const { lo, hi } = windowOf(cell);
        expect(fen >= lo && fen <= hi).toBe(true);
        expect(fenToWan(lo)).toBe(printed);
        expect(fenToWan(hi)).toBe(printed);
        expect(fenToWan(lo - 1)).not.toBe(printed);
        expect(fenToWan(hi + 1)).not.toBe(printed);
      }),
      { seed: 20201231, numRuns: 500 },
    );
  });
});

describe("the interval solver", () => {
  it("narrows a parent and its children to what their windows allow together", () => {
    const solver = new IntervalSolver();
    const parent = solver.addVariable(74_438_750_000, 74_438_849_999);
    const a = solver.addVariable(3_343_950_000, 3_344_049_999);
    const b = solver.addVariable(71_094_850_000, 71_094_949_999);
    solver.addIdentity([parent, a, b], [1, -1, -1]);
    expect(solver.propagate()).toBeNull();
    expect(solver.bounds(parent)).toEqual({ lo: 74_438_800_000, hi: 74_438_849_999 });
    expect(solver.bounds(a).hi).toBe(3_343_999_999);
  });

  it("names the identity that no amounts can satisfy, with the gap", () => {
    const solver = new IntervalSolver();
    const parent = solver.addVariable(0, 100);
    const child = solver.addVariable(1_000, 2_000);
    const identity = solver.addIdentity([parent, child], [1, -1]);
    expect(solver.gapOf(identity)).toBe(900);
    expect(solver.propagate()).toEqual({ identity, gapFen: 900 });
  });

  it("finds amounts for random hierarchies printed from a true solution, holding every identity", () => {
    const tree = fc.array(fc.array(fc.integer({ min: 0, max: 40_000_000 }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(tree, (groups) => {
        // True amounts: leaves, their groups, the total; each printed cell is a window around its own amount.
        const solver = new IntervalSolver();
        const printedWindow = (fen: number): { lo: number; hi: number } => windowOf({ fen: Math.round(fen / 10_000) * 10_000, halfStepFen: 5_000 });
        const add = (fen: number): number => {
          const { lo, hi } = printedWindow(fen);
          return solver.addVariable(Math.max(0, lo), hi);
        };
        const groupVars: number[] = [];
        const identities: [number, number[]][] = [];
        let total = 0;
        for (const leaves of groups) {
          const sum = leaves.reduce((s, x) => s + x, 0);
          total += sum;
          const leafVars = leaves.map(add);
          const group = add(sum);
          identities.push([group, leafVars]);
          groupVars.push(group);
        }
        const totalVar = add(total);
        identities.push([totalVar, groupVars]);
        for (const [parent, children] of identities) solver.addIdentity([parent, ...children], [1, ...children.map(() => -1)]);
        expect(solver.propagate()).toBeNull();
        const solved = solver.solve({ order: [totalVar, ...groupVars], target: (v) => solver.bounds(v).lo });
        expect(solved.ok).toBe(true);
        if (!solved.ok) return;
        for (const [parent, children] of identities) expect(solved.values[parent]).toBe(children.reduce((s, c) => s + (solved.values[c] ?? 0), 0));
      }),
      { seed: 20201231, numRuns: 200 },
    );
  });
});

describe("the transport split", () => {
  it("pairs equal totals first, then fills the rest by the northwest-corner rule, keeping every total", () => {
    const cells = transport(
      [["2080505", 6_180_000], ["2013901", 51_320_000]],
      [["30101", 14_120_000], ["30102", 37_200_000], ["30108", 6_180_000]],
    );
    expect(cells[0]).toEqual({ row: "2080505", column: "30108", amountFen: 6_180_000 });
    expect(cells.slice(1)).toEqual([
      { row: "2013901", column: "30101", amountFen: 14_120_000 },
      { row: "2013901", column: "30102", amountFen: 37_200_000 },
    ]);
  });

  it("refuses totals that differ (a programmer error)", () => {
    expect(() => transport([["a", 1]], [["b", 2]])).toThrow(/rows sum to 1 fen, columns to 2/);
  });
});
