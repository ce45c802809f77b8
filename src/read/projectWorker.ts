/**
 * The second thread of {@link projectFile}: reads the lines of its byte
 * range of the file, parses them and checks and folds them into a detached
 * projector, and posts the parts back (their sums packed, their
 * fingerprints as transferred arrays) — or that the range could not be
 * detached, when any line is not JSON or any event needs the state before
 * the range to be judged. It reports no issue itself: the main thread then
 * reads the range as one thread would, and finds it.
 *
 * @module
 */
import { closeSync, openSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import type { Catalog } from "../catalog/catalog.js";
import { createDetachedProjector } from "../ledger/detached.js";
import { packAggregate } from "../projections/serialize.js";
import { readLines } from "./lines.js";
import type { WorkerReply, WorkerTask } from "./wire.js";

const task = workerData as WorkerTask;
const port = parentPort;

function run(): WorkerReply {
  const detached = createDetachedProjector(task.catalog as Catalog, task.expectedEvents);
  const fd = openSync(task.path, "r");
  let lines: number;
  let ok = true;
  try {
    let batch: unknown[] = [];
    lines = readLines(fd, task.start, task.end, 0, (text) => {
      if (text.trim() === "") return true;
      try {
        batch.push(JSON.parse(text));
      } catch {
        ok = false;
        return false;
      }
      if (batch.length === task.batchSize) {
        ok = detached.project(batch);
        batch = [];
      }
      return ok;
    });
    if (ok && batch.length > 0) ok = detached.project(batch);
  } catch {
    ok = false;
    lines = 0;
  } finally {
    closeSync(fd);
  }
  if (!ok) return { ok: false };
  const parts = detached.finish().map((part) => (part.kind === "close" ? part : { ...part, aggregate: packAggregate(part.aggregate) }));
  return { ok: true, lines, parts };
}

if (port !== null) {
  const reply = run();
  const transfer: ArrayBuffer[] = [];
  if (reply.ok) {
    for (const part of reply.parts) {
      if (part.kind === "sums") transfer.push(part.prints.buffer, part.targetPrints.buffer, part.aggregate.numbers.buffer as ArrayBuffer);
    }
  }
  port.postMessage(reply, transfer);
}
