/**
 * The few stored recordings decoded in memory at once (each up to SLUICE_MAX_RECORDING_MB):
 * least recently used goes first. Holds the load's promise, so readers of one recording that is
 * still loading share the load.
 */
export class DecodedCache<V> {
  private readonly entries = new Map<string, Promise<V | undefined>>();

  constructor(private readonly max: number) {}

  get(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    let entry = this.entries.get(key);
    if (entry)
      this.entries.delete(key); // re-inserted below: now the most recent
    else {
      entry = load();
      // A failed or empty load is not kept: the next read tries again.
      entry.then(
        (v) => v === undefined && this.entries.get(key) === entry && this.entries.delete(key),
        () => this.entries.get(key) === entry && this.entries.delete(key),
      );
    }
    this.entries.set(key, entry);
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    return entry;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
