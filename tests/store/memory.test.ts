// The store contract on the in-memory store, with tampering done on its row array.
import { describe, expect, it } from "vitest";
import { createMemoryBackend, openMemoryStore, type MemoryBackend } from "../../src/store/memory.js";
import type { RowColumns } from "../../src/store/backend.js";
import { openStore } from "../../src/store/core.js";
import { units, receipt } from "../support/fixtures.js";
import { storeContract, type StoreLocation } from "./contract.js";

function memoryLocation(): StoreLocation {
  const backend: MemoryBackend = createMemoryBackend();
  const rows = backend.stored;
  const at = (position: number): number => {
    const index = rows.findIndex((row) => row.position === position);
    if (index < 0) throw new Error(`no row at ${position}`);
    return index;
  };
  const column = { amountFen: "amountFen", hash: "hash", unit: "unit" } as const;
  return {
    open: (options) => openMemoryStore(backend, options),
    tamper: {
      async setBody(position, body) {
        rows[at(position)] = { ...(rows[at(position)] as RowColumns), body };
      },
      async setColumn(position, name, value) {
        rows[at(position)] = { ...(rows[at(position)] as RowColumns), [column[name]]: value };
      },
      async deleteRow(position) {
        rows.splice(at(position), 1);
      },
      async swapRows(a, b) {
        const i = at(a);
        const j = at(b);
        const first = rows[i] as RowColumns;
        const second = rows[j] as RowColumns;
        rows[i] = { ...second, position: a };
        rows[j] = { ...first, position: b };
      },
      async insertRow(row) {
        rows.push(row);
        rows.sort((x, y) => x.position - y.position);
      },
      writeSnapshot: (header, data) => backend.saveSnapshot(header, new TextEncoder().encode(data)),
    },
    async dispose() {},
  };
}

storeContract("memory", { create: async () => memoryLocation(), noticeWithinMs: 1_000 });

describe("the store core", () => {
  it("folds a batch back out of the state when the commit fails, so the next append sees the log as stored", async () => {
    const backend = createMemoryBackend();
    let failCommit = false;
    const failing = {
      ...backend,
      write: <T>(work: Parameters<typeof backend.write<T>>[0]) =>
        backend.write(async (tx) => {
          const value = await work(tx);
          if (failCommit) throw new Error("disk full");
          return value;
        }),
    };
    const store = await openStore(failing);
    await store.append(units());
    const before = await store.tables(2020);
    failCommit = true;
    await expect(store.append(receipt())).rejects.toThrow("disk full");
    failCommit = false;
    expect(await store.tables(2020)).toEqual(before);
    expect((await store.append(receipt())).version).toBe(3);
  });
});
