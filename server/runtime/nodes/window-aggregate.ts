import type { Item } from '../node-behavior.js';

/** One open window of one key: running count, sum, min, max, earliest ts and a bounded p95 sample. */
export interface Aggregate {
  key: unknown;
  /** Order of opening: breaks ties between windows with the same bounds (different keys). */
  seq: number;
  start: number;
  /** Exclusive end (event time); for sessions, the last item's ts + gap. */
  end: number;
  /** Session windows: the newest ts in the session. */
  lastTs: number;
  count: number;
  /** How many items had a numeric field (the base of sum, avg, min, max and p95). */
  numeric: number;
  sum: number;
  min: number;
  max: number;
  minTs: number;
  /** Up to `cap` numeric values: all of them while they fit, then a uniform reservoir sample. */
  samples: number[];
}

export function newAggregate(key: unknown, seq: number, start: number, end: number): Aggregate {
  return {
    key,
    seq,
    start,
    end,
    lastTs: start,
    count: 0,
    numeric: 0,
    sum: 0,
    min: Number.POSITIVE_INFINITY,
    max: Number.NEGATIVE_INFINITY,
    minTs: Number.POSITIVE_INFINITY,
    samples: [],
  };
}

export function addToAggregate(
  a: Aggregate,
  value: unknown,
  ts: number,
  cap: number,
  random: () => number,
): void {
  a.count++;
  if (ts < a.minTs) a.minTs = ts;
  if (ts > a.lastTs) a.lastTs = ts;
  if (typeof value !== 'number') return;
  a.numeric++;
  a.sum += value;
  if (value < a.min) a.min = value;
  if (value > a.max) a.max = value;
  // Reservoir sampling (algorithm R): every value ends up in the sample with equal probability.
  if (a.samples.length < cap) a.samples.push(value);
  else {
    const j = Math.floor(random() * a.numeric);
    if (j < cap) a.samples[j] = value;
  }
}

/** Folds `b` into `a` (sessions bridged by an item). The merged sample stays within `cap`. */
export function mergeAggregates(a: Aggregate, b: Aggregate, cap: number, random: () => number): void {
  a.start = Math.min(a.start, b.start);
  a.lastTs = Math.max(a.lastTs, b.lastTs);
  a.end = Math.max(a.end, b.end);
  a.count += b.count;
  a.numeric += b.numeric;
  a.sum += b.sum;
  a.min = Math.min(a.min, b.min);
  a.max = Math.max(a.max, b.max);
  a.minTs = Math.min(a.minTs, b.minTs);
  for (const v of b.samples) {
    if (a.samples.length < cap) a.samples.push(v);
    else a.samples[Math.floor(random() * cap)] = v; // approximate once over the cap, as documented
  }
}

/** Nearest-rank percentile: the smallest value with at least p % of the values at or below it. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The item a closed window emits. */
export function windowResult(a: Aggregate): Item {
  const has = a.numeric > 0;
  return {
    key: a.key,
    windowStart: a.start,
    windowEnd: a.end,
    count: a.count,
    sum: has ? a.sum : null,
    avg: has ? a.sum / a.numeric : null,
    min: has ? a.min : null,
    max: has ? a.max : null,
    p95: percentile(a.samples, 95),
    ts: a.minTs,
  };
}
