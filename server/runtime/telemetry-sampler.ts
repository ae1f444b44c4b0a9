import type { EdgeEnds } from '../../shared/analysis/held-back.js';
import { offeredTo } from '../../shared/analysis/offered-load.js';
import { utilization } from '../../shared/analysis/queueing.js';
import type {
  EdgeTelemetry,
  NodeTelemetry,
  RunTotals,
  TelemetryFrame,
} from '../../shared/protocol/telemetry.js';
import type { BoundedQueue } from './bounded-queue.js';
import { limiterTelemetry } from './limiter-telemetry.js';
import type { NodeStats } from './node-stats.js';
import type { OutputPort } from './output-port.js';

/** Rates are measured over about this long. */
const RATE_WINDOW_MS = 1000;
/** Percentile windows are closed this often. */
const LATENCY_WINDOW_MS = 1000;

export interface SampledNode {
  id: string;
  stats: NodeStats;
  outputs: ReadonlyMap<string, OutputPort>;
  /** The queues it takes from: what arrives there is what utilization counts as offered. */
  inputs?: readonly BoundedQueue[];
  isSource: boolean;
  /** Sources: the most items/s its params let it send now (sourcePeakRate; live edits change it). */
  peakRate?: () => number | undefined;
}

/** Cumulative counters read at one sample; rates are differences between two of these. */
interface Counts {
  t: number;
  edgeIn: number[];
  edgeOut: number[];
  edgeDropped: number[];
  edgeOffered: number[];
  nodeIn: number[];
  nodeOut: number[];
  allowed: number[];
  limited: number[];
  edgeWaitMs: number[];
  edgeWaited: number[];
  serviceMs: number[];
  served: number[];
}

const round = (x: number, digits = 1000) => Math.round(x * digits) / digits;

/**
 * Turns the runtime's cumulative counters into frames. Reads counters only: sampling costs the hot
 * path nothing, and a frame is always the latest state, never a backlog. Rates are smoothed over
 * ≈1 s; `delta`s are the exact counts since the previous frame (over `dtMs`), so bursts shorter
 * than the rate window still show, and the deltas of all frames sum to the totals.
 */
export class TelemetrySampler {
  private readonly history: Counts[] = [];
  private prev: Counts;
  private prevSpent: Array<[number, number, number]>;
  private prevBlocked: number[];
  /** Per edge: the index of the node whose lanes fill it (each edge has one producer). */
  private readonly producerOf: number[];
  /** Each edge's producer and consumer ids, as the shared analysis reads a graph. */
  private readonly ends: EdgeEnds[];
  private lastRotate: number;
  private seq = 0;

  constructor(
    private readonly runId: string,
    private readonly edges: readonly BoundedQueue[],
    private readonly nodes: readonly SampledNode[],
    private readonly startedAt: number,
    private readonly totals: () => RunTotals,
  ) {
    this.prevSpent = nodes.map(() => [0, 0, 0]);
    this.prevBlocked = edges.map(() => 0);
    this.prev = this.read(startedAt);
    this.lastRotate = startedAt;
    const index = new Map(edges.map((q, i) => [q, i]));
    this.producerOf = edges.map(() => -1);
    nodes.forEach((n, ni) => {
      for (const port of n.outputs.values())
        for (const q of port.queues) {
          const i = index.get(q);
          if (i !== undefined) this.producerOf[i] = ni;
        }
    });
    const consumerOf = new Map<BoundedQueue, string>();
    for (const n of nodes) for (const q of n.inputs ?? []) consumerOf.set(q, n.id);
    this.ends = edges.map((q, i) => ({
      id: q.id,
      source: this.producerOf[i]! >= 0 ? nodes[this.producerOf[i]!]!.id : '',
      target: consumerOf.get(q) ?? '',
    }));
  }

  private read(now: number): Counts {
    return {
      t: now,
      edgeIn: this.edges.map((q) => q.inCount),
      edgeOut: this.edges.map((q) => q.outCount),
      edgeDropped: this.edges.map((q) => q.dropped),
      edgeOffered: this.edges.map((q) => q.offered),
      nodeIn: this.nodes.map((n) => n.stats.inCount),
      nodeOut: this.nodes.map((n) => sentBy(n)),
      allowed: this.nodes.map((n) => n.stats.limiter?.allowed ?? 0),
      limited: this.nodes.map((n) => n.stats.limiter?.limited ?? 0),
      edgeWaitMs: this.edges.map((q) => q.waitMs),
      edgeWaited: this.edges.map((q) => q.waited),
      serviceMs: this.nodes.map((n) => n.stats.serviceMs),
      served: this.nodes.map((n) => n.stats.served),
    };
  }

