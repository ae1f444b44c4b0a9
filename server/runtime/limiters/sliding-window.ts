import { type Limiter, MAX_WINDOW_PERMITS } from './limiter.js';

/**
 * At most `permits` items in any window of `windowMs`. Exact: remembers each admission's time in
 * a ring, so no window — not only aligned ones — ever holds more than `permits`.
 */
export class SlidingWindow implements Limiter {
  readonly algorithm = 'sliding-window';
  private readonly log: Float64Array;
  private head = 0; // oldest admission
  private count = 0;
  readonly capacity: number;

  constructor(
    rate: number,
    private readonly windowMs: number,
  ) {
    this.capacity = Math.max(1, Math.min(MAX_WINDOW_PERMITS, Math.floor((rate * windowMs) / 1000 + 1e-9)));
    this.log = new Float64Array(this.capacity);
  }

  private expire(now: number): void {
    while (this.count > 0 && this.log[this.head]! <= now - this.windowMs) {
      this.head = (this.head + 1) % this.capacity;
      this.count--;
    }
  }

  delayFor(now: number): number {
    this.expire(now);
    if (this.count < this.capacity) return 0;
    return this.log[this.head]! + this.windowMs - now;
  }

  take(now: number): void {
    this.expire(now);
    this.log[(this.head + this.count) % this.capacity] = now;
    this.count++;
  }

  continueFrom(previous: Limiter, now: number): void {
    if (!(previous instanceof SlidingWindow)) return;
    previous.expire(now);
    // The newest admissions count against the new window (as many as it can hold).
    const keep = Math.min(previous.count, this.capacity);
    this.head = 0;
    this.count = keep;
    for (let i = 0; i < keep; i++) {
      this.log[i] = previous.log[(previous.head + previous.count - keep + i) % previous.capacity]!;
    }
    this.expire(now);
  }

  tokens(now: number): number {
    this.expire(now);
    return this.capacity - this.count;
  }
}
