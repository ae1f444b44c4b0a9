import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../protocol/telemetry.js';
import { RunWatch } from './run-watch.js';
import { nodeTelemetry as node, edgeTelemetry as queue } from './test-telemetry.js';

//   src (blocked 75 %) ──e1 [64/64]──▶ work (2 ms, ρ 4) ──▶ out
const slow = (t: number): TelemetryFrame => ({
  runId: 'r',
  seq: t / 100,
  t,
  nodes: {
    src: node({ outRate: 500, idle: 0.25, backpressured: 0.75 }),
    work: node({ inRate: 500, outRate: 500, busy: 1, idle: 0, meanServiceMs: 2, utilization: 4 }),
  },
  edges: { e1: queue({ depth: 64, inRate: 500, outRate: 500, offeredRate: 500, blockedRatio: 0.75 }) },
});

describe('RunWatch', () => {
  it('names the bottleneck only once frames have shown it long enough, as the banner does', () => {
    const watch = new RunWatch([{ id: 'e1', source: 'src', target: 'work' }]);
    watch.see(slow(100));
    expect(watch.bottleneck()).toBeNull();
    for (let t = 200; t <= 600; t += 100) watch.see(slow(t));
    expect(watch.bottleneck()).toMatchObject({
      nodeId: 'work',
      sentence: expect.stringMatching(
        /^work is the bottleneck: 2,000 items\/s offered × 2 ms ÷ 1 lane = 4\.0 ×/,
      ),
    });
  });

  it('judges "full in" as the canvas does: only after a sustained climb', () => {
    const watch = new RunWatch([]);
    const filling = (t: number, depth: number): TelemetryFrame => ({
      runId: 'r',
      seq: t,
      t,
      nodes: {},
      edges: { e1: queue({ depth, inRate: 100, outRate: 60 }) },
    });
    watch.see(filling(0, 0));
    expect(watch.fullInMs('e1')).toBeNull();
    watch.see(filling(1200, 40));
    expect(watch.fullInMs('e1')).toBe(600);
  });
});
