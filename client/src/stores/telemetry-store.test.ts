import { beforeEach, describe, expect, it } from 'vitest';
import type { EdgeTelemetry, TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { useTelemetryStore } from './telemetry-store.js';

const queue = (depth: number, inRate: number, outRate: number): EdgeTelemetry => ({
  depth,
  capacity: 64,
  inRate,
  outRate,
  dropped: 0,
  blockedRatio: 0,
  oldestAgeMs: 0,
  // What the server says: it divides by any positive net rate.
  etaFullMs: inRate > outRate ? ((64 - depth) / (inRate - outRate)) * 1000 : null,
});
const frame = (seq: number, edges: TelemetryFrame['edges']): TelemetryFrame => ({
  runId: 'r1',
  seq,
  t: seq * 100,
  nodes: {},
  edges,
});

describe('telemetry store', () => {
  beforeEach(() => useTelemetryStore.getState().reset(100));

  it('shows "full in" only for a queue that is really filling, not one wobbling at 1/64', () => {
    const { setFrame } = useTelemetryStore.getState();
    for (let seq = 1; seq <= 15; seq++)
      setFrame(frame(seq, { steady: queue(1 + (seq % 2), 100, 99), filling: queue(seq * 3, 100, 70) }), {});
    const edges = useTelemetryStore.getState().frame?.edges;
    expect(edges?.steady?.etaFullMs).toBeNull();
    // 45/64 at 30/s net: 19 left, about 633 ms.
    expect(edges?.filling?.etaFullMs).toBeCloseTo(633, 0);
  });

  it('keeps an older frame from replacing a newer one, and keeps the last frame once the run ends', () => {
    const { setFrame, end } = useTelemetryStore.getState();
    setFrame(frame(2, { e1: queue(10, 1, 1) }), {});
    setFrame(frame(1, { e1: queue(5, 1, 1) }), {});
    expect(useTelemetryStore.getState().frame?.seq).toBe(2);
    setFrame(frame(3, { e1: queue(12, 1, 1) }), {});
    end();
    const s = useTelemetryStore.getState();
    expect(s.live).toBe(false);
    expect(s.frame?.seq).toBe(3);
    expect(s.frame?.edges.e1?.depth).toBe(12);
  });
  it('shows a recorded frame at the cursor while live frames keep arriving, and Live returns to the newest', () => {
    const { setFrame, showPast, showLive } = useTelemetryStore.getState();
    setFrame(frame(10, { e1: queue(40, 1, 1) }), {});
    showPast(frame(3, { e1: queue(12, 1, 1) }), {});
    setFrame(frame(11, { e1: queue(41, 1, 1) }), {});
    const scrubbed = useTelemetryStore.getState();
    expect(scrubbed.frame?.seq).toBe(3);
    expect(scrubbed.frame?.edges.e1?.depth).toBe(12);
    expect(scrubbed.liveFrame?.seq).toBe(11);
    showLive();
    expect(useTelemetryStore.getState().frame?.seq).toBe(11);
    expect(useTelemetryStore.getState().past).toBe(false);
  });
});
