import { LeakyBucket } from './leaky-bucket.js';
import type { Limiter, LimiterParams } from './limiter.js';
import { SlidingWindow } from './sliding-window.js';
import { TokenBucket } from './token-bucket.js';

export function createLimiter(p: LimiterParams, now: number): Limiter {
  switch (p.algorithm) {
    case 'leaky-bucket':
      return new LeakyBucket(p.rate, p.burst, now);
    case 'sliding-window':
      return new SlidingWindow(p.rate, p.windowMs);
    default:
      return new TokenBucket(p.rate, p.burst, now);
  }
}
