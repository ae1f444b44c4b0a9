import type { EdgeTelemetry } from '../../../shared/protocol/telemetry.js';
import { compact, formatCount, formatMs, formatPercent, formatRate } from './format.js';

const DASH = '—';

/** When a queue will be full, in words: `full now`, `not filling`, or a duration. */
export function fullIn(t: EdgeTelemetry | undefined): string {
  if (!t) return DASH;
  if (t.capacity > 0 && t.depth >= t.capacity) return 'full now';
  return t.etaFullMs === null ? 'not filling' : formatMs(t.etaFullMs);
}

/**
 * Every live metric of a queue as label/value rows, the same in the hover card and the
 * inspector (dashes before a run, so the rows never move).
 *
 * @example edgeMetricRows(t)[0] // ['Depth', '64 / 64']
 */
export function edgeMetricRows(t: EdgeTelemetry | undefined): Array<[string, string]> {
  return [
    ['Depth', t ? `${compact(t.depth)} / ${compact(t.capacity)}` : DASH],
    ['In rate', t ? formatRate(t.inRate) : DASH],
    ['Out rate', t ? formatRate(t.outRate) : DASH],
    ['Dropped', t ? formatCount(t.dropped) : DASH],
    ['Producer blocked', t ? formatPercent(t.blockedRatio) : DASH],
    ['Oldest item', t ? formatMs(t.oldestAgeMs) : DASH],
    ['Full in', fullIn(t)],
  ];
}
