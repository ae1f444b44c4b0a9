/**
 * Number formatting for live metrics. Every formatter returns a short string whose width barely
 * changes from tick to tick, so labels on the canvas do not jitter at 10 Hz.
 */

/** One formatter for all counts: `toLocaleString` builds a new one per call (hot at 10 Hz). */
const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function trimZero(text: string): string {
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}

/**
 * A compact magnitude: `950`, `1.9k`, `12k`, `1.2M`.
 *
 * @example compact(1940) // '1.9k'
 */
export function compact(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs < 10) return trimZero(value.toFixed(1));
  if (abs < 1_000) return String(Math.round(value));
  if (abs < 10_000) return `${trimZero((value / 1_000).toFixed(1))}k`;
  if (abs < 999_500) return `${Math.round(value / 1_000)}k`;
  if (abs < 10_000_000) return `${trimZero((value / 1_000_000).toFixed(1))}M`;
  if (abs < 999_500_000) return `${Math.round(value / 1_000_000)}M`;
  return `${trimZero((value / 1_000_000_000).toFixed(1))}G`;
}

/**
 * Items per second.
 *
 * @example formatRate(1940) // '1.9k/s'
 */
export function formatRate(perSecond: number): string {
  return `${compact(perSecond)}/s`;
}

/**
 * A running total: exact with thousands separators up to 99,999, compact above.
 *
 * @example formatCount(2100) // '2,100'
 */
export function formatCount(count: number): string {
  if (!Number.isFinite(count)) return '—';
  if (Math.abs(count) < 100_000) return GROUPED.format(Math.round(count));
  return compact(count);
}

/**
 * A duration in milliseconds, scaled to ms / s / min.
 *
 * @example formatMs(1250) // '1.3 s'
 */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 10) return `${trimZero(ms.toFixed(1))} ms`;
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${trimZero((ms / 1_000).toFixed(1))} s`;
  return `${trimZero((ms / 60_000).toFixed(1))} min`;
}

/**
 * A 0..1 fraction as a whole percentage, clamped.
 *
 * @example formatPercent(0.984) // '98%'
 */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return '—';
  return `${Math.round(Math.min(1, Math.max(0, fraction)) * 100)}%`;
}

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
