import { describe, expect, it } from 'vitest';
import type { Plan, PlanEdge, PlanNode } from '../../shared/compiler/plan.js';
import type { BrokerEdgeCounters } from '../../shared/protocol/cluster.js';
import type { EdgeTelemetry, NodeTelemetry, TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { emptyTotals } from '../../shared/protocol/telemetry.js';
import { FrameMerger, type PartSnapshot, type StreamSnapshot } from './merge-frames.js';

//   main: gen ──[m1 memory]──▶ tag ──[e1 nats, cap 100]──▶ work ×2 ──[e2 nats]──▶ main: out
const node = (id: string, kind: PlanNode['kind'], replicas?: number): PlanNode => ({
  id,
  kind,
  params: {},
  inputs: {},
  outputs: {},
  ...(replicas ? { replicas } : {}),
});
const edge = (id: string, source: string, target: string, transport: 'memory' | 'nats'): PlanEdge => ({
  id,
  source,
  sourcePort: 'out',
  target,
  targetPort: 'in',
  capacity: 100,
  overflow: 'block',
  transport,
});
const edges = [
  edge('m1', 'gen', 'tag', 'memory'),
  edge('e1', 'tag', 'work', 'nats'),
  edge('e2', 'work', 'out', 'nats'),
];
const plan: Plan = {
  name: 'g',
  nodes: [node('gen', 'generator'), node('tag', 'map'), node('work', 'worker', 2), node('out', 'counter')],
  edges,
};
const mainPlan: Plan = { name: 'g', nodes: plan.nodes.filter((n) => n.id !== 'work'), edges };
const workPlan: Plan = { name: 'g', nodes: [plan.nodes[2]!], edges: edges.slice(1) };

const nodeT = (over: Partial<NodeTelemetry> = {}): NodeTelemetry => ({
  inRate: 0,
  outRate: 0,
  busy: 0,
  idle: 1,
  backpressured: 0,
  p50Ms: 0,
  p99Ms: 0,
  errors: 0,
  processed: 0,
  ...over,
});
const edgeT = (over: Partial<EdgeTelemetry> = {}): EdgeTelemetry => ({
  depth: 0,
  capacity: 16,
  inRate: 0,
  outRate: 0,
  dropped: 0,
  blockedRatio: 0,
  oldestAgeMs: 0,
  etaFullMs: null,
  ...over,
});
const frame = (nodes: TelemetryFrame['nodes'], fEdges: TelemetryFrame['edges']): TelemetryFrame => ({
  runId: 'r',
  seq: 1,
  t: 0,
  edges: fEdges,
  nodes,
});
const counters = (over: Partial<BrokerEdgeCounters>): BrokerEdgeCounters => ({
  published: 0,
  rejected: 0,
  blockedMs: 0,
  delivered: 0,
  redelivered: 0,
  acked: 0,
  ...over,
});

/** The three parts after `k` seconds of 400 items/s in, 300/s acked (150 per replica). */
function partsAt(k: number, extra: { rejected?: number } = {}): PartSnapshot[] {
  const main: PartSnapshot = {
    part: { partId: 'main', replica: 0, plan: mainPlan },
    runnerId: 'rA',
    frame: frame(
      { gen: nodeT({ outRate: 400, processed: 400 * k }), tag: nodeT({ processed: 400 * k }), out: nodeT() },
      { m1: edgeT({ depth: 3, inRate: 400 }), e1: edgeT({ depth: 16, blockedRatio: 0.6 }), e2: edgeT() },
    ),
    totals: { ...emptyTotals(), emitted: 400 * k, delivered: 290 * k },
    broker: {
      e1: counters({ published: 400 * k, rejected: extra.rejected ?? 0 }),
      e2: counters({ delivered: 290 * k, acked: 290 * k }),
    },
  };
  const replica = (i: number, runner: string, busy: number): PartSnapshot => ({
    part: { partId: `work#${i}`, replica: i, plan: workPlan },
    runnerId: runner,
    frame: frame(
      {
        work: nodeT({
          inRate: 150,
          outRate: 150,
          busy,
          idle: 1 - busy,
          processed: 150 * k,
          p99Ms: 2 + i,
          meanServiceMs: 2 + i,
          utilization: busy,
        }),
      },
      { e1: edgeT({ depth: 2 }), e2: edgeT({ blockedRatio: 0 }) },
    ),
    totals: emptyTotals(),
    broker: {
      e1: counters({ delivered: 150 * k + i, redelivered: i * 5, acked: 150 * k }),
      e2: counters({ published: 145 * k }),
    },
  });
  return [main, replica(1, 'rC', 0.5), replica(0, 'rB', 0.9)];
}

const streams = (e1: StreamSnapshot, e2: StreamSnapshot = { messages: 0, lastSeq: 0 }) =>
  new Map([
    ['e1', e1],
    ['e2', e2],
  ]);

describe('FrameMerger', () => {
  it('passes memory edges and unreplicated nodes through, rebuilds nats edges from broker and counters', () => {
    // ARRANGE: a merger started at t=0, samples every 100 ms for 1.5 s of steady flow
    const m = new FrameMerger('r', plan, 0);
    let f!: TelemetryFrame;
    // ACT
    for (let t = 100; t <= 1500; t += 100) {
      const k = t / 1000;
      f = m.merge(
        t,
        10_000 + t,
        partsAt(k),
        streams({ messages: 40, lastSeq: 400 * k, firstTs: 10_000 + t - 250 }),
      );
    }
    // ASSERT: memory edge and plain nodes are the part's own
    expect(f.edges.m1).toEqual(edgeT({ depth: 3, inRate: 400 }));
    expect(f.nodes.gen!.processed).toBe(600);
    // The nats edge: depth and age from the stream, rates from published/acked counts over ≈1 s
    const e1 = f.edges.e1!;
    expect(e1.transport).toBe('nats');
    expect(e1.depth).toBe(40);
    expect(e1.capacity).toBe(100);
    expect(e1.inRate).toBeCloseTo(400, 0);
    expect(e1.outRate).toBeCloseTo(300, 0);
    expect(e1.oldestAgeMs).toBe(250);
    expect(e1.etaFullMs).toBe(600); // 60 free at a net 100/s
    expect(e1.blockedRatio).toBe(0.6); // the producer's staging queue, not the consumer's input queue
    expect(e1.redelivered).toBe(5);
    expect(e1.delta).toEqual({ in: 40, out: 30, dropped: 0, offered: 40 });
    expect(f.seq).toBe(15);
    expect(f.dtMs).toBe(100);
  });

  it('sums a replicated node and lists its replicas in replica order with their runners', () => {
    const m = new FrameMerger('r', plan, 0);
    const f = m.merge(1000, 1000, partsAt(1), streams({ messages: 0, lastSeq: 0 }));
    const work = f.nodes.work!;
    expect(work.inRate).toBe(300);
    expect(work.processed).toBe(300);
    expect(work.busy).toBe(0.7);
    expect(work.busy + work.idle + work.backpressured).toBeCloseTo(1, 6);
    expect(work.p99Ms).toBe(3);
    // Service weighted by items taken in (150 at 2 ms, 150 at 3 ms); ρ the replicas' mean.
    expect(work.meanServiceMs).toBe(2.5);
    expect(work.utilization).toBe(0.7);
    expect(work.replicas!.map((r) => [r.replica, r.runner, r.processed, r.busy])).toEqual([
      [0, 'rB', 150, 0.9],
      [1, 'rC', 150, 0.5],
    ]);
  });

  it('names each replica by its number, so a row keeps it while another replica is away', () => {
    // ARRANGE: work#0 restarting (no frame yet), work#1 reporting
    const m = new FrameMerger('r', plan, 0);
    const parts = partsAt(1).filter((p) => p.part.partId !== 'work#0');
    // ACT
    const f = m.merge(1000, 1000, parts, streams({ messages: 0, lastSeq: 0 }));
    // ASSERT: the one row left is replica 1, not "#0"
    expect(f.nodes.work!.replicas!.map((r) => [r.replica, r.runner])).toEqual([[1, 'rC']]);
  });

  it('counts refused publishes (drop-newest) and evictions (drop-oldest) as dropped, in the totals too', () => {
    // ARRANGE
    const m = new FrameMerger('r', plan, 0);
    // drop-newest: 7 refused publishes
    let f = m.merge(1000, 1000, partsAt(1, { rejected: 7 }), streams({ messages: 10, lastSeq: 400 }));
    expect(f.edges.e1!.dropped).toBe(7);
    expect(f.totals!.dropped).toBe(7);
    // ACT: switch to drop-oldest; the stream took 400, holds 60, 300 were acked: 40 evicted
    m.setEdge('e1', 60, 'drop-oldest');
    f = m.merge(1100, 1100, partsAt(1), streams({ messages: 60, lastSeq: 400 }));
    // ASSERT
    expect(f.edges.e1!.capacity).toBe(60);
    expect(f.edges.e1!.dropped).toBe(40);
    expect(f.totals).toEqual({ ...emptyTotals(), emitted: 400, delivered: 290, dropped: 40 });
  });

  it('counts no evictions on a drop-oldest stream that has never been full: acks reach it late', () => {
    // ARRANGE: drop-oldest, capacity 100; 300 acked by the parts' last frames, 360 by the broker
    const m = new FrameMerger('r', plan, 0);
    m.setEdge('e1', 100, 'drop-oldest');
    // ACT: the stream took 400 and holds 40, never full: the 60 are acks not yet reported
    let f = m.merge(1000, 1000, partsAt(1), streams({ messages: 40, lastSeq: 400 }));
    // ASSERT (found by the new-user pass: a nats edge at 2/64 showed 'dropped 23')
    expect(f.edges.e1!.dropped).toBe(0);
    expect(f.totals!.dropped).toBe(0);
    // Once it has been full, the sequence numbers count what it evicted.
    f = m.merge(1100, 1100, partsAt(1), streams({ messages: 100, lastSeq: 450 }));
    expect(f.edges.e1!.dropped).toBe(50);
  });

  it('a final frame has every nats rate and blocked share at 0', () => {
    const m = new FrameMerger('r', plan, 0);
    m.merge(500, 500, partsAt(0.5), streams({ messages: 5, lastSeq: 200 }));
    const f = m.merge(1000, 1000, partsAt(1), streams({ messages: 0, lastSeq: 400 }), true);
    expect(f.edges.e1).toMatchObject({ inRate: 0, outRate: 0, blockedRatio: 0, depth: 0, etaFullMs: null });
  });
});

/**
 *   main: src (generator `rate`/s) ──[f1 nats]──▶ slow (worker, 4 ms, 1 lane; on p2, or × `replicas`)
 *         ──[f2 nats]──▶ main: sink
 *
 * The source sends `sent`/s, held back 77 % of its time in its staging queue; each slow part took
 * 250/s (all it can) and measured ρ 1.0 on its own queue. The merged frame after 1.5 s.
 */
function mergedNatsFed(o: {
  rate: number;
  replicas: number;
  sent: number;
  localDepth: number;
}): TelemetryFrame {
  const fEdges = [edge('f1', 'src', 'slow', 'nats'), edge('f2', 'slow', 'sink', 'nats')];
  const src: PlanNode = { ...node('src', 'generator'), params: { rate: o.rate, pattern: 'constant' } };
  const slowNode =
    o.replicas > 1 ? node('slow', 'worker', o.replicas) : { ...node('slow', 'worker'), process: 'p2' };
  const whole: Plan = { name: 'g', nodes: [src, slowNode, node('sink', 'counter')], edges: fEdges };
  const slowPart = (partId: string, replica: number, k: number): PartSnapshot => ({
    part: { partId, replica, plan: { ...whole, nodes: [slowNode] } },
    runnerId: `r-${partId}`,
    frame: frame(
      { slow: nodeT({ inRate: 250, outRate: 250, busy: 1, idle: 0, meanServiceMs: 4, utilization: 1 }) },
      { f1: edgeT({ depth: o.localDepth, inRate: 250, outRate: 250 }), f2: edgeT() },
    ),
    totals: emptyTotals(),
    broker: { f1: counters({ delivered: 250 * k, acked: 250 * k }), f2: counters({ published: 250 * k }) },
  });
  const at = (k: number): PartSnapshot[] => [
    {
      part: { partId: 'main', replica: 0, plan: { ...whole, nodes: [src, node('sink', 'counter')] } },
      runnerId: 'r-main',
      frame: frame(
        { src: nodeT({ outRate: o.sent, processed: o.sent * k }), sink: nodeT() },
        { f1: edgeT({ depth: 16, blockedRatio: 0.77 }), f2: edgeT() },
      ),
      totals: emptyTotals(),
      broker: { f1: counters({ published: o.sent * k }), f2: counters({ acked: o.sent * k }) },
    },
    ...(o.replicas > 1
      ? Array.from({ length: o.replicas }, (_, i) => slowPart(`slow#${i}`, i, k))
      : [slowPart('p2', 0, k)]),
  ];
  const m = new FrameMerger('r', whole, 0);
  let f!: TelemetryFrame;
  for (let t = 100; t <= 1500; t += 100)
    f = m.merge(
      t,
      10_000 + t,
      at(t / 1000),
      new Map([['f1', { messages: 100, lastSeq: o.sent * (t / 1000) }]]),
    );
  return f;
}

describe('FrameMerger: ρ of a node fed over NATS', () => {
  it('reads what the run offers it, not what its part took (found by the new-user pass)', () => {
    // ARRANGE + ACT: a 500/s source into one 4 ms worker on p2, which took 250/s
    const f = mergedNatsFed({ rate: 500, replicas: 1, sent: 250, localDepth: 64 });
    // ASSERT: 500/s offered (the source's rate) × 4 ms ÷ 1 lane = 2.0, as the canvas's sentence reads it
    expect(f.nodes.slow!.utilization).toBeCloseTo(2, 1);
    expect(f.nodes.slow!.meanServiceMs).toBe(4);
  });

  it('divides what the run offers by the lanes of all its replicas', () => {
    // ARRANGE + ACT: a 1,000/s source into two one-lane replicas, each of which took 250/s
    const f = mergedNatsFed({ rate: 1000, replicas: 2, sent: 500, localDepth: 16 });
    // ASSERT: 1,000/s × 4 ms ÷ 2 lanes = 2.0 (the replicas' mean said 1.0)
    expect(f.nodes.slow!.utilization).toBeCloseTo(2, 1);
  });
});
