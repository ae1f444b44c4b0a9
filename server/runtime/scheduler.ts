import type { Cancellation } from './cancellation.js';
import type { Clock } from './clock.js';
import { empty } from './waiter-list.js';

/** Lanes hand batches to each other through microtasks; after this long they let the event loop breathe. */
export const TIME_SLICE_MS = 4;

/** The least work a slice gets however long the loop's own turn took, so a busy server still moves runs. */
export const MIN_SLICE_MS = 1;

/**
 * A lane the run's ready queue drives (a pump): it does a bounded piece of work in `run()` and,
 * when it cannot go on, leaves a wake callback with whatever it waits for. Waking is a push onto
 * the queue, not a promise: a hand-off between two pumps costs no allocation and no microtask.
 */
export interface Runnable {
  /** True while in the ready queue (set and cleared by the scheduler only). */
  queued: boolean;
  run(): void;
}

/**
 * Cooperative scheduling for one run: time slices, sleeps and the pause gate. All waits go
 * through the run's Cancellation so Stop releases every timer.
 */
export class Scheduler {
  private sliceStart: number;
  /** When the run last handed the thread back to the event loop (see `resumeSlice`). */
  private yieldedAt: number;
  private yielding: Promise<void> | undefined;
  paused = false;
  private pausedAt = 0;
  /**
   * Total ms the run has spent paused. Sources move their schedule on by it: a paused run owes no
   * items for the pause, so resuming does not burst to catch up (same as being held back).
   */
  pausedMs = 0;
  private pauseWaiters: Array<() => void> = [];
  /** Pumps due to run, in order; `spare` is the array the previous round emptied (no allocation per round). */
  private ready: Runnable[] = [];
  private spare: Runnable[] = [];
  /** The loop is queued (a microtask, or a setImmediate after a used-up slice) or running. */
  private loopPending = false;
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
    this.yieldedAt = this.sliceStart;
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
      this.yieldedAt = this.now;
      this.yielding = new Promise<void>((resolve) =>
        setImmediate(() => {
          this.resumeSlice();
          this.yielding = undefined;
          resolve();
        }),
      );
    }
    return this.yielding;
  }

  /** Puts a pump in the ready queue; the loop runs in a microtask unless it is already due or running. */
  schedule(p: Runnable): void {
    if (!p.queued) {
      p.queued = true;
      this.ready.push(p);
    }
    // Also for a pump already queued: a loop that stopped for a pause must run again on abort.
    this.queueLoop();
  }

  /**
   * Queues the ready loop in a microtask unless it is already due or running. The run's first
   * slice waits for a turn of the event loop instead: whoever started the run (a request that
   * compiled the graph, the bench, the CLI) did so synchronously, and that time and a 4 ms slice
   * in one task froze the loop for both — traced on the bench's C at load 9: compile + start +
   * first slice asked to yield 5.2–13 ms after the run began, the row's worst gap in some runs.
   */
  private queueLoop(): void {
    if (this.loopPending) return;
    this.loopPending = true;
    if (this.started) queueMicrotask(this.runReady);
    else setImmediate(this.afterYield);
  }

  /** The first slice has begun (see `queueLoop`). */
  private started = false;

  /**
   * Runs ready pumps in rounds until none is left. The clock is read when the loop starts and then
   * after every 8 pumps, however the rounds fall (pumps stamp with `now`; a read costs as much as
   * a few hops, and in a chain most rounds hold one or two pumps). A used-up slice yields to the
   * event loop and carries on after; a paused run keeps its ready pumps until `resume` (an aborted
   * run still runs them, so they can end).
   */
  private readonly runReady = (): void => {
    const aborted = this.cancellation.aborted;
    if (this.paused && !aborted) {
      this.loopPending = false;
      return;
    }
    let turns = 0;
    while (this.ready.length > 0) {
      const round = this.ready;
      this.ready = this.spare;
      for (let i = 0; i < round.length; i++) {
        // A pause can be asked for from inside a turn (a sink's probe, a node's code): the pumps
        // not yet run stay ready until `resume`.
        if (this.paused && !this.cancellation.aborted) {
          this.keepReady(round, i);
          this.loopPending = false;
          return;
        }
        if ((turns++ & 7) === 0) {
          this.now = this.clock.now();
          if (!aborted && this.now - this.sliceStart >= TIME_SLICE_MS) {
            this.keepReady(round, i);
            this.yieldedAt = this.now;
            setImmediate(this.afterYield);
            return;
          }
        }
        const p = round[i]!;
        p.queued = false;
        p.run();
      }
      empty(round);
      this.spare = round;
    }
    this.loopPending = false;
  };

  /** Stops a round at `from`: those not yet run go first when the loop runs again. */
  private keepReady(round: Runnable[], from: number): void {
    const rest = round.slice(from);
    for (const p of this.ready) rest.push(p);
    this.ready = rest;
    empty(round);
    this.spare = round;
  }

  private readonly afterYield = (): void => {
    this.started = true;
    this.resumeSlice();
    this.runReady();
  };

  /**
   * Back from the event loop: the new slice is charged from when the run left it, not from now.
   * Whatever ran in between — a scavenge V8 ran as a task there, I/O callbacks — already kept due
   * timers waiting (they ran before it, or wait for the next loop turn), and a full slice on top
   * froze the loop for both: a 2.6 ms scavenge in the gap made an 11 ms gap of a 5 ms interval.
   * So a slice ends at most TIME_SLICE_MS after the last one did, with at least MIN_SLICE_MS of work.
   */
  private resumeSlice(): void {
    const now = this.tick();
    this.sliceStart = Math.max(this.yieldedAt, now - (TIME_SLICE_MS - MIN_SLICE_MS));
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
    if (this.ready.length > 0) this.queueLoop();
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
