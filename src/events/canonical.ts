/**
 * The canonical serialisation of an event: JSON with object keys sorted at
 * every depth and no whitespace. Two events are the same fact exactly when
 * their canonical forms are equal; a hash chain over stored events hashes
 * this text.
 *
 * @module
 */

/**
 * Serialises a JSON value canonically (keys sorted, no whitespace).
 *
 * @param value - a JSON-compatible value (no undefined inside arrays)
 * @returns the canonical JSON text
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((key) => record[key] !== undefined).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(",")}}`;
}
