import type { Hop } from '../protocol/trace.js';

/**
 * Where on an edge a queued item is drawn: the queue's tail near the producer, its head near the
 * consumer, so a token behind 63 others starts near the source and moves up as the queue drains.
 */
export const QUEUE_TAIL = 0.12;
export const QUEUE_HEAD = 0.88;
/** Taken out of the queue, the token runs the rest of the edge into its consumer in this long. */
export const TRANSIT_MS = 150;
/** A drop's ✕ shows for this long where it happened. */
export const BURST_MS = 1_200;

export type TokenSpot =
  /** `along`: 0 at the producer's end of the edge, 1 at the consumer's. */
  | { at: 'edge'; edgeId: string; along: number; queued: boolean }
  | { at: 'node'; nodeId: string; serving: boolean }
  | { at: 'burst'; kind: 'dropped' | 'dead-lettered'; edgeId?: string; nodeId?: string; along: number }
  /** Not there yet, or gone (delivered, or dropped a while ago). */
  | null;

/** What the token needs to know of a queue: how deep it can be and how fast it drains now. */
export interface QueueView {
  capacity: number;
  /** Items/s taken out by the consumer. */
  outRate: number;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/**
 * With its dequeue not heard of, a queued item is not drawn once its queue should have let it go
 * this long ago: its hops were skipped (a socket that was not reading), and pinned at the head it
 * would say it is still waiting.
 */
export const LOST_AFTER_MS = 300;

/** Along the edge for an item with `ahead` items in front of it in a queue of `room` places. */
export function queuePlace(ahead: number, room: number): number {
  return QUEUE_TAIL + (QUEUE_HEAD - QUEUE_TAIL) * (1 - clamp01(ahead / Math.max(1, room)));
}

/**
 * Items still ahead of a queued item `since` ms after it arrived behind `depth` others. With its
 * wait known (its `dequeued` hop), they leave evenly over that wait. Without it, they leave at the
 * queue's out rate, but only over the time the page has news of (`knownMs` since the arrival):
 * hops and frames come late on a loaded machine, and extrapolating past them put every item that
 * was first seen late at the head of its queue (issue 18) instead of behind the items it met.
 *
 * @example itemsAhead(63, 64, { waitMs: 128 }) // 31.5
 * @example itemsAhead(63, 500, { outRate: 500, knownMs: 20 }) // 53
 */
export function itemsAhead(
  depth: number,
  since: number,
  known: { waitMs?: number | undefined; outRate?: number | undefined; knownMs?: number | undefined },
): number {
  if (known.waitMs !== undefined && known.waitMs > 0) return depth * (1 - clamp01(since / known.waitMs));
  const over = Math.max(0, Math.min(since, known.knownMs ?? since));
  return Math.max(0, depth - (over * (known.outRate ?? 0)) / 1_000);
}

/**
 * Where a followed item is at run time `now`, from its hops: in a queue (placed by how many are
 * still ahead of it), crossing into its consumer, at a node (in service or done), or a ✕ where it
 * was dropped. While it waits, the items ahead of it go at the wait its `dequeued` hop reports,
 * when that hop is known, else at the queue's current out rate.
 *
 * @example
 * tokenSpot([{ event: 'enqueued', t: 0, edgeId: 'e1', depth: 63 }, { event: 'dequeued', t: 128, edgeId: 'e1', waitMs: 128 }],
 *   64, () => ({ capacity: 64, outRate: 500 })) // { at: 'edge', edgeId: 'e1', along: 0.506…, queued: true }
 */
export function tokenSpot(
  hops: readonly Hop[],
  now: number,
  queueOf: (edgeId: string) => QueueView | undefined,
  /** The newest run time the page has news of (live: the newest hop received); a replay knows all. */
  knownT = Number.POSITIVE_INFINITY,
): TokenSpot {
  // Hops are in the order they happened; a scheduled time may run a little ahead of the next
  // hop's, so each counts from the latest time before it (the token never goes back).
  let i = -1;
  let at = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < hops.length; k++) {
    const t = Math.max(at, hops[k]?.t ?? at);
    if (t > now) break;
    at = t;
    i = k;
  }
  const hop = hops[i];
  if (!hop) return null;
  const since = now - at;
  switch (hop.event) {
    case 'enqueued': {
      if (hop.edgeId === undefined) return null;
      const edgeId = hop.edgeId;
      const depth = hop.depth ?? 0;
      const out = hops.slice(i + 1).find((h) => h.event === 'dequeued' && h.edgeId === edgeId);
      const queue = queueOf(edgeId);
      const knownMs = knownT - hop.t;
      const lost =
        !out &&
        Number.isFinite(knownMs) &&
        queue !== undefined &&
        queue.outRate > 0 &&
        knownMs > ((depth + 1) / queue.outRate) * 1_000 + LOST_AFTER_MS;
      if (lost) return null;
      const ahead = itemsAhead(depth, since, {
        waitMs: out ? out.t - hop.t : undefined,
        outRate: queue?.outRate,
        knownMs,
      });
      return {
        at: 'edge',
        edgeId,
        along: queuePlace(ahead, Math.max(queue?.capacity ?? 0, depth + 1)),
        queued: true,
      };
    }
    case 'dequeued':
      if (hop.edgeId === undefined) return null;
      return {
        at: 'edge',
        edgeId: hop.edgeId,
        along: QUEUE_HEAD + (1 - QUEUE_HEAD) * clamp01(since / TRANSIT_MS),
        queued: false,
      };
    case 'started':
    case 'retried':
    case 'finished':
      if (hop.nodeId === undefined) return null;
      return { at: 'node', nodeId: hop.nodeId, serving: hop.event !== 'finished' };
    case 'dropped':
    case 'dead-lettered': {
      if (since > BURST_MS) return null;
      // drop-oldest evicts the head of the queue; every other drop refuses the arrival at its tail.
      const along = hop.reason === 'drop-oldest' ? QUEUE_HEAD : QUEUE_TAIL;
      return {
        at: 'burst',
        kind: hop.event,
        along,
        ...(hop.edgeId !== undefined ? { edgeId: hop.edgeId } : {}),
        ...(hop.nodeId !== undefined ? { nodeId: hop.nodeId } : {}),
      };
    }
    case 'delivered':
      return null;
  }
}
