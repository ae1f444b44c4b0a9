import { fillLevel, fillRatio } from '../../../shared/analysis/fill-level.js';
import type { EdgeTelemetry } from '../../../shared/protocol/telemetry.js';
import { dropRateText } from './edge-metrics.js';
import { compact, formatCount, formatMs } from './format.js';

/** A counter beside the depth (drops, expired, emptied, redelivered): its text and tooltip. */
export interface EdgeCount {
  text: string;
  title: string;
}

/** What a queue's gauge says, as text: the same for React's render and the live writes. */
export interface EdgeLabelView {
  fused: boolean;
  level: ReturnType<typeof fillLevel> | 'none';
  stale: boolean;
  depthText: string;
  /** The fill bar's painted gradient. */
  bar: string;
  drops: EdgeCount | null;
  expired: EdgeCount | null;
  emptied: EdgeCount | null;
  redelivered: EdgeCount | null;
  /** "dropping 1,500/s (75%)" while the policy turns items away. */
  dropping: string | null;
  /** "full in 1.2 s" while it fills. */
  filling: string | null;
}

/**
 * A queue's gauge from its telemetry (`t`, undefined before the first frame): depth over
 * capacity, the fill bar, counters when there are any, and while the run moves ("live") what it
 * drops now and when it will be full.
 *
 * @example edgeLabelView(t, 32, false, true).depthText // '12/32'
 */
export function edgeLabelView(
  t: EdgeTelemetry | undefined,
  capacity: number,
  fuse: boolean,
  live: boolean,
): EdgeLabelView {
  const cap = t?.capacity ?? capacity;
  const ratio = t ? fillRatio(t.depth, cap) : 0;
  const dropping = t && live && t.dropRate !== undefined && t.dropRate >= 1 ? t.dropRate : null;
  return {
    fused: t ? t.fused === true : fuse,
    level: t ? fillLevel(t.depth, cap) : 'none',
    stale: Boolean(t) && !live,
    depthText: `${t ? compact(t.depth) : '–'}/${compact(cap)}`,
    bar: `linear-gradient(to right, var(--level) ${ratio * 100}%, var(--raised) ${ratio * 100}%)`,
    drops:
      t && t.dropped > 0
        ? { text: `▼${compact(t.dropped)}`, title: `${formatCount(t.dropped)} dropped in total` }
        : null,
    expired: t?.expired
      ? {
          text: `◷${compact(t.expired)}`,
          title: `${formatCount(t.expired)} expired (waited longer than expireMs)`,
        }
      : null,
    emptied: t?.emptied
      ? { text: `∅${compact(t.emptied)}`, title: `${formatCount(t.emptied)} removed with "Empty queue"` }
      : null,
    redelivered: t?.redelivered
      ? {
          text: `↻${compact(t.redelivered)}`,
          title: `${formatCount(t.redelivered)} delivered again (a consumer died or did not ack in time)`,
        }
      : null,
    dropping: dropping !== null ? `dropping ${dropRateText(dropping, t?.offeredRate)}` : null,
    filling: t && live && t.etaFullMs !== null && t.depth < cap ? `full in ${formatMs(t.etaFullMs)}` : null,
  };
}

/**
 * What decides the gauge's shape (classes, which counters and extras exist), without formatting
 * a number: a selector that runs on every store change for every gauge on screen.
 */
export function edgeLabelShape(t: EdgeTelemetry | undefined, fuse: boolean, live: boolean): string {
  if (!t) return `none ${fuse ? 'fused' : ''}`;
  const cap = t.capacity;
  return [
    fillLevel(t.depth, cap),
    t.fused === true ? 'fused' : '',
    live ? '' : 'stale',
    t.dropped > 0 ? 'drops' : '',
    t.expired ? 'expired' : '',
    t.emptied ? 'emptied' : '',
    t.redelivered ? 'redelivered' : '',
    live && t.dropRate !== undefined && t.dropRate >= 1 ? 'dropping' : '',
    live && t.etaFullMs !== null && t.depth < cap ? 'filling' : '',
  ].join(' ');
}
