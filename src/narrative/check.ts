/**
 * The check of a printed narrative: given the figures a report printed (the
 * narrative JSON shape), every figure that differs from what the events
 * give, with both values. Published narratives contain such errors — a share
 * printed as 71.73% that is 71.65%, a rate truncated instead of rounded.
 *
 * Amounts and rates compare as numbers ("745.4" and "745.40" agree; "4.8" and
 * "4.9" do not); a count compares as a number; null ("--") agrees only with
 * null; anything else compares exactly.
 *
 * @module
 */
import { Dec } from "../money/decimal.js";
import type { FigureField, FigureValue, NarrativeReport } from "./figures.js";

/** One printed figure (or field of a figure) that the events do not give. */
export interface NarrativeDifference {
  /** The figure's key, e.g. `income.institutional`. */
  readonly figure: string;
  /** The field within it (e.g. `rate`), or null for a figure that is a single value. */
  readonly field: string | null;
  /** What the report printed; undefined when it printed no such figure. */
  readonly published: FigureField | undefined;
  /** What the events give; undefined when they give no such figure. */
  readonly computed: FigureField | undefined;
}

/** Why a published narrative could not be read. */
export interface NarrativeShapeProblem {
  /** Where, e.g. `figures.income.total`. */
  readonly path: string;
  /** The rule, in words. */
  readonly message: string;
}

/** Published figures, read and checked for shape. */
export type PublishedFigures = Readonly<Record<string, FigureValue>>;

const DECIMAL = /^-?\d+(\.\d+)?$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isField(value: unknown): value is FigureField {
  return value === null || typeof value === "string" || (typeof value === "number" && Number.isFinite(value));
}

/**
 * Reads the figures of a published narrative (`{figures: {...}}`, other keys
 * ignored), checking that each figure is a printed value or a record of them.
 *
 * @param input - parsed JSON
 * @returns `{ ok: true, value }` with the figures, or every shape problem
 */
export function readPublishedFigures(
  input: unknown,
): { readonly ok: true; readonly value: PublishedFigures } | { readonly ok: false; readonly problems: readonly NarrativeShapeProblem[] } {
  if (!isRecord(input) || !isRecord(input["figures"])) {
    return { ok: false, problems: [{ path: "figures", message: "a narrative is an object with a figures object" }] };
  }
  const problems: NarrativeShapeProblem[] = [];
  const figures: Record<string, FigureValue> = {};
  for (const [key, value] of Object.entries(input["figures"])) {
    if (typeof value === "string") figures[key] = value;
    else if (isRecord(value)) {
      const fields: Record<string, FigureField> = {};
      for (const [field, fieldValue] of Object.entries(value)) {
        if (isField(fieldValue)) fields[field] = fieldValue;
        else problems.push({ path: `figures.${key}.${field}`, message: "a field is a printed string, a number or null" });
      }
      figures[key] = fields;
    } else problems.push({ path: `figures.${key}`, message: "a figure is a printed string or an object of printed fields" });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: figures };
}

/**
 * Whether a printed field agrees with a computed one: numerically for
 * decimal strings and numbers, exactly otherwise.
 *
 * @param published - what the report printed
 * @param computed - what the events give
 * @returns whether they agree
 */
export function sameFigure(published: FigureField | undefined, computed: FigureField | undefined): boolean {
  if (published === undefined || computed === undefined) return published === computed;
  if (published === null || computed === null) return published === computed;
  const asNumber = (value: string | number): Dec | null => {
    if (typeof value === "number") return new Dec(value);
    const plain = value.trim().replace(/,/g, "");
    return DECIMAL.test(plain) ? new Dec(plain) : null;
  };
  const left = asNumber(published);
  const right = asNumber(computed);
  if (left !== null && right !== null) return left.equals(right);
  return published === computed;
}

function fieldsOf(value: FigureValue | undefined): ReadonlyMap<string | null, FigureField> {
  if (value === undefined) return new Map();
  if (typeof value === "string") return new Map([[null, value]]);
  return new Map(Object.entries(value));
}

/**
 * Every published figure (or field of one) that differs from what the events
 * give, in the published order. A figure or field the report printed that the
 * events do not give is a difference (computed undefined); what the events
 * give beyond the printed figures is not checked.
 *
 * @param published - the figures a report printed (see {@link readPublishedFigures})
 * @param computed - the narrative the events give (see {@link narrativeFigures})
 * @returns the differences; empty when the report agrees with the events
 *
 * @example
 * ```ts
 * const differences = checkNarrative(published, narrativeFigures(ledger, 2020));
 * // [{ figure: "threePublic.vehicles", field: "share", published: "80.7", computed: "80.6" }]
 * ```
 */
export function checkNarrative(published: PublishedFigures, computed: NarrativeReport): NarrativeDifference[] {
  const differences: NarrativeDifference[] = [];
  for (const [figure, value] of Object.entries(published)) {
    const given = fieldsOf(computed.figures[figure]);
    const printed = fieldsOf(value);
    // A single printed value against a computed record (or the reverse) differs as a whole.
    const shapesDiffer = (typeof value === "string") !== (typeof computed.figures[figure] === "string") && computed.figures[figure] !== undefined;
    for (const [field, publishedValue] of printed) {
      const computedValue = shapesDiffer ? undefined : given.get(field);
      if (!sameFigure(publishedValue, computedValue)) differences.push({ figure, field, published: publishedValue, computed: computedValue });
    }
  }
  return differences;
}
