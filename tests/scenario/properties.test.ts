// Laws of scenarios, checked on generated ledgers and generated scenarios of every kind (fast-check, seed 20201231): conservation, an untouched baseline, empty and 0% scenarios, exact scaling, forks of forks, deltas that add up, and the fast diff equal to tables built from scratch.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { auditLedger } from "../../src/audit/audit.js";
import { allocateLargestRemainder, scaleFen } from "../../src/money/allocate.js";
import { sumFen } from "../../src/money/fen.js";
import { applyScenario, safeApplyScenario, type ScenarioRun } from "../../src/scenario/applyScenario.js";
import { baselineTables, compareScenario, scenarioChanges, scenarioTables } from "../../src/scenario/compareScenario.js";
import { shortfalls } from "../../src/scenario/shortfalls.js";
import { diffTables, type CellChange } from "../../src/scenario/tableDiff.js";
import type { ExpenditureRecorded } from "../../src/events/types.js";
import type { Ledger } from "../../src/ledger/ledger.js";
import { SCENARIO_RUNS, adjustmentRecipe, baselineArbitrary, scenarioOf } from "./scenarioArbitraries.js";

const recipes = fc.array(adjustmentRecipe, { minLength: 1, maxLength: 5 });

/** What must not change in a baseline: its version, events and every year's tables. */
function snapshot(ledger: Ledger): unknown {
  const years = [...ledger.aggregate().years.keys()].sort();
  return structuredClone({ version: ledger.version, events: ledger.events(), tables: years.map((year) => ledger.tables(year)) });
}

/** The Table 1 identity: income + surplus used + opening = total = spending + distribution + closing. */
function expectTable1Balances(ledger: Ledger, year: number): void {
  const [t1] = ledger.tables(year, ["T1"]);
  const rows = t1?.rows ?? [];
  const incomeTotal = rows.find((row) => row.line === 30)?.cells["1"];
  const last = rows[rows.length - 1];
  expect(last?.label).toBe("总计");
  expect(last?.cells["2"]).toBe(incomeTotal);
}

