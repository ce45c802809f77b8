// The snapshot form of an aggregate: an exact round trip (cells, order, sums, units, closed years) whose rebuilt
// index folds further events exactly as the original would; malformed texts are refused with AggregateFormatError.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateLedger } from "../../src/generate/index.js";
import { aggregateEvents, applyEvent, emptyAggregate, type Aggregate } from "../../src/projections/aggregate.js";
import { AggregateFormatError, PROJECTION_VERSION, deserializeAggregate, packAggregate, serializeAggregate, unpackAggregate } from "../../src/projections/serialize.js";
import { checksumOf, decodeSnapshot, encodeSnapshot } from "../../src/store/snapshot.js";
import { everyFact } from "../support/facts.js";
import { busyLedger } from "../support/fixtures.js";

const SEED = 20201231;
const plain = (aggregate: Aggregate): unknown =>
  JSON.parse(JSON.stringify(aggregate, (_key, value: unknown) => (value instanceof Map ? [...value] : value instanceof Set ? [...value] : value)));

/** The two forms of an aggregate: the text of serializeAggregate and the packed parts of snapshots. */
const FORMS = [
  { name: "text", roundTrip: (aggregate: Aggregate): Aggregate => deserializeAggregate(serializeAggregate(aggregate)) },
  { name: "packed", roundTrip: (aggregate: Aggregate): Aggregate => unpackAggregate(packAggregate(aggregate)) },
] as const;

