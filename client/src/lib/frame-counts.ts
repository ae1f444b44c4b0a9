import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';

/**
 * Items/s from a count over `dtMs`: the unsmoothed rate of one frame (or a few frames summed).
 * NaN when no time passed, so a chart shows a gap rather than a made-up zero.
 *
 * @example perSecond(100, 50) // 2000 — a burst of 100 within 50 ms
 */
export function perSecond(count: number, dtMs: number): number {
  return dtMs > 0 ? (count * 1_000) / dtMs : Number.NaN;
}

/** What a frame counts, per node and edge (items since the previous frame). */
export type CountMetric = 'in' | 'out' | 'offered' | 'dropped' | 'allowed' | 'limited';

/**
 * The time a frame covers: its own `dtMs` when the server sends it, else the gap to the frame
 * before (0 for the first frame of a run without `dtMs`: nothing to integrate over).
 */
export function frameSpan(frame: TelemetryFrame, previous: TelemetryFrame | null): number {
  if (frame.dtMs !== undefined) return Math.max(0, frame.dtMs);
  return previous && previous.runId === frame.runId ? Math.max(0, frame.t - previous.t) : 0;
}

/**
 * Calls `visit` with each count a frame carries over `spanMs`: the server's unsmoothed `delta`
 * counts when present, else its ≈1 s rates times the span (smoothed, but still the right total
 * over a run) — drops then from the growth of the edge's cumulative count since `previous`.
 * Offered = accepted + dropped.
 */
export function visitFrameCounts(
  frame: TelemetryFrame,
  previous: TelemetryFrame | null,
  spanMs: number,
  visit: (kind: 'node' | 'edge', id: string, metric: CountMetric, count: number) => void,
): void {
  const s = spanMs / 1_000;
  for (const id in frame.nodes) {
    const n = frame.nodes[id]!;
    visit('node', id, 'in', n.delta ? n.delta.in : n.inRate * s);
    visit('node', id, 'out', n.delta ? n.delta.out : n.outRate * s);
    if (n.limiter) {
      visit('node', id, 'allowed', n.limiter.allowedRate * s);
      visit('node', id, 'limited', n.limiter.limitedRate * s);
    }
  }
  const sameRun = previous?.runId === frame.runId;
  for (const id in frame.edges) {
    const c = edgeCounts(frame.edges[id]!, sameRun ? previous!.edges[id]?.dropped : undefined, s);
    visit('edge', id, 'in', c.in);
    visit('edge', id, 'out', c.out);
    visit('edge', id, 'dropped', c.dropped);
    visit('edge', id, 'offered', c.offered);
  }
}

/** One edge's counts, written into one reused record (the history counts 650 edges a frame). */
const EDGE_COUNTS = { in: 0, out: 0, dropped: 0, offered: 0 };

/**
 * An edge's counts over `s` seconds: deltas when the frame has them, else rates × s, drops from
 * the cumulative count's growth since `before` when there is no drop rate either. Valid until the
 * next call.
 */
function edgeCounts(e: TelemetryFrame['edges'][string], before: number | undefined, s: number) {
  const d = e.delta;
  const c = EDGE_COUNTS;
  c.in = d ? d.in : e.inRate * s;
  c.out = d ? d.out : e.outRate * s;
  c.dropped = d
    ? d.dropped
    : e.dropRate !== undefined
      ? e.dropRate * s
      : Math.max(0, e.dropped - (before ?? e.dropped));
  // Arrivals as the frame counts them where it does: under drop-oldest every arrival is accepted
  // and evicts an older item, so accepted + dropped counted the evicted ones twice.
  c.offered = d?.offered ?? (d || e.offeredRate === undefined ? c.in + c.dropped : e.offeredRate * s);
  return c;
}

type Counts = Record<CountMetric, number>;
const zero = (): Counts => ({ in: 0, out: 0, offered: 0, dropped: 0, allowed: 0, limited: 0 });

function recordOf(map: Map<string, Counts>, id: string): Counts {
  let c = map.get(id);
  if (!c) {
    c = zero();
    map.set(id, c);
  }
  return c;
}

