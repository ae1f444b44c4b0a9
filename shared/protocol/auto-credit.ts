/** Auto mode opens a sink's tap with this many credits, and never keeps fewer open. */
export const AUTO_MIN_WINDOW = 50;
/**
 * Most credits auto keeps open: well inside the server's per-socket outbox (2,000 items), so a
 * whole window in flight never makes the outbox drop items for this client.
 */
export const AUTO_MAX_WINDOW = 1_000;
/** How long of the sink's delivery rate the window holds: the round trip it can ride out. */
export const AUTO_WINDOW_MS = 1_000;

/**
 * The client's auto mode for one `browser` sink (contract `sink:credit`): it keeps a window of
 * credits open and tops it up when less than half is left. The sink waits for credit whenever a
 * top-up takes longer to arrive than the open credits last, so the window must cover the rate
 * times the client's round trip. A fixed 50 lasts 250 ms at 200/s; a busy browser answers later
 * than that, and a 200/s source got about 100/s. The window is therefore one second of the rate
 * items arrived at over the last second (at least 50, at most 1,000): as the rate grows, so does
 * the window, until the source's own rate is reached. Pure, with the time passed in, so the app
 * and the tests that check its rate run the same code.
 */
export class AutoCredit {
  private windowSize = AUTO_MIN_WINDOW;
  private periodStart: number | undefined;
  private periodItems = 0;

  /** Credits auto currently keeps open. */
  get window(): number {
    return this.windowSize;
  }

  /**
   * `n` items arrived at `now` (ms) with `open` credits left: returns how many credits to grant
   * (0 for none).
   */
  arrived(n: number, open: number, now: number): number {
    this.periodStart ??= now;
    this.periodItems += n;
    const elapsed = now - this.periodStart;
    if (elapsed >= AUTO_WINDOW_MS) {
      const perWindow = Math.ceil((this.periodItems * AUTO_WINDOW_MS) / elapsed);
      this.windowSize = Math.min(AUTO_MAX_WINDOW, Math.max(AUTO_MIN_WINDOW, perWindow));
      this.periodStart = now;
      this.periodItems = 0;
    }
    return open < this.windowSize / 2 ? this.windowSize - open : 0;
  }
}
