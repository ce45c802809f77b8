/**
 * The ids a synthetic ledger gives its events. A store's cost of an id
 * depends on its shape: ids in random order (UUID v4) land all over the
 * store's index of ids, ids in time order (UUID v7, a sequence) at its end,
 * so the generator can make each, to measure and to test with what a
 * service would send.
 *
 * Every style is deterministic (the same seed and index give the same id),
 * unique within a run, and draws nothing from the ledger's random stream:
 * a ledger is the same whatever its ids look like.
 *
 * @module
 */
/**
 * How a generated ledger names its events:
 * - `"sequence"` — `g{seed}-{index}` (`g1-0`, `g1-1`, …): short, and in
 *   order by number but not as text (`g1-10` sorts before `g1-2`);
 * - `"random"` — UUID version 4 form, in no order;
 * - `"timeOrdered"` — UUID version 7 form, the index in the place of the
 *   timestamp, so the ids sort as text in the order they were made.
 */
export type IdStyle = "sequence" | "random" | "timeOrdered";

/** Every {@link IdStyle}, in the order the docs list them. */
export const ID_STYLES: readonly IdStyle[] = ["sequence", "random", "timeOrdered"];

/** 2^32, to split an index into two 32-bit halves. */
const TWO_32 = 4_294_967_296;

/** A 32-bit mix (the finaliser of MurmurHash3): every input bit moves every output bit. */
function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** `value` in `digits` lowercase hex digits (its low 4 × `digits` bits). */
function hex(value: number, digits: number): string {
  return (value >>> 0).toString(16).padStart(8, "0").slice(8 - digits);
}

/**
 * A keyed permutation of 64-bit values (four Feistel rounds over two 32-bit
 * halves): distinct inputs give distinct outputs, whatever the round
 * function, so the indexes of a run map to distinct, scattered values.
 */
function scatter(high: number, low: number, keys: readonly number[]): [number, number] {
  let left = high >>> 0;
  let right = low >>> 0;
  for (const key of keys) [left, right] = [right, (left ^ mix32(right ^ key)) >>> 0];
  return [left, right];
}

/**
 * The namer of one generation run: the id of the event at each index.
 *
 * @param style - the ids' shape
 * @param seed - the run's seed (the ids of a seed differ from those of another)
 * @returns a function from an event's index in the log (0, 1, …; below
 *   2^48 for `"timeOrdered"`) to its id
 */
export function idNamer(style: IdStyle, seed: number): (index: number) => string {
  const whole = Math.trunc(seed);
  if (style === "sequence") return (index) => `g${whole}-${index}`;
  const fillKey = mix32(whole ^ 0x5bd1e995);
  // The digits a UUID form has beyond its unique ones: the k-th 32 bits of filler of an index (of its low 32 bits).
  const filler = (index: number, k: number): number => mix32(mix32((index >>> 0) ^ fillKey) ^ Math.imul(k + 1, 0x27d4eb2f));
  // The variant field: binary 10 and two bits of filler (8, 9, a or b).
  const variant = (bits: number): string => (8 + (bits & 3)).toString(16);
  if (style === "timeOrdered") {
    return (index) => {
      const [f, g, h] = [filler(index, 0), filler(index, 1), filler(index, 2)];
      return `${hex(Math.floor(index / 65_536), 8)}-${hex(index & 0xffff, 4)}-7${hex(f, 3)}-${variant(f >>> 12)}${hex(f >>> 16, 3)}-${hex(g, 4)}${hex(h, 8)}`;
    };
  }
  const keys = [0, 1, 2, 3].map((round) => mix32(whole + Math.imul(round + 1, 0x9e3779b9)));
  return (index) => {
    // The 64 scattered bits fill the first 15 hex digits and one after the variant: unique per index.
    const [a, b] = scatter(Math.floor(index / TWO_32), index, keys);
    const [f, g] = [filler(index, 0), filler(index, 1)];
    return `${hex(a, 8)}-${hex(b >>> 16, 4)}-4${hex(b >>> 4, 3)}-${variant(f)}${hex(b, 1)}${hex(f >>> 2, 2)}-${hex(f >>> 10, 4)}${hex(g, 8)}`;
  };
}
