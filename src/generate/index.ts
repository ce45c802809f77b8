/**
 * Synthetic ledgers for benchmarks and property tests: a seeded generator of
 * valid, realistic event logs.
 *
 * @module
 */
export { generateLedger } from "./generate.js";
export type { GenerateOptions } from "./generate.js";
export { ID_STYLES } from "./ids.js";
export type { IdStyle } from "./ids.js";
export { createRandom } from "./random.js";
export type { Random } from "./random.js";
