/**
 * One sample of many series by column index: `values[j]` is series `keys[j]`, NaN for a series
 * with no value in this sample. A sampler keeps one and its keys only grow, so a history can map
 * the sample's columns onto its own once per new series, not look up ~10,000 string keys per
 * sample (e2e/perf/RESULTS.md).
 */
export interface IndexedSample {
  readonly keys: readonly string[];
  readonly values: Float64Array;
}

/** An IndexedSample to fill: a series gets its column the first time it has a value. */
export class SampleBuffer implements IndexedSample {
  readonly keys: string[] = [];
  values = new Float64Array(256).fill(Number.NaN);
  private readonly index = new Map<string, number>();

  /** The column of `key`, new if it had none (keep it: the index is the fast way in). */
  slot(key: string): number {
    let j = this.index.get(key);
    if (j === undefined) {
      j = this.keys.length;
      this.keys.push(key);
      this.index.set(key, j);
      if (j >= this.values.length) {
        const grown = new Float64Array(this.values.length * 2).fill(Number.NaN);
        grown.set(this.values);
        this.values = grown;
      }
    }
    return j;
  }

  /** Every series back to "no value" before the next sample. */
  clear(): void {
    this.values.fill(Number.NaN, 0, this.keys.length);
  }

  /** As a key → value map (series with a value only): for tests and merges. */
  toMap(): Map<string, number> {
    const m = new Map<string, number>();
    this.keys.forEach((k, j) => {
      const v = this.values[j]!;
      if (!Number.isNaN(v)) m.set(k, v);
    });
    return m;
  }
}

/**
 * Per-series columns of `capacity` slots (Float32, NaN for a gap), shared by the live ring and the
 * whole-run history. A series seen for the first time gets a new column, NaN before it.
 */
export class SeriesColumns {
  readonly cols: Float32Array[] = [];
  private readonly names: string[] = [];
  private readonly index = new Map<string, number>();
  /** The IndexedSample last written, and its columns' columns here (-1: none yet). */
  private source: IndexedSample | null = null;
  private mapped = new Int32Array(0);
  private seen = new Uint32Array(0);
  private stamp = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.cols.length;
  }

  keys(): IterableIterator<string> {
    return this.names.values();
  }

  col(key: string): Float32Array | undefined {
    const c = this.index.get(key);
    return c === undefined ? undefined : this.cols[c];
  }

  private add(key: string): number {
    const c = this.cols.length;
    this.cols.push(new Float32Array(this.capacity).fill(Number.NaN));
    this.names.push(key);
    this.index.set(key, c);
    return c;
  }

  /**
   * Writes one sample at slot `i`: series missing from it get a gap. A map names its series;
   * an IndexedSample by column, looked up here once per series and source.
   *
   * @example cols.write(17, new Map([['src.out', 498]]));
   */
  write(i: number, sample: ReadonlyMap<string, number> | IndexedSample): void {
    if (sample instanceof Map) {
      for (let c = 0; c < this.cols.length; c++) this.cols[c]![i] = sample.get(this.names[c]!) ?? Number.NaN;
      for (const [key, v] of sample) if (!this.index.has(key)) this.cols[this.add(key)]![i] = v;
      return;
    }
    const indexed = sample as IndexedSample;
    const { keys, values } = indexed;
    if (this.source !== indexed) {
      this.source = indexed;
      this.mapped = new Int32Array(0);
    }
    if (this.mapped.length < keys.length) {
      const grown = new Int32Array(keys.length);
      grown.set(this.mapped);
      for (let j = this.mapped.length; j < keys.length; j++) grown[j] = this.index.get(keys[j]!) ?? -1;
      this.mapped = grown;
    }
    if (this.seen.length < this.cols.length + keys.length) {
      const grown = new Uint32Array((this.cols.length + keys.length) * 2);
      grown.set(this.seen);
      this.seen = grown;
    }
    const stamp = ++this.stamp;
    for (let j = 0; j < keys.length; j++) {
      const v = values[j]!;
      let c = this.mapped[j]!;
      if (c < 0) {
        c = this.index.get(keys[j]!) ?? this.add(keys[j]!);
        this.mapped[j] = c;
      }
      this.cols[c]![i] = v;
      this.seen[c] = stamp;
    }
    // Columns this sample does not have (another source's series) get a gap.
    for (let c = 0; c < this.cols.length; c++) if (this.seen[c] !== stamp) this.cols[c]![i] = Number.NaN;
  }
}
