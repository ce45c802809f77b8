/**
 * Everything a projector shows, as one value to compare.
 *
 * @module
 */
import { projectorParts, type Projector } from "../../src/ledger/projector.js";

/**
 * A projector's count, the memo of its checks, every year's ten tables and
 * every unit's closing balances of every year.
 *
 * @param projector - a projector made by createProjector
 * @returns a plain value: two projectors that took the same events in any order give equal ones
 */
export function snapshotOf(projector: Projector): unknown {
  const aggregate = projector.aggregate();
  const years = [...aggregate.years.keys()].sort((a, b) => a - b);
  const unitIds = [...aggregate.units.keys()].sort();
  return {
    count: projector.count,
    memo: projectorParts(projector).state.memo(),
    tables: years.map((year) => projector.tables(year)),
    closing: years.flatMap((year) => unitIds.map((unit) => projector.closingBalances(year, unit))),
  };
}