function addCounts(
  c: Counts,
  inN: number,
  out: number,
  offered: number,
  dropped: number,
  allowed: number,
  limited: number,
): void {
  c.in += inN;
  c.out += out;
  c.offered += offered;
  c.dropped += dropped;
  c.allowed += allowed;
  c.limited += limited;
}

/**
 * Counts summed over some time, read back as items/s: between two chart samples (then
 * cleared), or over the whole run (the averages shown after it ends). One small record per
 * node and edge, keyed by id: no strings built per frame (a 500-node graph ticks 10 times a second).
 */
export class CountSums {
  private readonly byKind = { node: new Map<string, Counts>(), edge: new Map<string, Counts>() };
  /** Lane ms per node: busy, idle, backpressured (addShares). */
  private readonly lanes = new Map<string, Float64Array>();
  /** Producer-blocked ms per edge (addShares). */
  private readonly blocked = new Map<string, number>();
  /**
   * Per edge (addShares): depth × ms (the queue's time-averaged depth, Little's L), and the
   * frames' mean waits weighted by the items that left in them with those items (its W).
   */
  private readonly queue = new Map<string, Float64Array>();
  /** Per node (addShares): service ms × items taken, items taken, ρ × ms, ms with a ρ. */
  private readonly load = new Map<string, Float64Array>();
  ms = 0;

  add(kind: 'node' | 'edge', id: string, metric: CountMetric, count: number): void {
    recordOf(this.byKind[kind], id)[metric] += count;
  }

  /**
   * Adds every count a frame carries over `spanMs` (what `visitFrameCounts` visits, summed the
   * same way) here and to `also`. One pass with each id's record looked up once per sum: the
   * chart history counts every frame this way, and the visitor's 3,600 calls and 7,200 lookups
   * a frame at 500 nodes were its main cost (e2e/perf/RESULTS.md).
   */
  addFrame(frame: TelemetryFrame, previous: TelemetryFrame | null, spanMs: number, also?: CountSums): void {
    const s = spanMs / 1_000;
    const nodes = this.byKind.node;
    const alsoNodes = also?.byKind.node;
    for (const id in frame.nodes) {
      const n = frame.nodes[id]!;
      const inN = n.delta ? n.delta.in : n.inRate * s;
      const outN = n.delta ? n.delta.out : n.outRate * s;
      const lim = n.limiter;
      const allowed = lim ? lim.allowedRate * s : 0;
      const limited = lim ? lim.limitedRate * s : 0;
      addCounts(recordOf(nodes, id), inN, outN, 0, 0, allowed, limited);
      if (alsoNodes) addCounts(recordOf(alsoNodes, id), inN, outN, 0, 0, allowed, limited);
    }
    const edges = this.byKind.edge;
    const alsoEdges = also?.byKind.edge;
    const sameRun = previous?.runId === frame.runId;
    for (const id in frame.edges) {
      const c = edgeCounts(frame.edges[id]!, sameRun ? previous!.edges[id]?.dropped : undefined, s);
      addCounts(recordOf(edges, id), c.in, c.out, c.offered, c.dropped, 0, 0);
      if (alsoEdges) addCounts(recordOf(alsoEdges, id), c.in, c.out, c.offered, c.dropped, 0, 0);
    }
  }

  /** Items/s of one metric over the time summed (NaN before any time passed or for an unseen id). */
  rate(kind: 'node' | 'edge', id: string, metric: CountMetric): number {
    const c = this.byKind[kind].get(id);
    return c ? perSecond(c[metric], this.ms) : Number.NaN;
  }

