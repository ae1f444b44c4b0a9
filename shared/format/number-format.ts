/**
 * The one number format of Sluice, used by every place that shows a live number (node metrics,
 * edge labels, hover cards, charts, status bar, footer, bottleneck sentences), so 1,998/s is never
 * shown as "2k/s" beside "1000/s". The rule:
 *
 * - below 10: at most one decimal (`0.5`, `9.9`, `2`) — slow rates stay readable;
 * - below 10,000: a whole number with thousands separators (`1,998`);
 * - from 10,000: k / M / G with one decimal below 100 of the unit (`12.3k`, `1.2M`), none above
 *   (`123k`), so no value is wider than five characters before its unit.
 *
 * Short, stable widths matter: labels on the canvas redraw at 10 Hz and must not jitter.
 */

/** Built once: `toLocaleString` builds a new formatter per call, which is hot at 10 Hz. */
const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

const UNITS: ReadonlyArray<[number, string]> = [
  [1e3, 'k'],
  [1e6, 'M'],
  [1e9, 'G'],
];

/** Where whole numbers stop and k / M / G start. */
export const SCALED_FROM = 10_000;

function trimZero(text: string): string {
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}

/** `abs` (≥ SCALED_FROM) in the first unit whose rounded value stays below 1,000. */
function scaled(abs: number): string {
  for (const [size, unit] of UNITS) {
    const s = abs / size;
    const oneDecimal = Math.round(s * 10) / 10;
    if (oneDecimal < 100) return `${trimZero(oneDecimal.toFixed(1))}${unit}`;
    const whole = Math.round(s);
    if (whole < 1_000 || unit === 'G') return `${whole}${unit}`;
  }
  return '—';
}

/**
 * Any live number: a count, a rate, a depth.
 *
 * @example formatNumber(1998) // '1,998'
 * @example formatNumber(12_345) // '12.3k'
 * @example formatNumber(0.5) // '0.5'
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  if (abs < 9.95) {
    const text = trimZero(abs.toFixed(1));
    return text === '0' ? '0' : `${sign}${text}`;
  }
  if (abs < SCALED_FROM - 0.5) return `${sign}${GROUPED.format(Math.round(abs))}`;
  return `${sign}${scaled(abs)}`;
}

/**
 * Items per second.
 *
 * @example formatRate(1998) // '1,998/s'
 */
export function formatRate(perSecond: number): string {
  return `${formatNumber(perSecond)}/s`;
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
 * Shares of one whole (fractions, clamped to 0..1) as whole percents that add up to what the
 * shares add up to: each is rounded down, then the points left go to the largest remainders.
 * Rounded one by one, 0.345 / 0.345 / 0.31 read 35 % + 35 % + 31 % = 101 % on a state bar.
 *
 * @example wholePercents([0.345, 0.345, 0.31]) // [35, 34, 31]
 */
export function wholePercents(fractions: readonly number[]): number[] {
  const exact = fractions.map((f) => (Number.isFinite(f) ? Math.min(1, Math.max(0, f)) * 100 : 0));
  const whole = exact.map(Math.floor);
  const total = Math.min(100, Math.round(exact.reduce((a, b) => a + b, 0)));
  let left = total - whole.reduce((a, b) => a + b, 0);
  // Largest remainder first; ties keep the given order (stable sort).
  const order = exact.map((_, i) => i).sort((a, b) => exact[b]! - whole[b]! - (exact[a]! - whole[a]!));
  for (const i of order) {
    if (left <= 0) break;
    whole[i]! += 1;
    left -= 1;
  }
  return whole;
}

/**
 * A duration in milliseconds, scaled to ms / s / min.
 *
 * @example formatMs(1250) // '1.3 s'
 */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 9.95) return `${trimZero(ms.toFixed(1))} ms`;
  if (ms < 999.5) return `${Math.round(ms)} ms`;
  if (ms < 59_950) return `${trimZero((ms / 1_000).toFixed(1))} s`;
  return `${trimZero((ms / 60_000).toFixed(1))} min`;
}
