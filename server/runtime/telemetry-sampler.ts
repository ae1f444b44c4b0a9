import type { EdgeTelemetry, NodeTelemetry, TelemetryFrame } from '../../shared/protocol/telemetry.js';
import type { BoundedQueue } from './bounded-queue.js';
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
  isSource: boolean;
}

interface Snapshot {
  t: number;
  edgeIn: number[];
  edgeOut: number[];
  nodeIn: number[];
  nodeOut: number[];
  allowed: number[];
  limited: number[];
}

const round = (x: number, digits = 1000) => Math.round(x * digits) / digits;

/**
 * Turns the runtime's cumulative counters into frames. Reads counters only: sampling costs the hot
 * path nothing, and a frame is always the latest state, never a backlog.
 */
export class TelemetrySampler {
  private readonly history: Snapshot[] = [];
  private prevSpent: Array<[number, number, number]>;
  private prevBlocked: number[];
  private prevT: number;
  private lastRotate: number;
  private seq = 0;

  constructor(
    private readonly runId: string,
    private readonly edges: readonly BoundedQueue[],
    private readonly nodes: readonly SampledNode[],
    private readonly startedAt: number,
  ) {
    this.prevSpent = nodes.map(() => [0, 0, 0]);
    this.prevBlocked = edges.map(() => 0);
    this.prevT = startedAt;
    this.lastRotate = startedAt;
  }

  sample(now: number): TelemetryFrame {
    const snap: Snapshot = {
      t: now,
      edgeIn: this.edges.map((q) => q.inCount),
      edgeOut: this.edges.map((q) => q.outCount),
      nodeIn: this.nodes.map((n) => n.stats.inCount),
      nodeOut: this.nodes.map((n) => sentBy(n)),
      allowed: this.nodes.map((n) => n.stats.limiter?.allowed ?? 0),
      limited: this.nodes.map((n) => n.stats.limiter?.limited ?? 0),
    };
    this.history.push(snap);
    while (this.history.length > 2 && now - this.history[1]!.t >= RATE_WINDOW_MS) this.history.shift();
    const base = this.history[0]!;
    const span = Math.max(1, now - base.t);
    const rate = (a: number, b: number) =>
      span < 1 || base === snap ? 0 : round(((a - b) * 1000) / span, 10);

    if (now - this.lastRotate >= LATENCY_WINDOW_MS) {
      for (const n of this.nodes) {
        n.stats.latency.rotate();
        n.stats.e2e?.rotate();
      }
      this.lastRotate = now;
    }

    const dt = Math.max(1e-9, now - this.prevT);
    const edges: Record<string, EdgeTelemetry> = {};
    this.edges.forEach((q, i) => {
      const blockedNow = q.blockedMs + (q.blockedSince >= 0 ? now - q.blockedSince : 0);
      const blockedRatio = Math.min(1, Math.max(0, (blockedNow - this.prevBlocked[i]!) / dt));
      this.prevBlocked[i] = blockedNow;
      const inRate = rate(snap.edgeIn[i]!, base.edgeIn[i]!);
      const outRate = rate(snap.edgeOut[i]!, base.edgeOut[i]!);
      const oldest = q.oldestStamp();
      // The real size, not capped at capacity: after a live shrink under `block` the queue keeps
      // what it holds until the consumer drains it, and the gauge must show that (over 100 %).
      // A rendezvous edge (capacity 0) buffers nothing: what it holds was put into a waiting
      // consumer's demand and is in hand-off (the consumer may be between time slices).
      const depth = q.capacity === 0 ? 0 : q.size;
      const net = inRate - outRate;
      edges[q.id] = {
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
      };
    });

    const nodes: Record<string, NodeTelemetry> = {};
    this.nodes.forEach((n, i) => {
      const spent = n.stats.spent(now);
      const prev = this.prevSpent[i]!;
      const d = [spent[0] - prev[0], spent[1] - prev[1], spent[2] - prev[2]];
      this.prevSpent[i] = spent;
      const total = d[0]! + d[1]! + d[2]!;
      const frac = (x: number) => (total > 0 ? round(x / total) : 0);
      const t: NodeTelemetry = {
        inRate: rate(snap.nodeIn[i]!, base.nodeIn[i]!),
        outRate: rate(snap.nodeOut[i]!, base.nodeOut[i]!),
        busy: frac(d[0]!),
        idle: total > 0 ? frac(d[1]!) : 1,
        backpressured: frac(d[2]!),
        p50Ms: round(n.stats.latency.p50),
        p99Ms: round(n.stats.latency.p99),
        errors: n.stats.errors,
        processed: n.stats.processed,
      };
      if (n.stats.e2e) {
        t.e2eP50Ms = round(n.stats.e2e.p50);
        t.e2eP99Ms = round(n.stats.e2e.p99);
      }
      if (n.isSource) t.rejected = n.stats.rejected;
      const gauge = n.stats.limiter;
      if (gauge) {
        t.limiter = {
          tokens: round(Math.max(0, gauge.gate.limiter.tokens(now)), 100),
          capacity: gauge.gate.limiter.capacity,
          waiting: gauge.waiting,
          allowedRate: rate(snap.allowed[i]!, base.allowed[i]!),
          limitedRate: rate(snap.limited[i]!, base.limited[i]!),
        };
      }
      nodes[n.id] = t;
    });
    this.prevT = now;
    return { runId: this.runId, seq: ++this.seq, t: Math.round(now - this.startedAt), edges, nodes };
  }
}

function sentBy(n: SampledNode): number {
  let sum = 0;
  for (const out of n.outputs.values()) sum += out.accepted;
  return sum;
}
