// Checks the append/read/subscribe API against a trivial model (an array of stored events and each subscriber's expected deliveries) with fast-check's model-based testing (fc.commands + fc.modelRun).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reversalOf } from "../../src/events/build.js";
import type { LedgerEvent, ReversibleEvent } from "../../src/events/types.js";
import { REVERSIBLE_TYPES } from "../../src/events/types.js";
import { createLedger, type Ledger, type StoredEvent } from "../../src/ledger/ledger.js";
import { aggregateEvents } from "../../src/projections/aggregate.js";
import { buildTables } from "../../src/tables/report.js";
import { YEAR, flowEventArb, invalidEventArb, units, withId } from "../support/fixtures.js";

const SEED = 20201231;

interface ModelSubscriber {
  /** What the subscriber must have received, in order. */
  readonly expected: StoredEvent[];
  active: boolean;
}

interface Model {
  /** The stored events, position i + 1 at index i. */
  readonly stored: LedgerEvent[];
  /** Ids of reversed events. */
  readonly reversed: Set<string>;
  readonly subscribers: ModelSubscriber[];
  nextId: number;
}

interface RealSubscriber {
  readonly received: StoredEvent[];
  readonly stop: () => void;
}

interface Real {
  readonly ledger: Ledger;
  readonly subscribers: RealSubscriber[];
}

type LedgerCommand = fc.Command<Model, Real>;

function freshId(model: Model): string {
  model.nextId += 1;
  return `m-${model.nextId}`;
}

function isReversible(event: LedgerEvent): event is ReversibleEvent {
  return (REVERSIBLE_TYPES as readonly string[]).includes(event.type);
}

/** The model's stored events from position `from` to `to`, inclusive and clamped. */
function slice(model: Model, from: number, to: number): StoredEvent[] {
  const found: StoredEvent[] = [];
  for (let position = Math.max(1, from); position <= Math.min(model.stored.length, to); position++) {
    const event = model.stored[position - 1];
    if (event !== undefined) found.push({ position, event });
  }
  return found;
}

/** The invariants every command leaves: gapless positions, the model's events, each subscriber's deliveries. */
function checkInvariants(model: Model, real: Real): void {
  expect(real.ledger.version).toBe(model.stored.length);
  const all = real.ledger.read();
  expect(all.map((s) => s.position)).toEqual(Array.from({ length: model.stored.length }, (_, i) => i + 1));
  expect(all.map((s) => s.event)).toEqual(model.stored);
  expect(real.subscribers).toHaveLength(model.subscribers.length);
  model.subscribers.forEach((subscriber, index) => {
    expect(real.subscribers[index]?.received).toEqual(subscriber.expected);
  });
}

function deliver(model: Model, appended: readonly StoredEvent[]): void {
  if (appended.length === 0) return;
  for (const subscriber of model.subscribers) if (subscriber.active) subscriber.expected.push(...appended);
}

class AppendValid implements LedgerCommand {
  constructor(
    readonly templates: readonly ReversibleEvent[],
    readonly duplicate: number | null,
    readonly reverse: number | null,
  ) {}
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    const fresh: LedgerEvent[] = this.templates.map((template) => ({ ...template, id: freshId(model) }));
    const reversible = model.stored.filter((event) => isReversible(event) && !model.reversed.has(event.id)).filter(isReversible);
    const target = this.reverse === null ? undefined : reversible[this.reverse % Math.max(1, reversible.length)];
    if (target !== undefined) fresh.push(reversalOf(target, { id: freshId(model), reason: "model reversal" }));
    const duplicate = this.duplicate === null ? undefined : model.stored[this.duplicate % Math.max(1, model.stored.length)];
    const batch: unknown[] = [...fresh];
    if (duplicate !== undefined) batch.splice((this.duplicate ?? 0) % (batch.length + 1), 0, { ...duplicate });
    const result = real.ledger.safeAppend(batch, { expectedVersion: model.stored.length });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const first = model.stored.length + 1;
    expect(result.value.appended).toEqual(fresh.map((event, i) => ({ position: first + i, event })));
    expect(result.value.unchanged).toEqual(duplicate === undefined ? [] : [duplicate.id]);
    expect(result.value.version).toBe(first - 1 + fresh.length);
    model.stored.push(...fresh);
    if (target !== undefined) model.reversed.add(target.id);
    deliver(model, result.value.appended);
    checkInvariants(model, real);
  }
  toString(): string {
    return `AppendValid(${this.templates.length} events, duplicate ${String(this.duplicate)}, reverse ${String(this.reverse)})`;
  }
}

