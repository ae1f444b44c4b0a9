import { describe, expect, it } from 'vitest';
import type { PartPlan } from '../../shared/protocol/cluster.js';
import type { NodeTelemetry, TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { emptyTotals } from '../../shared/protocol/telemetry.js';
import { PartState } from './part-state.js';

const part = {
  partId: 'work#0',
  replica: 0,
  plan: { name: 'g', nodes: [], edges: [] },
  brokerEdges: [],
} as unknown as PartPlan;
const node = (processed: number, errors = 0): NodeTelemetry => ({
  inRate: 100,
  outRate: 100,
  busy: 1,
  idle: 0,
  backpressured: 0,
  p50Ms: 1,
  p99Ms: 2,
  errors,
  processed,
});
const frame = (n: NodeTelemetry): TelemetryFrame => ({
  runId: 'r',
  seq: 1,
  t: 0,
  edges: {},
  nodes: { work: n },
});
const counters = (published: number) => ({
  e1: { published, rejected: 0, blockedMs: 0, delivered: published, redelivered: 0, acked: published },
});

describe('PartState', () => {
  it('a part started again counts on from what its earlier incarnation counted', () => {
    // ARRANGE: 300 processed, 2 errors, 300 published on runner a
    const s = new PartState(part, 'a', 0);
    s.frame = frame(node(300, 2));
    s.update({ ...emptyTotals(), delivered: 300 }, counters(300));
    // ACT: runner a is lost; on b it has processed 50 so far
    s.restartOn('b', 1000);
    expect(s.snapshot().frame).toBeNull();
    s.frame = frame(node(50));
    s.update({ ...emptyTotals(), delivered: 50 }, counters(50));
    // ASSERT: counts carried, rates are the new runner's own
    const snap = s.snapshot();
    expect(snap.runnerId).toBe('b');
    expect(snap.frame!.nodes.work).toMatchObject({ processed: 350, errors: 2, inRate: 100 });
    expect(snap.totals.delivered).toBe(350);
    expect(snap.broker.e1).toMatchObject({ published: 350, acked: 350 });
  });
});
