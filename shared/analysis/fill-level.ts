/** How full a bounded queue is, as the colour the canvas draws it in. */
export type FillLevel = 'green' | 'yellow' | 'red';

/** Thresholds from the product brief: green < 60 % ≤ yellow < 85 % ≤ red. */
export const YELLOW_AT = 0.6;
export const RED_AT = 0.85;

/**
 * The fill ratio of a queue, 0..1. A rendezvous edge (capacity 0) holds nothing, so its ratio
 * is 0 unless something is (unexpectedly) queued.
 *
 * @example fillRatio(48, 64) // 0.75
 */
export function fillRatio(depth: number, capacity: number): number {
  if (capacity <= 0) return depth > 0 ? 1 : 0;
  return Math.min(1, Math.max(0, depth / capacity));
}

/**
 * @example fillLevel(64, 64) // 'red'
 * @example fillLevel(38, 64) // 'green' (59 %)
 */
export function fillLevel(depth: number, capacity: number): FillLevel {
  const ratio = fillRatio(depth, capacity);
  if (ratio >= RED_AT) return 'red';
  if (ratio >= YELLOW_AT) return 'yellow';
  return 'green';
}

/** "Full in …" shows only for a queue at least this full… */
export const ETA_MIN_FILL = 0.1;
/** …whose net rate (in − out) is at least this share of its in-rate… */
export const ETA_MIN_NET_SHARE = 0.05;
/** …on every frame for this long (run time, ms), with the depth higher at the end… */
export const ETA_SUSTAIN_MS = 1_000;
/** …and only when full is this close (ms): past a minute the number is a guess, not news. */
export const ETA_MAX_MS = 60_000;

/** What a queue needs for the judgement below: the fields of EdgeTelemetry it reads. */
export interface FillSample {
  depth: number;
  capacity: number;
  inRate: number;
  outRate: number;
}

/** Since when (run time) a queue has been gaining on its consumer, and its depth then. */
export interface FillStreak {
  since: number;
  depth: number;
}

function gaining(q: FillSample): boolean {
  return q.capacity > 0 && q.inRate > 0 && q.inRate - q.outRate >= ETA_MIN_NET_SHARE * q.inRate;
}

/**
 * Whether a queue is meaningfully filling, frame by frame: the streak of frames in which its
 * net rate held, and the time until full once that is worth showing (else null). A queue
 * wobbling around a few items in steady state never shows "full in …".
 *
 * @example
 * // 40/64, in 100/s, out 60/s, for the last 1.2 s (depth was 0 at its start):
 * judgeFilling({ since: 0, depth: 0 }, { depth: 40, capacity: 64, inRate: 100, outRate: 60 }, 1200)
 * // { streak: { since: 0, depth: 0 }, etaMs: 600 }
 */
export function judgeFilling(
  prev: FillStreak | undefined,
  q: FillSample,
  t: number,
): { streak: FillStreak | undefined; etaMs: number | null } {
  if (!gaining(q) || q.depth >= q.capacity) return { streak: undefined, etaMs: null };
  const streak = prev && prev.since <= t ? prev : { since: t, depth: q.depth };
  const net = q.inRate - q.outRate;
  const etaMs = ((q.capacity - q.depth) / net) * 1_000;
  const shown =
    t - streak.since >= ETA_SUSTAIN_MS &&
    q.depth > streak.depth &&
    fillRatio(q.depth, q.capacity) >= ETA_MIN_FILL &&
    etaMs < ETA_MAX_MS;
  return { streak, etaMs: shown ? etaMs : null };
}
