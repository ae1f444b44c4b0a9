import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
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

export type Category = 'source' | 'transform' | 'sink' | string;

let ring = new HistoryRing(FULL_SAMPLES);
let sized = false;
let lastT = Number.NEGATIVE_INFINITY;
let lastFrame: TelemetryFrame | null = null;
let version = 0;
const listeners = new Set<() => void>();

export function resetHistory(): void {
  ring = new HistoryRing(FULL_SAMPLES);
  sized = false;
  lastT = Number.NEGATIVE_INFINITY;
  lastFrame = null;
  version += 1;
  for (const l of listeners) l();
}

/** Series keys, shared by the recorder and the charts. */
export const seriesKey = {
  node: (id: string, m: 'in' | 'out' | 'p50' | 'p99' | 'e2e50' | 'e2e99' | 'errors') => `n:${id}:${m}`,
  edge: (id: string, m: 'depth' | 'cap' | 'in' | 'out' | 'drops' | 'age') => `e:${id}:${m}`,
  run: (m: 'emitted' | 'delivered' | 'depth' | 'drops' | 'e2e50' | 'e2e99') => `run:${m}`,
};

/** Records one frame (at most ~10 per second). `categoryOf` tells sources and sinks apart for run totals. */
export function recordFrame(frame: TelemetryFrame, categoryOf: (nodeId: string) => Category): void {
  if (frame.t - lastT < MIN_GAP_MS) return;
  if (!sized) {
    const series = Object.keys(frame.nodes).length * 6 + Object.keys(frame.edges).length * 6 + 6;
    ring = new HistoryRing(Math.max(MIN_SAMPLES, Math.min(FULL_SAMPLES, Math.floor(BUDGET / series))));
    sized = true;
  }
  const dt = (frame.t - lastT) / 1000;
  const v = new Map<string, number>();
  let emitted = 0;
  let delivered = 0;
  let e2e50 = Number.NaN;
  let e2e99 = Number.NaN;
  for (const [id, n] of Object.entries(frame.nodes)) {
    v.set(seriesKey.node(id, 'in'), n.inRate);
    v.set(seriesKey.node(id, 'out'), n.outRate);
    v.set(seriesKey.node(id, 'p50'), n.p50Ms);
    v.set(seriesKey.node(id, 'p99'), n.p99Ms);
    v.set(seriesKey.node(id, 'errors'), n.errors);
    const cat = categoryOf(id);
    if (cat === 'source') emitted += n.outRate;
    if (cat === 'sink') {
      delivered += n.inRate;
      if (n.e2eP50Ms !== undefined) {
        v.set(seriesKey.node(id, 'e2e50'), n.e2eP50Ms);
        e2e50 = Number.isNaN(e2e50) ? n.e2eP50Ms : Math.max(e2e50, n.e2eP50Ms);
      }
      if (n.e2eP99Ms !== undefined) {
        v.set(seriesKey.node(id, 'e2e99'), n.e2eP99Ms);
        e2e99 = Number.isNaN(e2e99) ? n.e2eP99Ms : Math.max(e2e99, n.e2eP99Ms);
      }
    }
  }
  let depth = 0;
  let drops = 0;
  for (const [id, e] of Object.entries(frame.edges)) {
    const before = lastFrame?.edges[id]?.dropped;
    const dropRate = before === undefined || !(dt > 0) ? 0 : Math.max(0, (e.dropped - before) / dt);
    v.set(seriesKey.edge(id, 'depth'), e.depth);
    v.set(seriesKey.edge(id, 'cap'), e.capacity);
    v.set(seriesKey.edge(id, 'in'), e.inRate);
    v.set(seriesKey.edge(id, 'out'), e.outRate);
    v.set(seriesKey.edge(id, 'drops'), dropRate);
    v.set(seriesKey.edge(id, 'age'), e.oldestAgeMs);
    depth += e.depth;
    drops += dropRate;
  }
  v.set(seriesKey.run('emitted'), emitted);
  v.set(seriesKey.run('delivered'), delivered);
  v.set(seriesKey.run('depth'), depth);
  v.set(seriesKey.run('drops'), drops);
  if (!Number.isNaN(e2e50)) v.set(seriesKey.run('e2e50'), e2e50);
  if (!Number.isNaN(e2e99)) v.set(seriesKey.run('e2e99'), e2e99);
  ring.push(frame.t / 1000, v);
  lastT = frame.t;
  lastFrame = frame;
  version += 1;
  for (const l of listeners) l();
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
