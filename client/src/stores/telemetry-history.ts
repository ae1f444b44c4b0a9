import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { type ChartWindow, sliceToRange, windowRange } from '../lib/chart-window.js';
import { CountSums } from '../lib/frame-counts.js';
import { type Category, FrameSampler, seriesOf } from '../lib/frame-sampler.js';
import { HistoryRing } from '../lib/history-ring.js';
import { mergeInto, ThinningSeries } from '../lib/thinning-series.js';

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

export type { Category } from '../lib/frame-sampler.js';
export { seriesKey } from '../lib/frame-sampler.js';

/** The whole run keeps about this many samples (a wide chart's pixels), fewer for big graphs. */
const WHOLE_POINTS = 2_000;
const WHOLE_BUDGET = 3_000_000;

let ring = new HistoryRing(FULL_SAMPLES);
let whole = new ThinningSeries(WHOLE_POINTS, MIN_GAP_MS);
let sized = false;
let sampler = new FrameSampler(MIN_GAP_MS);
let lastT = Number.NEGATIVE_INFINITY;
/** Per-frame counts over the whole run: the averages shown once it has ended. */
let overRun = new CountSums();
let version = 0;
/** Bumped by each reset: a recording read back for an earlier run is not merged into this one. */
let generation = 0;
let notifiedT = Number.NEGATIVE_INFINITY;
let notifiedVersion = 0;
let notifyTimer: ReturnType<typeof setTimeout> | null = null;
const listeners = new Set<() => void>();

export function resetHistory(): void {
  ring = new HistoryRing(FULL_SAMPLES);
  whole = new ThinningSeries(WHOLE_POINTS, MIN_GAP_MS);
  sized = false;
  sampler = new FrameSampler(MIN_GAP_MS);
  lastT = Number.NEGATIVE_INFINITY;
  overRun = new CountSums();
  version += 1;
  generation += 1;
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

/** The live window's and the whole run's sizes for a graph with this many series. */
function sizesFor(series: number): { live: number; whole: number; gapMs: number } {
  return {
    live: Math.max(MIN_SAMPLES, Math.min(FULL_SAMPLES, Math.floor(BUDGET / series))),
    whole: Math.max(200, Math.min(WHOLE_POINTS, Math.floor(WHOLE_BUDGET / series))),
    gapMs: series >= BIG_SERIES ? BIG_GAP_MS : MIN_GAP_MS,
  };
}

/** Records one frame (at most ~10 per second). `categoryOf` tells sources and sinks apart for run totals. */
export function recordFrame(frame: TelemetryFrame, categoryOf: (nodeId: string) => Category): void {
  if (!sized) {
    const size = sizesFor(seriesOf(frame));
    ring = new HistoryRing(size.live);
    whole = new ThinningSeries(size.whole, size.gapMs);
    sampler.gapMs = size.gapMs;
    sized = true;
  }
  const v = sampler.sample(frame, categoryOf, overRun);
  if (v === null) return;
  ring.push(frame.t / 1000, v);
  whole.offer(frame.t / 1000, v);
  lastT = frame.t;
  version += 1;
  if (frame.t - notifiedT >= NOTIFY_GAP_MS && notifyTimer === null) {
    notifiedT = frame.t;
    notifyTimer = setTimeout(notify, NOTIFY_DELAY_MS);
  }
}

/**
 * The history from before this page (a reload, a watcher who came late, a saved recording), read
 * back from the recording a page of frames at a time, then put before what the socket brought
 * since (`commit`). Dropped if the charts were reset meanwhile (another run).
 */
export interface Backfill {
  add(frames: readonly TelemetryFrame[]): void;
  commit(): boolean;
}

export function beginBackfill(categoryOf: (nodeId: string) => Category): Backfill {
  const gen = generation;
  // Frames come already spaced by the server (`step`): every one is a sample.
  const own = new FrameSampler(0);
  let older: { ring: HistoryRing; whole: ThinningSeries } | null = null;
  return {
    add(frames) {
      for (const f of frames) {
        if (older === null) {
          const size = sizesFor(seriesOf(f));
          older = { ring: new HistoryRing(size.live), whole: new ThinningSeries(size.whole, 0) };
        }
        const v = own.sample(f, categoryOf);
        if (v === null) continue;
        older.ring.push(f.t / 1000, v);
        older.whole.offer(f.t / 1000, v);
      }
    },
    commit() {
      if (gen !== generation || older === null) return false;
      const nextRing = new HistoryRing(older.ring.capacity);
      mergeInto((t, v) => nextRing.push(t, v), older.ring, ring);
      const nextWhole = new ThinningSeries(older.whole.capacity, 0);
      mergeInto((t, v) => nextWhole.offer(t, v), older.whole, whole);
      ring = nextRing;
      whole = nextWhole;
      if (!sized) {
        sampler.gapMs = sizesFor(ring.seriesCount).gapMs;
        sized = true;
      }
      version += 1;
      notify();
      return true;
    },
  };
}

/** The run's counts so far as items/s averaged over the time its frames covered. */
export function runAverages(): CountSums {
  return overRun;
}

export function readHistory(keys: readonly string[]): [number[], ...(number | null)[][]] {
  return ring.read(keys);
}

/**
 * What a chart shows in a window: the x range and the samples in it. 30 s and 5 min read the
 * live history at full rate while it reaches back far enough, else the whole run's samples.
 */
export function readWindow(
  keys: readonly string[],
  win: ChartWindow,
  cursorT: number | null,
  ended = false,
): { data: [number[], ...(number | null)[][]]; range: [number, number] } {
  const newest = Math.max(ring.size > 0 ? lastT / 1000 : Number.NaN, whole.lastT);
  const range = windowRange(win, Number.isNaN(newest) ? Number.NaN : newest, cursorT, ended);
  if (win === 'run') return { data: whole.read(keys), range };
  const live = ring.size > 0 && (ring.firstT <= range[0] || !(ring.firstT > whole.firstT));
  return { data: sliceToRange((live ? ring : whole).read(keys), range[0], range[1]), range };
}

export function historyInfo(): { samples: number; capacity: number; version: number; wholeSamples: number } {
  return { samples: ring.size, capacity: ring.capacity, version, wholeSamples: whole.size };
}

/** Calls `fn` after every recorded frame; returns the unsubscribe function. */
export function subscribeHistory(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