  /**
   * Adds a frame's busy / idle / backpressured lane time over `spanMs` (its fractions times the
   * span), for the whole run's shares. Kept apart from the counts: chart samples need no shares.
   */
  addShares(frame: TelemetryFrame, spanMs: number): void {
    for (const id in frame.nodes) {
      const n = frame.nodes[id]!;
      let ms = this.lanes.get(id);
      if (!ms) {
        ms = new Float64Array(3);
        this.lanes.set(id, ms);
      }
      ms[0]! += n.busy * spanMs;
      ms[1]! += n.idle * spanMs;
      ms[2]! += n.backpressured * spanMs;
      if (n.meanServiceMs !== undefined || n.utilization !== undefined) this.addLoad(id, n, spanMs);
    }
    const s = spanMs / 1_000;
    for (const id in frame.edges) {
      const e = frame.edges[id]!;
      this.blocked.set(id, (this.blocked.get(id) ?? 0) + e.blockedRatio * spanMs);
      let q = this.queue.get(id);
      if (!q) {
        q = new Float64Array(3);
        this.queue.set(id, q);
      }
      q[0]! += e.depth * spanMs;
      if (e.meanWaitMs !== undefined) {
        const left = e.delta ? e.delta.out : e.outRate * s;
        q[1]! += e.meanWaitMs * left;
        q[2]! += left;
      }
    }
  }

  /**
   * An edge's queue over the time summed: its mean depth, and the mean wait of the items that
   * left it (undefined when none left with a wait measured). Undefined for an unseen edge.
   *
   * @example sums.queueMeans('e1') // { depth: 63.9, waitMs: 128.2 }
   */
  queueMeans(id: string): { depth: number; waitMs: number | undefined } | undefined {
    const q = this.queue.get(id);
    if (!q || !(this.ms > 0)) return undefined;
    return { depth: q[0]! / this.ms, waitMs: q[2]! > 0 ? q[1]! / q[2]! : undefined };
  }

  private addLoad(id: string, n: TelemetryFrame['nodes'][string], spanMs: number): void {
    let l = this.load.get(id);
    if (!l) {
      l = new Float64Array(4);
      this.load.set(id, l);
    }
    if (n.meanServiceMs !== undefined) {
      const took = n.delta ? n.delta.in : (n.inRate * spanMs) / 1_000;
      l[0]! += n.meanServiceMs * took;
      l[1]! += took;
    }
    if (n.utilization !== undefined) {
      l[2]! += n.utilization * spanMs;
      l[3]! += spanMs;
    }
  }

  /**
   * A node's mean service time over the items it took in, and its ρ averaged over the time it
   * had one: the run's numbers after the run, whose last frame carries neither.
   *
   * @example sums.loadMeans('work') // { serviceMs: 2.0, utilization: 0.99 }
   */
  loadMeans(id: string): { serviceMs?: number; utilization?: number } {
    const l = this.load.get(id);
    if (!l) return {};
    return {
      ...(l[1]! > 0 ? { serviceMs: l[0]! / l[1]! } : {}),
      ...(l[3]! > 0 ? { utilization: l[2]! / l[3]! } : {}),
    };
  }

  /** The share of the time summed that the producers into an edge waited for room (undefined: unseen). */
  blockedShare(id: string): number | undefined {
    const ms = this.blocked.get(id);
    return ms === undefined || !(this.ms > 0) ? undefined : ms / this.ms;
  }

  /**
   * The share of the time summed that a node's lanes were busy, idle (waiting for input) and
   * backpressured (waiting for room); undefined before any time passed or for an unseen node.
   *
   * @example sums.shares('work') // { busy: 0.98, idle: 0.02, backpressured: 0 }
   */
  shares(id: string): { busy: number; idle: number; backpressured: number } | undefined {
    const ms = this.lanes.get(id);
    const total = ms ? ms[0]! + ms[1]! + ms[2]! : 0;
    if (!ms || !(total > 0)) return undefined;
    return { busy: ms[0]! / total, idle: ms[1]! / total, backpressured: ms[2]! / total };
  }

  /** Starts over, keeping each id's record (the next interval counts the same ids). */
  clear(): void {
    for (const map of Object.values(this.byKind)) for (const c of map.values()) Object.assign(c, zero());
    for (const ms of this.lanes.values()) ms.fill(0);
    this.blocked.clear();
    this.queue.clear();
    this.load.clear();
    this.ms = 0;
  }
}
