/**
 * The cells a filter selects, at their net amounts: a ledger's aggregate
 * plus the fold of the events a scenario has planned so far. Selection walks
 * the aggregate's nested index and skips whole branches a filter excludes
 * (a unit, a fund, a category), so a narrow filter on a large ledger reads
 * few cells. Results are sorted by their coordinates — the deterministic
 * order in which largest-remainder ties are broken.
 *
 * @module
 */
import { CATEGORIES, FUNDS, type Category, type Fund } from "../catalog/dimensions.js";
import { addFen } from "../money/fen.js";
import type { AppropriationCell, ExpenditureCell, ReceiptCell, YearAggregate } from "../projections/aggregate.js";
import { matchesPrefix, matchesSet, type CompiledFilter } from "./cellFilter.js";

/** An expenditure cell's coordinates and net amount. */
export type NetExpenditure = Readonly<ExpenditureCell>;

/** A receipt cell's coordinates and net amount. */
export type NetReceipt = Readonly<ReceiptCell>;

/** An appropriation cell's coordinates (every stage together) and net amount. */
export type NetAppropriation = Readonly<Omit<AppropriationCell, "stage">>;

/*
 * The walks below visit the index with `Map.forEach` (no iterator results, no
 * key strings): a filter's unit, fund and category sets skip whole branches,
 * its code prefixes skip codes.
 */

function forEachExpenditure(year: YearAggregate | undefined, filter: CompiledFilter, visit: (cell: ExpenditureCell) => void): void {
  if (year === undefined) return;
  const { units, funds, functional, economic, categories, projects } = filter;
  year.index.expenditures.forEach((byFund, unit) => {
    if (units !== undefined && !units.has(unit)) return;
    byFund.forEach((byFunctional, fund) => {
      if (funds !== undefined && !funds.has(fund as Fund)) return;
      byFunctional.forEach((byEconomic, functionalCode) => {
        if (!matchesPrefix(functionalCode, functional)) return;
        byEconomic.forEach((byCategory, economicCode) => {
          if (!matchesPrefix(economicCode, economic)) return;
          byCategory.forEach((byProject, category) => {
            if (categories !== undefined && !categories.has(category as Category)) return;
            byProject.forEach((cell) => {
              if (projects === undefined || matchesSet(cell.project, projects)) visit(cell);
            });
          });
        });
      });
    });
  });
}

function forEachReceipt(year: YearAggregate | undefined, filter: CompiledFilter, visit: (cell: ReceiptCell) => void): void {
  if (year === undefined) return;
  const { units, funds, functional } = filter;
  year.index.receipts.forEach((bySource, unit) => {
    if (units !== undefined && !units.has(unit)) return;
    bySource.forEach((byFunctional, source) => {
      if (funds !== undefined && !funds.has(source as Fund)) return;
      byFunctional.forEach((cell, functionalCode) => {
        if (matchesPrefix(functionalCode, functional)) visit(cell);
      });
    });
  });
}

function forEachAppropriation(year: YearAggregate | undefined, filter: CompiledFilter, visit: (cell: AppropriationCell) => void): void {
  if (year === undefined) return;
  const { units, funds, functional, economic, categories, projects } = filter;
  year.index.appropriations.forEach((byFund, unit) => {
    if (units !== undefined && !units.has(unit)) return;
    byFund.forEach((byFunctional, fund) => {
      if (funds !== undefined && !funds.has(fund as Fund)) return;
      byFunctional.forEach((byCategory, functionalCode) => {
        if (!matchesPrefix(functionalCode, functional)) return;
        byCategory.forEach((byEconomic, category) => {
          if (categories !== undefined && !categories.has(category as Category)) return;
          byEconomic.forEach((byProject, economicCode) => {
            if (!matchesPrefix(economicCode === "" ? null : economicCode, economic)) return;
            byProject.forEach((byStage) => {
              byStage.forEach((cell) => {
                if (projects === undefined || matchesSet(cell.project, projects)) visit(cell);
              });
            });
          });
        });
      });
    });
  });
}

/**
 * The selected cells at their net amounts: the base's cells (each set of
 * coordinates once) with the delta's amounts added where the delta has the
 * same cell, then the delta's cells the base lacks; zeros dropped, sorted.
 * Only the delta's few cells are looked up, so the base's many are read once
 * and nothing is built per base cell but its result.
 */
function net<C extends { readonly amountFen: number }, T extends { readonly amountFen: number }>(
  forEach: (year: YearAggregate | undefined, filter: CompiledFilter, visit: (cell: C) => void) => void,
  inBase: (base: YearAggregate, cell: C) => C | undefined,
  make: (cell: C, amountFen: number) => T,
  base: YearAggregate | undefined,
  delta: YearAggregate | undefined,
  filter: CompiledFilter,
  compare: (a: T, b: T) => number,
): T[] {
  const added = new Map<C, number>();
  const cells: T[] = [];
  forEach(delta, filter, (cell) => {
    const same = base === undefined ? undefined : inBase(base, cell);
    if (same === undefined) {
      if (cell.amountFen !== 0) cells.push(make(cell, cell.amountFen));
    } else added.set(same, addFen(added.get(same) ?? 0, cell.amountFen));
  });
  forEach(base, filter, (cell) => {
    const amountFen = added.size === 0 ? cell.amountFen : addFen(cell.amountFen, added.get(cell) ?? 0);
    if (amountFen !== 0) cells.push(make(cell, amountFen));
  });
  return cells.sort(compare);
}

