/**
 * The canonical serialisation of an event: JSON with object keys sorted at
 * every depth and no whitespace. Two events are the same fact exactly when
 * their canonical forms are equal; a hash chain over stored events hashes
 * this text.
 *
 * A store writes one canonical text per stored event, so it is built fast:
 * JSON.stringify over a copy whose keys are inserted in sorted order (each
 * key order met sorted once, and found again by comparing key lists). Objects with index-like keys, which
 * JSON.stringify would write first whatever their order, take the plain
 * recursive definition ({@link canonicalJsonByDefinition}).
 *
 * @module
 */

/** A key order met before, and its keys sorted (null for keys JSON.stringify would reorder). */
interface Shape {
  readonly keys: readonly string[];
  readonly sorted: readonly string[] | null;
}

/**
 * Key orders met, by their first key (events of a type share one or two
 * orders). A lookup compares an object's keys with each remembered order of
 * its first key, element by element — cheaper than building a text of the
 * keys to look up by.
 */
const shapesByFirstKey = new Map<string | undefined, Shape[]>();

/** Keys an object keeps first, in numeric order, whatever their insertion order: array indexes. */
const INDEX_KEY = /^(?:0|[1-9]\d*)$/;

/** Most distinct key orders remembered (bounded: the input is external). */
const SHAPES_MAX = 4_096;

/** Most key orders remembered under one first key (a lookup walks them). */
const SHAPES_PER_KEY_MAX = 64;

/** Key orders remembered so far. */
let shapes = 0;

/** Whether two key lists are the same, in the same order. */
function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sortedKeys(record: Record<string, unknown>): readonly string[] | null {
  const keys = Object.keys(record);
  const known = shapesByFirstKey.get(keys[0]);
  if (known !== undefined) {
    for (const shape of known) if (sameKeys(shape.keys, keys)) return shape.sorted;
  }
  const sorted = keys.some((key) => INDEX_KEY.test(key)) ? null : [...keys].sort();
  if (shapes < SHAPES_MAX && (known?.length ?? 0) < SHAPES_PER_KEY_MAX) {
    shapes += 1;
    if (known === undefined) shapesByFirstKey.set(keys[0], [{ keys, sorted }]);
    else known.push({ keys, sorted });
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
 * Serialises a JSON value canonically (keys sorted, no whitespace).
 *
 * @param value - a JSON-compatible value (no undefined inside arrays)
 * @returns the canonical JSON text
 */
export function canonicalJson(value: unknown): string {
  try {
    return JSON.stringify(sortedCopy(value)) ?? "null";
  } catch (error) {
    if (error !== REORDERED) throw error;
    return canonicalJsonByDefinition(value);
  }
}

/**
 * The canonical text by its definition: each object's keys sorted, each
 * value serialised the same way. Slower than {@link canonicalJson}, which
 * gives the same text.
 *
 * @param value - a JSON-compatible value (no undefined inside arrays)
 * @returns the canonical JSON text
 */
export function canonicalJsonByDefinition(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJsonByDefinition).join(",")}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((key) => record[key] !== undefined).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJsonByDefinition(record[key])}`).join(",")}}`;
}
