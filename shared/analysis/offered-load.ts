import type { TelemetryFrame } from '../protocol/telemetry.js';
import type { EdgeEnds } from './held-back.js';

/**
 * A producer blocked more than this is counted as blocked this much: a queue's demand is read as at
 * most 20 × what it took, not infinite, when its producer waits nearly all the time.
 */
export const MAX_BLOCKED = 0.95;
/** Below this share of blocked time a producer is taken at its word: what it sent is its demand. */
const BLOCKED_FROM = 0.01;

type Frame = Pick<TelemetryFrame, 'nodes' | 'edges'>;

/**
 * Items/s the producer of `edge` would send into it if it were never held back. A blocking queue
 * only shows what it accepted — behind a slow consumer that is the consumer's pace — but its
 * producer's blocked share tells the rest: a source sending 500/s while blocked 75 % of its time
 * would send 500 / 0.25 = 2,000/s. A producer that is not a source can offer no more than reaches
 * it, so its estimate is capped by its own inputs' demand (scaled by what it passes on).
 *
 * @example
 * //  src ──e1 [500/s, src blocked 75 %]──▶ work
 * offeredLoad('e1', frame, edges) // 2000
 */
export function offeredLoad(
  edgeId: string,
  frame: Frame,
  edges: readonly EdgeEnds[],
  seen: Set<string> = new Set(),
): number {
  const q = frame.edges[edgeId];
  if (!q) return 0;
  const taken = q.offeredRate ?? q.inRate + (q.dropRate ?? 0);
  if (q.blockedRatio < BLOCKED_FROM) return taken;
  let demand = taken / (1 - Math.min(q.blockedRatio, MAX_BLOCKED));
  const edge = edges.find((e) => e.id === edgeId);
  // A source can offer no more than its rate at its pattern's peak.
  if (edge?.sourceRate !== undefined) demand = Math.min(demand, edge.sourceRate);
  const producer = edge ? frame.nodes[edge.source] : undefined;
  if (edge && producer && !seen.has(edge.source)) {
    const inputs = edges.filter((e) => e.target === edge.source);
    if (inputs.length > 0) {
      seen.add(edge.source);
      let upstream = 0;
      for (const e of inputs) upstream += offeredLoad(e.id, frame, edges, seen);
      const passes = producer.inRate > 0 ? producer.outRate / producer.inRate : 1;
      demand = Math.min(demand, upstream * passes);
    }
  }
  return Math.max(taken, demand);
}

/** Items/s offered to a node: the demand of every queue into it (see `offeredLoad`). */
export function offeredTo(nodeId: string, frame: Frame, edges: readonly EdgeEnds[]): number {
  let sum = 0;
  for (const e of edges) if (e.target === nodeId) sum += offeredLoad(e.id, frame, edges);
  return sum;
}
