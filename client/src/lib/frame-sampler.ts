import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { CountSums, frameSpan, visitFrameCounts } from './frame-counts.js';

export type Category = 'source' | 'transform' | 'sink' | string;

/**
 * Series keys, shared by the sampler and the charts. `….f` series are per frame: the counts
 * between two samples over the time between them (items/s, unsmoothed), beside the server's
 * ≈1 s rates.
 */
export const seriesKey = {
  node: (id: string, m: 'in' | 'out' | 'in.f' | 'out.f' | 'p50' | 'p99' | 'e2e50' | 'e2e99' | 'errors') =>
    `n:${id}:${m}`,
  edge: (id: string, m: 'depth' | 'cap' | 'in' | 'out' | 'drops' | 'in.f' | 'out.f' | 'drops.f' | 'age') =>
    `e:${id}:${m}`,
  run: (
    m:
      | 'emitted'
      | 'delivered'
      | 'depth'
      | 'drops'
      | 'emitted.f'
      | 'delivered.f'
      | 'drops.f'
      | 'e2e50'
      | 'e2e99',
  ) => `run:${m}`,
};

const keysOfNode = (id: string) => ({
  in: seriesKey.node(id, 'in'),
  out: seriesKey.node(id, 'out'),
  inF: seriesKey.node(id, 'in.f'),
  outF: seriesKey.node(id, 'out.f'),
  p50: seriesKey.node(id, 'p50'),
  p99: seriesKey.node(id, 'p99'),
  errors: seriesKey.node(id, 'errors'),
  e2e50: seriesKey.node(id, 'e2e50'),
  e2e99: seriesKey.node(id, 'e2e99'),
});
const keysOfEdge = (id: string) => ({
  depth: seriesKey.edge(id, 'depth'),
  cap: seriesKey.edge(id, 'cap'),
  in: seriesKey.edge(id, 'in'),
  out: seriesKey.edge(id, 'out'),
  drops: seriesKey.edge(id, 'drops'),
  inF: seriesKey.edge(id, 'in.f'),
  outF: seriesKey.edge(id, 'out.f'),
  dropsF: seriesKey.edge(id, 'drops.f'),
  age: seriesKey.edge(id, 'age'),
});
/** Each id's series keys, built once: a tick of a 500-node graph would build ~7,000 strings. */
const nodeKeys = new Map<string, ReturnType<typeof keysOfNode>>();
const edgeKeys = new Map<string, ReturnType<typeof keysOfEdge>>();
/** Past this many ids the caches start again (a run of another graph after many runs). */
const MAX_CACHED = 20_000;
function cachedKeys<K>(cache: Map<string, K>, id: string, build: (id: string) => K): K {
  let k = cache.get(id);
  if (k === undefined) {
    if (cache.size >= MAX_CACHED) cache.clear();
    k = build(id);
    cache.set(id, k);
  }
  return k;
}
const nodeKeysOf = (id: string) => cachedKeys(nodeKeys, id, keysOfNode);
const edgeKeysOf = (id: string) => cachedKeys(edgeKeys, id, keysOfEdge);

/** How many series a frame makes (for sizing a history by its memory budget). */
export const seriesOf = (frame: TelemetryFrame): number =>
  Object.keys(frame.nodes).length * 8 + Object.keys(frame.edges).length * 9 + 9;

/**
 * Turns a stream of frames into chart samples (one every `gapMs` of run time at most): per node,
 * per edge and run totals, the per-frame (`.f`) series summed over every frame between two
 * samples. One sampler per stream: the live socket's, or a recording read back after a reload.
 */
export class FrameSampler {
  gapMs: number;
  private lastT = Number.NEGATIVE_INFINITY;
  private lastFrame: TelemetryFrame | null = null;
  /** The newest frame seen, sampled or not: what the next frame's counts follow on from. */
  private lastSeen: TelemetryFrame | null = null;
  private readonly sinceSample = new CountSums();
  /** One sample's values, reused frame to frame (the ring copies them into its columns). */
  private readonly v = new Map<string, number>();

  constructor(gapMs: number) {
    this.gapMs = gapMs;
  }

