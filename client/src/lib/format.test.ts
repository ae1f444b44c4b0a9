import { describe, expect, it } from 'vitest';
import { compact, formatClock, formatCount, formatMs, formatPercent, formatRate } from './format.js';

describe('formatRate', () => {
  it('keeps small rates readable', () => {
    expect(formatRate(0)).toBe('0/s');
    expect(formatRate(0.5)).toBe('0.5/s');
    expect(formatRate(2)).toBe('2/s');
    expect(formatRate(498.6)).toBe('499/s');
  });

  it('scales thousands and millions', () => {
    expect(formatRate(1940)).toBe('1.9k/s');
    expect(formatRate(2000)).toBe('2k/s');
    expect(formatRate(12_345)).toBe('12k/s');
    expect(formatRate(999_999)).toBe('1M/s');
    expect(formatRate(1_250_000)).toBe('1.3M/s');
  });

  it('shows a dash for non-finite input', () => {
    expect(formatRate(Number.NaN)).toBe('—/s');
    expect(compact(Number.POSITIVE_INFINITY)).toBe('—');
  });
});

describe('formatCount', () => {
  it('is exact below 100k and compact above', () => {
    expect(formatCount(2100)).toBe('2,100');
    expect(formatCount(99_999)).toBe('99,999');
    expect(formatCount(123_456)).toBe('123k');
    expect(formatCount(4_560_000)).toBe('4.6M');
  });
});

describe('formatMs', () => {
  it('picks a unit', () => {
    expect(formatMs(0.42)).toBe('0.4 ms');
    expect(formatMs(2)).toBe('2 ms');
    expect(formatMs(128.4)).toBe('128 ms');
    expect(formatMs(1250)).toBe('1.3 s');
    expect(formatMs(90_000)).toBe('1.5 min');
  });
});

describe('formatPercent and formatClock', () => {
  it('clamps fractions', () => {
    expect(formatPercent(0.984)).toBe('98%');
    expect(formatPercent(1.2)).toBe('100%');
    expect(formatPercent(-1)).toBe('0%');
  });

  it('formats a run clock', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(83_000)).toBe('1:23');
    expect(formatClock(3_723_000)).toBe('1:02:03');
  });
});