describe.each(FORMS)("the $name form of an aggregate", ({ roundTrip }) => {
  it("round-trips generated aggregates exactly, and the restored one folds the rest of the log as the original does (property)", () => {
    fc.assert(
      fc.property(fc.record({ events: fc.integer({ min: 1, max: 800 }), seed: fc.integer(), units: fc.integer({ min: 1, max: 5 }), years: fc.integer({ min: 1, max: 3 }) }), fc.nat(), (options, cutAt) => {
        const events = generateLedger(options);
        const cut = cutAt % (events.length + 1);
        const head = aggregateEvents(events.slice(0, cut));
        const restored = roundTrip(head);
        expect(plain(restored)).toEqual(plain(head));
        for (const event of events.slice(cut)) {
          applyEvent(head, event);
          applyEvent(restored, event);
        }
        expect(plain(restored)).toEqual(plain(head));
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
});

describe("serializeAggregate / deserializeAggregate", () => {
  it("round-trips every kind of cell: reported facts, evaluations, goals and indicators, nulls and zero sums", () => {
    const ledger = busyLedger();
    ledger.append(everyFact());
    const aggregate = ledger.aggregate();
    expect(plain(deserializeAggregate(serializeAggregate(aggregate)))).toEqual(plain(aggregate));
    expect(plain(deserializeAggregate(serializeAggregate(emptyAggregate())))).toEqual(plain(emptyAggregate()));
  });

  it("refuses texts that are not of its format, naming why", () => {
    const good = JSON.parse(serializeAggregate(busyLedger().aggregate())) as unknown[];
    expect(() => deserializeAggregate("{")).toThrow(AggregateFormatError);
    expect(() => deserializeAggregate('["other/1", [], [], []]')).toThrow(/format/);
    const badString = structuredClone(good) as [string, string[], number[], unknown[]];
    badString[2][0] = 9_999;
    expect(() => deserializeAggregate(JSON.stringify(badString))).toThrow(/string 9999 is missing/);
    const badLength = structuredClone(good) as [string, string[], number[], unknown[][][]];
    (badLength[3][0] as unknown[][])[1]?.push(1);
    expect(() => deserializeAggregate(JSON.stringify(badLength))).toThrow(/wrong length/);
    expect(PROJECTION_VERSION).toBeGreaterThanOrEqual(1);
  });
});

describe("packAggregate / unpackAggregate", () => {
  it("round-trips every kind of cell, and refuses a layout that does not fit its numbers", () => {
    const ledger = busyLedger();
    ledger.append(everyFact());
    const packed = packAggregate(ledger.aggregate());
    expect(plain(unpackAggregate(packed))).toEqual(plain(ledger.aggregate()));
    expect(plain(unpackAggregate(packAggregate(emptyAggregate())))).toEqual(plain(emptyAggregate()));
    expect(() => unpackAggregate({ ...packed, layout: packed.layout.slice(1) })).toThrow(/fifteen numbers a year/);
    expect(() => unpackAggregate({ ...packed, numbers: packed.numbers.subarray(1) })).toThrow(/runs past its numbers/);
    expect(() => unpackAggregate({ ...packed, numbers: Float64Array.from([...packed.numbers, 0]) })).toThrow(/does not place/);
    expect(() => unpackAggregate({ ...packed, numbers: packed.numbers.map((n, i) => (i === 0 ? 9_999 : n)) })).toThrow(/string 9999 is missing/);
    expect(() => unpackAggregate({ ...packed, numbers: packed.numbers.map((n, i) => (i === 4 ? Number.NaN : n)) })).toThrow(/a number is missing/);
  });
});

describe("snapshot data", () => {
  const aggregate = busyLedger().aggregate();
  const memo = { reversed: ["a", "b"], openings: [["office", 2020, 1]] as [string, number, number][] };
  const good = encodeSnapshot(aggregate, memo);
  const view = new DataView(good.buffer, good.byteOffset, good.byteLength);
  const tag = "fundledger-snapshot/2\n".length;
  const headLength = view.getUint32(tag, true);
  const reversedLength = view.getUint32(tag + 4, true);
  /** Where the head starts: after the tag, two lengths and the checksum. */
  const partsAt = tag + 12;
  /** The good data with its head or its list of reversed ids replaced by other JSON text (their checksum kept right). */
  const withParts = (head: string | undefined, reversed: string | undefined): Uint8Array => {
    const encoder = new TextEncoder();
    const headBytes = head === undefined ? good.subarray(partsAt, partsAt + headLength) : encoder.encode(head);
    const reversedBytes = reversed === undefined ? good.subarray(partsAt + headLength, partsAt + headLength + reversedLength) : encoder.encode(reversed);
    const numbers = good.subarray(partsAt + headLength + reversedLength);
    const numbersAt = partsAt + headBytes.length + reversedBytes.length;
    const bytes = new Uint8Array(numbersAt + numbers.length);
    const lengths = new DataView(bytes.buffer);
    bytes.set(good.subarray(0, tag), 0);
    lengths.setUint32(tag, headBytes.length, true);
    lengths.setUint32(tag + 4, reversedBytes.length, true);
    lengths.setUint32(tag + 8, checksumOf(reversedBytes), true);
    bytes.set(headBytes, partsAt);
    bytes.set(reversedBytes, partsAt + headBytes.length);
    bytes.set(numbers, numbersAt);
    return bytes;
  };

  it("keeps the state's memo beside the aggregate, exactly", () => {
    const decoded = decodeSnapshot(good);
    expect(decoded.memo.reversed).toEqual(memo.reversed);
    expect(decoded.memo.openings).toEqual(memo.openings);
    expect(plain(decoded.aggregate)).toEqual(plain(aggregate));
    // Rebuilt by hand, the parts give the same snapshot (the test's reading of the layout is the module's).
    expect(withParts(undefined, undefined)).toEqual(good);
  });

  it("refuses data of another format, damaged lengths and a damaged head, naming why", () => {
    expect(() => decodeSnapshot(new TextEncoder().encode("not a snapshot"))).toThrow(/not a snapshot of format fundledger-snapshot\/2/);
    const text = `["fundledger-snapshot/1",[],[]]\n${serializeAggregate(aggregate)}`;
    expect(() => decodeSnapshot(new TextEncoder().encode(text))).toThrow(AggregateFormatError);
    const longer = good.slice();
    new DataView(longer.buffer).setUint32(tag, good.length, true);
    expect(() => decodeSnapshot(longer)).toThrow(/lengths do not fit/);
    expect(() => decodeSnapshot(good.subarray(0, partsAt + headLength + reversedLength - 1))).toThrow(/lengths do not fit/);
    // Reversed ids changed behind the checksum's back make the snapshot unusable at once.
    const tampered = good.slice();
    tampered[partsAt + headLength + 1] = 0x21;
    expect(() => decodeSnapshot(tampered)).toThrow(/do not match their checksum/);
    expect(() => decodeSnapshot(withParts("not json", undefined))).toThrow(/head is not JSON/);
    expect(() => decodeSnapshot(withParts("[1, 2]", undefined))).toThrow(/head is \[openings, strings, layout\]/);
    expect(() => decodeSnapshot(withParts('[[["u", 2020]], [], [0]]', undefined))).toThrow(/openings/);
    expect(() => decodeSnapshot(withParts('[[], [], [0, 2020]]', undefined))).toThrow(/fifteen numbers a year/);
  });

  it("writes each number in as few bytes as it needs, exactly, and refuses damaged numbers", () => {
    // The busy ledger's aggregate holds sums of fen, negative sums, string numbers, counts and nulls (−1).
    const numbersAt = partsAt + headLength + reversedLength;
    const packed = packAggregate(aggregate);
    expect(packed.numbers.some((n) => n < 0)).toBe(true);
    expect(good.length - numbersAt).toBeLessThan(packed.numbers.length * 4);
    // Every extreme of a number survives the trip: here as a unit's year, which no check of the form reads.
    const withYear = (year: number): Aggregate => ({
      units: new Map([["u", { id: "u", name: "n", kind: "administrative" as const, parent: null, year }]]),
      years: new Map(),
    });
    for (const value of [0, -1, 31, 32, -4_095, 4_096, 2 ** 31, -(2 ** 32), Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 99.5, -0.25, 1e21]) {
      expect(decodeSnapshot(encodeSnapshot(withYear(value), memo)).aggregate.units.get("u")?.year).toBe(value);
    }
    // Damaged numbers: cut inside a number, an unknown mark, a number past the safe integers.
    const withNumbers = (bytes: readonly number[]): Uint8Array => {
      const data = new Uint8Array(numbersAt + bytes.length);
      data.set(good.subarray(0, numbersAt), 0);
      data.set(bytes, numbersAt);
      return data;
    };
    expect(() => decodeSnapshot(withNumbers([0x80]))).toThrow(/end inside one/);
    expect(() => decodeSnapshot(withNumbers([0x01, 0, 0]))).toThrow(/end inside one/);
    expect(() => decodeSnapshot(withNumbers([0x05]))).toThrow(/unknown mark 5/);
    expect(() => decodeSnapshot(withNumbers([0xfc, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]))).toThrow(/beyond the safe integers/);
    expect(() => decodeSnapshot(withNumbers([0xfc, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]))).toThrow(/end inside one/);
    // Whole numbers that are not the layout's count are refused by the layout.
    expect(() => decodeSnapshot(withNumbers([0x04, 0x08]))).toThrow(AggregateFormatError);
  });

  it("reads the reversed ids when first asked for, refusing a damaged list then", () => {
    const notJson = decodeSnapshot(withParts(undefined, "[oops"));
    expect(plain(notJson.aggregate)).toEqual(plain(aggregate));
    expect(() => notJson.memo.reversed).toThrow(/reversed ids is not JSON/);
    expect(() => decodeSnapshot(withParts(undefined, "[1]")).memo.reversed).toThrow(/reversed ids are strings/);
    const lazy = decodeSnapshot(withParts(undefined, '["x", "y", "z"]'));
    expect(lazy.memo.reversed).toEqual(["x", "y", "z"]);
    expect(lazy.memo.reversed).toBe(lazy.memo.reversed);
  });
});