  /**
   * Counts `frame` and, when `gapMs` has passed since the last sample, returns the new sample's
   * values (valid until the next call). `alsoCount` hears every frame's counts (the run averages).
   */
  sample(
    frame: TelemetryFrame,
    categoryOf: (nodeId: string) => Category,
    alsoCount?: CountSums,
  ): ReadonlyMap<string, number> | null {
    this.count(frame, alsoCount);
    if (frame.t - this.lastT < this.gapMs) return null;
    const { v, sinceSample, lastFrame } = this;
    const dt = (frame.t - this.lastT) / 1000;
    v.clear();
    let emitted = 0;
    let delivered = 0;
    let emittedF = 0;
    let deliveredF = 0;
    let e2e50 = Number.NaN;
    let e2e99 = Number.NaN;
    for (const id in frame.nodes) {
      const n = frame.nodes[id]!;
      const k = nodeKeysOf(id);
      v.set(k.in, n.inRate);
      v.set(k.out, n.outRate);
      const inF = sinceSample.rate('node', id, 'in');
      const outF = sinceSample.rate('node', id, 'out');
      v.set(k.inF, inF);
      v.set(k.outF, outF);
      v.set(k.p50, n.p50Ms);
      v.set(k.p99, n.p99Ms);
      v.set(k.errors, n.errors);
      const cat = categoryOf(id);
      if (cat === 'source') {
        emitted += n.outRate;
        emittedF += outF;
      }
      if (cat === 'sink') {
        delivered += n.inRate;
        deliveredF += inF;
        if (n.e2eP50Ms !== undefined) {
          v.set(k.e2e50, n.e2eP50Ms);
          e2e50 = Number.isNaN(e2e50) ? n.e2eP50Ms : Math.max(e2e50, n.e2eP50Ms);
        }
        if (n.e2eP99Ms !== undefined) {
          v.set(k.e2e99, n.e2eP99Ms);
          e2e99 = Number.isNaN(e2e99) ? n.e2eP99Ms : Math.max(e2e99, n.e2eP99Ms);
        }
      }
    }
    let depth = 0;
    let drops = 0;
    let dropsF = 0;
    for (const id in frame.edges) {
      const e = frame.edges[id]!;
      const k = edgeKeysOf(id);
      const before = lastFrame?.edges[id]?.dropped;
      const dropRate =
        e.dropRate ?? (before === undefined || !(dt > 0) ? 0 : Math.max(0, (e.dropped - before) / dt));
      v.set(k.depth, e.depth);
      v.set(k.cap, e.capacity);
      v.set(k.in, e.inRate);
      v.set(k.out, e.outRate);
      v.set(k.drops, dropRate);
      v.set(k.age, e.oldestAgeMs);
      const droppedF = sinceSample.rate('edge', id, 'dropped');
      v.set(k.inF, sinceSample.rate('edge', id, 'in'));
      v.set(k.outF, sinceSample.rate('edge', id, 'out'));
      v.set(k.dropsF, droppedF);
      depth += e.depth;
      drops += dropRate;
      dropsF += droppedF;
    }
    sinceSample.clear();
    v.set(seriesKey.run('emitted'), emitted);
    v.set(seriesKey.run('delivered'), delivered);
    v.set(seriesKey.run('depth'), depth);
    v.set(seriesKey.run('drops'), drops);
    v.set(seriesKey.run('emitted.f'), emittedF);
    v.set(seriesKey.run('delivered.f'), deliveredF);
    v.set(seriesKey.run('drops.f'), dropsF);
    if (!Number.isNaN(e2e50)) v.set(seriesKey.run('e2e50'), e2e50);
    if (!Number.isNaN(e2e99)) v.set(seriesKey.run('e2e99'), e2e99);
    this.lastT = frame.t;
    this.lastFrame = frame;
    return v;
  }

  /** Adds a frame's counts to the current sample's (every frame, sampled or not). */
  private count(frame: TelemetryFrame, alsoCount: CountSums | undefined): void {
    const previous = this.lastSeen;
    const span = frameSpan(frame, previous);
    this.lastSeen = frame;
    if (!(span > 0)) return;
    this.sinceSample.ms += span;
    if (alsoCount) {
      alsoCount.ms += span;
      alsoCount.addShares(frame, span);
    }
    visitFrameCounts(frame, previous, span, (kind, id, metric, count) => {
      this.sinceSample.add(kind, id, metric, count);
      alsoCount?.add(kind, id, metric, count);
    });
  }
}
