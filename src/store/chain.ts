/**
 * The hash chain over a store's events: the hash at position n is the
 * SHA-256 of the hash at n − 1 (64 zeros before the first event), a line
 * feed, and the event's canonical JSON — so a changed, removed, inserted or
 * moved event changes every hash from its position on.
 *
 * @module
 */
import { sha256Hex } from "./sha256.js";
import { GENESIS_HASH } from "./types.js";

/** A SHA-256 of a string's UTF-8, as 64 lowercase hex digits. */
export type Sha256 = (text: string) => string;

/**
 * The chain hash at a position.
 *
 * @param previous - the hash at the previous position ({@link GENESIS_HASH} before the first)
 * @param body - the event's canonical JSON
 * @param sha256 - the hash function (the pure TypeScript one by default)
 * @returns 64 hex digits
 */
export function chainHash(previous: string, body: string, sha256: Sha256 = sha256Hex): string {
  return sha256(`${previous}\n${body}`);
}

export { GENESIS_HASH };
