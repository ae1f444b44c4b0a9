/**
 * Every number the UI shows goes through here. The numeric rule itself lives in shared/ (the
 * bottleneck sentence is built there too and must read the same); this module adds what only
 * the browser shows: run clocks, chart ticks and times of day.
 */
import { formatNumber } from '../../../shared/format/number-format.js';

export { formatMs, formatNumber, formatPercent, formatRate } from '../../../shared/format/number-format.js';

/** A running total: the same rule as every other number (kept as a name for readers of counts). */
export const formatCount = formatNumber;

/** A depth, a capacity, a chart value: the same rule again. */
export const compact = formatNumber;

/**
 * Run clock: `m:ss`, or `h:mm:ss` past an hour.
 *
 * @example formatClock(83_000) // '1:23'
 */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1_000));
  const h = Math.floor(total / 3_600);
  const m = Math.floor((total % 3_600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * An epoch-ms timestamp as the browser's local time of day, to the millisecond.
 *
 * @example formatTimeOfDay(new Date(2026, 0, 1, 23, 1, 2, 345).getTime()) // '23:01:02.345'
 */
export function formatTimeOfDay(epochMs: number): string {
  const d = new Date(epochMs);
  if (Number.isNaN(d.getTime())) return '—';
  const ms = String(d.getMilliseconds()).padStart(3, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${ms}`;
}
