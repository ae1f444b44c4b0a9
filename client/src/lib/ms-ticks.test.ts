import { describe, expect, it } from 'vitest';
import { msTicks } from './ms-ticks.js';
import { shortTraceId } from './trace-book.js';

describe('msTicks', () => {
  it('counts in round steps and never passes the span', () => {
    expect(msTicks(131, 6)).toEqual([0, 50, 100]);
    expect(msTicks(4, 6)).toEqual([0, 1, 2, 3, 4]);
    expect(msTicks(2_500, 6)).toEqual([0, 500, 1_000, 1_500, 2_000, 2_500]);
  });

  it('puts at most `most` ticks on any span', () => {
    for (const span of [0.3, 7, 99, 640, 12_345, 600_000])
      expect(msTicks(span, 6).length).toBeLessThanOrEqual(6);
  });
});

describe('shortTraceId', () => {
  it('keeps short ids and shortens long ones to their tail', () => {
    expect(shortTraceId('t12')).toBe('t12');
    expect(shortTraceId('7f3c9a01-44')).toBe('1-44');
  });
});
