/**
 * Mean and population standard deviation of the last `size` values, O(1) per value. Sums are kept
 * relative to a reference value and rebuilt from the ring every `size` pushes, so they neither
 * lose precision on large values (1e9 ± 3) nor drift over a long run.
 */
export class MovingStats {
  private readonly ring: Float64Array;
  private head = 0;
  private n = 0;
  private ref = 0;
  private sum = 0;
  private sumSq = 0;
  private sinceRebuild = 0;

  constructor(readonly size: number) {
    this.ring = new Float64Array(size);
  }

  get count(): number {
    return this.n;
  }

  push(v: number): void {
    if (this.n === 0) this.ref = v;
    if (this.n === this.size) {
      const old = this.ring[this.head]! - this.ref;
      this.sum -= old;
      this.sumSq -= old * old;
    } else this.n++;
    this.ring[this.head] = v;
    this.head = (this.head + 1) % this.size;
    const d = v - this.ref;
    this.sum += d;
    this.sumSq += d * d;
    if (++this.sinceRebuild >= this.size) this.rebuild();
  }

  get mean(): number {
    return this.n === 0 ? 0 : this.ref + this.sum / this.n;
  }

  get stddev(): number {
    if (this.n === 0) return 0;
    const m = this.sum / this.n;
    return Math.sqrt(Math.max(0, this.sumSq / this.n - m * m));
  }

  private rebuild(): void {
    this.sinceRebuild = 0;
    let total = 0;
    for (let i = 0; i < this.n; i++) total += this.ring[i]!;
    this.ref = total / this.n;
    this.sum = 0;
    this.sumSq = 0;
    for (let i = 0; i < this.n; i++) {
      const d = this.ring[i]! - this.ref;
      this.sum += d;
      this.sumSq += d * d;
    }
  }
}
