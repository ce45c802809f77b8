// Properties of the projections over generated valid ledgers (fast-check, seeded): determinism, permutation invariance, splitting, conservation, cancellation by reversal, incremental = replay, year close.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { audit } from "../../src/audit/audit.js";
import { defaultCatalog } from "../../src/catalog/catalog.js";
import { reversalOf } from "../../src/events/build.js";
import { REVERSIBLE_TYPES, type ReversibleEvent } from "../../src/events/types.js";
import { createLedger } from "../../src/ledger/ledger.js";
import { aggregateEvents, applyEvent, emptyAggregate, yearOf } from "../../src/projections/aggregate.js";
import { balanceMovements } from "../../src/projections/balances.js";
import { postingsOf } from "../../src/postings/postings.js";
import { buildTables } from "../../src/tables/report.js";
import type { Table } from "../../src/tables/table.js";
import {
  RUNS,
  allTables,
  expectDeterministic,
  expectInputUnchanged,
  expectPermutationInvariant,
  expectSplits,
  ledgerArbitrary,
  tablesOf,
} from "../support/laws.js";

const catalog = defaultCatalog();
const cellOf = (table: Table | undefined, line: number, column: string): number => table?.rows.find((row) => row.line === line)?.cells[column] ?? 0;

describe("projections over any valid ledger", () => {
  it("are deterministic and never change their input", () => {
    fc.assert(
      fc.property(ledgerArbitrary(), ({ events, years }) => {
        expectDeterministic(events, years);
        expectInputUnchanged(events, years);
      }),
      RUNS,
    );
  });

  it("give identical tables, to the fen, for any permutation of the same events", () => {
    fc.assert(
      fc.property(
        ledgerArbitrary().chain((ledger) => fc.tuple(fc.constant(ledger), fc.shuffledSubarray([...ledger.events], { minLength: ledger.events.length }))),
        ([{ events, years }, permuted]) => expectPermutationInvariant(events, permuted, years),
      ),
      RUNS,
    );
  });

  it("split: the fold of a ++ b equals the merge of the folds of a and b", () => {
    fc.assert(
      fc.property(
        ledgerArbitrary().chain((ledger) => fc.tuple(fc.constant(ledger), fc.integer({ min: 0, max: ledger.events.length }))),
        ([{ events, years }, cut]) => expectSplits(events, cut, years),
      ),
      RUNS,
    );
  });

  it("keep Table 1's identity exactly in fen: income + surplus used + opening = spending + distribution + closing", () => {
    fc.assert(
      fc.property(ledgerArbitrary(), ({ events, years }) => {
        for (const tables of tablesOf(events, years)) {
          const t1 = tables.find((table) => table.id === "T1");
          const income = cellOf(t1, 27, "1") + cellOf(t1, 28, "1") + cellOf(t1, 29, "1");
          const outgo = cellOf(t1, 57, "2") + cellOf(t1, 58, "2") + cellOf(t1, 59, "2");
          expect(outgo).toBe(income);
          expect(cellOf(t1, 30, "1")).toBe(income);
          expect(cellOf(t1, 60, "2")).toBe(outgo);
        }
      }),
      RUNS,
    );
  });

  it("keep every unit's and fund's balance: opening + receipts + used − spent − distributed = closing = what the postings leave", () => {
    fc.assert(
      fc.property(ledgerArbitrary(), ({ events, years }) => {
        const aggregate = aggregateEvents(events);
        for (const year of years) {
          const yearAggregate = aggregate.years.get(year);
          if (yearAggregate === undefined) continue;
          for (const m of balanceMovements(yearAggregate)) {
            expect(m.closingCarriedFen).toBe(m.openingCarriedFen + m.receiptsFen + m.usedFen - m.spentFen - m.distributedFen);
          }
          const { violations } = audit({ events, catalog, year, aggregate });
          expect(violations.filter((v) => v.rule.startsWith("balance"))).toEqual([]);
        }
      }),
      RUNS,
    );
  });

  it("hold every classification and cross-table identity of the audit (类 = Σ 款 = Σ 项, T2 = T1, T4 = T5 …)", () => {
    fc.assert(
      fc.property(ledgerArbitrary(), ({ events, years }) => {
        const aggregate = aggregateEvents(events);
        for (const year of years) expect(audit({ events, catalog, year, aggregate }).violations).toEqual([]);
      }),
      RUNS,
    );
  });

  it("post every event in balance: its postings sum to zero", () => {
    fc.assert(
      fc.property(ledgerArbitrary(), ({ events }) => {
        const kinds = new Map(events.flatMap((event) => (event.type === "unitRegistered" ? [[event.unit, event.kind] as const] : [])));
        for (const event of events) {
          expect(postingsOf(event, (unit) => kinds.get(unit)).reduce((sum, p) => sum + p.amountFen, 0)).toBe(0);
        }
      }),
      RUNS,
    );
  });

  it("cancel a reversal against its target in every table", () => {
    fc.assert(
      fc.property(
        ledgerArbitrary().chain((ledger) => fc.tuple(fc.constant(ledger), fc.nat())),
        ([{ events, years }, pick]) => {
          const ledger = createLedger();
          for (let i = 0; i < events.length; i += 1000) ledger.append(events.slice(i, i + 1000));
          const lastYear = years[years.length - 1];
          const reversedAlready = new Set(events.flatMap((event) => (event.type === "eventReversed" ? [event.target] : [])));
          const candidates = events.filter(
            (event): event is ReversibleEvent =>
              (REVERSIBLE_TYPES as readonly string[]).includes(event.type) && event.year === lastYear && !reversedAlready.has(event.id),
          );
          const target = candidates[pick % Math.max(1, candidates.length)];
          if (target === undefined) return;
          const before = tablesOf(events.filter((event) => event.id !== target.id), years);
          ledger.append(reversalOf(target, { id: `reversal-of-${target.id}`, reason: "test" }));
          expect(allTables(ledger.aggregate(), years)).toEqual(before);
        },
      ),
      RUNS,
    );
  });

  it("kept incrementally while appending equal a full replay, from events and from the ledger's stored columns", () => {
    fc.assert(
      fc.property(ledgerArbitrary(), fc.integer({ min: 1, max: 50 }), ({ events, years }, batch) => {
        const ledger = createLedger();
        const followed = emptyAggregate();
        ledger.subscribe((stored) => {
          for (const { event } of stored) applyEvent(followed, event);
        });
        for (let i = 0; i < events.length; i += batch) ledger.append(events.slice(i, i + batch));
        const replayed = tablesOf(ledger.events(), years);
        expect(years.map((year) => ledger.tables(year))).toEqual(replayed);
        expect(allTables(followed, years)).toEqual(replayed);
        expect(allTables(ledger.replay(), years)).toEqual(replayed);
      }),
      RUNS,
    );
  });

  it("conserve every fund's balance across a year close: the closing of Y is the opening of Y + 1", () => {
    fc.assert(
      fc.property(ledgerArbitrary(), ({ events, years }) => {
        const ledger = createLedger();
        for (let i = 0; i < events.length; i += 1000) ledger.append(events.slice(i, i + 1000));
        const last = years[years.length - 1] ?? 2020;
        const closingByKey = new Map<string, number>();
        for (const m of balanceMovements(ledger.aggregate().years.get(last) ?? yearOf(emptyAggregate(), last))) {
          const key = `${m.unit}|${m.fund}`;
          closingByKey.set(key, (closingByKey.get(key) ?? 0) + m.closingCarriedFen + m.closingReserveFen);
        }
        ledger.closeYear(last);
        const openingByKey = new Map<string, number>();
        for (const m of balanceMovements(ledger.aggregate().years.get(last + 1) ?? yearOf(emptyAggregate(), last + 1))) {
          const key = `${m.unit}|${m.fund}`;
          openingByKey.set(key, (openingByKey.get(key) ?? 0) + m.openingCarriedFen + m.openingReserveFen);
        }
        const nonZero = (map: Map<string, number>): [string, number][] => [...map].filter(([, v]) => v !== 0).sort();
        expect(nonZero(openingByKey)).toEqual(nonZero(closingByKey));
        const t1 = (year: number): Table | undefined => buildTables(ledger.aggregate(), year, catalog, ["T1"])[0];
        expect(cellOf(t1(last + 1), 29, "1")).toBe(cellOf(t1(last), 59, "2"));
      }),
      RUNS,
    );
  });
});