describe("scenarios on generated ledgers", () => {
  it("conserve: Table 1 balances and every identity of the audit holds in the fork, whatever the adjustments", () => {
    let applied = 0;
    fc.assert(
      fc.property(baselineArbitrary(), recipes, ({ ledger, year }, list) => {
        const result = safeApplyScenario(ledger, scenarioOf("s", list, ledger, year), { year });
        if (!result.ok) return;
        applied += 1;
        expectTable1Balances(result.value.fork, year);
        expect(auditLedger(result.value.fork, year)).toEqual([]);
      }),
      SCENARIO_RUNS,
    );
    expect(applied).toBeGreaterThan(SCENARIO_RUNS.numRuns / 2);
  });

  it("never change the baseline: its version, events and tables are as before, whether the scenario applies or is refused", () => {
    fc.assert(
      fc.property(baselineArbitrary(), recipes, ({ ledger, year }, list) => {
        const before = snapshot(ledger);
        const result = safeApplyScenario(ledger, scenarioOf("s", list, ledger, year), { year });
        if (result.ok) compareScenario(result.value);
        else expect(result.issues[0].adjustment).not.toBeNull();
        expect(snapshot(ledger)).toEqual(before);
      }),
      SCENARIO_RUNS,
    );
  });

  it("take the fast path to the same changes as tables built from scratch", () => {
    fc.assert(
      fc.property(baselineArbitrary(), recipes, ({ ledger, year }, list) => {
        const result = safeApplyScenario(ledger, scenarioOf("s", list, ledger, year), { year });
        if (!result.ok) return;
        const run = result.value;
        expect(scenarioChanges(run)).toEqual(diffTables(ledger.tables(year), run.fork.tables(year)));
        // Cell for cell too: every printed cell of the fork's tables is in the sum, at its amount.
        const sum = scenarioTables(run);
        for (const table of run.fork.tables(year)) {
          const summed = sum.find((t) => t.id === table.id);
          for (const row of table.rows) {
            const found = summed?.rows.find((r) => r.line === row.line && r.code === row.code && r.label === row.label);
            for (const [column, amount] of Object.entries(row.cells)) expect(found?.cells[column] ?? 0).toBe(amount);
          }
        }
        // The shortfalls of the sum of positions are those of the whole fork.
        expect(compareScenario(run, { narrative: false }).shortfalls).toEqual(shortfalls(run.fork.aggregate().years.get(year)));
      }),
      { ...SCENARIO_RUNS, numRuns: 100 },
    );
  });

  it("have deltas that add up: a parent code's delta is the sum of its children's, in fen", () => {
    fc.assert(
      fc.property(baselineArbitrary(), recipes, ({ ledger, year }, list) => {
        const result = safeApplyScenario(ledger, scenarioOf("s", list, ledger, year), { year });
        if (!result.ok) return;
        expectDeltasAddUp(scenarioChanges(result.value));
      }),
      SCENARIO_RUNS,
    );
  });

  it("an empty scenario changes no cell, no figure and no shortfall", () => {
    fc.assert(
      fc.property(baselineArbitrary(200), ({ ledger, year }) => {
        const run = applyScenario(ledger, { name: "empty", adjustments: [] }, { year });
        const comparison = compareScenario(run);
        expect(comparison.events).toBe(0);
        expect(comparison.changes).toEqual([]);
        expect(comparison.narrative).toEqual([]);
        expect(comparison.shortfalls).toEqual(comparison.baselineShortfalls);
      }),
      { ...SCENARIO_RUNS, numRuns: 20 },
    );
  });

  it("scaling by 0% appends nothing and changes nothing", () => {
    fc.assert(
      fc.property(baselineArbitrary(200), fc.array(adjustmentRecipe.map((r) => ({ ...r, kind: "scale" as const, tenths: 0 })), { minLength: 1, maxLength: 3 }), ({ ledger, year }, list) => {
        const scenario = scenarioOf("zero", list, ledger, year);
        fc.pre(scenario.adjustments.length > 0);
        const run = applyScenario(ledger, scenario, { year });
        expect(run.eventCounts.every((count) => count === 0)).toBe(true);
        expect(compareScenario(run).changes).toEqual([]);
      }),
      { ...SCENARIO_RUNS, numRuns: 20 },
    );
  });

  it("scale so that the adjusted lines sum exactly to the scaled total, each within a fen of its share", () => {
    fc.assert(
      fc.property(baselineArbitrary(), adjustmentRecipe.map((r) => ({ ...r, kind: "scale" as const })), ({ ledger, year }, recipe) => {
        const scenario = scenarioOf("scale", [recipe], ledger, year);
        fc.pre(scenario.adjustments.length === 1);
        const run = applyScenario(ledger, scenario, { year });
        const adjustment = scenario.adjustments[0] as { readonly percent: string };
        const lines = run.fork.own().map((stored) => stored.event as ExpenditureRecorded);
        // The selected total is what the scale took a percentage of: the fork's selected spending before, i.e. the baseline's.
        const selected = selectedTotal(run);
        expect(sumFen(lines.map((line) => line.amountFen))).toBe(scaleFen(selected, adjustment.percent));
        for (const line of lines) expect(line.adjustment).toBe(true);
      }),
      SCENARIO_RUNS,
    );
  });

  it("a fork of a fork holds both scenarios' adjustments, in order", () => {
    fc.assert(
      fc.property(baselineArbitrary(200), recipes, recipes, ({ ledger, year }, first, second) => {
        const s1 = scenarioOf("first", first, ledger, year);
        const s2 = scenarioOf("second", second, ledger, year);
        const one = safeApplyScenario(ledger, s1, { year });
        fc.pre(one.ok);
        if (!one.ok) return;
        const two = safeApplyScenario(one.value.fork, s2, { year });
        const both = safeApplyScenario(ledger, { name: "both", adjustments: [...s1.adjustments, ...s2.adjustments] }, { year });
        expect(both.ok).toBe(two.ok);
        if (!two.ok || !both.ok) return;
        expect(two.value.fork.tables(year)).toEqual(both.value.fork.tables(year));
        expect(two.value.fork.own().map((stored) => stored.event.type)).toEqual(both.value.fork.own().slice(one.value.fork.own().length).map((stored) => stored.event.type));
        // The second fork's diff against the first is the first's tables plus the second's own events.
        expect(scenarioTables(two.value).length).toBe(10);
        expect(baselineTables(one.value.fork, year)).toEqual(one.value.fork.tables(year));
      }),
      { ...SCENARIO_RUNS, numRuns: 30 },
    );
  });
});

