import type { BoundedQueue } from './bounded-queue.js';
import type { Cancellation } from './cancellation.js';

/**
 * A node's input: every edge into any of its input ports, merged. Takes round-robin so one busy
 * upstream cannot starve another. Several lanes (concurrency > 1) may wait on it at once.
 */
export class MergedInput<T = unknown> {
  private next = 0;
  private waiters: Array<() => void> = [];

  constructor(
    readonly queues: readonly BoundedQueue<T>[],
    private readonly cancellation: Cancellation,
  ) {
    for (const q of queues) q.onReadable = () => this.wake();
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

  /** True when every queue is closed by its producer and empty: this node will see no more items. */
  get done(): boolean {
    for (const q of this.queues) if (!q.closed || q.size > 0) return false;
    return true;
  }

  /**
   * Waits until something may be readable. `want` is how many items the caller would take: on a
   * rendezvous (capacity 0) edge that is the only room a producer gets.
   */
  wait(want: number): Promise<void> {
    return this.cancellation.wait<void>((resolve) => {
      for (const q of this.queues) if (q.capacity === 0) q.demand += want;
      for (const q of this.queues) if (q.capacity === 0) q.wakeProducers();
      this.waiters.push(resolve);
      return () => {
        for (const q of this.queues) if (q.capacity === 0) q.demand = Math.max(0, q.demand - want);
        const i = this.waiters.indexOf(resolve);
        if (i >= 0) this.waiters.splice(i, 1);
      };
    });
  }

  private wake(): void {
    if (this.waiters.length === 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
