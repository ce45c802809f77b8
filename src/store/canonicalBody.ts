/**
 * The canonical JSON of an event, written fast: the same text as
 * {@link canonicalJson} (keys sorted at every depth, no whitespace), built by
 * JSON.stringify over a copy whose keys are inserted in sorted order (each
 * object shape's order sorted once).
 * A store writes one body per stored event, so this is on the append path.
 *
 * @module
 */

import { canonicalJson } from "../events/canonical.js";

/** Sorted keys by the object's own key order (events of a type share one or two orders); null for keys JSON.stringify would reorder. */
const sortedKeysOf = new Map<string, readonly string[] | null>();

/** Keys an object keeps first, in numeric order, whatever their insertion order: array indexes. */
const INDEX_KEY = /^(?:0|[1-9]\d*)$/;

/** Most distinct key orders remembered (bounded: the input is external). */
const SHAPES_MAX = 4_096;

function sortedKeys(record: Record<string, unknown>): readonly string[] | null {
  const keys = Object.keys(record);
  // Each key length-prefixed, so different key lists never share a shape.
  let shape = "";
  for (const key of keys) shape += `${key.length}:${key}`;
  let sorted = sortedKeysOf.get(shape);
  if (sorted === undefined) {
    sorted = keys.some((key) => INDEX_KEY.test(key)) ? null : [...keys].sort();
    if (sortedKeysOf.size < SHAPES_MAX) sortedKeysOf.set(shape, sorted);
  }
  return sorted;
}

/** Thrown inside {@link sortedCopy} for an object with index-like keys: the slow path serialises it. */
const REORDERED = new Error("index-like keys");

/** A copy of a JSON value whose objects have their keys inserted in sorted order (undefined fields left out). */
function sortedCopy(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(sortedCopy);
  const record = value as Record<string, unknown>;
  const keys = sortedKeys(record);
  if (keys === null) throw REORDERED;
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    const field = record[key];
    if (field !== undefined) copy[key] = typeof field === "object" && field !== null ? sortedCopy(field) : field;
  }
  return copy;
}

/**
 * Serialises a JSON value canonically: exactly {@link canonicalJson}'s text.
 * JSON.stringify writes keys in insertion order, so a copy with sorted keys
 * (objects of one shape share one sorted order) serialises canonically.
 *
 * @param value - a JSON-compatible value (no undefined inside arrays)
 * @returns the canonical JSON text
 */
export function canonicalBody(value: unknown): string {
  try {
    return JSON.stringify(sortedCopy(value)) ?? "null";
  } catch (error) {
    if (error !== REORDERED) throw error;
    return canonicalJson(value);
  }
}
