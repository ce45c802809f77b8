/**
 * What the main thread of {@link projectFile} and its second thread send
 * each other.
 *
 * @module
 */
import type { DetachedClose, DetachedSums } from "../ledger/detached.js";
import type { PackedAggregate } from "../projections/serialize.js";

/** The second thread's task: a byte range of a file. */
export interface WorkerTask {
  /** The file. */
  readonly path: string;
  /** The first byte of the range (a line's start). */
  readonly start: number;
  /** The byte after the range. */
  readonly end: number;
  /** The catalog to check codes against (cloned into the thread). */
  readonly catalog: unknown;
  /** Events per call of the detached projector. */
  readonly batchSize: number;
  /** Events the range likely holds. */
  readonly expectedEvents: number;
}

/** A part of the range with its sums packed for the trip between threads. */
export type WirePart = (Omit<DetachedSums, "aggregate" | "prints" | "targetPrints"> & {
  readonly aggregate: PackedAggregate;
  readonly prints: Int32Array<ArrayBuffer>;
  readonly targetPrints: Int32Array<ArrayBuffer>;
}) | DetachedClose;

/** The second thread's answer: the range's lines and parts, or that it could not be detached. */
export type WorkerReply = { readonly ok: true; readonly lines: number; readonly parts: readonly WirePart[] } | { readonly ok: false };
