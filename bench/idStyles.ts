/**
 * Durable append with the ids a service would send: the same log again, its
 * ids in UUID version 4 form (in no order) and then version 7 form (in the
 * order made), each into a fresh store. A store finds an event by its id
 * through an index of ids; ids in no order land all over it, so once it
 * outgrows a batch each event of a commit dirties a page of its own, while
 * ids in order land at its end.
 *
 * @module
 */
import { generateLedger, type IdStyle } from "../src/generate/index.js";
import type { EventStore } from "../src/store/types.js";
import { type Figure, appendInBatches, fullGc, timeOnce } from "./support.js";

/** The styles compared with the log's own ids, and how the figures name them. */
const STYLES: readonly { readonly style: IdStyle; readonly key: string; readonly label: string }[] = [
  { style: "random", key: "RandomIds", label: "ids in no order (UUID v4 form)" },
  { style: "timeOrdered", key: "TimeOrderedIds", label: "ids in the order made (UUID v7 form)" },
];

/** A fresh store for one run, and how to remove it. */
export interface FreshStore {
  readonly store: EventStore;
  dispose(): Promise<void>;
}

/**
 * Appends the log of `events` events and `seed` again for each id style, in
 * batches of 1,000, each awaited, into a store `open` makes fresh.
 *
 * @param events - the log's size (the whole log: the cost grows with the index)
 * @param seed - the generator's seed, as the main append's
 * @param prefix - the figures' key prefix (`sqliteAppend` or `append`)
 * @param open - a fresh store named for the style
 * @param progress - where each run's line goes
 * @returns one figure per style, events per second
 */
export async function appendWithIdStyles(
  events: number,
  seed: number,
  prefix: string,
  open: (style: IdStyle) => Promise<FreshStore>,
  progress: (text: string) => void,
): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const { style, key, label } of STYLES) {
    const log = generateLedger({ events, seed, ids: style });
    const fresh = await open(style);
    fullGc();
    const seconds = await timeOnce(() => appendInBatches(fresh.store, log)).finally(() => fresh.dispose());
    progress(`the log again, ${label}: ${seconds.toFixed(3)} s`);
    figures.push({ key: `${prefix}${key}`, label: `  the whole log again, ${label}`, value: events / seconds, unit: "events/s", runs: 1 });
  }
  return figures;
}
