import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { edgeTelemetry, nodeTelemetry } from '../lib/test-telemetry.js';
import {
  flushHistory,
  historyInfo,
  readHistory,
  recordFrame,
  resetHistory,
  runAverages,
  subscribeHistory,
} from './telemetry-history.js';

const frame = (t: number, nodes = 2): TelemetryFrame => ({
  runId: 'r1',
  seq: t,
  t,
  nodes: Object.fromEntries(
    Array.from({ length: nodes }, (_, i) => [
      `n${i}`,
      nodeTelemetry({ inRate: t, outRate: t, p50Ms: 1, p99Ms: 2, processed: t }),
    ]),
  ),
  edges: {
    e1: edgeTelemetry({ depth: 3, inRate: 1, outRate: 1 }),
  },
});
const category = (id: string) => (id === 'n0' ? 'source' : 'sink');

describe('telemetry history', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    resetHistory();
  });
  afterEach(() => vi.useRealTimers());

  it('keeps about ten samples a second of a small graph, with its series by key', () => {
    for (let t = 0; t <= 1000; t += 50) recordFrame(frame(t), category);
    expect(historyInfo().samples).toBe(11);
    const [times, inRate] = readHistory(['n:n1:in']);
    expect(times.slice(0, 3)).toEqual([0, 0.1, 0.2]);
    expect(inRate?.slice(0, 3)).toEqual([0, 100, 200]);
  });

  it('keeps about five a second of a big graph (a sample writes thousands of series)', () => {
    for (let t = 0; t <= 1000; t += 100) recordFrame(frame(t, 400), category);
    expect(historyInfo().samples).toBe(6);
  });

  it('tells the charts about new samples at most every ~300 ms, just after a frame, and the rest when the run ends', () => {
    let heard = 0;
    const off = subscribeHistory(() => {
      heard += 1;
    });
    recordFrame(frame(0), category);
    expect(heard).toBe(0);
    vi.advanceTimersByTime(40);
    expect(heard).toBe(1);
    for (let t = 100; t <= 1000; t += 100) {
      recordFrame(frame(t), category);
      vi.advanceTimersByTime(100);
    }
    // Frames 0, 300, 600, 900 of 0…1000.
    expect(heard).toBe(4);
    flushHistory();
    expect(heard).toBe(5);
    flushHistory();
    expect(heard).toBe(5);
    off();
  });

  /*
   *   src --e1--> lim (token bucket: 100 through in one 50 ms frame, then nothing) --e2--> out
   */
  it('records per-frame rates that show a token bucket’s bursts the 1 s average hides', () => {
    // ARRANGE: 50 ms frames; every 20th lets a burst of 100 through, the smoothed rate reads 100/s.
    const burst = (t: number): TelemetryFrame => {
      const n = t % 1000 === 0 ? 100 : 0;
      return {
        runId: 'r1',
        seq: t / 50,
        t,
        dtMs: 50,
        nodes: { lim: nodeTelemetry({ inRate: 100, outRate: 100, delta: { in: n, out: n } }) },
        edges: { e2: edgeTelemetry({ inRate: 100, outRate: 100, delta: { in: n, out: n, dropped: 0 } }) },
      };
    };
    // ACT
    for (let t = 50; t <= 3000; t += 50) recordFrame(burst(t), () => 'transform');
    // ASSERT: samples every ~100 ms, each over its two frames: 100 items in 100 ms = 1,000/s.
    const [, smoothed, perFrame] = readHistory(['n:lim:out', 'n:lim:out.f']);
    expect(new Set(smoothed)).toEqual(new Set([100]));
    expect(Math.max(...(perFrame as number[]))).toBe(1000);
    expect(Math.min(...(perFrame as number[]))).toBe(0);
    // The run's average is what went through over the time covered: 3 bursts of 100 in 3 s.
    expect(runAverages().rate('node', 'lim', 'out')).toBe(100);
  });
});
