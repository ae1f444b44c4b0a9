import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { CountSums, frameSpan } from './frame-counts.js';
import { type IndexedSample, SampleBuffer } from './series-columns.js';

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

const RUN_METRICS = [
  'emitted',
  'delivered',
  'depth',
  'drops',
  'emitted.f',
  'delivered.f',
  'drops.f',
  'e2e50',
  'e2e99',
] as const;
const RUN_KEYS = RUN_METRICS.map((m) => seriesKey.run(m));

/** An id's column slots (9 series each for nodes and edges), -1 until a series is first written. */
function slotsOf(all: Map<string, Int32Array>, id: string): Int32Array {
  let slots = all.get(id);
  if (!slots) {
    // A sampler lives one run (or one recording read back): its ids are that graph's.
    slots = new Int32Array(9).fill(-1);
    all.set(id, slots);
  }
  return slots;
}

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
  /** One sample's values by column, reused frame to frame (the histories copy them into theirs). */
  private readonly v = new SampleBuffer();
  /** Each node's and edge's columns in `v`, in its keys' order (-1: none yet). */
  private readonly nodeSlots = new Map<string, Int32Array>();
  private readonly edgeSlots = new Map<string, Int32Array>();
  private readonly runSlots = new Int32Array(RUN_METRICS.length).fill(-1);

  constructor(gapMs: number) {
    this.gapMs = gapMs;
  }

  /**
   * Counts `frame` and, when `gapMs` has passed since the last sample, returns the new sample's
   * values by column (valid until the next call; the same object every time, its keys only grow). `alsoCount` hears every frame's counts (the run averages).
   */
  sample(
    frame: TelemetryFrame,
    categoryOf: (nodeId: string) => Category,
    alsoCount?: CountSums,
  ): IndexedSample | null {
    this.count(frame, alsoCount);
    if (frame.t - this.lastT < this.gapMs) return null;
    const { v, sinceSample, lastFrame } = this;
    const dt = (frame.t - this.lastT) / 1000;
    v.clear();
    // Writes series `k` of an id's keys into its column, giving it one on first use.
    const put = (slots: Int32Array, k: number, key: string, value: number) => {
      let j = slots[k]!;
      if (j < 0) {
        j = v.slot(key);
        slots[k] = j;
      }
      v.values[j] = value;
    };
    let emitted = 0;
    let delivered = 0;
    let emittedF = 0;
    let deliveredF = 0;
    let e2e50 = Number.NaN;
    let e2e99 = Number.NaN;
    for (const id in frame.nodes) {
      const n = frame.nodes[id]!;
      const k = nodeKeysOf(id);
      const slots = slotsOf(this.nodeSlots, id);
      put(slots, 0, k.in, n.inRate);
      put(slots, 1, k.out, n.outRate);
      const inF = sinceSample.rate('node', id, 'in');
      const outF = sinceSample.rate('node', id, 'out');
      put(slots, 2, k.inF, inF);
      put(slots, 3, k.outF, outF);
      put(slots, 4, k.p50, n.p50Ms);
      put(slots, 5, k.p99, n.p99Ms);
      put(slots, 6, k.errors, n.errors);
      const cat = categoryOf(id);
      if (cat === 'source') {
        emitted += n.outRate;
        emittedF += outF;
      }
      if (cat === 'sink') {
        delivered += n.inRate;
        deliveredF += inF;
        if (n.e2eP50Ms !== undefined) {
          put(slots, 7, k.e2e50, n.e2eP50Ms);
          e2e50 = Number.isNaN(e2e50) ? n.e2eP50Ms : Math.max(e2e50, n.e2eP50Ms);
        }
        if (n.e2eP99Ms !== undefined) {
          put(slots, 8, k.e2e99, n.e2eP99Ms);
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
      const slots = slotsOf(this.edgeSlots, id);
      const before = lastFrame?.edges[id]?.dropped;
      const dropRate =
        e.dropRate ?? (before === undefined || !(dt > 0) ? 0 : Math.max(0, (e.dropped - before) / dt));
      put(slots, 0, k.depth, e.depth);
      put(slots, 1, k.cap, e.capacity);
      put(slots, 2, k.in, e.inRate);
      put(slots, 3, k.out, e.outRate);
      put(slots, 4, k.drops, dropRate);
      put(slots, 5, k.age, e.oldestAgeMs);
      const droppedF = sinceSample.rate('edge', id, 'dropped');
      put(slots, 6, k.inF, sinceSample.rate('edge', id, 'in'));
      put(slots, 7, k.outF, sinceSample.rate('edge', id, 'out'));
      put(slots, 8, k.dropsF, droppedF);
      depth += e.depth;
      drops += dropRate;
      dropsF += droppedF;
    }
    sinceSample.clear();
    const run = this.runSlots;
    put(run, 0, RUN_KEYS[0]!, emitted);
    put(run, 1, RUN_KEYS[1]!, delivered);
    put(run, 2, RUN_KEYS[2]!, depth);
    put(run, 3, RUN_KEYS[3]!, drops);
    put(run, 4, RUN_KEYS[4]!, emittedF);
    put(run, 5, RUN_KEYS[5]!, deliveredF);
    put(run, 6, RUN_KEYS[6]!, dropsF);
    if (!Number.isNaN(e2e50)) put(run, 7, RUN_KEYS[7]!, e2e50);
    if (!Number.isNaN(e2e99)) put(run, 8, RUN_KEYS[8]!, e2e99);
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
    this.sinceSample.addFrame(frame, previous, span, alsoCount);
  }
}
