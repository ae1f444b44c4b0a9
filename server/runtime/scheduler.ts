import type { Cancellation } from './cancellation.js';
import type { Clock } from './clock.js';

/** Lanes hand batches to each other through microtasks; after this long they let the event loop breathe. */
export const TIME_SLICE_MS = 4;

/**
 * Cooperative scheduling for one run: time slices, sleeps and the pause gate. All waits go
 * through the run's Cancellation so Stop releases every timer.
 */
export class Scheduler {
  private sliceStart: number;
  private yielding: Promise<void> | undefined;
  paused = false;
  private pausedAt = 0;
  /**
   * Total ms the run has spent paused. Sources move their schedule on by it: a paused run owes no
   * items for the pause, so resuming does not burst to catch up (same as being held back).
   */
  pausedMs = 0;
  private pauseWaiters: Array<() => void> = [];
  /**
   * The clock as last read at a checkpoint. Lanes stamp queues and items with it: one clock read
   * per batch instead of several (a read costs as much as ~7 hops, performance.md).
   */
  now: number;
  private readonly wallOrigin: number;

  constructor(
    private readonly clock: Clock,
    private readonly cancellation: Cancellation,
  ) {
    this.sliceStart = clock.now();
    this.now = this.sliceStart;
    this.wallOrigin = clock.wallNow() - this.sliceStart;
  }

  /** Epoch ms for a reading of the monotonic clock. */
  wallOf(now: number): number {
    return Math.round(this.wallOrigin + now);
  }

  /** A lane read the clock since the last checkpoint (after a wait): the checkpoint need not. */
  private fresh = false;

  /** Reads the clock and remembers it. */
  tick(): number {
    this.now = this.clock.now();
    this.fresh = true;
    return this.now;
  }

  /** Remembers a clock reading a lane made itself (e.g. the end of a wait for room). */
  observe(now: number): void {
    this.now = now;
    this.fresh = true;
  }

  /**
   * Call between batches. Resolves at once (no await needed, `undefined`) unless the slice is used
   * up or the run is paused: awaiting only then keeps the hot path free of promises.
   */
  checkpoint(): Promise<void> | undefined {
    if (this.cancellation.aborted) return this.cancellation.wait(() => () => {});
    if (this.paused) return this.waitForResume();
    // A reading made since the last checkpoint is recent enough: a second read costs ~40 ns.
    if (!this.fresh) this.now = this.clock.now();
    this.fresh = false;
    if (this.now - this.sliceStart < TIME_SLICE_MS) return undefined;
    if (!this.yielding) {
      // setImmediate runs after I/O, so HTTP, socket.io and telemetry timers get their turn.
      this.yielding = new Promise<void>((resolve) =>
        setImmediate(() => {
          this.sliceStart = this.tick();
          this.yielding = undefined;
          resolve();
        }),
      );
    }
    return this.yielding;
  }

  sleepUntil(at: number): Promise<void> {
    const ms = Math.max(0, at - this.clock.now());
    return this.cancellation.wait<void>((resolve) => {
      const handle = this.clock.setTimeout(resolve, ms);
      return () => this.clock.clearTimeout(handle);
    });
  }

  pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.pausedAt = this.clock.now();
  }

  resume(): void {
    if (this.paused) this.pausedMs += this.clock.now() - this.pausedAt;
    this.paused = false;
    this.tick();
    const waiters = this.pauseWaiters;
    this.pauseWaiters = [];
    for (const w of waiters) w();
  }

  private waitForResume(): Promise<void> {
    return this.cancellation.wait<void>((resolve) => {
      this.pauseWaiters.push(resolve);
      return () => {
        const i = this.pauseWaiters.indexOf(resolve);
        if (i >= 0) this.pauseWaiters.splice(i, 1);
      };
    });
  }
}
