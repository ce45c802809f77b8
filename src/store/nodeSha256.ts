/**
 * SHA-256 by node:crypto, for the adapters that run on Node (SQLite,
 * PostgreSQL): the same digests as the plain TypeScript one in
 * `sha256.ts`, several times faster. Kept out of the core entry, which runs
 * without Node too.
 *
 * @module
 */
import * as crypto from "node:crypto";

/** `crypto.hash`, Node's one-shot digest (20.12 on). */
type OneShot = (algorithm: string, data: string, encoding: "hex") => string;

const oneShot = (crypto as unknown as { hash?: OneShot }).hash;

/**
 * The SHA-256 of a string's UTF-8, as 64 lowercase hex digits: the one-shot
 * `crypto.hash` where Node has it, else a Hash object.
 *
 * @param text - the text
 * @returns 64 hex digits
 */
export const nodeSha256: (text: string) => string =
  typeof oneShot === "function"
    ? (text) => oneShot("sha256", text, "hex")
    : (text) => crypto.createHash("sha256").update(text, "utf8").digest("hex");
