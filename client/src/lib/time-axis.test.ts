import { describe, expect, it } from 'vitest';
import { timeRange, timeTickLabels, timeTicks } from './time-axis.js';

const labels = (min: number, max: number, most = 6) => {
  const [lo, hi] = timeRange(min, max);
  return timeTickLabels(timeTicks(lo, hi, most));
};

describe('chart time axis', () => {
  it('gives a run a fraction of a second old distinct, sensible ticks (not "0.0s 0.0s 0.0s")', () => {
    expect(timeRange(0.1, 0.1)).toEqual([0.1, 1.1]);
    expect(labels(0, 0.3)).toEqual(['0.0s', '0.2s', '0.4s', '0.6s', '0.8s', '1.0s']);
    expect(labels(0.1, 0.35)).toEqual(['0.2s', '0.4s', '0.6s', '0.8s', '1.0s']);
  });

  it('steps in whole seconds once the run spans a few', () => {
    expect(labels(0, 3.2)).toEqual(['0s', '1s', '2s', '3s']);
    expect(labels(0, 8.5)).toEqual(['0s', '2s', '4s', '6s', '8s']);
    expect(labels(0, 59)).toEqual(['0s', '10s', '20s', '30s', '40s', '50s']);
  });

  it('switches to m:ss after two minutes', () => {
    expect(labels(60, 360)).toEqual(['1:00', '2:00', '3:00', '4:00', '5:00', '6:00']);
  });

  it('never labels two ticks alike', () => {
    for (const [min, max] of [
      [0, 0.05],
      [0, 1.7],
      [12.3, 14.1],
      [0, 299.9],
      [250, 550],
    ] as const) {
      const l = labels(min, max);
      expect(new Set(l).size).toBe(l.length);
      expect(l.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('labels ticks finer than a tenth with the decimals they need', () => {
    expect(timeTickLabels([0, 0.02, 0.04])).toEqual(['0.00s', '0.02s', '0.04s']);
  });

  it('keeps the number of ticks within what fits', () => {
    expect(timeTicks(0, 100, 3).length).toBeLessThanOrEqual(3);
    expect(timeTicks(0, 1, 12).length).toBeLessThanOrEqual(12);
  });
});
