import { describe, expect, it } from 'vitest';
import { erlangC, md1, mmc, utilization } from './queueing.js';

// Textbook values (Gross & Harris; Kleinrock vol. 1), in the units Sluice uses: items/s and ms.
describe('queueing models', () => {
  it('utilization: arrivals × service ÷ servers', () => {
    expect(utilization(2000, 2, 1)).toBe(4);
    expect(utilization(2000, 2, 4)).toBe(1);
    expect(utilization(100, 2, 0)).toBe(0);
  });

  it('Erlang C: the chance of waiting', () => {
    expect(erlangC(1, 0.8)).toBeCloseTo(0.8, 12); // M/M/1: P(wait) = ρ
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 12);
    // Many servers do not overflow: 1,000 lanes at ρ 0.99 wait now and then, not always.
    const c = erlangC(1000, 990);
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThan(1);
  });

  it('M/M/1 at ρ 0.8: Lq 3.2, Wq 4 S, L 4, W 5 S', () => {
    // λ = 800/s, S = 1 ms (μ = 1,000/s)
    const p = mmc(800, 1, 1)!;
    expect(p.rho).toBeCloseTo(0.8, 12);
    expect(p.queueLength).toBeCloseTo(3.2, 10);
    expect(p.waitMs).toBeCloseTo(4, 10);
    expect(p.systemLength).toBeCloseTo(4, 10);
    expect(p.systemMs).toBeCloseTo(5, 10);
  });

  it('M/M/1 at ρ 0.95 waits 19 service times', () => {
    expect(mmc(475, 2, 1)!.waitMs).toBeCloseTo(38, 9);
  });

  it('M/M/2 at ρ 0.5: Lq 1/3, Wq = Lq / λ', () => {
    // λ = 1,000/s, S = 1 ms, two lanes: a = 1 erlang
    const p = mmc(1000, 1, 2)!;
    expect(p.rho).toBe(0.5);
    expect(p.queueLength).toBeCloseTo(1 / 3, 10);
    expect(p.waitMs).toBeCloseTo(1 / 3, 10);
    expect(p.systemLength).toBeCloseTo(4 / 3, 10);
  });

  it('M/M/3 at a = 2: Lq 8/9', () => {
    const p = mmc(2000, 1, 3)!;
    expect(p.queueLength).toBeCloseTo(8 / 9, 10);
  });

  it('M/D/1 waits half as long as M/M/1', () => {
    const p = md1(500, 1)!;
    expect(p.waitMs).toBeCloseTo(0.5, 12);
    expect(p.queueLength).toBeCloseTo(0.25, 12); // ρ² / 2(1 − ρ)
    expect(p.systemMs).toBeCloseTo(1.5, 12);
    expect(md1(900, 1)!.waitMs).toBeCloseTo(mmc(900, 1, 1)!.waitMs / 2, 10);
  });

  it('no steady state at ρ ≥ 1, nor without arrivals', () => {
    expect(mmc(1000, 1, 1)).toBeUndefined();
    expect(mmc(5000, 1, 4)).toBeUndefined();
    expect(md1(2000, 1)).toBeUndefined();
    expect(mmc(0, 1, 1)).toBeUndefined();
  });
});
