import {
  type Bottleneck,
  CONFIRM_MS,
  type EdgeEnds,
  findBottlenecks,
} from '../../../shared/analysis/bottleneck.js';
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

/** A time from a link (`?t=12.3`, seconds) in ms, or null when there is none or it is not a time. */
export function linkedTime(search: string): number | null {
  const raw = new URLSearchParams(search).get('t');
  if (raw === null || raw.trim() === '') return null;
  const s = Number(raw);
  return Number.isFinite(s) && s >= 0 ? Math.round(s * 1000) : null;
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

/**
 * The bottlenecks of one recorded frame, judged from it alone (the one before it turns
 * cumulative drops into rates). Live marks wait CONFIRM_MS of unbroken frames so a one-tick
 * blip does not flash; a past frame is looked at, not watched, so its findings stand as shown.
 */
export function pastBottlenecks(
  frame: TelemetryFrame,
  edges: readonly EdgeEnds[],
  previous?: TelemetryFrame,
): Record<string, Bottleneck> {
  const found = findBottlenecks(frame, edges, previous);
  const shown: Record<string, Bottleneck> = {};
  for (const [id, b] of Object.entries(found)) shown[id] = { ...b, since: b.seenAt - CONFIRM_MS };
  return shown;
}

/** Seconds with one decimal, as the timeline labels time: `12.3 s`. */
export function formatSeconds(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
}
