// Checks that the ledger's incremental aggregate equals a full replay: after any sequence of appends, refusals, reversals and closes, the aggregate deep-equals aggregateEvents(events()), and tables(y) buildTables of it and of the ledger's own replay() for each year (property).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reversalOf } from "../../src/events/build.js";
import { LedgerError } from "../../src/events/issues.js";
import { REVERSIBLE_TYPES, type LedgerEvent, type ReversibleEvent } from "../../src/events/types.js";
import { createLedger, type Ledger } from "../../src/ledger/ledger.js";
import { aggregateEvents } from "../../src/projections/aggregate.js";
import { buildTables } from "../../src/tables/report.js";
import { YEAR, busyLedger, flowEventArb, invalidEventArb, receipt, units, withId } from "../support/fixtures.js";

const SEED = 20201231;
const YEARS = [YEAR, YEAR + 1, YEAR + 2];

type Operation =
  | { readonly kind: "valid"; readonly events: readonly ReversibleEvent[] }
  | { readonly kind: "invalid"; readonly events: readonly ReversibleEvent[]; readonly bad: unknown; readonly at: number }
  | { readonly kind: "reverse"; readonly which: number }
  | { readonly kind: "close"; readonly year: number }
  | { readonly kind: "repeat"; readonly which: number };

const operationArb: fc.Arbitrary<Operation> = fc.oneof(
  { arbitrary: fc.array(flowEventArb(YEARS), { minLength: 1, maxLength: 6 }).map((events): Operation => ({ kind: "valid", events })), weight: 5 },
  {
    arbitrary: fc
      .tuple(fc.array(flowEventArb(YEARS), { maxLength: 4 }), invalidEventArb, fc.nat())
      .map(([events, bad, at]): Operation => ({ kind: "invalid", events, bad, at })),
    weight: 2,
  },
  { arbitrary: fc.nat().map((which): Operation => ({ kind: "reverse", which })), weight: 2 },
  { arbitrary: fc.constantFrom(...YEARS).map((year): Operation => ({ kind: "close", year })), weight: 1 },
  { arbitrary: fc.nat().map((which): Operation => ({ kind: "repeat", which })), weight: 1 },
);

function isReversible(event: LedgerEvent): event is ReversibleEvent {
  return (REVERSIBLE_TYPES as readonly string[]).includes(event.type);
}

/** Runs operations; refusals (closed years, negative closes, bad events) are expected and ignored. */
function run(ledger: Ledger, operations: readonly Operation[]): void {
  let next = 0;
  const id = (): string => `op-${next++}`;
  const reversed = new Set<string>();
  for (const operation of operations) {
    switch (operation.kind) {
      case "valid":
        ledger.safeAppend(operation.events.map((event) => ({ ...event, id: id() })));
        break;
      case "invalid": {
        const batch: unknown[] = operation.events.map((event) => ({ ...event, id: id() }));
        batch.splice(operation.at % (batch.length + 1), 0, withId(operation.bad, id()));
        expect(ledger.safeAppend(batch).ok).toBe(false);
        break;
      }
      case "reverse": {
        const candidates = ledger.events().filter(isReversible).filter((event) => !reversed.has(event.id));
        const target = candidates[operation.which % Math.max(1, candidates.length)];
        if (target === undefined) break;
        if (ledger.safeAppend(reversalOf(target, { id: id(), reason: "replay" })).ok) reversed.add(target.id);
        break;
      }
      case "close":
        try {
          ledger.closeYear(operation.year);
        } catch (error) {
          if (!(error instanceof LedgerError)) throw error;
        }
        break;
      case "repeat": {
        const event = ledger.events()[operation.which % Math.max(1, ledger.version)];
        if (event !== undefined) expect(ledger.append({ ...event }).unchanged).toEqual([event.id]);
        break;
      }
    }
  }
}

function expectReplayEqual(ledger: Ledger): void {
  const replayed = aggregateEvents(ledger.events());
  const fromColumns = ledger.replay();
  // Not only the tables: the live aggregate itself, with no trace (an empty year, a cell summing to nothing) of a refused batch.
  expect(ledger.aggregate()).toEqual(replayed);
  for (const year of YEARS) {
    expect(ledger.tables(year), String(year)).toEqual(buildTables(replayed, year, ledger.catalog));
    expect(buildTables(fromColumns, year, ledger.catalog), `${year}, replayed from the stored columns`).toEqual(buildTables(replayed, year, ledger.catalog));
  }
  for (const year of YEARS) {
    for (const unit of ["office", "centre"]) {
      const fresh = createLedger();
      fresh.append(ledger.events());
      expect(fresh.closingBalances(year, unit)).toEqual(ledger.closingBalances(year, unit));
    }
  }
}

describe("incremental equals replay", () => {
  it("holds for a hand-made ledger with reversals, a refused batch and a close", () => {
    const ledger = busyLedger();
    const target = ledger.get("expenditure-2")?.event;
    if (target === undefined || !isReversible(target)) throw new Error("fixture missing");
    ledger.append(reversalOf(target, { id: "rev", reason: "wrong" }));
    ledger.safeAppend([receipt({ id: "new-year", year: YEAR + 2 }), receipt({ id: "bad", amountFen: 0 })]);
    ledger.closeYear(YEAR);
    expectReplayEqual(ledger);
  });

  it("holds after any sequence of appends, refusals, reversals, repeats and closes (property)", () => {
    fc.assert(
      fc.property(fc.array(operationArb, { maxLength: 25 }), (operations) => {
        const ledger = createLedger();
        ledger.append(units());
        run(ledger, operations);
        expectReplayEqual(ledger);
      }),
      { seed: SEED, numRuns: 120 },
    );
  });

  it("replays the same tables when the stored events are appended to a fresh ledger (property)", () => {
    fc.assert(
      fc.property(fc.array(operationArb, { maxLength: 15 }), (operations) => {
        const ledger = createLedger();
        ledger.append(units());
        run(ledger, operations);
        const copy = createLedger();
        copy.append(ledger.events());
        for (const year of YEARS) expect(copy.tables(year)).toEqual(ledger.tables(year));
        expect(copy.events()).toEqual(ledger.events());
      }),
      { seed: SEED, numRuns: 80 },
    );
  });
});
