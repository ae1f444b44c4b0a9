import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { edgeTelemetry, nodeTelemetry } from '../lib/test-telemetry.js';
import {
  beginBackfill,
  flushHistory,
  historyInfo,
  readHistory,
  readWindow,
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

  it('puts the recording read back after a reload before the live frames: the whole run starts at 0', () => {
    // ARRANGE: the page was reloaded 60 s into the run; the socket brings 60…70 s.
    for (let t = 60_000; t <= 70_000; t += 100) recordFrame(frame(t), category);
    expect(readWindow(['n:n1:in'], 'run', null).data[0][0]).toBe(60);
    // ACT: the recording, one frame a second (the server's step), overlapping the live part.
    const fill = beginBackfill(category);
    const older: TelemetryFrame[] = [];
    for (let t = 0; t <= 65_000; t += 1000) older.push(frame(t));
    fill.add(older);
    expect(fill.commit()).toBe(true);
    // ASSERT: the whole run from 0 to now, each instant once, in order.
    const run = readWindow(['n:n1:in'], 'run', null);
    expect(run.range).toEqual([0, 70]);
    expect(run.data[0][0]).toBe(0);
    expect(run.data[0].at(-1)).toBe(70);
    expect(run.data[0].every((t, i) => i === 0 || t > run.data[0][i - 1]!)).toBe(true);
    expect(run.data[1]![0]).toBe(0);
    // 5 min reads the live history, now reaching back to 0; 30 s only its last 30 s.
    const fiveMin = readWindow(['n:n1:in'], '5m', null);
    expect(fiveMin.range).toEqual([0, 300]);
    expect(fiveMin.data[0].slice(0, 2)).toEqual([0, 1]);
    const thirty = readWindow(['n:n1:in'], '30s', null);
    expect(thirty.range).toEqual([40, 70]);
    expect(thirty.data[0][0]).toBe(39);
    expect(thirty.data[0].filter((t) => t >= 60).length).toBe(101);
    // With the cursor at 10 s, the 30 s window moves to it.
    expect(readWindow(['n:n1:in'], '30s', 10).range).toEqual([0, 30]);
  });

  it('drops a recording read back for a run the charts have since forgotten', () => {
    const fill = beginBackfill(category);
    fill.add([frame(0), frame(1000)]);
    resetHistory();
    recordFrame(frame(5000), category);
    expect(fill.commit()).toBe(false);
    expect(readWindow(['n:n1:in'], 'run', null).data[0]).toEqual([5]);
  });

  it('keeps at most ~2,000 samples of the whole run however long it is', () => {
    for (let t = 0; t <= 600_000; t += 100) recordFrame(frame(t), category);
    const run = readWindow(['n:n1:in'], 'run', null);
    expect(run.data[0].length).toBeLessThanOrEqual(2_000);
    expect(run.data[0][0]).toBe(0);
    expect(run.data[0].at(-1)).toBeGreaterThan(595);
    expect(historyInfo().samples).toBe(3_000);
  });
});