  /**
   * A frame at `now`. `final`: the run has ended — deltas and totals as usual, but every rate and
   * time share is 0 (idle 1), so a view does not keep showing the last second's flow as if live.
   * `paused`: the run is paused — its lanes stand still in whatever state the pause found them,
   * which read as a worker 100 % busy and its source 100 % backpressured for as long as the pause
   * lasted (and the bottleneck judged on it); every time share is idle and no producer is blocked.
   */
  sample(now: number, final = false, paused = false): TelemetryFrame {
    const snap = this.read(now);
    const prev = this.prev;
    this.history.push(snap);
    while (this.history.length > 2 && now - this.history[1]!.t >= RATE_WINDOW_MS) this.history.shift();
    const base = this.history[0]!;
    const span = now - base.t;
    const rate = (a: number, b: number) =>
      final || span < 1 || base === snap ? 0 : round(((a - b) * 1000) / span, 10);

    if (now - this.lastRotate >= LATENCY_WINDOW_MS) {
      for (const n of this.nodes) {
        n.stats.latency.rotate();
        n.stats.e2e?.rotate();
      }
      this.lastRotate = now;
    }

    const nodes: Record<string, NodeTelemetry> = {};
    /** Lane-ms each node's lanes lived since the previous frame: what an edge's blocked time is a share of. */
    const laneMs: number[] = [];
    this.nodes.forEach((n, i) => {
      const spent = n.stats.spent(now);
      const was = this.prevSpent[i]!;
      const d = [spent[0] - was[0], spent[1] - was[1], spent[2] - was[2]];
      this.prevSpent[i] = spent;
      const total = d[0]! + d[1]! + d[2]!;
      laneMs.push(total);
      const still = final || paused || total <= 0;
      const frac = (x: number) => (still ? 0 : round(x / total));
      nodes[n.id] = this.nodeFrame(n, i, snap, base, prev, rate, now, final, {
        busy: frac(d[0]!),
        idle: still ? 1 : frac(d[1]!),
        backpressured: frac(d[2]!),
      });
    });

    const edges: Record<string, EdgeTelemetry> = {};
    this.edges.forEach((q, i) => {
      // Blocked lane-ms over the producer's lane-ms: 2 of 4 lanes waiting all tick is 0.5.
      const blockedNow = q.blockedLaneMs(now);
      const lanes = this.producerOf[i]! >= 0 ? laneMs[this.producerOf[i]!]! : 0;
      const blockedRatio =
        final || paused || lanes <= 0
          ? 0
          : Math.min(1, Math.max(0, (blockedNow - this.prevBlocked[i]!) / lanes));
      this.prevBlocked[i] = blockedNow;
      edges[q.id] = edgeFrame(q, i, snap, base, prev, rate, now, blockedRatio);
      const waited = snap.edgeWaited[i]! - base.edgeWaited[i]!;
      if (!final && waited > 0)
        edges[q.id]!.meanWaitMs = round((snap.edgeWaitMs[i]! - base.edgeWaitMs[i]!) / waited);
    });
    // After the edges: utilization reads their offered rates and blocked shares.
    if (!final) {
      this.ends.forEach((e, i) => {
        const p = this.producerOf[i]!;
        const peak = p >= 0 ? this.nodes[p]!.peakRate?.() : undefined;
        if (peak === undefined) delete e.sourceRate;
        else e.sourceRate = peak;
      });
      this.nodes.forEach((n, i) => {
        const ms = snap.serviceMs[i]! - base.serviceMs[i]!;
        this.serviceFrame(n, { nodes, edges }, ms, snap.served[i]! - base.served[i]!);
      });
    }

    const dtMs = round(now - prev.t);
    this.prev = snap;
    const t = Math.round(now - this.startedAt);
    return { runId: this.runId, seq: ++this.seq, t, dtMs, edges, nodes, totals: this.totals() };
  }

