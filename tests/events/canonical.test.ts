// Checks canonicalJson: keys sorted at every depth, undefined fields dropped, no whitespace, equal text exactly for equal JSON values (properties).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, canonicalJsonByDefinition } from "../../src/events/canonical.js";
import { generateLedger } from "../../src/generate/index.js";
import { receipt, reversal } from "../support/fixtures.js";

const SEED = 20201231;

/** The same value with object keys in reverse insertion order, at every depth. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reverseKeys(inner)]));
}

describe("canonicalJson", () => {
  it("sorts keys at every depth and writes no whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: null }], c: "x" } })).toBe('{"a":{"c":"x","d":[1,{"y":null,"z":0}]},"b":1}');
  });

  it("drops undefined fields of objects", () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
    expect(canonicalJson({ ...receipt(), memo: undefined })).toBe(canonicalJson(receipt()));
  });

  it("writes scalars as JSON does", () => {
    expect(canonicalJson(null)).toBe("null");
    expect(canonicalJson("收入")).toBe('"收入"');
    expect(canonicalJson(-5)).toBe("-5");
    expect(canonicalJson(true)).toBe("true");
    expect(canonicalJson(undefined)).toBe("null");
  });

  it("gives an event and its key-permuted copy the same text, nested reverses included", () => {
    const event = reversal(receipt());
    expect(canonicalJson(reverseKeys(event))).toBe(canonicalJson(event));
  });

  it("is independent of key order and parses back to an equal value (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(reverseKeys(value))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("gives different text to values that differ (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const sameJson = JSON.stringify(JSON.parse(canonicalJson(a))) === JSON.stringify(JSON.parse(canonicalJson(b)));
        expect(canonicalJson(a) === canonicalJson(b)).toBe(sameJson);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe("canonicalJson, built fast, against its definition", () => {
  it("writes exactly the defined text for generated events", () => {
    for (const event of generateLedger({ events: 3_000, seed: 9, units: 4, years: 3 })) expect(canonicalJson(event)).toBe(canonicalJsonByDefinition(event));
  });

  it("writes exactly the defined text for any JSON value, index-like keys and undefined fields included (property)", () => {
    const withUndefined = fc.dictionary(fc.string({ maxLength: 4 }), fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }));
    fc.assert(fc.property(fc.oneof(fc.jsonValue(), withUndefined), (value) => {
      expect(canonicalJson(value)).toBe(canonicalJsonByDefinition(value));
    }), { seed: 20201231, numRuns: 500 });
    const mixed = { b: 1, 10: "x", 2: "y", a: [undefined, { d: undefined, c: 1 }] };
    expect(canonicalJson(mixed)).toBe(canonicalJsonByDefinition(mixed));
  });

  it("writes the defined text past the key orders it remembers: many under one first key, more than its bound in all", () => {
    // 100 orders start with "id" (more than are kept under one key); 5,000 start with keys of their own.
    const sameFirst = Array.from({ length: 100 }, (_, i) => Object.fromEntries([["id", i], [`k${i}`, 1], ["a", 2], [`b${i % 7}`, 3]]));
    const distinct = Array.from({ length: 5_000 }, (_, i) => Object.fromEntries([[`first${i}`, i], ["z", 1], ["m", [i]]]));
    for (const value of [...sameFirst, ...distinct, ...sameFirst]) expect(canonicalJson(value)).toBe(canonicalJsonByDefinition(value));
  });
});
