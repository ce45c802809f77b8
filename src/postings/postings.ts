/**
 * Events → balanced double-entry postings in the budget-accounting chart.
 *
 * A fund's carried balance (结转和结余) is what the postings leave in
 * 资金结存 less what is set aside in 专用结余.
 *
 * @module
 */
import type { Fund, UnitKind } from "../catalog/dimensions.js";
import { isFiscalFund } from "../catalog/dimensions.js";
import { assertNever, type LedgerEvent } from "../events/types.js";
import { expenditureAccount, revenueAccount, type Account } from "./chart.js";

/** One side of a double entry: debit positive, credit negative. */
export interface Posting {
  /** The budget year the posting belongs to. */
  readonly year: number;
  /** The account. */
  readonly account: Account;
  /** The unit. */
  readonly unit: string;
  /** The fund, or null for memorandum postings without one. */
  readonly fund: Fund | null;
  /** The functional 项 code, or null. */
  readonly functional: string | null;
  /** Fen: debit positive, credit negative. */
  readonly amountFen: number;
}

/** Looks up the kind of a unit (expenditure accounts depend on it). */
export type UnitKindOf = (unit: string) => UnitKind | undefined;

function pair(
  year: number,
  unit: string,
  fund: Fund | null,
  functional: string | null,
  debit: Account,
  credit: Account,
  amountFen: number,
): Posting[] {
  return [
    { year, account: debit, unit, fund, functional, amountFen },
    { year, account: credit, unit, fund, functional, amountFen: -amountFen },
  ];
}

/**
 * The postings of one event. Unit registrations, procurement awards and the
 * reported facts (vehicles, equipment, receptions, visits abroad, performance
 * evaluations: counts and texts, no money) post nothing; a reversal posts its
 * target's postings negated; a year close posts the next year's opening
 * balances.
 *
 * @param event - a validated event
 * @param kindOf - the kind of each unit (for the expenditure account)
 * @returns postings whose amounts sum to zero
 */
export function postingsOf(event: LedgerEvent, kindOf: UnitKindOf): Posting[] {
  const { year, unit } = event;
  switch (event.type) {
    case "unitRegistered":
    case "procurementAwarded":
    case "vehiclesPurchased":
    case "vehiclesHeld":
    case "equipmentHeld":
    case "receptionsHosted":
    case "overseasVisitsMade":
    case "performanceEvaluated":
    case "performanceGoalEvaluated":
    case "performanceIndicatorEvaluated":
      return [];
    case "appropriationMade":
      return pair(year, unit, event.fund, event.functional, "budgetAuthority", "approvedBudget", event.amountFen);
    case "receiptRecorded":
      return pair(year, unit, event.source, event.functional, "fundsHeld", revenueAccount(event.source), event.amountFen);
    case "expenditureRecorded": {
      const kind = kindOf(unit) ?? "otherInstitution";
      return pair(year, unit, event.fund, event.functional, expenditureAccount(event.category, kind), "fundsHeld", event.amountFen);
    }
    case "nonTaxRevenueCollected":
      return pair(year, unit, null, null, "nonTaxCollected", "payableToTreasury", event.amountFen);
    case "surplusDistributed":
      return pair(year, unit, event.fund, event.functional, "surplusDistribution", "reservedSurplus", event.amountFen);
    case "surplusUsed":
      return pair(year, unit, event.fund, event.functional, "reservedSurplus", "surplusUsed", event.amountFen);
    case "balanceOpened":
      return pair(year, unit, event.fund, event.functional, "fundsHeld", openingAccount(event.fund, event.balance), event.amountFen);
    case "yearClosed":
      return event.balances.flatMap((balance) => [
        ...(balance.carriedFen === 0
          ? []
          : pair(year + 1, unit, balance.fund, balance.functional, "fundsHeld", openingAccount(balance.fund, "carried"), balance.carriedFen)),
        ...(balance.reserveFen === 0
          ? []
          : pair(year + 1, unit, balance.fund, balance.functional, "fundsHeld", "reservedSurplus", balance.reserveFen)),
      ]);
    case "eventReversed":
      return postingsOf(event.reverses, kindOf).map((posting) => ({ ...posting, amountFen: -posting.amountFen }));
    default:
      return assertNever(event);
  }
}

function openingAccount(fund: Fund, balance: "carried" | "reserve"): Account {
  if (balance === "reserve") return "reservedSurplus";
  return isFiscalFund(fund) ? "fiscalCarryForward" : "nonFiscalCarryForward";
}

/** A balance of one unit, fund and functional code in one year, from postings. */
export interface PostedBalance {
  readonly year: number;
  readonly unit: string;
  readonly fund: Fund;
  readonly functional: string;
  /** 资金结存 less 专用结余: the carried balance (结转和结余). */
  readonly carriedFen: number;
  /** 专用结余: the reserved surplus. */
  readonly reserveFen: number;
}

/**
 * Balances from postings: for each year, unit, fund and functional code, the
 * funds held less the reserve (carried) and the reserve.
 *
 * @param postings - postings of any events
 * @returns balances, keyed `year|unit|fund|functional`
 */
export function balancesFromPostings(postings: Iterable<Posting>): Map<string, PostedBalance> {
  const held = new Map<string, { year: number; unit: string; fund: Fund; functional: string; held: number; reserve: number }>();
  for (const posting of postings) {
    if (posting.fund === null || posting.functional === null) continue;
    if (posting.account !== "fundsHeld" && posting.account !== "reservedSurplus") continue;
    const key = `${posting.year}|${posting.unit}|${posting.fund}|${posting.functional}`;
    let entry = held.get(key);
    if (entry === undefined) {
      entry = { year: posting.year, unit: posting.unit, fund: posting.fund, functional: posting.functional, held: 0, reserve: 0 };
      held.set(key, entry);
    }
    if (posting.account === "fundsHeld") entry.held += posting.amountFen;
    else entry.reserve -= posting.amountFen;
  }
  const balances = new Map<string, PostedBalance>();
  for (const [key, entry] of held) {
    balances.set(key, {
      year: entry.year,
      unit: entry.unit,
      fund: entry.fund,
      functional: entry.functional,
      carriedFen: entry.held - entry.reserve,
      reserveFen: entry.reserve,
    });
  }
  return balances;
}
