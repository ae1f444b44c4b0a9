import { describe, expect, it } from 'vitest';
import type { Hop } from '../protocol/trace.js';
import {
  BURST_MS,
  itemsAhead,
  LOST_AFTER_MS,
  QUEUE_HEAD,
  QUEUE_TAIL,
  queuePlace,
  TRANSIT_MS,
  tokenSpot,
} from './token-spot.js';

/*
 *   src ──e1 [64, block]──▶ work (2 ms) ──e2──▶ sink
 *
 * The item arrives behind 63 others and waits 64 × 2 ms = 128 ms.
 */
const hops: Hop[] = [
  { event: 'enqueued', t: 1000, edgeId: 'e1', depth: 63 },
  { event: 'dequeued', t: 1128, edgeId: 'e1', waitMs: 128 },
  { event: 'started', t: 1128, nodeId: 'work' },
  { event: 'finished', t: 1130, nodeId: 'work', serviceMs: 2 },
  { event: 'enqueued', t: 1130, edgeId: 'e2', depth: 0 },
  { event: 'dequeued', t: 1130, edgeId: 'e2', waitMs: 0 },
  { event: 'delivered', t: 1131, nodeId: 'sink', e2eMs: 131 },
];
const e1 = () => ({ capacity: 64, outRate: 500 });
const along = (now: number, h: Hop[] = hops) => {
  const spot = tokenSpot(h, now, e1);
  return spot?.at === 'edge' ? spot.along : undefined;
};

describe('tokenSpot', () => {
  it('is nowhere before the first hop and after the delivery', () => {
    expect(tokenSpot(hops, 999, e1)).toBeNull();
    expect(tokenSpot(hops, 1131, e1)).toBeNull();
  });

  it('sits near the tail behind 63 items, then moves to the head as they leave', () => {
    // ARRANGE: arrival, half the wait, just before it is taken
    const first = along(1000)!;
    const half = along(1064)!;
    const last = along(1127.9)!;
    // ASSERT
    expect(first).toBeCloseTo(QUEUE_TAIL + (QUEUE_HEAD - QUEUE_TAIL) / 64, 5);
    expect(half).toBeCloseTo(QUEUE_TAIL + (QUEUE_HEAD - QUEUE_TAIL) * (1 - 31.5 / 64), 5);
    expect(last).toBeGreaterThan(0.87);
    expect(last).toBeLessThanOrEqual(QUEUE_HEAD);
    expect(tokenSpot(hops, 1050, e1)).toMatchObject({ at: 'edge', edgeId: 'e1', queued: true });
  });

  it('with its wait not known yet, lets the items ahead leave at the queue’s out rate', () => {
    const live = hops.slice(0, 1);
    // 500/s drains 32 of the 63 ahead in 64 ms: 31 remain.
    expect(along(1064, live)).toBeCloseTo(QUEUE_TAIL + (QUEUE_HEAD - QUEUE_TAIL) * (1 - 31 / 64), 5);
    // Past what the rate explains it waits at the head, not beyond.
    expect(along(5000, live)).toBe(QUEUE_HEAD);
  });

  it('places a queued item by the items still ahead of it, moving forward as they leave', () => {
    // Behind 63 in a 64-slot queue: at the tail on arrival, half-way after half its wait.
    expect(itemsAhead(63, 0, { waitMs: 128 })).toBe(63);
    expect(itemsAhead(63, 64, { waitMs: 128 })).toBe(31.5);
    expect(itemsAhead(63, 128, { waitMs: 128 })).toBe(0);
    expect(queuePlace(63, 64)).toBeCloseTo(QUEUE_TAIL + (QUEUE_HEAD - QUEUE_TAIL) / 64, 5);
    expect(queuePlace(0, 64)).toBe(QUEUE_HEAD);
    // In a 1,000-slot queue the same 63 ahead are the front 6 %: it is drawn near the head.
    expect(queuePlace(63, 1_000)).toBeGreaterThan(0.8);
  });

  it('live, with news up to 20 ms after the arrival, moves the item only over those 20 ms', () => {
    // The bug: hops that came 500 ms late were drawn at 500 ms × 500/s = 250 gone: at the head.
    const live = hops.slice(0, 1);
    expect(itemsAhead(63, 500, { outRate: 500, knownMs: 20 })).toBe(53);
    const late = tokenSpot(live, 1_500, e1, 1_020);
    expect(late).toMatchObject({ at: 'edge', queued: true });
    expect(late?.at === 'edge' && late.along).toBeCloseTo(queuePlace(53, 64), 5);
    expect(late?.at === 'edge' && late.along).toBeLessThan(0.3);
    // News goes on and its dequeue never came (a skipped message): once its queue should have
    // let it go LOST_AFTER_MS ago, it is not drawn rather than pinned at the head.
    expect(tokenSpot(live, 1_100, e1, 1_100)).toMatchObject({ at: 'edge', queued: true });
    expect(tokenSpot(live, 1_128 + LOST_AFTER_MS + 10, e1, 1_128 + LOST_AFTER_MS + 10)).toBeNull();
  });

  it('runs into the consumer once taken, then pauses at the node while in service', () => {
    const live = hops.slice(0, 2);
    expect(along(1128 + TRANSIT_MS / 2, live)).toBeCloseTo((QUEUE_HEAD + 1) / 2, 5);
    expect(along(1128 + TRANSIT_MS * 3, live)).toBe(1);
    expect(tokenSpot(hops, 1129, e1)).toEqual({ at: 'node', nodeId: 'work', serving: true });
  });

  it('never goes back when a scheduled start runs ahead of the dequeue before it', () => {
    // The worker's `started` says 1127.5, but it was taken out of e1 at 1128.
    const scheduled: Hop[] = [
      hops[0]!,
      hops[1]!,
      { event: 'started', t: 1127.5, nodeId: 'work' },
      { event: 'finished', t: 1129.5, nodeId: 'work', serviceMs: 2 },
    ];
    expect(tokenSpot(scheduled, 1127.9, e1)).toMatchObject({ at: 'edge', edgeId: 'e1', queued: true });
    expect(tokenSpot(scheduled, 1128.5, e1)).toEqual({ at: 'node', nodeId: 'work', serving: true });
    expect(tokenSpot(scheduled, 1130, e1)).toEqual({ at: 'node', nodeId: 'work', serving: false });
  });

  it('shows a drop as a burst at the queue’s tail for a while, then nothing', () => {
    const dropped: Hop[] = [{ event: 'dropped', t: 0, edgeId: 'e1', reason: 'drop-newest', depth: 64 }];
    expect(tokenSpot(dropped, 10, e1)).toEqual({
      at: 'burst',
      kind: 'dropped',
      edgeId: 'e1',
      along: QUEUE_TAIL,
    });
    expect(tokenSpot(dropped, BURST_MS + 1, e1)).toBeNull();
    const evicted: Hop[] = [{ event: 'dropped', t: 0, edgeId: 'e1', reason: 'drop-oldest' }];
    expect(tokenSpot(evicted, 10, e1)).toMatchObject({ along: QUEUE_HEAD });
  });
});
