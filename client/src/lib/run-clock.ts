/** Tokens are drawn at least this far behind the run: hops come in batches (every ~50 ms). */
export const MIN_DELAY_MS = 150;
/** ... and at most this far, however late messages come (a loaded machine, a slow link). */
export const MAX_DELAY_MS = 1_000;
/** Per message, how much of the worst lateness seen is forgotten, so one hiccup fades away. */
const LATE_DECAY = 0.98;

/**
 * The run's clock as this page can tell it from `run:trace` messages, for drawing tokens.
 * `offset` = `performance.now()` − run time: a hop cannot arrive before it happened, so the
 * smallest arrival − t seen is the best guess. How late messages come (the earliest hop of each,
 * measured on that clock) sets how far behind the run tokens are drawn, so a token is drawn from
 * its first hop on, not first seen half-way along its queue because its message came late.
 *
 * @example
 * const clock = new RunClock();
 * clock.note(5_100, [0, 100]); // the message says run time 100 at 5,100 ms
 * clock.now(5_200) // 200
 */
export class RunClock {
  private offset: number | null = null;
  private late = 0;

  /** A message arrived at `arrivedAt` (performance.now()) with hops at these run times. */
  note(arrivedAt: number, times: readonly number[]): void {
    if (times.length === 0) return;
    const guess = arrivedAt - Math.max(...times);
    this.offset = this.offset === null ? guess : Math.min(this.offset, guess);
    const lateness = arrivedAt - this.offset - Math.min(...times);
    this.late = Math.max(lateness, this.late * LATE_DECAY);
  }

  /** Run time at `perfNow`; null before any message. */
  now(perfNow: number): number | null {
    return this.offset === null ? null : perfNow - this.offset;
  }

  /** How far behind the run tokens are drawn now. */
  delayMs(): number {
    return Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, this.late + 30));
  }
}
