// The pure TypeScript SHA-256 and the fast canonical serialiser, each against its reference (node:crypto's digest,
// canonicalJson's text), and the adapters' one-shot digest against the pure one; fixed vectors and generated inputs (seeded).
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chainHash, GENESIS_HASH } from "../../src/store/chain.js";
import { nodeSha256 } from "../../src/store/nodeSha256.js";
import { sha256Bytes, sha256Hex } from "../../src/store/sha256.js";

const SEED = 20201231;
const nodeSha = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

describe("sha256Hex", () => {
  it("gives the FIPS 180-4 digests of the standard vectors", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    expect(sha256Hex("a".repeat(1_000_000))).toBe("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  });

  it("agrees with node:crypto on any text, across the padding boundaries and in every script (property)", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
      expect(sha256Hex(text)).toBe(nodeSha(text));
    }), { seed: SEED, numRuns: 500 });
    for (let length = 50; length <= 130; length++) expect(sha256Hex("x".repeat(length))).toBe(nodeSha("x".repeat(length)));
    expect(sha256Hex("财政拨款收入\u{1F600}\uD800")).toBe(nodeSha("财政拨款收入\u{1F600}\uD800"));
  });

  it("gives the digests the database adapters give (their node:crypto one-shot), lone surrogates included (property)", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
      expect(nodeSha256(text)).toBe(sha256Hex(text));
    }), { seed: SEED, numRuns: 500 });
    expect(nodeSha256("\uDC00a\uD800")).toBe(sha256Hex("\uDC00a\uD800"));
    expect(nodeSha256("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("hashes bytes as node:crypto does", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(Buffer.from(sha256Bytes(bytes)).toString("hex")).toBe(createHash("sha256").update(bytes).digest("hex"));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("chains: hash(n) = SHA-256(hash(n − 1) + LF + body), from 64 zeros", () => {
    expect(GENESIS_HASH).toBe("0".repeat(64));
    const first = chainHash(GENESIS_HASH, '{"a":1}');
    expect(first).toBe(nodeSha(`${"0".repeat(64)}\n{"a":1}`));
    expect(chainHash(first, "{}", nodeSha)).toBe(nodeSha(`${first}\n{}`));
  });
});
