// Tampering with a PostgreSQL store's rows by SQL — editing, deleting, reordering or inserting — makes verify() name the first bad position.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../../src/events/canonical.js";
import { generateLedger } from "../../../src/generate/index.js";
import type { EventStore } from "../../../src/store/types.js";
import { postgresSkipped } from "../../support/postgres.js";
import { usePostgres } from "./support.js";

const EVENTS = generateLedger({ events: 40, seed: 7, units: 2, years: 1 });

describe.skipIf(postgresSkipped)("verify() on a tampered PostgreSQL store", () => {
  const pg = usePostgres("tamper");

  /** A store holding EVENTS in a fresh schema, and SQL on its events table. */
  async function stored(): Promise<{ schema: string; store: EventStore; sql: (text: string, values?: unknown[]) => Promise<unknown[][]> }> {
    const schema = pg.schema();
    const store = await pg.open(schema);
    await store.append(EVENTS);
    const client = await pg.client();
    const sql = async (text: string, values: unknown[] = []): Promise<unknown[][]> =>
      (await client.query<unknown[]>({ text: text.replace(/\b(events|cells|snapshots)\b/g, `${schema}.$1`), values, rowMode: "array" })).rows;
    return { schema, store, sql };
  }

  /** verify() of a store opened anew on the schema: what a restarted instance reports. */
  async function verifyAfresh(schema: string): Promise<Awaited<ReturnType<EventStore["verify"]>>> {
    const reopened = await pg.open(schema);
    return reopened.verify();
  }

  it("passes on an untouched log, with its version and head", async () => {
    const { schema, store } = await stored();
    const result = await verifyAfresh(schema);
    const last = (await store.read({ from: EVENTS.length }))[0];
    expect(result).toEqual({ ok: true, version: EVENTS.length, head: last?.hash });
  });

  it("names an edited body (its hash no longer chains)", async () => {
    const { schema, sql } = await stored();
    await sql(`UPDATE events SET body = replace(body, '"year":', '"memo":"edited","year":') WHERE position = 12`);
    expect(await verifyAfresh(schema)).toMatchObject({ ok: false, position: 12, reason: "hash_mismatch" });
  });

  it("names an edited hash", async () => {
    const { schema, sql } = await stored();
    await sql(`UPDATE events SET hash = repeat('a', 64) WHERE position = 30`);
    expect(await verifyAfresh(schema)).toMatchObject({ ok: false, position: 30, reason: "hash_mismatch" });
  });

  it("names an edited dimension column whose body and hash are intact", async () => {
    const { schema, sql } = await stored();
    const [row] = await sql(`SELECT position FROM events WHERE amount_fen IS NOT NULL ORDER BY position LIMIT 1 OFFSET 5`);
    const position = Number(row?.[0]);
    await sql(`UPDATE events SET amount_fen = amount_fen + 1 WHERE position = $1`, [position]);
    const result = await verifyAfresh(schema);
    expect(result).toMatchObject({ ok: false, position, reason: "column_mismatch" });
    expect(result.ok ? "" : result.message).toContain("amountFen");
  });

  it("names an event whose cell number was changed to another cell's", async () => {
    const { schema, sql } = await stored();
    const [row] = await sql(`SELECT position, cell FROM events WHERE cell IS NOT NULL ORDER BY position LIMIT 1 OFFSET 3`);
    const [other] = await sql(`SELECT id FROM cells WHERE id <> $1 ORDER BY id LIMIT 1`, [row?.[1]]);
    await sql(`UPDATE events SET cell = $2 WHERE position = $1`, [row?.[0], other?.[0]]);
    expect(await verifyAfresh(schema)).toMatchObject({ ok: false, position: Number(row?.[0]), reason: "column_mismatch" });
  });

  it("names the first event of an edited cell (the dimension table)", async () => {
    const { schema, sql } = await stored();
    const [first] = await sql(`SELECT e.position, e.cell FROM events e JOIN cells c ON c.id = e.cell WHERE c.functional IS NOT NULL ORDER BY e.position LIMIT 1`);
    await sql(`UPDATE cells SET functional = '2013799' WHERE id = $1`, [first?.[1]]);
    const result = await verifyAfresh(schema);
    expect(result).toMatchObject({ ok: false, position: Number(first?.[0]), reason: "column_mismatch" });
    expect(result.ok ? "" : result.message).toContain("functional");
  });

  it("names the first event of a cell whose unit was edited", async () => {
    const { schema, sql } = await stored();
    const [first] = await sql(`SELECT position, cell FROM events WHERE cell IS NOT NULL ORDER BY position LIMIT 1`);
    await sql(`UPDATE cells SET unit = 'someone-else' WHERE id = $1`, [first?.[1]]);
    expect(await verifyAfresh(schema)).toMatchObject({ ok: false, position: Number(first?.[0]), reason: "column_mismatch" });
  });

  it("names an event whose cell is gone from the dimension table", async () => {
    const { schema, sql } = await stored();
    const [first] = await sql(`SELECT position, cell FROM events WHERE cell IS NOT NULL ORDER BY position LIMIT 1`);
    await sql(`DELETE FROM cells WHERE id = $1`, [first?.[1]]);
    expect(await verifyAfresh(schema)).toMatchObject({ ok: false, position: Number(first?.[0]), reason: "column_mismatch" });
  });

  it("names the position after a body edited and re-hashed in place, where the chain breaks", async () => {
    const { schema, sql } = await stored();
    const [before] = await sql(`SELECT hash FROM events WHERE position = 19`);
    const [row] = await sql(`SELECT body FROM events WHERE position = 20`);
    const body = canonicalJson({ ...(JSON.parse(String(row?.[0])) as object), memo: "edited" });
    const rehashed = createHash("sha256").update(`${String(before?.[0])}\n${body}`, "utf8").digest("hex");
    await sql(`UPDATE events SET body = $1, hash = $2 WHERE position = 20`, [body, rehashed]);
    expect(await verifyAfresh(schema)).toMatchObject({ ok: false, position: 21, reason: "hash_mismatch" });
  });

  it("names a deleted row as a gap", async () => {
    const { schema, sql } = await stored();
    await sql(`DELETE FROM events WHERE position = 17`);
    const result = await verifyAfresh(schema);
    expect(result).toMatchObject({ ok: false, position: 17, reason: "gap" });
  });

  it("names the first of two reordered rows", async () => {
    const { schema, sql } = await stored();
    // Swap the events at positions 8 and 9 (through a free position, the key being unique).
    await sql(`UPDATE events SET position = 1000008 WHERE position = 8`);
    await sql(`UPDATE events SET position = 8 WHERE position = 9`);
    await sql(`UPDATE events SET position = 9 WHERE position = 1000008`);
    expect(await verifyAfresh(schema)).toMatchObject({ ok: false, position: 8, reason: "hash_mismatch" });
  });

  it("names a row inserted in the middle (later rows renumbered)", async () => {
    const { schema, sql } = await stored();
    await sql(`UPDATE events SET position = position + 1000000 WHERE position >= 25`);
    await sql(`UPDATE events SET position = position - 999999 WHERE position > 1000000`);
    await sql(
      `INSERT INTO events SELECT 25, id || '-copy', type, year, unit, body, hash, cell, amount_fen FROM events WHERE position = 3`,
    );
    expect(await verifyAfresh(schema)).toMatchObject({ ok: false, position: 25, reason: "hash_mismatch" });
  });

  it("names a row appended past the head with a forged hash", async () => {
    const { schema, sql } = await stored();
    await sql(
      `INSERT INTO events SELECT position + 1000, id || '-forged', type, year, unit, body, repeat('c', 64), cell, amount_fen FROM events WHERE position = 2`,
    );
    expect(await verifyAfresh(schema)).toMatchObject({ ok: false, position: EVENTS.length + 1, reason: "gap" });
  });

  it("names the end of a log cut short behind a snapshot", async () => {
    const { schema, store, sql } = await stored();
    await store.snapshot();
    await sql(`DELETE FROM events WHERE position > 35`);
    expect(await verifyAfresh(schema)).toMatchObject({ ok: false, position: 36, reason: "gap" });
  });

  it("names a body that is no longer JSON", async () => {
    const { schema, sql } = await stored();
    await sql(`UPDATE events SET body = '{"id":' WHERE position = 4`);
    // The hash is checked first: a garbled body breaks the chain where it is.
    expect(await verifyAfresh(schema)).toMatchObject({ ok: false, position: 4 });
  });
});
