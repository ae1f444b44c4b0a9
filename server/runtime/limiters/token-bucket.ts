import type { Limiter } from './limiter.js';

/** Tokens refill at `rate`/s up to `burst`; an item spends one. Bursts pass up to `burst`, then `rate`. */
export class TokenBucket implements Limiter {
  private level: number;
  private last: number;

  constructor(
    private readonly rate: number,
    readonly capacity: number,
    now: number,
  ) {
    this.level = capacity;
    this.last = now;
  }

  private refill(now: number): void {
    if (now > this.last) {
      this.level = Math.min(this.capacity, this.level + ((now - this.last) * this.rate) / 1000);
      this.last = now;
    }
  }

  delayFor(now: number): number {
    this.refill(now);
    return this.level >= 1 ? 0 : ((1 - this.level) * 1000) / this.rate;
  }

  take(now: number): void {
    this.refill(now);
    this.level -= 1;
  }

  tokens(now: number): number {
    this.refill(now);
    return this.level;
  }
}
