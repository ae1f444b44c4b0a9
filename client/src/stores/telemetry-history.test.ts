import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { edgeTelemetry, nodeTelemetry } from '../lib/test-telemetry.js';
import {
  flushHistory,
  historyInfo,
  readHistory,
  recordFrame,
  resetHistory,
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
});
