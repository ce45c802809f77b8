/**
 * Figures the report prints that are derived from the economic and unit
 * dimensions rather than tagged on events: 人员经费 and 公用经费 (by economic
 * 类), 机关运行经费 (the 公用经费 of administrative and civil-service-managed
 * units paid by the general public budget), and 三公经费 (Table 7).
 *
 * @module
 */
import { PERSONNEL_ECONOMIC_CLASSES, PUBLIC_ECONOMIC_CLASSES } from "../catalog/catalog.js";
import { runsAsGovernmentOffice } from "../catalog/dimensions.js";
import { addFen } from "../money/fen.js";
import { threePublic, type ThreePublicAmounts } from "./t7ThreePublic.js";
import type { TableContext, YearView } from "./table.js";

/** The derived figures of a year, fen. */
export interface DerivedFigures {
  /** 人员经费: general-public-budget basic spending on economic 类 301 and 303. */
  readonly personnelFen: number;
  /** 公用经费: general-public-budget basic spending on economic 类 302, 307, 310 and 399. */
  readonly publicFen: number;
  /** 机关运行经费: 公用经费 of administrative and civil-service-managed units. */
  readonly officeRunningFen: number;
  /** 三公经费 budget and actual by item. */
  readonly threePublic: { readonly budget: ThreePublicAmounts; readonly actual: ThreePublicAmounts };
}

/**
 * Derives 人员经费, 公用经费, 机关运行经费 and 三公经费 of a year.
 *
 * @param view - the year's aggregate and sums
 * @param context - catalog and units (their kinds decide 机关运行经费)
 * @returns the figures
 */
export function derivedFigures(view: YearView, context: TableContext): DerivedFigures {
  let personnelFen = 0;
  let publicFen = 0;
  let officeRunningFen = 0;
  for (const cell of view.aggregate.expenditures.values()) {
    if (cell.fund !== "generalPublicBudget" || cell.category !== "basic") continue;
    const cls = cell.economic.slice(0, 3);
    if (PERSONNEL_ECONOMIC_CLASSES.includes(cls)) personnelFen = addFen(personnelFen, cell.amountFen);
    else if (PUBLIC_ECONOMIC_CLASSES.includes(cls)) {
      publicFen = addFen(publicFen, cell.amountFen);
      const kind = context.units.get(cell.unit)?.kind;
      if (kind !== undefined && runsAsGovernmentOffice(kind)) officeRunningFen = addFen(officeRunningFen, cell.amountFen);
    }
  }
  return { personnelFen, publicFen, officeRunningFen, threePublic: threePublic(view) };
}
