/** Rates are measured over about this long, as the single-process sampler does. */
export const RATE_WINDOW_MS = 1000;

/**
 * Rates of cumulative counters over the last ≈1 s, the smoothing `TelemetrySampler` applies to
 * its queues: keep samples back to the first one at least a window old, and divide the counts
 * since it by the time since it. Bounded: about `RATE_WINDOW_MS × hz` samples.
 *
 * @example
 * const w = new RateWindow<'in' | 'out'>();
 * w.push(now, { in: 120, out: 100 });
 * w.rate('in') // items/s over ≈1 s
 */
export class RateWindow<K extends string> {
  private readonly samples: Array<{ t: number; c: Record<K, number> }> = [];

  push(t: number, counts: Record<K, number>): void {
    this.samples.push({ t, c: { ...counts } });
    while (this.samples.length > 2 && t - this.samples[1]!.t >= RATE_WINDOW_MS) this.samples.shift();
  }

  /** Per second over the window, rounded to 0.1; 0 until two samples lie apart. */
  rate(key: K): number {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last || last === first || last.t - first.t < 1) return 0;
    return Math.round(((last.c[key] - first.c[key]) * 10_000) / (last.t - first.t)) / 10;
  }
}