const byText = (a: string | null, b: string | null): number => {
  const x = a ?? "";
  const y = b ?? "";
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * Orders expenditure coordinates: unit, fund (catalogue order), functional,
 * economic, category (catalogue order), project (none first).
 *
 * @param a - a cell
 * @param b - another
 * @returns negative, zero or positive
 */
export function compareExpenditures(a: Omit<NetExpenditure, "amountFen">, b: Omit<NetExpenditure, "amountFen">): number {
  return (
    byText(a.unit, b.unit) ||
    FUNDS.indexOf(a.fund) - FUNDS.indexOf(b.fund) ||
    byText(a.functional, b.functional) ||
    byText(a.economic, b.economic) ||
    CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category) ||
    byText(a.project, b.project)
  );
}

function compareReceipts(a: NetReceipt, b: NetReceipt): number {
  return byText(a.unit, b.unit) || FUNDS.indexOf(a.source) - FUNDS.indexOf(b.source) || byText(a.functional, b.functional);
}

function compareAppropriations(a: NetAppropriation, b: NetAppropriation): number {
  return (
    byText(a.unit, b.unit) ||
    FUNDS.indexOf(a.fund) - FUNDS.indexOf(b.fund) ||
    byText(a.functional, b.functional) ||
    CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category) ||
    byText(a.economic, b.economic) ||
    byText(a.project, b.project)
  );
}

/**
 * The expenditure cells a filter selects, net of the delta, non-zero, in coordinate order.
 *
 * @param base - the ledger's year aggregate (read only)
 * @param delta - the year aggregate of the events planned so far (read only)
 * @param filter - a compiled spending filter
 * @returns the cells
 */
export function netExpenditures(base: YearAggregate | undefined, delta: YearAggregate | undefined, filter: CompiledFilter): NetExpenditure[] {
  return net<ExpenditureCell, NetExpenditure>(
    forEachExpenditure,
    (year, c) => year.index.expenditures.get(c.unit)?.get(c.fund)?.get(c.functional)?.get(c.economic)?.get(c.category)?.get(c.project ?? ""),
    (c, amountFen) => ({ unit: c.unit, fund: c.fund, functional: c.functional, economic: c.economic, category: c.category, project: c.project, amountFen }),
    base,
    delta,
    filter,
    compareExpenditures,
  );
}

/**
 * The receipt cells a filter selects (`funds` are sources), net of the delta, non-zero, in coordinate order.
 *
 * @param base - the ledger's year aggregate
 * @param delta - the year aggregate of the events planned so far
 * @param filter - a compiled receipt filter
 * @returns the cells
 */
export function netReceipts(base: YearAggregate | undefined, delta: YearAggregate | undefined, filter: CompiledFilter): NetReceipt[] {
  return net<ReceiptCell, NetReceipt>(
    forEachReceipt,
    (year, c) => year.index.receipts.get(c.unit)?.get(c.source)?.get(c.functional),
    (c, amountFen) => ({ unit: c.unit, source: c.source, functional: c.functional, amountFen }),
    base,
    delta,
    filter,
    compareReceipts,
  );
}

/**
 * The appropriation cells a filter selects, every stage summed, net of the delta, non-zero, in coordinate order.
 *
 * @param base - the ledger's year aggregate
 * @param delta - the year aggregate of the events planned so far
 * @param filter - a compiled spending filter
 * @returns the cells
 */
export function netAppropriations(base: YearAggregate | undefined, delta: YearAggregate | undefined, filter: CompiledFilter): NetAppropriation[] {
  // Appropriations are kept per stage; the lines a scale reads sum the stages, so they are keyed without it.
  const sums = new Map<string, { -readonly [K in keyof NetAppropriation]: NetAppropriation[K] }>();
  const add = (c: AppropriationCell): void => {
    const key = `${c.unit}\u001f${c.fund}\u001f${c.functional}\u001f${c.category}\u001f${c.economic ?? ""}\u001f${c.project ?? ""}`;
    const found = sums.get(key);
    if (found === undefined) {
      sums.set(key, { unit: c.unit, fund: c.fund, functional: c.functional, category: c.category, economic: c.economic, project: c.project, amountFen: c.amountFen });
    } else found.amountFen = addFen(found.amountFen, c.amountFen);
  };
  forEachAppropriation(base, filter, add);
  forEachAppropriation(delta, filter, add);
  return [...sums.values()].filter((cell) => cell.amountFen !== 0).sort(compareAppropriations);
}
