import { describe, expect, it } from 'vitest';
import { compact, formatClock, formatCount, formatRate, formatTimeOfDay } from './format.js';

describe('the client formatters share the one number rule', () => {
  it('formats counts, depths and rates alike', () => {
    expect(formatCount(1998)).toBe('1,998');
    expect(compact(1998)).toBe('1,998');
    expect(formatRate(1998)).toBe('1,998/s');
    expect(formatCount(123_456)).toBe(compact(123_456));
  });
});

describe('formatClock', () => {
  it('formats a run clock', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(83_000)).toBe('1:23');
    expect(formatClock(3_723_000)).toBe('1:02:03');
  });
});

describe('formatTimeOfDay', () => {
  it('shows local time to the millisecond', () => {
    expect(formatTimeOfDay(new Date(2026, 0, 1, 23, 1, 2, 345).getTime())).toBe('23:01:02.345');
    expect(formatTimeOfDay(new Date(2026, 5, 9, 7, 5, 9, 7).getTime())).toBe('07:05:09.007');
  });

  it('shows a dash for a time that is not one', () => {
    expect(formatTimeOfDay(Number.NaN)).toBe('—');
  });
});
