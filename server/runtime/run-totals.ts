import { getKind } from '../../shared/catalog/catalog.js';
import type { RunTotals } from '../../shared/protocol/telemetry.js';
import type { BoundedQueue } from './bounded-queue.js';
import type { NodeStats } from './node-stats.js';

export interface CountedNode {
  readonly kind: string;
  readonly stats: NodeStats;
  readonly isSource: boolean;
  readonly hasOutputs: boolean;
}

/**
 * The run's totals. Every item that leaves the graph other than through a sink is in exactly one
 * named loss: `dropped` (overflow policies, rate limiters in drop mode, a sink past its cap),
 * `rejected` (open-loop sources), `deadLettered`, `skipped` (error policies).
 */
export function runTotals(nodes: Iterable<CountedNode>, queues: Iterable<BoundedQueue>): RunTotals {
  const t: RunTotals = {
    emitted: 0,
    delivered: 0,
    dropped: 0,
    errors: 0,
    rejected: 0,
    deadLettered: 0,
    skipped: 0,
  };
  for (const n of nodes) {
    const s = n.stats;
    if (n.isSource) t.emitted += s.processed;
    // A sink may still have an `error` port (http-post's dead letters): it delivers all the same.
    if (!n.hasOutputs || getKind(n.kind)?.category === 'sink') t.delivered += s.processed;
    t.dropped += s.dropped + (s.limiter?.limited ?? 0);
    t.rejected += s.rejected;
    t.deadLettered += s.deadLettered;
    t.skipped += s.skipped;
    t.errors += s.errors;
  }
  let queued = 0;
  let expired = 0;
  let emptied = 0;
  for (const q of queues) {
    t.dropped += q.dropped;
    expired += q.expired;
    emptied += q.emptied;
    queued += q.size;
  }
  if (expired > 0) t.expired = expired;
  if (emptied > 0) t.emptied = emptied;
  // Only when non-zero: a drained run's totals stay as they were.
  if (queued > 0) t.queued = queued;
  return t;
}
