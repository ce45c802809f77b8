// The snapshot form of an aggregate: an exact round trip (cells, order, sums, units, closed years) whose rebuilt
// index folds further events exactly as the original would; malformed texts are refused with AggregateFormatError.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateLedger } from "../../src/generate/index.js";
import { aggregateEvents, applyEvent, emptyAggregate, type Aggregate } from "../../src/projections/aggregate.js";
import { AggregateFormatError, PROJECTION_VERSION, deserializeAggregate, serializeAggregate } from "../../src/projections/serialize.js";
import { decodeSnapshot, encodeSnapshot } from "../../src/store/snapshot.js";
import { everyFact } from "../support/facts.js";
import { busyLedger } from "../support/fixtures.js";

const SEED = 20201231;
const plain = (aggregate: Aggregate): unknown =>
  JSON.parse(JSON.stringify(aggregate, (_key, value: unknown) => (value instanceof Map ? [...value] : value instanceof Set ? [...value] : value)));

describe("serializeAggregate / deserializeAggregate", () => {
  it("round-trip generated aggregates exactly, and the restored one folds the rest of the log as the original does (property)", () => {
    fc.assert(
      fc.property(fc.record({ events: fc.integer({ min: 1, max: 800 }), seed: fc.integer(), units: fc.integer({ min: 1, max: 5 }), years: fc.integer({ min: 1, max: 3 }) }), fc.nat(), (options, cutAt) => {
        const events = generateLedger(options);
        const cut = cutAt % (events.length + 1);
        const head = aggregateEvents(events.slice(0, cut));
        const restored = deserializeAggregate(serializeAggregate(head));
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

describe("snapshot data", () => {
  it("keeps the state's memo beside the aggregate and refuses a damaged memo", () => {
    const aggregate = busyLedger().aggregate();
    const memo = { reversed: ["a", "b"], openings: [["office", 2020, 1]] as [string, number, number][] };
    const decoded = decodeSnapshot(encodeSnapshot(aggregate, memo));
    expect(decoded.memo).toEqual(memo);
    expect(plain(decoded.aggregate)).toEqual(plain(aggregate));
    expect(() => decodeSnapshot("no line break")).toThrow(AggregateFormatError);
    expect(() => decodeSnapshot(`["fundledger-snapshot/1",[1],[]]\n${serializeAggregate(aggregate)}`)).toThrow(/reversed ids/);
    expect(() => decodeSnapshot(`["fundledger-snapshot/1",[],[["u",2020]]]\n${serializeAggregate(aggregate)}`)).toThrow(/openings/);
    expect(() => decodeSnapshot(`not json\n${serializeAggregate(aggregate)}`)).toThrow(/memo is not JSON/);
  });
});
