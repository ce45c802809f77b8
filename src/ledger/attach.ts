/**
 * Attaching a detached stretch (./detached.ts) to the projector that has
 * taken every event before it: each part's assumptions asked of the
 * projector's state, and the part added only when every answer is the one
 * assumed.
 *
 * @module
 */
import { adoptAggregate, largestMagnitude } from "../projections/aggregate.js";
import { acceptBatch } from "./batch.js";
import type { DetachedPart, DetachedSums } from "./detached.js";
import { PRINT_WORDS } from "./fingerprint.js";
import { projectorParts, type Projector } from "./projector.js";

/** What {@link attachDetached} did. */
export type AttachOutcome =
  /** Every part was attached: the projector has taken the stretch. */
  | "attached"
  /** The first part was refused before anything changed: the projector is as it was. */
  | "refused"
  /** A later part was refused after earlier ones were attached: the projector must be discarded. */
  | "spoiled";

/**
 * Attaches a detached stretch to a projector that has taken every event
 * before it: part by part, each assumption is checked against the
 * projector's state, and only when all hold are the part's ids, sums and
 * notes added; each close is taken by the projector itself.
 *
 * @param projector - a projector made by `createProjector`
 * @param parts - the stretch's parts, in order ({@link DetachedProjector.finish})
 * @returns whether the stretch was attached, refused with the projector unchanged, or refused part-way
 */
export function attachDetached(projector: Projector, parts: readonly DetachedPart[]): AttachOutcome {
  const { state, memory, keeper, intern } = projectorParts(projector);
  let changed = false;
  const refuse = (): AttachOutcome => (changed ? "spoiled" : "refused");
  for (const part of parts) {
    if (part.kind === "close") {
      const outcome = acceptBatch([part.event], projector.catalog, intern, keeper);
      if (!outcome.ok || outcome.value.accepted.length !== 1) return refuse();
      changed = true;
      continue;
    }
    if (!assumptionsHold(part)) return refuse();
    if (part.count === 0) continue;
    // The ids, added in one pass: one already taken makes the pass take back what it added.
    for (let at = 0; at < part.prints.length; at += PRINT_WORDS) {
      if (memory.addPrint(part.prints, at) !== "absent") {
        for (let back = at - PRINT_WORDS; back >= 0; back -= PRINT_WORDS) memory.removePrint(part.prints, back);
        return refuse();
      }
    }
    adoptAggregate(state.aggregate, part.aggregate);
    state.noteDetached(part.reversed, part.openings);
    changed = true;
  }
  return "attached";

  /** Whether the state answers every question of a part but its ids' as the detached projector assumed. */
  function assumptionsHold(part: DetachedSums): boolean {
    const view = state.view();
    for (const unit of part.unitsNeeded) if (view.unit(unit) === undefined) return false;
    for (const unit of part.unitsRegistered) if (view.unit(unit) !== undefined) return false;
    for (const [unit, year] of part.yearsOpen) if (view.isClosed(unit, year)) return false;
    for (let i = 0; i < part.targets.length; i++) {
      if (memory.recallPrint(part.targetPrints, i * PRINT_WORDS) !== "same") return false;
      if (view.isReversed(part.targets[i] as string)) return false;
    }
    return largestMagnitude(state.aggregate) + part.bound <= Number.MAX_SAFE_INTEGER;
  }
}
