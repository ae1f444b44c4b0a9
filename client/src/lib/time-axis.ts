import { formatClock } from './format.js';

/** Tick steps (s) a reader counts in: tenths for a run just started, minutes for a long one. */
const STEPS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1_800, 3_600];
/** The shortest time the axis spans, so the first frames of a run do not stretch over it. */
export const MIN_SPAN_S = 1;

/**
 * The x range the chart shows: the data's, but at least MIN_SPAN_S wide (uPlot would otherwise
 * spread one sample over a 0.01 s axis, whose ticks all read "0.0s").
 *
 * @example timeRange(0.1, 0.3) // [0.1, 1.1]
 */
export function timeRange(min: number, max: number): [number, number] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, MIN_SPAN_S];
  return max - min < MIN_SPAN_S ? [min, min + MIN_SPAN_S] : [min, max];
}

/** The smallest step that puts at most `most` ticks on [min, max]. */
export function tickStep(min: number, max: number, most: number): number {
  const span = Math.max(max - min, 1e-9);
  return STEPS.find((s) => span / s <= Math.max(1, most)) ?? STEPS[STEPS.length - 1]!;
}

/**
 * Tick positions: whole multiples of a step a reader counts in, inside [min, max], at most `most`.
 *
 * @example timeTicks(0, 1, 6) // [0, 0.2, 0.4, 0.6, 0.8, 1]
 */
export function timeTicks(min: number, max: number, most: number): number[] {
  const step = tickStep(min, max, most);
  const ticks: number[] = [];
  // Integer counts of the step, so 0.1 + 0.2 never becomes 0.30000000000000004.
  for (let i = Math.ceil(min / step - 1e-9); i * step <= max + 1e-9; i++)
    ticks.push(Number((i * step).toFixed(3)));
  return ticks;
}

/**
 * Tick labels: as many decimals as the step needs (so no two read alike), `m:ss` once the run
 * is two minutes old.
 *
 * @example timeTickLabels([0, 0.2, 0.4]) // ['0.0s', '0.2s', '0.4s']
 * @example timeTickLabels([120, 180]) // ['2:00', '3:00']
 */
export function timeTickLabels(ticks: readonly number[]): string[] {
  const last = ticks[ticks.length - 1] ?? 0;
  if (last >= 120) return ticks.map((v) => formatClock(v * 1_000));
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : 1;
  const decimals = Math.max(0, Math.min(3, Math.ceil(-Math.log10(step) - 1e-9)));
  return ticks.map((v) => `${v.toFixed(decimals)}s`);
}
