/** Steps (ms) a reader counts in, from a fast item's few ms to a slow one's minutes. */
const STEPS = [
  0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 30_000, 60_000, 120_000, 300_000,
  600_000, 1_800_000, 3_600_000,
];

/**
 * Ticks for a waterfall's time axis: whole multiples of a step a reader counts in, from 0 to
 * `spanMs`, at most `most` of them.
 *
 * @example msTicks(131, 6) // [0, 50, 100]
 */
export function msTicks(spanMs: number, most: number): number[] {
  const span = Math.max(spanMs, 1e-9);
  const step = STEPS.find((s) => span / s <= Math.max(1, most - 1)) ?? STEPS[STEPS.length - 1]!;
  const ticks: number[] = [];
  for (let i = 0; i * step <= span + 1e-9; i++) ticks.push(Number((i * step).toFixed(1)));
  return ticks;
}
