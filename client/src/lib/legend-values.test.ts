import { describe, expect, it } from 'vitest';
import { legendValues } from './legend-values.js';

describe('legendValues', () => {
  // x: run seconds; two series: queued items (fills to 1,000 by 4 s) and a sparse one
  const data = [
    [0.5, 1, 2, 3, 4, 5],
    [250, 500, 1_000, 1_000, 1_000, 0],
    [null, 7, null, null, 9, null],
  ];

  it('live: the newest non-empty value of each series', () => {
    expect(legendValues(data, null)).toEqual([0, 9]);
  });

  it('with the timeline cursor set: the values at or before it, not the run’s end', () => {
    expect(legendValues(data, 0.5)).toEqual([250, null]);
    expect(legendValues(data, 1.4)).toEqual([500, 7]);
    expect(legendValues(data, 3.99)).toEqual([1_000, 7]);
  });

  it('before the first sample: nothing (a dash)', () => {
    expect(legendValues(data, 0.1)).toEqual([null, null]);
  });
});