class AppendInvalid implements LedgerCommand {
  constructor(
    readonly templates: readonly ReversibleEvent[],
    readonly bad: unknown,
    readonly at: number,
  ) {}
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    const batch: unknown[] = this.templates.map((template) => ({ ...template, id: freshId(model) }));
    const index = this.at % (batch.length + 1);
    batch.splice(index, 0, withId(this.bad, freshId(model)));
    const tablesBefore = real.ledger.tables(YEAR);
    const result = real.ledger.safeAppend(batch);
    expect(result.ok).toBe(false);
    if (!result.ok) for (const issue of result.issues) expect(issue.path[0]).toBe(index);
    expect(real.ledger.tables(YEAR)).toEqual(tablesBefore);
    checkInvariants(model, real);
  }
  toString(): string {
    return `AppendInvalid(${this.templates.length} events, bad ${JSON.stringify(this.bad)} at ${this.at})`;
  }
}

class AppendWithStaleVersion implements LedgerCommand {
  constructor(
    readonly template: ReversibleEvent,
    readonly offset: number,
  ) {}
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    const actual = model.stored.length;
    const expected = this.offset >= 0 ? actual + 1 + this.offset : Math.max(0, actual + this.offset);
    if (expected === actual) return;
    const result = real.ledger.safeAppend({ ...this.template, id: freshId(model) }, { expectedVersion: expected });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toEqual([expect.objectContaining({ code: "version_conflict", expected, actual })]);
    checkInvariants(model, real);
  }
  toString(): string {
    return `AppendWithStaleVersion(offset ${this.offset})`;
  }
}

class Read implements LedgerCommand {
  constructor(
    readonly from: number,
    readonly to: number,
  ) {}
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    expect(real.ledger.read({ from: this.from, to: this.to })).toEqual(slice(model, this.from, this.to));
    expect(real.ledger.read({ from: this.from })).toEqual(slice(model, this.from, Number.MAX_SAFE_INTEGER));
  }
  toString(): string {
    return `Read(${this.from}, ${this.to})`;
  }
}

class Subscribe implements LedgerCommand {
  constructor(readonly from: number | null) {}
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    const received: StoredEvent[] = [];
    const listener = (events: readonly StoredEvent[]): void => {
      received.push(...events);
    };
    const stop = this.from === null ? real.ledger.subscribe(listener) : real.ledger.subscribe(listener, { from: this.from });
    real.subscribers.push({ received, stop });
    model.subscribers.push({ expected: this.from === null ? [] : slice(model, this.from, Number.MAX_SAFE_INTEGER), active: true });
    checkInvariants(model, real);
  }
  toString(): string {
    return `Subscribe(from ${String(this.from)})`;
  }
}

class Unsubscribe implements LedgerCommand {
  constructor(readonly which: number) {}
  check(model: Readonly<Model>): boolean {
    return model.subscribers.some((subscriber) => subscriber.active);
  }
  run(model: Model, real: Real): void {
    const active = model.subscribers.flatMap((subscriber, index) => (subscriber.active ? [index] : []));
    const index = active[this.which % active.length] ?? 0;
    real.subscribers[index]?.stop();
    const subscriber = model.subscribers[index];
    if (subscriber !== undefined) subscriber.active = false;
    checkInvariants(model, real);
  }
  toString(): string {
    return `Unsubscribe(${this.which})`;
  }
}

const templatesArb = fc.array(flowEventArb(), { maxLength: 5 });

const commandsArb = fc.commands(
  [
    fc.tuple(templatesArb, fc.option(fc.nat(), { nil: null }), fc.option(fc.nat(), { nil: null })).map(([t, d, r]) => new AppendValid(t, d, r)),
    fc.tuple(templatesArb, invalidEventArb, fc.nat()).map(([t, bad, at]) => new AppendInvalid(t, bad, at)),
    fc.tuple(flowEventArb(), fc.integer({ min: -5, max: 5 })).map(([t, offset]) => new AppendWithStaleVersion(t, offset)),
    fc.tuple(fc.integer({ min: -2, max: 40 }), fc.integer({ min: -2, max: 40 })).map(([from, to]) => new Read(from, to)),
    fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }).map((from) => new Subscribe(from)),
    fc.nat().map((which) => new Unsubscribe(which)),
  ],
  { maxCommands: 40, size: "max" },
);

function setup(): { model: Model; real: Real } {
  const ledger = createLedger();
  ledger.append(units());
  return {
    model: { stored: [...ledger.events()], reversed: new Set(), subscribers: [], nextId: 0 },
    real: { ledger, subscribers: [] },
  };
}

describe("the ledger against a model", () => {
  it("keeps gapless positions, reads the model's slices and delivers exactly the appended events in order (model-based)", () => {
    fc.assert(
      fc.property(commandsArb, (commands) => {
        fc.modelRun(setup, commands);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it("keeps its incremental tables equal to a replay of its events after any commands (model-based)", () => {
    fc.assert(
      fc.property(commandsArb, (commands) => {
        let ledger: Ledger | undefined;
        fc.modelRun(() => {
          const state = setup();
          ledger = state.real.ledger;
          return state;
        }, commands);
        if (ledger === undefined) return;
        const replayed = aggregateEvents(ledger.events());
        for (const year of [YEAR, YEAR + 1]) expect(ledger.tables(year)).toEqual(buildTables(replayed, year, ledger.catalog));
      }),
      { seed: SEED + 1, numRuns: 60 },
    );
  });
});
