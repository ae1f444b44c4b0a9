import type { Limiter } from './limiter.js';

/** Tokens refill at `rate`/s up to `burst`; an item spends one. Bursts pass up to `burst`, then `rate`. */
export class TokenBucket implements Limiter {
  readonly algorithm = 'token-bucket';
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
    // After waiting exactly the delay it gave, the refill's float product can land a hair under 1:
    // treat that as a whole token, or a delay-mode wait would re-arm a ~1e-15 ms timer forever.
    return this.level >= 1 - 1e-9 ? 0 : ((1 - this.level) * 1000) / this.rate;
  }

  take(now: number): void {
    this.refill(now);
    this.level = Math.max(0, this.level - 1);
  }

  continueFrom(previous: Limiter, now: number): void {
    this.level = Math.min(this.capacity, previous.tokens(now));
    this.last = now;
  }

  tokens(now: number): number {
    this.refill(now);
    return this.level;
  }
}
