/**
 * A small seeded pseudo-random generator (mulberry32) for synthetic ledgers.
 *
 * Deterministic: the same seed gives the same sequence on every platform,
 * because it uses only 32-bit integer arithmetic (`Math.imul`, `>>>`). It
 * holds its state in a closure, never in a module-level singleton, and never
 * calls `Math.random`. It is not a cryptographic generator.
 *
 * @module
 */

/** A seeded source of pseudo-random numbers. */
export interface Random {
  /** The next number in [0, 1), with 32 bits of randomness. */
  next(): number;
  /**
   * An integer from `min` to `max`, both inclusive.
   *
   * @param min - the smallest result
   * @param max - the largest result (at least `min`; the span at most 2^32)
   */
  integer(min: number, max: number): number;
  /**
   * True with probability `probability`.
   *
   * @param probability - from 0 (never) to 1 (always)
   */
  chance(probability: number): boolean;
  /**
   * One element of a non-empty array, uniformly.
   *
   * @param items - the choices
   * @throws Error when `items` is empty (a programmer error)
   */
  pick<T>(items: readonly T[]): T;
  /**
   * An integer from `min` to `max`, log-uniformly: each decade between them is
   * as likely as any other, as amounts of money are.
   *
   * @param min - the smallest result, at least 1
   * @param max - the largest result, at least `min`
   */
  logUniform(min: number, max: number): number;
}

/**
 * Creates a seeded generator (mulberry32).
 *
 * @param seed - any number; only its low 32 bits (as an unsigned integer) count
 * @returns a generator whose sequence depends on the seed alone
 *
 * @example
 * ```ts
 * const random = createRandom(42);
 * random.integer(1, 6); // the same die roll on every run
 * ```
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const integer = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    integer,
    chance: (probability) => next() < probability,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error("pick: no items to choose from");
      return items[Math.floor(next() * items.length)] as T;
    },
    logUniform(min, max) {
      const low = Math.log(min);
      const value = Math.floor(Math.exp(low + next() * (Math.log(max + 1) - low)));
      return Math.min(max, Math.max(min, value));
    },
  };
}
