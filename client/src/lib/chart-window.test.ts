import { describe, expect, it } from 'vitest';
import { sliceToRange, windowRange } from './chart-window.js';

describe('windowRange', () => {
  it('ends a 30 s or 5 min window at the newest sample', () => {
    expect(windowRange('30s', 100, null)).toEqual([70, 100]);
    expect(windowRange('5m', 1000, null)).toEqual([700, 1000]);
  });

  it('fills a young run from the left: the window is its own width from 0', () => {
    expect(windowRange('30s', 4, null)).toEqual([0, 30]);
    expect(windowRange('5m', 4, null)).toEqual([0, 300]);
    expect(windowRange('30s', Number.NaN, null)).toEqual([0, 30]);
  });

  it('shows the whole run from 0 to the newest sample, at least a second', () => {
    expect(windowRange('run', 1234.5, null)).toEqual([0, 1234.5]);
    expect(windowRange('run', 0.2, null)).toEqual([0, 1]);
    expect(windowRange('run', Number.NaN, null)).toEqual([0, 1]);
  });

  it('spans an ended run shorter than the window, instead of leaving room it will never fill', () => {
    // A 10.8 s recording on the 5 min window was a sliver at the left of a 0:00–5:00 axis.
    expect(windowRange('5m', 10.8, null, true)).toEqual([0, 10.8]);
    expect(windowRange('30s', 10.8, 5, true)).toEqual([0, 10.8]);
    expect(windowRange('30s', 0.2, null, true)).toEqual([0, 1]);
    // Longer than the window: the window as before.
    expect(windowRange('30s', 100, null, true)).toEqual([70, 100]);
    expect(windowRange('30s', 100, 20, true)).toEqual([5, 35]);
    // Still running: a young run fills from the left.
    expect(windowRange('5m', 10.8, null, false)).toEqual([0, 300]);
  });

  it('keeps the cursor in view: a window it has left is centred on it', () => {
    expect(windowRange('30s', 100, 90)).toEqual([70, 100]);
    expect(windowRange('30s', 100, 20)).toEqual([5, 35]);
    expect(windowRange('30s', 100, 3)).toEqual([0, 30]);
    expect(windowRange('5m', 1000, 100)).toEqual([0, 300]);
    expect(windowRange('run', 100, 20)).toEqual([0, 100]);
  });
});

describe('sliceToRange', () => {
  const data: [number[], (number | null)[]] = [
    [0, 1, 2, 3, 4, 5],
    [10, 11, null, 13, 14, 15],
  ];

  it('keeps the samples inside, with one more either side so lines reach the edges', () => {
    expect(sliceToRange(data, 2, 3)).toEqual([
      [1, 2, 3, 4],
      [11, null, 13, 14],
    ]);
    expect(sliceToRange(data, 2.5, 2.6)).toEqual([
      [2, 3],
      [null, 13],
    ]);
  });

  it('returns the data itself when all of it is in range, and nothing of an empty history', () => {
    expect(sliceToRange(data, -1, 10)).toBe(data);
    expect(sliceToRange([[]], 0, 30)).toEqual([[]]);
  });
});
