import { describe, expect, it } from 'vitest';
import { createLimiter } from './create-limiter.js';
import type { LimiterParams } from './limiter.js';

const params = (p: Partial<LimiterParams>): LimiterParams => ({
  algorithm: 'token-bucket',
  rate: 100,
  burst: 50,
  windowMs: 1000,
  ...p,
});

/** Takes every item the limiter lets through at `now` (no waiting). */
function drain(limiter: ReturnType<typeof createLimiter>, now: number): number {
  let n = 0;
  while (limiter.delayFor(now) === 0 && n < 10_000) {
    limiter.take(now);
    n++;
  }
  return n;
}

describe('a live edit of a limiter carries on from what was used up', () => {
  it('token bucket: an emptied bucket stays empty at a new rate and size (no free burst)', () => {
    // ARRANGE: a full bucket of 50, emptied at t = 0
    const old = createLimiter(params({}), 0);
    expect(drain(old, 0)).toBe(50);
    // ACT: rate 100 → 200/s, burst 50 → 100
    const next = createLimiter(params({ rate: 200, burst: 100 }), 0);
    next.continueFrom(old, 0);
    // ASSERT: nothing passes at once; 100 ms later, 20 tokens at the new rate
    expect(drain(next, 0)).toBe(0);
    expect(drain(next, 100)).toBe(20);
  });

  it('token bucket: a shrunk burst caps the tokens carried over', () => {
    const old = createLimiter(params({ burst: 50 }), 0);
    const next = createLimiter(params({ burst: 5 }), 0);
    next.continueFrom(old, 0);
    expect(drain(next, 0)).toBe(5);
  });

  it('leaky bucket: items already in the bucket drain at the new pace', () => {
    // ARRANGE: 10 items admitted at once into a 100/s leaky bucket (10 ms apart)
    const old = createLimiter(params({ algorithm: 'leaky-bucket' }), 0);
    for (let i = 0; i < 10; i++) old.take(0);
    // ACT: 100 → 50/s
    const next = createLimiter(params({ algorithm: 'leaky-bucket', rate: 50 }), 0);
    next.continueFrom(old, 0);
    // ASSERT: the 10 queued now take 20 ms each: the next may leave after 200 ms
    expect(next.delayFor(0)).toBeCloseTo(200, 6);
  });

  it('sliding window: admissions in the window still count after the edit', () => {
    // ARRANGE: 100 per 1 s, all used at t = 0..99
    const old = createLimiter(params({ algorithm: 'sliding-window' }), 0);
    for (let t = 0; t < 100; t++) old.take(t);
    // ACT: 100/s → 120/s (120 per window)
    const next = createLimiter(params({ algorithm: 'sliding-window', rate: 120 }), 100);
    next.continueFrom(old, 100);
    // ASSERT: only 20 more fit in the window; the first old admission expires at t = 1000
    expect(drain(next, 100)).toBe(20);
    expect(next.delayFor(100)).toBe(900);
  });
});
