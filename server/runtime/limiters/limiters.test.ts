import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLimiter } from './create-limiter.js';
import type { Limiter } from './limiter.js';

/** Drives a limiter on fake time the way the executor does: wait the delay it asks for, then pass. */
function admitAll(limiter: Limiter, arrivals: number[]): number[] {
  const passed: number[] = [];
  let now = 0;
  for (const at of arrivals) {
    now = Math.max(now, at);
    const d = limiter.delayFor(now);
    now += d;
    limiter.take(now);
    passed.push(now);
  }
  return passed;
}

describe('token bucket', () => {
  it('lets exactly `burst` through at once, then holds the long-run rate within 1 %', () => {
    const limiter = createLimiter({ algorithm: 'token-bucket', rate: 250, burst: 20, windowMs: 1000 }, 0);
    const passed = admitAll(limiter, new Array(10_020).fill(0));
    expect(passed.filter((t) => t === 0)).toHaveLength(20);
    const rate = (passed.length - 20) / (passed.at(-1)! / 1000);
    expect(Math.abs(rate - 250) / 250).toBeLessThan(0.01);
  });

  it('refills while idle, up to the burst and no more', () => {
    const limiter = createLimiter({ algorithm: 'token-bucket', rate: 100, burst: 5, windowMs: 1000 }, 0);
    admitAll(limiter, [0, 0, 0, 0, 0]);
    expect(limiter.tokens(0)).toBeCloseTo(0);
    expect(limiter.tokens(30)).toBeCloseTo(3);
    expect(limiter.tokens(10_000)).toBe(5);
  });
});

describe('leaky bucket', () => {
  it('spaces items exactly 1000/rate ms apart however bursty the arrivals', () => {
    const limiter = createLimiter({ algorithm: 'leaky-bucket', rate: 200, burst: 50, windowMs: 1000 }, 0);
    const arrivals = [...new Array(100).fill(0), ...new Array(100).fill(600)];
    const passed = admitAll(limiter, arrivals);
    for (let i = 1; i < passed.length; i++)
      expect(passed[i]! - passed[i - 1]!).toBeGreaterThanOrEqual(5 - 1e-9);
    expect(passed[99]).toBeCloseTo(495);
  });

  it('holds its rate when every wake-up comes late (timers on a loaded machine)', () => {
    // ARRANGE: 200/s, a backlog of 2,000 items, each wait ends 3 ms after it was asked to
    const limiter = createLimiter({ algorithm: 'leaky-bucket', rate: 200, burst: 50, windowMs: 1000 }, 0);
    let now = 0;
    // ACT
    for (let i = 0; i < 2000; i++) {
      const d = limiter.delayFor(now);
      now += d > 0 ? d + 3 : 0;
      limiter.take(now);
    }
    // ASSERT: within 1 % of 200/s (counting slots from the wake-up gave 1000 / 8 = 125/s)
    const rate = 2000 / (now / 1000);
    expect(Math.abs(rate - 200) / 200).toBeLessThan(0.01);
  });
});

describe('sliding window', () => {
  it('never admits more than N in any window W, whatever the arrivals', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 10, max: 500 }),
        fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 400 }),
        (permits, windowMs, raw) => {
          const limiter = createLimiter(
            { algorithm: 'sliding-window', rate: (permits * 1000) / windowMs, burst: 1, windowMs },
            0,
          );
          expect(limiter.capacity).toBe(permits);
          const passed = admitAll(
            limiter,
            raw.sort((a, b) => a - b),
          );
          // Any window (t - W, t] holds at most `permits` admissions.
          for (let i = permits; i < passed.length; i++)
            expect(passed[i]! - passed[i - permits]!).toBeGreaterThanOrEqual(windowMs - 1e-9);
        },
      ),
      { numRuns: 200 },
    );
  });
});
