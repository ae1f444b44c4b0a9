import { BoundedQueue } from '../bounded-queue.js';

export interface Overfill {
  edge: string;
  capacity: number;
  before: number;
  after: number;
  limit: number;
}

/**
 * Watches every `offer` on every queue until `stop()`: an offer must never leave a queue holding
 * more than its limit (capacity; on a rendezvous edge, what the waiting consumer asked for), unless
 * it already held more (a live shrink under `block` keeps what was queued) — and then not more
 * than before. Records each offer that broke this, for the test to assert on.
 *
 * @example
 * const watch = watchQueues();
 * try { await run.done; expect(watch.overfills).toEqual([]); } finally { watch.stop(); }
 */
export function watchQueues(): { overfills: Overfill[]; offers: () => number; stop: () => void } {
  const proto = BoundedQueue.prototype;
  const original = proto.offer;
  const overfills: Overfill[] = [];
  let offers = 0;
  proto.offer = function offer(this: BoundedQueue, batch: readonly unknown[], now: number): number {
    const before = this.size;
    const limit = this.capacity === 0 ? this.demand : this.capacity;
    const took = original.call(this, batch, now);
    offers++;
    if (this.size > Math.max(limit, before))
      overfills.push({ edge: this.id, capacity: this.capacity, before, after: this.size, limit });
    return took;
  };
  return {
    overfills,
    offers: () => offers,
    stop: () => {
      proto.offer = original;
    },
  };
}
