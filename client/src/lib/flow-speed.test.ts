import { describe, expect, it } from 'vitest';
import { flowDuration, flowWidth } from './flow-speed.js';

describe('flowDuration', () => {
  it('has no animation without flow, and gets faster as the rate grows', () => {
    expect(flowDuration(0)).toBeNull();
    expect(flowDuration(Number.NaN)).toBeNull();
    const secs = [1, 10, 100, 1_000, 10_000, 1e6].map((r) => Number.parseFloat(flowDuration(r) ?? ''));
    for (let i = 1; i < secs.length; i++) expect(secs[i]).toBeLessThanOrEqual(secs[i - 1]!);
    expect(secs[0]).toBe(1.5);
    expect(secs[secs.length - 1]).toBe(0.2);
  });

  it('thickens in steps', () => {
    expect([5, 500, 50_000].map(flowWidth)).toEqual([2, 3, 4]);
  });
});
