import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../protocol/telemetry.js';
import type { EdgeEnds } from './held-back.js';
import { offeredLoad } from './offered-load.js';
import { sourcePeakRate, withSourceRates } from './source-peak.js';
import { edgeTelemetry, nodeTelemetry } from './test-telemetry.js';

describe('sourcePeakRate', () => {
  it('is the rate at the pattern’s peak, and nothing for unbounded or rate-less kinds', () => {
    expect(sourcePeakRate('generator', { rate: 2000 })).toBe(2000);
    expect(sourcePeakRate('generator', {})).toBe(100);
    expect(sourcePeakRate('generator', { rate: 2000, pattern: 'burst' })).toBe(2000);
    expect(sourcePeakRate('generator', { rate: 100, pattern: 'step' })).toBe(1000);
    expect(sourcePeakRate('generator', { rate: 100, pattern: 'poisson' })).toBe(141);
    expect(sourcePeakRate('generator', { rate: null })).toBeUndefined();
    expect(sourcePeakRate('log-replay', { rate: 50 })).toBe(50);
    expect(sourcePeakRate('worker', { rate: 50 })).toBeUndefined();
  });
});

describe('withSourceRates + offeredLoad', () => {
  //   src (2,000/s) ──e1 [560/s taken, src blocked 99 % this tick]──▶ work
  // A closed-loop source behind a slow consumer waits nearly all of a tick; 560 / (1 − 0.95) read
  // "11,200 items/s offered" for a 2,000/s generator. Its rate caps the estimate.
  it('never reads a source as offering more than its rate', () => {
    // ARRANGE
    const f: Pick<TelemetryFrame, 'nodes' | 'edges'> = {
      nodes: { src: nodeTelemetry({ outRate: 560, backpressured: 0.99 }), work: nodeTelemetry() },
      edges: { e1: edgeTelemetry({ inRate: 560, offeredRate: 560, blockedRatio: 0.99 }) },
    };
    const plain: EdgeEnds[] = [{ id: 'e1', source: 'src', target: 'work' }];
    // ACT
    const rated = withSourceRates(plain, [
      { id: 'src', data: { kind: 'generator', params: { rate: 2000 } } },
      { id: 'work', data: { kind: 'worker', params: {} } },
    ]);
    // ASSERT
    expect(offeredLoad('e1', f, plain)).toBeCloseTo(11_200);
    expect(rated[0]?.sourceRate).toBe(2000);
    expect(offeredLoad('e1', f, rated)).toBe(2000);
  });

  it('leaves edges of unrated producers as they are', () => {
    const edges = [{ id: 'e2', source: 'work', target: 'out' }];
    expect(withSourceRates(edges, [{ id: 'work', kind: 'worker', params: {} }])).toBe(edges);
  });
});
