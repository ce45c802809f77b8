// The narrative check: the golden narrative agrees with the reference events; a copy with figures altered at random (property, seeded) is flagged at exactly the altered fields, with both values; shapes are read with clear problems.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Dec } from "../../src/money/decimal.js";
import type { FigureField, FigureValue } from "../../src/narrative/figures.js";
import { narrativeFigures } from "../../src/narrative/figures.js";
import { checkNarrative, readPublishedFigures, sameFigure, type PublishedFigures } from "../../src/narrative/check.js";
import { referenceLedger } from "../support/reference.js";

const RUNS = { seed: 20201231, numRuns: 100 } as const;
const golden = JSON.parse(readFileSync(new URL("../golden/guangzhou-cac-2020.narrative.json", import.meta.url), "utf8")) as { figures: Record<string, FigureValue> };
const computed = narrativeFigures(referenceLedger(), 2020);

/** Every (figure, field) of the golden narrative; field null for a single-value figure. */
const leaves: [string, string | null][] = Object.entries(golden.figures).flatMap(([figure, value]): [string, string | null][] =>
  typeof value === "string" ? [[figure, null]] : Object.keys(value).map((field): [string, string | null] => [figure, field]),
);

/** A printed value that surely differs from `value`. */
function altered(value: FigureField, how: number): FigureField {
  if (value === null) return how % 2 === 0 ? "0" : "0.00";
  if (typeof value === "number") return value + 1 + how;
  const step = new Dec(10).pow(-(value.split(".")[1]?.length ?? 0));
  return new Dec(value).plus(step.times(how % 2 === 0 ? 1 + how : -(1 + how))).toFixed(value.split(".")[1]?.length ?? 0);
}

function copyWith(changes: ReadonlyMap<string, FigureField>): PublishedFigures {
  const copy: Record<string, FigureValue> = {};
  for (const [figure, value] of Object.entries(golden.figures)) {
    if (typeof value === "string") {
      const change = changes.get(`${figure}|`);
      copy[figure] = change === undefined ? value : String(change);
    } else {
      const fields: Record<string, FigureField> = {};
      for (const [field, fieldValue] of Object.entries(value)) {
        const change = changes.get(`${figure}|${field}`);
        fields[field] = change === undefined ? fieldValue : change;
      }
      copy[figure] = fields;
    }
  }
  return copy;
}

describe("the narrative check", () => {
  it("finds nothing to flag in the published narrative of the reference department", () => {
    const read = readPublishedFigures(golden);
    expect(read.ok).toBe(true);
    if (read.ok) expect(checkNarrative(read.value, computed)).toEqual([]);
  });

  it("flags every altered figure of a copy of the golden narrative, with both values, and nothing else (property)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: leaves.length - 1 }), { minLength: 1, maxLength: 12 }), fc.nat(5), (picked, how) => {
        const changes = new Map<string, FigureField>();
        for (const index of picked) {
          const [figure, field] = leaves[index] ?? ["", null];
          const original = field === null ? (golden.figures[figure] as string) : ((golden.figures[figure] as Record<string, FigureField>)[field] ?? null);
          changes.set(`${figure}|${field ?? ""}`, altered(original, how));
        }
        const differences = checkNarrative(copyWith(changes), computed);
        expect(differences.map((d) => `${d.figure}|${d.field ?? ""}`).sort()).toEqual([...changes.keys()].sort());
        for (const d of differences) {
          expect(d.published).toEqual(changes.get(`${d.figure}|${d.field ?? ""}`));
          const value = computed.figures[d.figure];
          expect(d.computed).toEqual(typeof value === "string" ? value : value?.[d.field ?? ""]);
        }
      }),
      RUNS,
    );
  });

  it("flags a share printed wrong and a rate truncated instead of rounded", () => {
    const copy = copyWith(new Map<string, FigureField>([["threePublic.vehicles|share", "80.7"], ["income.institutional|rate", "4.9"], ["adminOperating|rate", "10.07"]]));
    expect(checkNarrative(copy, computed)).toEqual([
      { figure: "income.institutional", field: "rate", published: "4.9", computed: "4.8" },
      { figure: "threePublic.vehicles", field: "share", published: "80.7", computed: "80.6" },
      { figure: "adminOperating", field: "rate", published: "10.07", computed: "10.08" },
    ]);
  });

  it("reads amounts as numbers: 745.4 and 745.40 agree, 0 and null do not", () => {
    expect(sameFigure("745.4", "745.40")).toBe(true);
    expect(sameFigure("1,060.37", "1060.37")).toBe(true);
    expect(sameFigure("98.00", "98")).toBe(true);
    expect(sameFigure("0", null)).toBe(false);
    expect(sameFigure(null, null)).toBe(true);
    expect(sameFigure(17, 17)).toBe(true);
    expect(sameFigure("--", null)).toBe(false);
  });

  it("flags a printed figure the events do not give", () => {
    const copy = { ...golden.figures, "income.lottery": "5.00" } as PublishedFigures;
    expect(checkNarrative(copy, computed)).toEqual([{ figure: "income.lottery", field: null, published: "5.00", computed: undefined }]);
  });

  it("refuses a narrative that is not of the narrative shape, naming where", () => {
    expect(readPublishedFigures([])).toEqual({ ok: false, problems: [{ path: "figures", message: "a narrative is an object with a figures object" }] });
    const result = readPublishedFigures({ figures: { "income.total": 18758.5, "income.other": { rate: [1] } } });
    expect(result.ok ? [] : result.problems.map((problem) => problem.path)).toEqual(["figures.income.total", "figures.income.other.rate"]);
  });
});
