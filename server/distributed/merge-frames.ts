import type { EdgeEnds } from '../../shared/analysis/held-back.js';
import { loadOf } from '../../shared/analysis/load-words.js';
import { offeredTo } from '../../shared/analysis/offered-load.js';
import { withSourceRates } from '../../shared/analysis/source-peak.js';
import type { Plan } from '../../shared/compiler/plan.js';
import type { Overflow } from '../../shared/graph/graph-schema.js';
import type { BrokerEdgeCounters, PartPlan } from '../../shared/protocol/cluster.js';
import type {
  EdgeTelemetry,
  NodeTelemetry,
  RunTotals,
  TelemetryFrame,
} from '../../shared/protocol/telemetry.js';
import { emptyTotals } from '../../shared/protocol/telemetry.js';
import { addCounters, zeroCounters } from '../runtime/edge-link.js';
import { mergeReplicas, type ReplicaFrame } from './merge-replicas.js';
import { RateWindow } from './rate-window.js';

/** What the coordinator knows of one part at a merge: its latest frame and cumulative counters. */
export interface PartSnapshot {
  part: Pick<PartPlan, 'partId' | 'replica' | 'plan'>;
  runnerId: string;
  frame: TelemetryFrame | null;
  /** Since the run started, every incarnation of the part included (a restarted part starts at 0). */
  totals: RunTotals;
  broker: Record<string, BrokerEdgeCounters>;
}

/** A `nats` edge's stream as JetStream reports it. */
export interface StreamSnapshot {
  messages: number;
  /** Sequence of the last message the stream accepted: every item it ever held (first is 1). */
  lastSeq: number;
  /** Epoch ms of the oldest message still held; absent when empty. */
  firstTs?: number;
}

type EdgeCounts = 'in' | 'out' | 'dropped' | 'offered';

interface NatsEdge {
  capacity: number;
  overflow: Overflow;
  everDropOldest: boolean;
  /** The stream has held `capacity` messages: only then can drop-oldest have evicted any. */
  seenFull: boolean;
  window: RateWindow<EdgeCounts>;
  prev: Record<EdgeCounts, number>;
}

const round = (x: number, digits = 1000) => Math.round(x * digits) / digits;
const zero = (): Record<EdgeCounts, number> => ({ in: 0, out: 0, dropped: 0, offered: 0 });

/**
 * Merges the parts' frames of one distributed run into the one contract frame the canvas and CLI
 * read, so nothing downstream needs to know where a node runs. Memory edges and unreplicated
 * nodes are as their part sent them; a `nats` edge is rebuilt from the broker (depth, age, drops
 * by eviction) and the parts' publish/ack counters (rates, smoothed over ≈1 s like the
 * single-process sampler); a replicated node is its replicas' sum plus a per-replica breakdown.
 */
export class FrameMerger {
  private readonly nats = new Map<string, NatsEdge>();
  private readonly replicated: Set<string>;
  /** Nodes with a `nats` input: each part measured ρ on what reached it, not on what was offered. */
  private readonly natsFed: Set<string>;
  /** The run's edges with each source's peak rate, to read what is offered across parts. */
  private readonly ends: EdgeEnds[];
  /** The same for each part's own plan (what its ρ was measured on), made once per part. */
  private readonly partEnds = new WeakMap<object, EdgeEnds[]>();
  private seq = 0;
  private prevT: number;

  constructor(
    private readonly runId: string,
    plan: Plan,
    private readonly startedAt: number,
  ) {
    this.prevT = startedAt;
    for (const e of plan.edges) {
      if (e.transport !== 'nats') continue;
      const edge: NatsEdge = {
        capacity: e.capacity,
        overflow: e.overflow,
        everDropOldest: e.overflow === 'drop-oldest',
        seenFull: false,
        window: new RateWindow(),
        prev: zero(),
      };
      edge.window.push(startedAt, zero());
      this.nats.set(e.id, edge);
    }
    this.replicated = new Set(plan.nodes.filter((n) => (n.replicas ?? 1) > 1).map((n) => n.id));
    this.natsFed = new Set(plan.edges.filter((e) => e.transport === 'nats').map((e) => e.target));
    this.ends = withSourceRates(plan.edges, plan.nodes);
  }

