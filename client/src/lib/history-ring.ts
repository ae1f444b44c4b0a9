import { type IndexedSample, SeriesColumns } from './series-columns.js';

/**
 * Fixed-size time series for the charts: one shared time column and one Float32Array per
 * series, written in a ring. Memory is bounded by construction (capacity × series), and a
 * series that appears mid-run reads as gaps (NaN → null) before its first sample.
 */
export class HistoryRing {
  readonly capacity: number;
  private readonly times: Float64Array;
  private readonly cols: SeriesColumns;
  /** Samples written since the start (the ring holds the last `capacity`). */
  private written = 0;

  constructor(capacity: number) {
    this.capacity = Math.max(2, Math.floor(capacity));
    this.times = new Float64Array(this.capacity);
    this.cols = new SeriesColumns(this.capacity);
  }

  get size(): number {
    return Math.min(this.written, this.capacity);
  }

  get seriesCount(): number {
    return this.cols.size;
  }

  keys(): IterableIterator<string> {
    return this.cols.keys();
  }

  /** The oldest held sample's time, NaN when empty. */
  get firstT(): number {
    if (this.written === 0) return Number.NaN;
    return this.times[this.written > this.capacity ? this.written % this.capacity : 0]!;
  }

  /** Appends one sample at time `t`; series missing from `values` get a gap. */
  push(t: number, values: ReadonlyMap<string, number> | IndexedSample): void {
    const i = this.written % this.capacity;
    this.times[i] = t;
    this.cols.write(i, values);
    this.written += 1;
  }

  /**
   * The held samples in time order, as uPlot's aligned data: `[times, ...series]`, gaps as null.
   *
   * @example ring.read(['e:e1:depth']) // [[0.1, 0.2, …], [12, 30, …]]
   */
  read(keys: readonly string[]): [number[], ...(number | null)[][]] {
    const n = this.size;
    const start = this.written > this.capacity ? this.written % this.capacity : 0;
    const t = new Array<number>(n);
    for (let k = 0; k < n; k++) t[k] = this.times[(start + k) % this.capacity]!;
    const series = keys.map((key) => {
      const col = this.cols.col(key);
      const out = new Array<number | null>(n);
      for (let k = 0; k < n; k++) {
        const v = col ? col[(start + k) % this.capacity]! : Number.NaN;
        out[k] = Number.isNaN(v) ? null : v;
      }
      return out;
    });
    return [t, ...series];
  }
}
