import { type IndexedSample, SeriesColumns } from './series-columns.js';

/**
 * The whole run for the charts, in bounded memory: at most `capacity` samples (about 2,000, the
 * width of a wide chart in pixels). Samples come at least `gapMs` apart; when it is full every
 * second sample goes and the gap doubles, so a run of any length keeps evenly spaced samples from
 * its start to now. Columns as HistoryRing's (Float32, NaN for a gap, null when read).
 */
const SLACK_S = 0.005;

export class ThinningSeries {
  readonly capacity: number;
  private times: Float64Array;
  private readonly cols: SeriesColumns;
  private n = 0;
  private gap: number;

  constructor(capacity: number, gapMs = 0) {
    // Even, so halving leaves room for exactly half again.
    this.capacity = Math.max(4, Math.floor(capacity / 2) * 2);
    this.times = new Float64Array(this.capacity);
    this.cols = new SeriesColumns(this.capacity);
    this.gap = gapMs / 1000;
  }

  get size(): number {
    return this.n;
  }

  /** The spacing kept now (s): grows as the run outgrows the capacity. */
  get gapSeconds(): number {
    return this.gap;
  }

  get firstT(): number {
    return this.n > 0 ? this.times[0]! : Number.NaN;
  }

  get lastT(): number {
    return this.n > 0 ? this.times[this.n - 1]! : Number.NaN;
  }

  keys(): IterableIterator<string> {
    return this.cols.keys();
  }

  /** Keeps the sample at `t` (s) unless it is closer than the gap to the last one kept. */
  offer(t: number, values: ReadonlyMap<string, number> | IndexedSample): boolean {
    // A little slack: samples ~100 ms apart arrive 99 or 101 ms apart, and 0.1 + 0.2 > 0.3.
    if (this.n > 0 && t - this.times[this.n - 1]! < this.gap - SLACK_S) return false;
    if (this.n === this.capacity) this.halve();
    const i = this.n;
    this.times[i] = t;
    this.cols.write(i, values);
    this.n += 1;
    return true;
  }

  /** Every second sample goes (the first stays: the run's start is always shown). */
  private halve(): void {
    const keep = (a: Float32Array | Float64Array) => {
      for (let i = 0; i < this.n / 2; i++) a[i] = a[i * 2]!;
      a.fill(Number.NaN, this.n / 2);
    };
    keep(this.times);
    for (const col of this.cols.cols) keep(col);
    this.n /= 2;
    const span = this.n > 1 ? (this.times[this.n - 1]! - this.times[0]!) / (this.n - 1) : 0;
    this.gap = Math.max(this.gap * 2, span);
  }

  /** The samples in time order, as uPlot's aligned data: `[times, ...series]`, gaps as null. */
  read(keys: readonly string[]): [number[], ...(number | null)[][]] {
    const t = Array.from(this.times.subarray(0, this.n));
    const series = keys.map((key) => {
      const col = this.cols.col(key);
      const out = new Array<number | null>(this.n);
      for (let k = 0; k < this.n; k++) {
        const v = col ? col[k]! : Number.NaN;
        out[k] = Number.isNaN(v) ? null : v;
      }
      return out;
    });
    return [t, ...series];
  }
}

/** Anything that reads as aligned columns and names its keys (HistoryRing, ThinningSeries). */
export interface Columns {
  keys(): IterableIterator<string>;
  read(keys: readonly string[]): [number[], ...(number | null)[][]];
}

/**
 * Writes `older`'s samples from before `newer`'s first, then all of `newer`'s, into `into` (an
 * empty history): the recording read back after a reload, then what the socket brought since.
 */
export function mergeInto(
  into: (t: number, values: ReadonlyMap<string, number>) => void,
  older: Columns,
  newer: Columns,
): void {
  const keys = [...new Set([...older.keys(), ...newer.keys()])];
  const a = older.read(keys);
  const b = newer.read(keys);
  const before = b[0].length > 0 ? b[0][0]! : Number.POSITIVE_INFINITY;
  const v = new Map<string, number>();
  const put = (cols: [number[], ...(number | null)[][]], i: number) => {
    v.clear();
    for (let k = 0; k < keys.length; k++) {
      const x = cols[k + 1]![i];
      if (x != null) v.set(keys[k]!, x);
    }
    into(cols[0][i]!, v);
  };
  for (let i = 0; i < a[0].length && a[0][i]! < before; i++) put(a, i);
  for (let i = 0; i < b[0].length; i++) put(b, i);
}
