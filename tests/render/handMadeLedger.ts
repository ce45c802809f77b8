// A hand-made ledger of one office whose every printed cell is known exactly, including 0.005 万元 (5,000 fen) cells that round up on their own.
import { createLedger, type Ledger } from "../../src/ledger/ledger.js";

/** The year of the hand-made events. */
export const HAND_MADE_YEAR = 2020;

/** The department's name. */
export const HAND_MADE_DEPARTMENT = "测试网信办公室";

/**
 * The events: 1,000.00 万元 received; two basic expenditures of exactly
 * 0.005 万元 each (5,000 fen), under 2013701 and 2013702, so each 项 prints
 * 0.01 while their 款 20137 — 10,000 fen — prints 0.01 too, not 0.02.
 */
export const HAND_MADE_EVENTS: readonly Record<string, unknown>[] = [
  { id: "unit-office", type: "unitRegistered", year: HAND_MADE_YEAR, unit: "office", name: HAND_MADE_DEPARTMENT, kind: "administrative", parent: null },
  { id: "receipt-1", type: "receiptRecorded", year: HAND_MADE_YEAR, unit: "office", source: "generalPublicBudget", functional: "2013701", amountFen: 1_000_000_000 },
  {
    id: "spend-1",
    type: "expenditureRecorded",
    year: HAND_MADE_YEAR,
    unit: "office",
    fund: "generalPublicBudget",
    functional: "2013701",
    economic: "30101",
    category: "basic",
    amountFen: 5_000,
  },
  {
    id: "spend-2",
    type: "expenditureRecorded",
    year: HAND_MADE_YEAR,
    unit: "office",
    fund: "generalPublicBudget",
    functional: "2013702",
    economic: "30201",
    category: "basic",
    amountFen: 5_000,
  },
];

/**
 * A fresh ledger holding {@link HAND_MADE_EVENTS}.
 *
 * @returns the ledger
 */
export function handMadeLedger(): Ledger {
  const ledger = createLedger();
  ledger.append([...HAND_MADE_EVENTS]);
  return ledger;
}

/**
 * The events as JSON Lines.
 *
 * @returns one event a line, each ending with a line feed
 */
export function handMadeJsonLines(): string {
  return HAND_MADE_EVENTS.map((event) => `${JSON.stringify(event)}\n`).join("");
}
