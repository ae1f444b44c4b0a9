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

  constructor(
    rate: number,
    readonly capacity: number,
    now: number,
  ) {
    this.interval = 1000 / rate;
    this.nextFree = now;
  }

  delayFor(now: number): number {
    return Math.max(0, this.nextFree - now);
  }

  take(now: number): void {
    this.nextFree = Math.max(this.nextFree, now) + this.interval;
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
