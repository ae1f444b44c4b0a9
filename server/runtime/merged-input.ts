import type { BoundedQueue } from './bounded-queue.js';
import { AbortedError, type Cancellation } from './cancellation.js';
import type { Clock } from './clock.js';
import { empty, WaiterList } from './waiter-list.js';

/**
 * A node's input: every edge into any of its input ports, merged. Takes round-robin so one busy
 * upstream cannot starve another. Several lanes (concurrency > 1) may wait on it at once.
 */
export class MergedInput<T = unknown> {
  private next = 0;
  private readonly waiters = new WaiterList();
  private rejecters: Array<(err: Error) => void> = [];
  /** Items the lanes waiting right now asked for (summed, as each lane's want is added to a rendezvous). */
  private wanted = 0;
  private timers: Array<() => void> = [];
  /** Queues with an `onSettled` hook (broker consume sides), or undefined: memory inputs pay one compare. */
  private readonly settlers: readonly BoundedQueue<T>[] | undefined;

  constructor(
    readonly queues: readonly BoundedQueue<T>[],
    private readonly cancellation: Cancellation,
  ) {
    for (const q of queues) {
      q.onReadable = () => this.wake();
      q.onResize = () => this.resized(q);
    }
    const settlers = queues.filter((q) => q.onSettled !== undefined);
    this.settlers = settlers.length > 0 ? settlers : undefined;
    cancellation.onAbort(() => {
      const rejecters = this.rejecters;
      this.waiters.clear();
      this.rejecters = [];
      this.wanted = 0;
      for (const clear of this.timers) clear();
      this.timers = [];
      for (const r of rejecters) r(new AbortedError());
    });
  }

  /** Up to `max` items from the next queue that has some; `now` counts their queue time (see `BoundedQueue.take`). */
  take(max: number, now?: number): readonly T[] | undefined {
    const qs = this.queues;
    if (qs.length === 1) return qs[0]!.take(max, now);
    for (let i = 0; i < qs.length; i++) {
      const idx = (this.next + i) % qs.length;
      const batch = qs[idx]!.take(max, now);
      if (batch !== undefined) {
        this.next = (idx + 1) % qs.length;
        return batch;
      }
    }
    return undefined;
  }

  /**
   * The node has handed on the results of `batch` (items it took from this input), or absorbed
   * them into its state: a broker edge acks them now (at-least-once). Hooks ignore items not theirs.
   */
  settle(batch: readonly T[]): void {
    const s = this.settlers;
    if (s === undefined) return;
    for (let i = 0; i < s.length; i++) s[i]!.onSettled!(batch);
  }

  /** Lanes waiting for input right now. */
  get waiting(): number {
    return this.waiters.length;
  }

  /** True when every queue is closed by its producer and empty: this node will see no more items. */
  get done(): boolean {
    const qs = this.queues;
    for (let i = 0; i < qs.length; i++) if (!qs[i]!.closed || qs[i]!.size > 0) return false;
    return true;
  }

  /**
   * Waits until something may be readable. `want` is how many items the caller would take: on a
   * rendezvous (capacity 0) edge that is the only room a producer gets.
   */
  wait(want: number, until?: { at: number; clock: Clock }): Promise<void> {
    if (this.cancellation.aborted) return Promise.reject(new AbortedError());
    return new Promise<void>((resolve, reject) => this.register(want, until, resolve, reject));
  }

  /**
   * `wait` for a pump: `wake` is called (once) when something may be readable. On abort it is
   * simply dropped — a pump learns of the abort from its run, not from its input.
   */
  waitCb(want: number, until: { at: number; clock: Clock } | undefined, wake: () => void): void {
    this.register(want, until, wake, undefined);
  }

  private register(
    want: number,
    until: { at: number; clock: Clock } | undefined,
    wake: () => void,
    reject: ((err: Error) => void) | undefined,
  ): void {
    if (until && Number.isFinite(until.at)) {
      // A deadline (a window closing) wakes the waiter as if input had arrived; the timer is
      // cleared by any wake, so none outlives the wait.
      const handle = until.clock.setTimeout(() => this.wake(), Math.max(0, until.at - until.clock.now()));
      this.timers.push(() => until.clock.clearTimeout(handle));
    }
    this.wanted += want;
    // Capacity can be edited live, so which edges are rendezvous is checked on every wait.
    const qs = this.queues;
    for (let i = 0; i < qs.length; i++) {
      const q = qs[i]!;
      if (q.capacity !== 0) continue;
      q.demand += want;
      q.wakeProducers();
    }
    this.waiters.add(wake);
    // Only promise waits are rejected on abort; a pump learns of it from its run.
    if (reject !== undefined) this.rejecters.push(reject);
  }

  /** A live resize: an edge that just became a rendezvous gets the waiting lanes' demand. */
  private resized(q: BoundedQueue<T>): void {
    if (this.waiters.length === 0 || q.capacity !== 0 || q.demand >= this.wanted) return;
    q.demand = this.wanted;
  }

  private wake(): void {
    if (this.waiters.length === 0) return;
    empty(this.rejecters);
    this.wanted = 0;
    if (this.timers.length > 0) {
      for (const clear of this.timers) clear();
      this.timers = [];
    }
    // The waiting lanes take what arrived; a rendezvous' demand is used up with the wake.
    const qs = this.queues;
    for (let i = 0; i < qs.length; i++) qs[i]!.demand = 0;
    this.waiters.wakeAll();
  }
}
