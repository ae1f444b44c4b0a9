import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { CountSums, frameSpan, visitFrameCounts } from '../lib/frame-counts.js';
import { HistoryRing } from '../lib/history-ring.js';

/**
 * The last few minutes of telemetry for the charts. Not a React store: a 10 Hz tick writes into
 * typed arrays and bumps a version; the charts subscribe and redraw imperatively, so no React
 * component re-renders for history.
 */
const FULL_SAMPLES = 3_000; // 5 min at 10 samples/s
const MIN_SAMPLES = 600;
/** Floats across all series: ~16 MB. Big graphs keep a shorter window instead of more memory. */
const BUDGET = 4_000_000;
/** At most ~10 samples/s whatever the telemetry rate, so the window stays about 5 minutes. */
const MIN_GAP_MS = 95;
/**
 * Big graphs (this many series and more: ~170 nodes and queues) keep ~5 samples/s: a sample
 * of a 500-node graph writes 7,000 series, the costliest script of a tick (e2e/perf/RESULTS.md),
 * and a 5-minute chart a few hundred pixels wide does not show the difference.
 */
const BIG_SERIES = 2_000;
const BIG_GAP_MS = 195;
/**
 * Charts hear of new samples at most this often (run time), and a little after the frame
 * that brought them. Above their own 250 ms redraw throttle on purpose: notified less often
 * than that, they redraw at once when told; told between two frames, their canvases repaint
 * in a browser frame of their own, not on top of the overlays' tick (e2e/perf/RESULTS.md).
 */
const NOTIFY_GAP_MS = 280;
const NOTIFY_DELAY_MS = 40;

export type Category = 'source' | 'transform' | 'sink' | string;

let ring = new HistoryRing(FULL_SAMPLES);
let sized = false;
let gapMs = MIN_GAP_MS;
let lastT = Number.NEGATIVE_INFINITY;
let lastFrame: TelemetryFrame | null = null;
/** The newest frame received, sampled or not: what the next frame's counts follow on from. */
let lastSeen: TelemetryFrame | null = null;
/** Per-frame counts since the last sample: the unsmoothed series, however many frames a sample skips. */
const sinceSample = new CountSums();
/** Per-frame counts over the whole run: the averages shown once it has ended. */
let overRun = new CountSums();
let version = 0;
let notifiedT = Number.NEGATIVE_INFINITY;
let notifiedVersion = 0;
let notifyTimer: ReturnType<typeof setTimeout> | null = null;
const listeners = new Set<() => void>();

export function resetHistory(): void {
  ring = new HistoryRing(FULL_SAMPLES);
  sized = false;
  gapMs = MIN_GAP_MS;
  lastT = Number.NEGATIVE_INFINITY;
  lastFrame = null;
  lastSeen = null;
  sinceSample.clear();
  overRun = new CountSums();
  nodeKeys.clear();
  edgeKeys.clear();
  version += 1;
  notify();
}

function notify(): void {
  if (notifyTimer !== null) clearTimeout(notifyTimer);
  notifyTimer = null;
  notifiedT = lastT;
  notifiedVersion = version;
  for (const l of listeners) l();
}

/** Tells the charts about samples they have not heard of yet (the run ended between notices). */
export function flushHistory(): void {
  if (notifiedVersion !== version) notify();
}

/**
 * Series keys, shared by the recorder and the charts. `….f` series are per frame: the counts
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

/** Each id's series keys, built once: a tick of a 500-node graph would build ~7,000 strings. */
const nodeKeys = new Map<string, ReturnType<typeof keysOfNode>>();
const edgeKeys = new Map<string, ReturnType<typeof keysOfEdge>>();
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
/** Reads `id`'s keys from `cache`, building them the first time. */
function cachedKeys<K>(cache: Map<string, K>, id: string, build: (id: string) => K): K {
  let k = cache.get(id);
  if (k === undefined) {
    k = build(id);
    cache.set(id, k);
  }
  return k;
}
const nodeKeysOf = (id: string) => cachedKeys(nodeKeys, id, keysOfNode);
const edgeKeysOf = (id: string) => cachedKeys(edgeKeys, id, keysOfEdge);
/** One sample's values, reused frame to frame (the ring copies them into its columns). */
const v = new Map<string, number>();

/** Records one frame (at most ~10 per second). `categoryOf` tells sources and sinks apart for run totals. */
export function recordFrame(frame: TelemetryFrame, categoryOf: (nodeId: string) => Category): void {
  countFrame(frame);
  if (frame.t - lastT < gapMs) return;
  if (!sized) {
    const series = Object.keys(frame.nodes).length * 8 + Object.keys(frame.edges).length * 9 + 9;
    ring = new HistoryRing(Math.max(MIN_SAMPLES, Math.min(FULL_SAMPLES, Math.floor(BUDGET / series))));
    gapMs = series >= BIG_SERIES ? BIG_GAP_MS : MIN_GAP_MS;
    sized = true;
  }
  const dt = (frame.t - lastT) / 1000;
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
  ring.push(frame.t / 1000, v);
  lastT = frame.t;
  lastFrame = frame;
  version += 1;
  if (frame.t - notifiedT >= NOTIFY_GAP_MS && notifyTimer === null) {
    notifiedT = frame.t;
    notifyTimer = setTimeout(notify, NOTIFY_DELAY_MS);
  }
}

/** Adds a frame's counts to the current sample's and the run's sums (every frame, sampled or not). */
function countFrame(frame: TelemetryFrame): void {
  const previous = lastSeen;
  const span = frameSpan(frame, previous);
  lastSeen = frame;
  if (!(span > 0)) return;
  sinceSample.ms += span;
  overRun.ms += span;
  visitFrameCounts(frame, previous, span, (kind, id, metric, count) => {
    sinceSample.add(kind, id, metric, count);
    overRun.add(kind, id, metric, count);
  });
}

/** The run's counts so far as items/s averaged over the time its frames covered. */
export function runAverages(): CountSums {
  return overRun;
}

export function readHistory(keys: readonly string[]): [number[], ...(number | null)[][]] {
  return ring.read(keys);
}

export function historyInfo(): { samples: number; capacity: number; version: number } {
  return { samples: ring.size, capacity: ring.capacity, version };
}

/** Calls `fn` after every recorded frame; returns the unsubscribe function. */
export function subscribeHistory(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
