/**
 * Structural equality of validated events: the same fact exactly when every
 * field is equal, at every depth, whatever the order of the keys. Agrees
 * with comparing canonical serialisations, without building them.
 *
 * @module
 */

/**
 * Whether two JSON-compatible values are equal field by field.
 *
 * @param a - a value
 * @param b - another value
 * @returns whether they are the same JSON value (key order ignored)
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let count = 0;
  for (const key in left) {
    if (left[key] === undefined) continue;
    count += 1;
    if (!sameJson(left[key], right[key])) return false;
  }
  for (const key in right) if (right[key] !== undefined) count -= 1;
  return count === 0;
}
