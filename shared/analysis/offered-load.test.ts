import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../protocol/telemetry.js';
import { offeredLoad, offeredTo } from './offered-load.js';
import { edgeTelemetry, nodeTelemetry } from './test-telemetry.js';

const frame = (f: Pick<TelemetryFrame, 'nodes' | 'edges'>) => f;

describe('offeredLoad', () => {
  //   src ──e1 [500/s accepted, src blocked 75 %]──▶ work
  it('a blocked source would send what it sent over the share of time it was free', () => {
    const f = frame({
      nodes: { src: nodeTelemetry({ outRate: 500, backpressured: 0.75 }), work: nodeTelemetry() },
      edges: { e1: edgeTelemetry({ inRate: 500, offeredRate: 500, blockedRatio: 0.75 }) },
    });
    const edges = [{ id: 'e1', source: 'src', target: 'work' }];
    expect(offeredLoad('e1', f, edges)).toBe(2000);
    expect(offeredTo('work', f, edges)).toBe(2000);
  });

  it('an unblocked queue is offered what it took, dropped items included', () => {
    const f = frame({
      nodes: {},
      edges: { e1: edgeTelemetry({ inRate: 500, offeredRate: 2000, dropRate: 1500 }) },
    });
    expect(offeredLoad('e1', f, [{ id: 'e1', source: 'src', target: 'work' }])).toBe(2000);
  });

  //   src (1,000/s wanted) ──e1 [blocked 50 %]──▶ parse (fast, blocked 99 %) ──e2──▶ work
  it('a transform blocked nearly always offers no more than reaches it', () => {
    const f = frame({
      nodes: {
        src: nodeTelemetry({ outRate: 500, backpressured: 0.5 }),
        parse: nodeTelemetry({ inRate: 500, outRate: 500, backpressured: 0.99 }),
      },
      edges: {
        e1: edgeTelemetry({ inRate: 500, offeredRate: 500, blockedRatio: 0.5 }),
        e2: edgeTelemetry({ inRate: 500, offeredRate: 500, blockedRatio: 0.99 }),
      },
    });
    const edges = [
      { id: 'e1', source: 'src', target: 'parse' },
      { id: 'e2', source: 'parse', target: 'work' },
    ];
    expect(offeredLoad('e2', f, edges)).toBe(1000);
  });

  it('caps a producer blocked all the time at 20 × what it sent', () => {
    const f = frame({
      nodes: {},
      edges: { e1: edgeTelemetry({ inRate: 10, offeredRate: 10, blockedRatio: 1 }) },
    });
    expect(offeredLoad('e1', f, [])).toBeCloseTo(200, 6);
  });
});
