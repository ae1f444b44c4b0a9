/** How far back returned credit is measured to estimate the drain rate for Retry-After. */
const RATE_WINDOW_MS = 5_000;
const MAX_RETRY_AFTER_S = 60;

/**
 * The main thread's view of one `http-ingest` buffer, which lives in the run's worker thread.
 *
 * Credit-based, like an HTTP/2 flow-control window: it starts with `capacity` credits (the empty
 * buffer), a request of n items is accepted only if n credits are held, and spends them; the
 * worker gives credit back (`ingest-credit`) as items leave its buffer for the graph. Deciding
 * 202 or 429 is therefore synchronous and exact — no round trip per request, and no overbooking:
 * credit here + items in flight to the worker + items in its buffer = capacity, always. (A worker
 * that posted its absolute free room instead would race with requests still in flight.)
 */
export class IngestWindow {
  credit: number;
  /** Credit returns over the last RATE_WINDOW_MS: [time, n]. */
  private readonly returns: Array<[number, number]> = [];

  constructor(
    readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {
    this.credit = capacity;
  }

  /** All or nothing: spends `n` credits and returns true, or spends none and returns false. */
  tryReserve(n: number): boolean {
    if (n > this.credit) return false;
    this.credit -= n;
    return true;
  }

  /** The worker handed `n` items on to the graph. */
  release(n: number): void {
    this.credit = Math.min(this.capacity, this.credit + n);
    const t = this.now();
    this.returns.push([t, n]);
    while (this.returns.length > 0 && t - this.returns[0]![0] > RATE_WINDOW_MS) this.returns.shift();
    if (this.returns.length > 256) this.returns.splice(0, this.returns.length - 256);
  }

  /**
   * When a refused request of `n` items may fit, from how fast credit came back lately: whole
   * seconds (Retry-After's unit), 1 to 60; 1 when nothing came back lately (poll gently).
   */
  retryAfterSeconds(n: number): number {
    const need = Math.max(1, n - this.credit);
    const t = this.now();
    let returned = 0;
    let since = t;
    for (const [at, k] of this.returns) {
      if (t - at > RATE_WINDOW_MS) continue;
      returned += k;
      since = Math.min(since, at);
    }
    const span = Math.max(1_000, t - since);
    const rate = (returned * 1000) / span;
    if (rate <= 0) return 1;
    return Math.min(MAX_RETRY_AFTER_S, Math.max(1, Math.ceil(need / rate)));
  }
}