/** The total the scale of a run's single adjustment selected: minus its events' sum over the scaled fraction is unknown, so recompute from the baseline. */
function selectedTotal(run: ScenarioRun): number {
  const adjustment = run.scenario.adjustments[0];
  if (adjustment?.kind !== "scale") throw new Error("a scale adjustment");
  const filter = adjustment.filter as Readonly<Record<string, unknown>>;
  const cells = run.baseline.aggregate().years.get(run.year)?.expenditures ?? [];
  let total = 0;
  for (const cell of cells) {
    if (filter["unit"] !== undefined && cell.unit !== filter["unit"]) continue;
    if (filter["fund"] !== undefined && cell.fund !== filter["fund"]) continue;
    if (filter["functional"] !== undefined && !cell.functional.startsWith(String(filter["functional"]))) continue;
    if (filter["economic"] !== undefined && !cell.economic.startsWith(String(filter["economic"]))) continue;
    if (filter["category"] !== undefined && cell.category !== filter["category"]) continue;
    total += cell.amountFen;
  }
  return total;
}

/** Checks the classification hierarchies of the changed cells: 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项 (functional tables); 类 = Σ 款 (Table 6). */
function expectDeltasAddUp(changes: readonly CellChange[]): void {
  const functional = (table: string): boolean => ["T2", "T3", "T5", "T8", "T9"].includes(table);
  const keyOf = (table: string, row: string, column: string): string => `${table}|${row}|${column}`;
  const delta = new Map<string, number>();
  const parents = new Set<string>();
  const childSums = new Map<string, number>();
  for (const c of changes) {
    if (!functional(c.table) && c.table !== "T6") continue;
    const row = c.code ?? c.label;
    delta.set(keyOf(c.table, row, c.column), c.deltaFen);
    const isParent = c.code === null ? functional(c.table) && c.label === "合计" : c.code.length === 3 || (functional(c.table) && c.code.length === 5);
    if (isParent) parents.add(keyOf(c.table, row, c.column));
    if (c.code === null) continue;
    const parent = c.code.length === 7 ? c.code.slice(0, 5) : c.code.length === 5 ? c.code.slice(0, 3) : functional(c.table) ? "合计" : null;
    if (parent === null) continue;
    const key = keyOf(c.table, parent, c.column);
    childSums.set(key, (childSums.get(key) ?? 0) + c.deltaFen);
    parents.add(key);
  }
  for (const key of parents) expect([key, delta.get(key) ?? 0]).toEqual([key, childSums.get(key) ?? 0]);
}

describe("allocateLargestRemainder", () => {
  // Large amounts take the bigint path, small ones the number path: both ranges are drawn.
  const amounts = fc.oneof(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: -1e6, max: 1e6 }));
  const weightLists = fc.oneof(fc.array(fc.integer({ min: 1, max: 1e12 }), { minLength: 1, maxLength: 40 }), fc.array(fc.integer({ min: 1, max: 1e6 }), { minLength: 1, maxLength: 40 }));

  it("splits exactly, each part within a fen of its share, and a cut mirrors an increase", () => {
    fc.assert(
      fc.property(amounts, weightLists, (total, weights) => {
        const parts = allocateLargestRemainder(total, weights);
        expect(sumFen(parts)).toBe(total);
        const weightTotal = weights.reduce((a, b) => a + BigInt(b), 0n);
        parts.forEach((part, i) => {
          // |part × W − total × w| < W: within one fen of the exact share.
          const error = BigInt(part) * weightTotal - BigInt(total) * BigInt(weights[i] as number);
          expect(error < weightTotal && -error < weightTotal).toBe(true);
        });
        // The fen left over went to the largest remainders: every part rounded up lost at least as much as any rounded down.
        if (total > 0) {
          const remainder = (i: number): bigint => (BigInt(total) * BigInt(weights[i] as number)) % weightTotal;
          const up = parts.flatMap((part, i) => (BigInt(part) * weightTotal > BigInt(total) * BigInt(weights[i] as number) ? [remainder(i)] : []));
          const down = parts.flatMap((part, i) => (BigInt(part) * weightTotal < BigInt(total) * BigInt(weights[i] as number) ? [remainder(i)] : []));
          for (const r of up) for (const d of down) expect(r >= d).toBe(true);
        }
        expect(allocateLargestRemainder(-total, weights).map((part) => -part || 0)).toEqual(parts.map((part) => part || 0));
      }),
      { seed: 20201231, numRuns: 500 },
    );
  });
});
