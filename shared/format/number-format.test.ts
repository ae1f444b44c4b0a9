import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMs, formatNumber, formatPercent, formatRate, wholePercents } from './number-format.js';

describe('formatNumber: one rule for every live number', () => {
  it('keeps one decimal below 10', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(0.5)).toBe('0.5');
    expect(formatNumber(0.04)).toBe('0');
    expect(formatNumber(2)).toBe('2');
    expect(formatNumber(9.94)).toBe('9.9');
    expect(formatNumber(9.96)).toBe('10');
  });

  it('writes whole numbers with thousands separators below 10,000', () => {
    expect(formatNumber(498.6)).toBe('499');
    expect(formatNumber(1000)).toBe('1,000');
    expect(formatNumber(1998)).toBe('1,998');
    expect(formatNumber(2000)).toBe('2,000');
    expect(formatNumber(9_999)).toBe('9,999');
  });

  it('scales from 10,000 with at most one decimal and three digits', () => {
    expect(formatNumber(9_999.6)).toBe('10k');
    expect(formatNumber(10_000)).toBe('10k');
    expect(formatNumber(12_345)).toBe('12.3k');
    expect(formatNumber(99_960)).toBe('100k');
    expect(formatNumber(123_456)).toBe('123k');
    expect(formatNumber(999_600)).toBe('1M');
    expect(formatNumber(1_250_000)).toBe('1.3M');
    expect(formatNumber(45_600_000)).toBe('45.6M');
    expect(formatNumber(2_500_000_000)).toBe('2.5G');
    expect(formatNumber(5e12)).toBe('5000G');
  });

  it('keeps the sign and shows a dash for non-finite input', () => {
    expect(formatNumber(-1998)).toBe('-1,998');
    expect(formatNumber(-0.01)).toBe('0');
    expect(formatNumber(Number.NaN)).toBe('—');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('—');
  });
});

describe('formatRate', () => {
  it('is formatNumber per second, so 1,998/s sits beside 1,000/s, not 2k/s', () => {
    expect(formatRate(1998)).toBe('1,998/s');
    expect(formatRate(1000)).toBe('1,000/s');
    expect(formatRate(0.5)).toBe('0.5/s');
    expect(formatRate(12_345)).toBe('12.3k/s');
  });
});

describe('formatMs and formatPercent', () => {
  it('picks a unit without showing 1000 ms or 60 s', () => {
    expect(formatMs(0.42)).toBe('0.4 ms');
    expect(formatMs(2)).toBe('2 ms');
    expect(formatMs(128.4)).toBe('128 ms');
    expect(formatMs(999.7)).toBe('1 s');
    expect(formatMs(1250)).toBe('1.3 s');
    expect(formatMs(59_990)).toBe('1 min');
    expect(formatMs(90_000)).toBe('1.5 min');
  });

  it('clamps fractions', () => {
    expect(formatPercent(0.984)).toBe('98%');
    expect(formatPercent(1.2)).toBe('100%');
    expect(formatPercent(-1)).toBe('0%');
  });
});

describe('wholePercents', () => {
  it('adds up to the whole where rounding each share would not', () => {
    expect([0.345, 0.345, 0.31].map((f) => Math.round(f * 100))).toEqual([35, 35, 31]); // 101
    expect(wholePercents([0.345, 0.345, 0.31])).toEqual([35, 34, 31]);
    expect(wholePercents([0.004, 0.001, 0.995])).toEqual([0, 0, 100]);
    expect(wholePercents([0, 1, 0])).toEqual([0, 100, 0]);
  });

  it('sums to the rounded total and moves no share by a point or more (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), (a, b) => {
        const [x, y] = [Math.min(a, b) / 10_000, Math.abs(a - b) / 10_000];
        const shares = [x, y, 1 - x - y];
        const whole = wholePercents(shares);
        expect(whole.reduce((s, v) => s + v, 0)).toBe(100);
        for (const [i, v] of whole.entries()) expect(Math.abs(v - shares[i]! * 100)).toBeLessThan(1);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});
