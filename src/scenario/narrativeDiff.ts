/**
 * The narrative figures (parts 3 and 4 of the final accounts) compared,
 * field by field: amounts as printed (万元, two decimals), rates as printed,
 * counts.
 *
 * @module
 */
import type { FigureField, NarrativeReport } from "../narrative/figures.js";

/** One narrative figure (or one field of it), baseline against scenario. */
export interface FigureChange {
  /** The figure's key, with the field after a dot: `income.institutional.current`, `expenditure.total`. */
  readonly figure: string;
  /** As the baseline prints it. */
  readonly baseline: FigureField;
  /** As the scenario prints it. */
  readonly scenario: FigureField;
}

/**
 * The figures of a report, flattened: a single figure under its key, each
 * field of a record under `key.field`.
 *
 * @param report - narrative figures
 * @returns printed values by flat key, in the report's order
 */
export function flatFigures(report: NarrativeReport): Map<string, FigureField> {
  const flat = new Map<string, FigureField>();
  for (const [key, value] of Object.entries(report.figures)) {
    if (typeof value === "string") flat.set(key, value);
    else for (const [field, printed] of Object.entries(value)) flat.set(`${key}.${field}`, printed);
  }
  return flat;
}

/**
 * Every figure of two narratives, baseline against scenario: only those
 * printed differently unless `all`.
 *
 * @param baseline - the baseline's figures
 * @param scenario - the scenario's figures
 * @param options - `all` to list unchanged figures too
 * @returns the figures in the baseline's order, then any the scenario adds
 */
export function diffNarrative(baseline: NarrativeReport, scenario: NarrativeReport, options: { readonly all?: boolean } = {}): FigureChange[] {
  const before = flatFigures(baseline);
  const after = flatFigures(scenario);
  const changes: FigureChange[] = [];
  for (const figure of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(figure) ?? null;
    const now = after.get(figure) ?? null;
    if (was === now && options.all !== true) continue;
    changes.push({ figure, baseline: was, scenario: now });
  }
  return changes;
}
