import type { Clock } from '../clock.js';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

/** Lets pending promise chains (and setImmediate yields) run before time moves on. */
const settle = async (rounds = 3) => {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setImmediate(r));
};

/**
 * Timers that fire this many times without time moving are a livelock (something re-arms a 0 ms
 * timer whose condition never comes true): fail instead of spinning forever.
 */
const LIVELOCK_FIRES = 10_000;

/**
 * Time that moves only when a test says so. Timers fire in time order (ties in the order they were
 * set), and promise chains settle between timers, so a whole run can be driven exactly.
 *
 * @example
 * const clock = new FakeClock();
 * const run = startRun(plan, { runId: 't', clock });
 * await clock.runUntil(run.done, 60_000); // at most 60 s of fake time
 */
export class FakeClock implements Clock {
  private t = 0;
  private seq = 0;
  private readonly timers = new Map<number, Timer>();

  private sameTimeFires = 0;

  constructor(private readonly wallBase = Date.UTC(2024, 2, 14, 12, 0, 0)) {}

  now(): number {
    return this.t;
  }

  wallNow(): number {
    return this.wallBase + this.t;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const seq = ++this.seq;
    this.timers.set(seq, { at: this.t + Math.max(0, ms), seq, fn });
    return seq;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Fires every timer due up to `at` in order, moving time to each, then to `at`. */
  async advanceTo(at: number): Promise<void> {
    await settle();
    for (;;) {
      const next = this.next();
      if (!next || next.at > at) break;
      this.fire(next);
      await settle();
    }
    this.t = Math.max(this.t, at);
    await settle();
  }

  /**
   * Moves time on at once, firing nothing and letting no microtask run: the thread was held, as a
   * cold worker is while it loads and compiles between setting a run up and its first turn.
   */
  hold(ms: number): void {
    this.t += ms;
  }

  advanceBy(ms: number): Promise<void> {
    return this.advanceTo(this.t + ms);
  }

  /** Jumps from timer to timer until `done` settles; throws past `limitMs` of fake time. */
  async runUntil<T>(done: Promise<T>, limitMs: number): Promise<T> {
    let finished = false;
    const watched = done.finally(() => {
      finished = true;
    });
    await settle();
    while (!finished) {
      const next = this.next();
      if (!next) {
        await settle();
        if (!finished && !this.next()) throw new Error(`nothing left to run at ${this.t} ms and not done`);
        continue;
      }
      if (next.at > limitMs) throw new Error(`not done after ${limitMs} ms of fake time`);
      this.fire(next);
      await settle();
    }
    return watched;
  }

  private next(): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.timers.values())
      if (!best || timer.at < best.at || (timer.at === best.at && timer.seq < best.seq)) best = timer;
    return best;
  }

  private fire(timer: Timer): void {
    this.timers.delete(timer.seq);
    if (timer.at > this.t) this.sameTimeFires = 0;
    else if (++this.sameTimeFires > LIVELOCK_FIRES)
      throw new Error(`livelock: ${LIVELOCK_FIRES} timers fired at ${this.t} ms without time moving on`);
    this.t = Math.max(this.t, timer.at);
    timer.fn();
  }
}