  /** A live capacity or overflow change of a `nats` edge (its stream's limit changed with it). */
  setEdge(edgeId: string, capacity: number, overflow: Overflow): void {
    const e = this.nats.get(edgeId);
    if (!e) return;
    e.capacity = capacity;
    e.overflow = overflow;
    if (overflow === 'drop-oldest') e.everDropOldest = true;
  }

  /**
   * Items the broker lost on an edge: refused publishes (drop-newest) plus evictions (drop-oldest),
   * the latter from sequence numbers: every message the stream took left it acked or evicted.
   */
  brokerDropped(edgeId: string, parts: readonly PartSnapshot[], stream: StreamSnapshot | undefined): number {
    const e = this.nats.get(edgeId);
    if (!e) return 0;
    const c = counters(edgeId, parts);
    // Only a full stream evicts, and only under drop-oldest. Acks reach us a frame late, so before
    // the stream has ever been full what the sum reads is acks in flight, not evictions: a 300/s
    // edge at 2/64 showed 'dropped 23' while running that the run's totals never had.
    if (stream && stream.messages >= e.capacity) e.seenFull = true;
    const evicted =
      e.everDropOldest && e.seenFull && stream ? Math.max(0, stream.lastSeq - stream.messages - c.acked) : 0;
    return c.rejected + evicted;
  }

  /** Sum of the parts' totals plus what the broker dropped. */
  totals(parts: readonly PartSnapshot[], streams: ReadonlyMap<string, StreamSnapshot>): RunTotals {
    const t = emptyTotals();
    for (const p of parts) for (const k of Object.keys(t) as (keyof RunTotals)[]) t[k] += p.totals[k] ?? 0;
    for (const id of this.nats.keys()) t.dropped += this.brokerDropped(id, parts, streams.get(id));
    return t;
  }

  /** The run's frame at `now` (monotonic ms) / `wallNow` (epoch ms). `final`: every rate 0. */
  merge(
    now: number,
    wallNow: number,
    parts: readonly PartSnapshot[],
    streams: ReadonlyMap<string, StreamSnapshot>,
    final = false,
  ): TelemetryFrame {
    const nodes: Record<string, NodeTelemetry> = {};
    const edges: Record<string, EdgeTelemetry> = {};
    const replicas = new Map<string, Array<ReplicaFrame & { index: number }>>();
    for (const p of parts) {
      if (!p.frame) continue;
      for (const [id, n] of Object.entries(p.frame.nodes)) {
        if (!this.replicated.has(id)) nodes[id] = n;
        else
          replicas.get(id)?.push({ runner: p.runnerId, node: n, index: p.part.replica }) ??
            replicas.set(id, [{ runner: p.runnerId, node: n, index: p.part.replica }]);
      }
      for (const [id, e] of Object.entries(p.frame.edges)) if (!this.nats.has(id)) edges[id] = e;
    }
    for (const [id, list] of replicas) nodes[id] = mergeReplicas(list.sort((a, b) => a.index - b.index));
    for (const id of this.nats.keys())
      edges[id] = this.natsEdge(id, now, wallNow, parts, streams.get(id), final);
    if (!final) this.remeasureLoad(nodes, edges, parts);
    const dtMs = round(now - this.prevT);
    this.prevT = now;
    return {
      runId: this.runId,
      seq: ++this.seq,
      t: Math.round(now - this.startedAt),
      dtMs,
      edges,
      nodes,
      totals: this.totals(parts, streams),
    };
  }

