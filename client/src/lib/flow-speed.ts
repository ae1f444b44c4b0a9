/**
 * How fast an edge's dashes move for a given rate, as a CSS duration in a few steps: faster
 * flow, shorter period. On a log scale, so 10/s and 10k/s both read as "flowing" but clearly
 * differently. Quantised, so an edge re-renders only when its step changes, not every tick.
 *
 * @example flowDuration(0)      // null (no animation)
 * @example flowDuration(10)     // '1.2s'
 * @example flowDuration(10_000) // '0.3s'
 */
export function flowDuration(rate: number): string | null {
  if (!(rate > 0)) return null;
  const decades = Math.log10(Math.max(1, rate));
  const seconds = Math.min(1.5, Math.max(0.2, 1.5 - decades * 0.3));
  return `${(Math.round(seconds * 10) / 10).toString()}s`;
}

/**
 * Edge thickness from rate, in three steps: a trickle, steady flow, a flood.
 *
 * @example flowWidth(5) // 2
 */
export function flowWidth(rate: number): number {
  if (rate >= 5_000) return 4;
  if (rate >= 200) return 3;
  return 2;
}