  /**
   * Mean service time over the rate window, and utilization ρ = arrivals/s × service ÷ servers.
   * Arrivals are what the node's input queues were offered over the same window — by producers
   * held back by a full queue, what they would have sent (shared `offeredTo`, as the bottleneck
   * sentence reads it). Sources serve nothing: no ρ.
   */
  private serviceFrame(
    n: SampledNode,
    frame: Pick<TelemetryFrame, 'nodes' | 'edges'>,
    serviceMs: number,
    served: number,
  ): void {
    const servers = n.stats.servers?.();
    if (n.isSource || servers === undefined || served <= 0) return;
    const meanMs = serviceMs / served;
    const t = frame.nodes[n.id]!;
    t.meanServiceMs = round(meanMs);
    t.utilization = round(utilization(offeredTo(n.id, frame, this.ends), meanMs, servers));
  }

  private nodeFrame(
    n: SampledNode,
    i: number,
    snap: Counts,
    base: Counts,
    prev: Counts,
    rate: (a: number, b: number) => number,
    now: number,
    final: boolean,
    shares: { busy: number; idle: number; backpressured: number },
  ): NodeTelemetry {
    const s = n.stats;
    const t: NodeTelemetry = {
      inRate: rate(snap.nodeIn[i]!, base.nodeIn[i]!),
      outRate: rate(snap.nodeOut[i]!, base.nodeOut[i]!),
      ...shares,
      p50Ms: round(s.latency.p50),
      p99Ms: round(s.latency.p99),
      errors: s.errors,
      processed: s.processed,
      deadLettered: s.deadLettered,
      skipped: s.skipped,
      dropped: s.dropped + (s.limiter?.limited ?? 0),
      delta: { in: snap.nodeIn[i]! - prev.nodeIn[i]!, out: snap.nodeOut[i]! - prev.nodeOut[i]! },
    };
    if (s.e2e) {
      t.e2eP50Ms = round(s.e2e.p50);
      t.e2eP99Ms = round(s.e2e.p99);
    }
    if (n.isSource) t.rejected = s.rejected;
    if (s.late !== undefined) t.late = s.late;
    if (s.limiter) {
      const allowed = rate(snap.allowed[i]!, base.allowed[i]!);
      const limited = rate(snap.limited[i]!, base.limited[i]!);
      t.limiter = limiterTelemetry(s.limiter, now, allowed, limited);
      if (final) t.limiter.waiting = 0;
    }
    return t;
  }
}

function edgeFrame(
  q: BoundedQueue,
  i: number,
  snap: Counts,
  base: Counts,
  prev: Counts,
  rate: (a: number, b: number) => number,
  now: number,
  blockedRatio: number,
): EdgeTelemetry {
  const inRate = rate(snap.edgeIn[i]!, base.edgeIn[i]!);
  const outRate = rate(snap.edgeOut[i]!, base.edgeOut[i]!);
  const dropRate = rate(snap.edgeDropped[i]!, base.edgeDropped[i]!);
  const oldest = q.oldestStamp();
  // The real size, not capped at capacity: after a live shrink under `block` the queue keeps
  // what it holds until the consumer drains it, and the gauge must show that (over 100 %).
  // A rendezvous edge (capacity 0) buffers nothing: what it holds was put into a waiting
  // consumer's demand and is in hand-off (the consumer may be between time slices).
  const depth = q.capacity === 0 ? 0 : q.size;
  const net = inRate - outRate;
  const e: EdgeTelemetry = {
    depth,
    capacity: q.capacity,
    inRate,
    outRate,
    dropped: q.dropped,
    blockedRatio: round(blockedRatio),
    oldestAgeMs: oldest === undefined ? 0 : round(now - oldest, 10),
    etaFullMs:
      q.capacity > 0 && depth >= q.capacity
        ? 0
        : net > 0 && q.capacity > 0
          ? round(((q.capacity - depth) / net) * 1000, 1)
          : null,
    offeredRate: rate(snap.edgeOffered[i]!, base.edgeOffered[i]!),
    dropRate,
    delta: {
      in: snap.edgeIn[i]! - prev.edgeIn[i]!,
      out: snap.edgeOut[i]! - prev.edgeOut[i]!,
      dropped: snap.edgeDropped[i]! - prev.edgeDropped[i]!,
      offered: snap.edgeOffered[i]! - prev.edgeOffered[i]!,
    },
  };
  // Named losses of their own, only once they happened: frames of edges without them are unchanged.
  if (q.expired > 0) e.expired = q.expired;
  if (q.emptied > 0) e.emptied = q.emptied;
  if (q.fused) e.fused = true;
  return e;
}

function sentBy(n: SampledNode): number {
  let sum = 0;
  for (const out of n.outputs.values()) sum += out.accepted;
  return sum;
}
