/**
 * The index from event id to position: an open-addressing hash table over
 * typed arrays, holding each id's hash and position — the ids themselves stay
 * in the log. A million ids cost 16 MB of typed arrays and nothing for the
 * collector to trace, where a Map of strings costs several times that.
 *
 * @module
 */

/** Position → id, for comparing a probed slot with the id looked up. */
export type IdAt = (position: number) => string | undefined;

/** An index of ids to positions (1-based). */
export interface IdIndex {
  /** The position of an id, or undefined. */
  get(id: string): number | undefined;
  /** Records the position of an id not yet in the index. */
  add(id: string, position: number): void;
  /** Forgets an id (the slot keeps a tombstone, so later ids in its probe chain stay found). */
  remove(id: string): void;
}

function hashOf(text: string): number {
  // FNV-1a over UTF-16 code units.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/**
 * Creates an empty id index.
 *
 * @param idAt - the id stored at a position
 * @returns the index
 */
export function createIdIndex(idAt: IdAt): IdIndex {
  let positions = new Int32Array(1024);
  let hashes = new Int32Array(1024);
  let mask = positions.length - 1;
  /** Slots in use: live ids and tombstones; growing drops the tombstones. */
  let used = 0;

  /** The slot holding the id, or the empty slot ending its probe chain. Tombstones (−1) are passed over. */
  const find = (id: string, hash: number): number => {
    let slot = hash & mask;
    for (;;) {
      const position = positions[slot] ?? 0;
      if (position === 0 || (position > 0 && hashes[slot] === hash && idAt(position) === id)) return slot;
      slot = (slot + 1) & mask;
    }
  };

  const grow = (): void => {
    const oldPositions = positions;
    const oldHashes = hashes;
    positions = new Int32Array(oldPositions.length * 2);
    hashes = new Int32Array(oldPositions.length * 2);
    mask = positions.length - 1;
    used = 0;
    for (let i = 0; i < oldPositions.length; i++) {
      const position = oldPositions[i] ?? 0;
      if (position <= 0) continue;
      const hash = oldHashes[i] ?? 0;
      let slot = hash & mask;
      while ((positions[slot] ?? 0) !== 0) slot = (slot + 1) & mask;
      positions[slot] = position;
      hashes[slot] = hash;
      used += 1;
    }
  };

  return {
    get(id) {
      const position = positions[find(id, hashOf(id))] ?? 0;
      return position === 0 ? undefined : position;
    },
    add(id, position) {
      if ((used + 1) * 2 > positions.length) grow();
      const hash = hashOf(id);
      const slot = find(id, hash);
      positions[slot] = position;
      hashes[slot] = hash;
      used += 1;
    },
    remove(id) {
      const slot = find(id, hashOf(id));
      if ((positions[slot] ?? 0) <= 0) return;
      positions[slot] = -1;
    },
  };
}
