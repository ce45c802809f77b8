/**
 * SHA-256 (FIPS 180-4) in plain TypeScript, for the hash chain of stores
 * that run without Node (the in-memory store, a browser). Adapters that run
 * on Node hash with node:crypto, which gives the same digests.
 *
 * @module
 */

/** The first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** The first 32 bits of the fractional parts of the square roots of the first 8 primes. */
const INITIAL: readonly number[] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

const encoder = new TextEncoder();
const schedule = new Int32Array(64);
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));
/** The running state of {@link digestInto}. */
const words = new Int32Array(8);

/**
 * Hashes `length` bytes of `padded` (room for the padding after them, and
 * zeros there) into {@link words}.
 */
function digestInto(padded: Uint8Array, length: number): number {
  // Message, 0x80, zeros, then the bit length in 64 bits: a multiple of 64 bytes.
  const total = (((length + 8) >>> 6) + 1) << 6;
  padded.fill(0, length, total);
  padded[length] = 0x80;
  const bits = length * 8;
  const high = Math.floor(bits / 0x1_0000_0000);
  for (let i = 0; i < 4; i++) {
    padded[total - 8 + i] = (high >>> (24 - 8 * i)) & 0xff;
    padded[total - 4 + i] = (bits >>> (24 - 8 * i)) & 0xff;
  }
  for (let i = 0; i < 8; i++) words[i] = INITIAL[i] as number;
  const w = schedule;
  for (let offset = 0; offset < total; offset += 64) {
    for (let t = 0; t < 16; t++) {
      const at = offset + t * 4;
      w[t] = ((padded[at] as number) << 24) | ((padded[at + 1] as number) << 16) | ((padded[at + 2] as number) << 8) | (padded[at + 3] as number);
    }
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15] as number;
      const y = w[t - 2] as number;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[t] = ((w[t - 16] as number) + s0 + (w[t - 7] as number) + s1) | 0;
    }
    let a = words[0] as number, b = words[1] as number, c = words[2] as number, d = words[3] as number;
    let e = words[4] as number, f = words[5] as number, g = words[6] as number, h = words[7] as number;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + (K[t] as number) + (w[t] as number)) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    words[0] = (words[0] as number) + a;
    words[1] = (words[1] as number) + b;
    words[2] = (words[2] as number) + c;
    words[3] = (words[3] as number) + d;
    words[4] = (words[4] as number) + e;
    words[5] = (words[5] as number) + f;
    words[6] = (words[6] as number) + g;
    words[7] = (words[7] as number) + h;
  }
  return total;
}

/** Room for a padded message. */
const paddedLength = (length: number): number => (((length + 8) >>> 6) + 1) << 6;

/**
 * SHA-256 of bytes.
 *
 * @param message - the bytes
 * @returns the 32-byte digest
 */
export function sha256Bytes(message: Uint8Array): Uint8Array {
  const padded = new Uint8Array(paddedLength(message.length));
  padded.set(message);
  digestInto(padded, message.length);
  const digest = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const word = words[i] as number;
    digest[i * 4] = word >>> 24;
    digest[i * 4 + 1] = (word >>> 16) & 0xff;
    digest[i * 4 + 2] = (word >>> 8) & 0xff;
    digest[i * 4 + 3] = word & 0xff;
  }
  return digest;
}

/** A reused buffer for the UTF-8 of texts being hashed. */
let buffer = new Uint8Array(4096);

/**
 * SHA-256 of a string's UTF-8 encoding, in lowercase hex.
 *
 * @param text - the text (lone surrogates are encoded as U+FFFD, as TextEncoder does)
 * @returns 64 hex digits
 *
 * @example
 * ```ts
 * sha256Hex("abc"); // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 * ```
 */
export function sha256Hex(text: string): string {
  // A UTF-16 code unit takes at most 3 bytes of UTF-8.
  const room = paddedLength(text.length * 3);
  if (buffer.length < room) buffer = new Uint8Array(room);
  const { written } = encoder.encodeInto(text, buffer);
  digestInto(buffer, written);
  let hex = "";
  for (let i = 0; i < 8; i++) {
    const word = words[i] as number;
    hex += (HEX[word >>> 24] as string) + (HEX[(word >>> 16) & 0xff] as string) + (HEX[(word >>> 8) & 0xff] as string) + (HEX[word & 0xff] as string);
  }
  return hex;
}
