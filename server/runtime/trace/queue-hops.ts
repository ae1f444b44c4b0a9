import type { Tracer } from './tracer.js';

/**
 * The hops a queue records for the traced items of a marked batch (only marked batches come here).
 * Depth on arrival counts the items ahead: those queued before, plus those ahead in the same batch.
 */
export function enqueuedHops(
  tr: Tracer,
  edgeId: string,
  batch: readonly unknown[],
  from: number,
  to: number,
  depthAtFrom: number,
  now: number,
): void {
  for (const x of tr.tracedIn(batch)) {
    if (x.index >= from && x.index < to)
      tr.hop(x.ids, 'enqueued', { edgeId, depth: depthAtFrom + x.index - from }, now);
  }
}

/** `batch[from, to)` was dropped by the edge's policy with `depth` items queued: those places are gone. */
export function droppedHops(
  tr: Tracer,
  edgeId: string,
  batch: readonly unknown[],
  from: number,
  to: number,
  reason: string,
  depth: number,
  now: number,
): void {
  for (const x of tr.tracedIn(batch)) {
    if (x.index < from || x.index >= to) continue;
    tr.hop(x.ids, 'dropped', { edgeId, reason, depth }, now);
    tr.leave(x.ids);
  }
}

/** `batch` left the queue at `now` (the consumer's time, when it passed one); it was queued at run ms `since`. */
export function dequeuedHops(
  tr: Tracer,
  edgeId: string,
  batch: readonly unknown[],
  since: number,
  now = tr.clock.now(),
): void {
  const waitMs = Math.round((now - since) * 1000) / 1000;
  for (const x of tr.tracedIn(batch)) tr.hop(x.ids, 'dequeued', { edgeId, waitMs }, now);
}