  /**
   * ρ of a node fed over NATS, from what the whole run offers it. Its part read arrivals off its
   * local input queue, which the subscriber fills only as fast as the node takes: a worker able
   * to serve 250/s behind a source sending 500/s read ρ 0.99, and the bottleneck sentence,
   * reading the merged frame, made that "500/s × 4 ms ÷ 2 lanes". The lanes each part divided
   * by are recovered from its own frame (loadOf) and summed over replicas (two one-lane replicas
   * each at ρ 1.0 were "÷ 20 lanes = 1.0" for 1,000/s × 20 ms); the offer is the merged frame's.
   */
  private remeasureLoad(
    nodes: Record<string, NodeTelemetry>,
    edges: Record<string, EdgeTelemetry>,
    parts: readonly PartSnapshot[],
  ): void {
    for (const id of this.natsFed) {
      const n = nodes[id];
      if (n?.meanServiceMs === undefined) continue;
      let lanes = 0;
      for (const p of parts) {
        if (!p.frame?.nodes[id]) continue;
        const local = loadOf(id, p.frame, this.endsOf(p.part.plan));
        // A part that cannot say (no arrivals this second): keep what the parts measured.
        if (!local) {
          lanes = 0;
          break;
        }
        lanes += local.lanes;
      }
      const offered = lanes > 0 ? offeredTo(id, { nodes, edges }, this.ends) : 0;
      if (offered > 0) nodes[id] = { ...n, utilization: round((offered * n.meanServiceMs) / 1000 / lanes) };
    }
  }

  private endsOf(plan: PartSnapshot['part']['plan']): EdgeEnds[] {
    let ends = this.partEnds.get(plan);
    if (!ends) {
      ends = withSourceRates(plan.edges, plan.nodes);
      this.partEnds.set(plan, ends);
    }
    return ends;
  }

  private natsEdge(
    id: string,
    now: number,
    wallNow: number,
    parts: readonly PartSnapshot[],
    stream: StreamSnapshot | undefined,
    final: boolean,
  ): EdgeTelemetry {
    const e = this.nats.get(id)!;
    const c = counters(id, parts);
    const dropped = this.brokerDropped(id, parts, stream);
    const counts = { in: c.published, out: c.acked, dropped, offered: c.published + c.rejected };
    e.window.push(now, counts);
    const rate = (k: EdgeCounts) => (final ? 0 : e.window.rate(k));
    const depth = stream?.messages ?? 0;
    const inRate = rate('in');
    const outRate = rate('out');
    const net = inRate - outRate;
    // The producer's staging queue is where its lanes wait for the broker: its blocked share is the edge's.
    const blocked = parts.filter((p) => p.frame?.edges[id] && isProducer(p, id));
    const blockedRatio =
      final || blocked.length === 0
        ? 0
        : round(blocked.reduce((s, p) => s + (p.frame?.edges[id]?.blockedRatio ?? 0), 0) / blocked.length);
    const delta = {
      in: counts.in - e.prev.in,
      out: counts.out - e.prev.out,
      dropped: counts.dropped - e.prev.dropped,
      offered: counts.offered - e.prev.offered,
    };
    e.prev = counts;
    return {
      depth,
      capacity: e.capacity,
      inRate,
      outRate,
      dropped,
      blockedRatio,
      oldestAgeMs:
        depth > 0 && stream?.firstTs !== undefined ? Math.max(0, round(wallNow - stream.firstTs, 10)) : 0,
      etaFullMs:
        e.capacity > 0 && depth >= e.capacity
          ? 0
          : net > 0 && e.capacity > 0
            ? round(((e.capacity - depth) / net) * 1000, 1)
            : null,
      offeredRate: rate('offered'),
      dropRate: rate('dropped'),
      delta,
      transport: 'nats',
      redelivered: c.redelivered,
      // No meanWaitMs: an item's time in the stream is not measured (its enqueue stamp stays in
      // the producer's process), and the consumer's staging queue alone would understate it.
    };
  }
}

/** The source node of the edge is in this part. */
function isProducer(p: PartSnapshot, edgeId: string): boolean {
  const edge = p.part.plan.edges.find((e) => e.id === edgeId);
  return edge !== undefined && p.part.plan.nodes.some((n) => n.id === edge.source);
}

/** One edge's broker counters summed over every part that has an end of it. */
function counters(edgeId: string, parts: readonly PartSnapshot[]): BrokerEdgeCounters {
  let sum: BrokerEdgeCounters = zeroCounters();
  for (const p of parts) {
    const b = p.broker[edgeId];
    if (b) sum = addCounters(sum, b);
  }
  return sum;
}
