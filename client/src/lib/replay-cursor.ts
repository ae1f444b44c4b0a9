import {
  type Bottleneck,
  CONFIRM_MS,
  type EdgeEnds,
  findBottlenecks,
  HOLD_MS,
  holdBottlenecks,
} from '../../../shared/analysis/bottleneck.js';
import type { NameOf } from '../../../shared/analysis/node-names.js';
import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';

/** The replay speeds offered, slowest first. */
export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 4] as const;

/**
 * The cursor after `dtMs` of wall time at `speed`, held within [0, endT]; `atEnd` once it got
 * there (playing stops, or returns to live during a run).
 *
 * @example advanceCursor(1_000, 100, 0.25, 5_000) // { t: 1_025, atEnd: false }
 */
export function advanceCursor(
  t: number,
  dtMs: number,
  speed: number,
  endT: number,
): { t: number; atEnd: boolean } {
  const next = Math.max(0, t + Math.max(0, dtMs) * speed);
  return next >= endT ? { t: endT, atEnd: true } : { t: next, atEnd: false };
}

/**
 * A time from a link (`?t=12.3`, seconds) in ms, or null when there is none or it is not a time.
 * Kept to the microsecond: a followed item's hops can be under a millisecond apart.
 */
export function linkedTime(search: string): number | null {
  const raw = new URLSearchParams(search).get('t');
  if (raw === null || raw.trim() === '') return null;
  const s = Number(raw);
  return Number.isFinite(s) && s >= 0 ? Math.round(s * 1e6) / 1000 : null;
}

/**
 * `url` with `?t=<seconds>` set to `tMs` (one decimal), its fragment kept.
 *
 * @example linkAt('https://x/r/ab#k', 12_345) // 'https://x/r/ab?t=12.3#k'
 */
export function linkAt(url: string, tMs: number): string {
  const u = new URL(url);
  u.searchParams.set('t', (Math.round(tMs / 100) / 10).toFixed(1));
  return u.toString();
}

/** Recorded time before the shown frame that its bottleneck marks are judged over (ms). */
export const JUDGED_OVER_MS = HOLD_MS + CONFIRM_MS;

/**
 * The bottleneck marks of a recorded instant: the live view's own judgement (findBottlenecks on
 * each frame, held and confirmed by holdBottlenecks) replayed over the frames leading to it, so
 * the canvas shows what it showed live at that instant, not one frame's flicker. `frames` are
 * oldest first and end with the frame shown. With less history than CONFIRM_MS (the first
 * frames of a run), what the frames found stands as shown.
 */
export function pastBottlenecks(
  frames: readonly TelemetryFrame[],
  edges: readonly EdgeEnds[],
  nameOf?: NameOf,
): Record<string, Bottleneck> {
  const shown = frames.at(-1);
  if (!shown) return {};
  let held: Record<string, Bottleneck> = {};
  frames.forEach((f, i) => {
    held = holdBottlenecks(held, findBottlenecks(f, edges, frames[i - 1], nameOf), f);
  });
  if (shown.t - frames[0]!.t >= CONFIRM_MS) return held;
  const confirmed: Record<string, Bottleneck> = {};
  for (const [id, b] of Object.entries(held))
    confirmed[id] = { ...b, since: Math.min(b.since, b.seenAt - CONFIRM_MS) };
  return confirmed;
}

/** Seconds with one decimal, as the timeline labels time: `12.3 s`. */
export function formatSeconds(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
}
