import type { BoundedQueue } from './bounded-queue.js';
import { AbortedError, type Cancellation } from './cancellation.js';
import type { Clock } from './clock.js';

/**
 * A node's input: every edge into any of its input ports, merged. Takes round-robin so one busy
 * upstream cannot starve another. Several lanes (concurrency > 1) may wait on it at once.
 */
export class MergedInput<T = unknown> {
  private next = 0;
  private waiters: Array<() => void> = [];
  private rejecters: Array<(err: Error) => void> = [];
  private demand = 0;
  private timers: Array<() => void> = [];

  constructor(
    readonly queues: readonly BoundedQueue<T>[],
    private readonly cancellation: Cancellation,
  ) {
    for (const q of queues) q.onReadable = () => this.wake();
    cancellation.onAbort(() => {
      const rejecters = this.rejecters;
      this.waiters = [];
      this.rejecters = [];
      for (const clear of this.timers) clear();
      this.timers = [];
      for (const r of rejecters) r(new AbortedError());
    });
  }

  take(max: number): readonly T[] | undefined {
    const qs = this.queues;
    for (let i = 0; i < qs.length; i++) {
      const idx = (this.next + i) % qs.length;
      const batch = qs[idx]!.take(max);
      if (batch !== undefined) {
        this.next = (idx + 1) % qs.length;
        return batch;
      }
    }
    return undefined;
  }

  /** Lanes waiting for input right now. */
  get waiting(): number {
    return this.waiters.length;
  }

  /** True when every queue is closed by its producer and empty: this node will see no more items. */
  get done(): boolean {
    for (const q of this.queues) if (!q.closed || q.size > 0) return false;
    return true;
  }

  /**
   * Waits until something may be readable. `want` is how many items the caller would take: on a
   * rendezvous (capacity 0) edge that is the only room a producer gets.
   */
  wait(want: number, until?: { at: number; clock: Clock }): Promise<void> {
    if (this.cancellation.aborted) return Promise.reject(new AbortedError());
    if (until && Number.isFinite(until.at)) {
      // A deadline (a window closing) wakes the waiter as if input had arrived; the timer is
      // cleared by any wake, so none outlives the wait.
      const handle = until.clock.setTimeout(() => this.wake(), Math.max(0, until.at - until.clock.now()));
      this.timers.push(() => until.clock.clearTimeout(handle));
    }
    // Capacity can be edited live, so which edges are rendezvous is checked on every wait.
    for (const q of this.queues) {
      if (q.capacity !== 0) continue;
      q.demand += want;
      this.demand = Math.max(this.demand, want);
      q.wakeProducers();
    }
    return new Promise<void>((resolve, reject) => {
      this.waiters.push(resolve);
      this.rejecters.push(reject);
    });
  }

  private wake(): void {
    if (this.waiters.length === 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    this.rejecters = [];
    if (this.timers.length > 0) {
      for (const clear of this.timers) clear();
      this.timers = [];
    }
    // The waiting lanes take what arrived; a rendezvous' demand is used up with the wake.
    if (this.demand > 0) {
      for (const q of this.queues) q.demand = 0;
      this.demand = 0;
    }
    for (const w of waiters) w();
  }
}
