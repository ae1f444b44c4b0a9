import type { Limiter } from './limiter.js';

/**
 * Leaky bucket as a meter: the bucket drains at a constant `rate`, one item per 1000/rate ms, so
 * output is evenly spaced however bursty the input. Up to `burst` items may be in the bucket (waiting).
 */
export class LeakyBucket implements Limiter {
  readonly algorithm = 'leaky-bucket';
  private readonly interval: number;
  /** When the bucket is next empty enough for one more item to leave. */
  private nextFree: number;
  /** The last `delayFor` asked its caller to wait (so its `take` comes on a scheduled slot). */
  private waited = false;

  constructor(
    rate: number,
    readonly capacity: number,
    now: number,
  ) {
    this.interval = 1000 / rate;
    this.nextFree = now;
  }

  delayFor(now: number): number {
    const delay = Math.max(0, this.nextFree - now);
    this.waited = delay > 0;
    return delay;
  }

  /**
   * An item that was told to wait had a slot at `nextFree`: the next slot follows that one, not
   * the moment its timer fired. Counting from `now` made every few ms of timer lateness push all
   * later slots back, so the bucket leaked slower than its rate (160–180/s of 200/s measured on a
   * loaded machine). Lateness is caught up to one interval; an item that arrives to an idle
   * bucket starts the schedule from now, so spacing never shrinks below 1000/rate ms.
   */
  take(now: number): void {
    const base = this.waited ? Math.max(this.nextFree, now - this.interval) : Math.max(this.nextFree, now);
    this.waited = false;
    this.nextFree = base + this.interval;
  }

  continueFrom(previous: Limiter, now: number): void {
    // Items still in the old bucket drain at the new pace.
    const queued = Math.max(0, previous.capacity - previous.tokens(now));
    this.nextFree = now + queued * this.interval;
  }

  /** Room left in the bucket: items that could be admitted without exceeding `burst` waiting. */
  tokens(now: number): number {
    const level = Math.max(0, this.nextFree - now) / this.interval;
    return Math.max(0, this.capacity - level);
  }
}
