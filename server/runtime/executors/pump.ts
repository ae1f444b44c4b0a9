import type { Cancellation } from '../cancellation.js';
import type { Clock } from '../clock.js';
import { BUSY, type LaneClock, type NodeStats } from '../node-stats.js';
import type { Runnable, Scheduler } from '../scheduler.js';
import { closeOutputs, type ExecNode } from './exec-node.js';

/** Batches a pump handles per turn before it lets the other ready pumps run. */
export const BATCHES_PER_TURN = 8;

/**
 * One lane driven by the run's ready queue (Scheduler.schedule) instead of an async function.
 * A turn (`step`) does what it can without waiting; where an async lane would await, a pump
 * leaves `wake` with what it waits for (an input, a full edge, a timer) and returns. That is what
 * makes a hand-off between stages cheap: no promise, no microtask, no allocation per wait
 * (performance.md) — the queue is the only scheduler.
 *
 * Lifecycle: the lane ends exactly once (`end`): its time is settled, its outputs are closed and
 * `done` resolves. On abort the pump clears its timer and ends at its next turn (inputs and edges
 * drop their own waiters); a throw from node code fails the run with the node's message.
 */
export abstract class Pump implements Runnable {
  queued = false;
  readonly done: Promise<void>;
  protected readonly lane: LaneClock;
  // The node's parts a turn uses, in fields of the pump itself: one load each, off one map.
  protected readonly scheduler: Scheduler;
  protected readonly cancellation: Cancellation;
  protected readonly stats: NodeStats;
  protected readonly clock: Clock;
  private ended = false;
  private started = false;
  private resolveDone!: () => void;
  private timer: unknown;
  private offDrain: (() => void) | undefined;

  /** Schedules this pump's next turn; what every wait is given. */
  readonly wake = (): void => {
    this.clearSleep();
    this.scheduler.schedule(this);
  };

  constructor(protected readonly node: ExecNode) {
    this.done = new Promise<void>((resolve) => {
      this.resolveDone = resolve;
    });
    this.scheduler = node.scheduler;
    this.cancellation = node.cancellation;
    this.stats = node.stats;
    this.clock = node.clock;
    // Idle until its first turn: the time a cold worker thread takes to get there (first runs
    // measured ~140 ms) is the run starting, not this node working.
    this.lane = node.stats.addLane(node.clock.now());
    node.cancellation.onAbort(() => {
      // Inputs and edges drop their own waiters on abort; the pump's own wait is its timer.
      this.clearSleep();
      node.scheduler.schedule(this);
    });
    node.scheduler.schedule(this);
  }

  run(): void {
    if (this.ended) return;
    if (this.cancellation.aborted) {
      this.end();
      return;
    }
    if (!this.started) {
      this.started = true;
      this.lane.enter(BUSY, this.clock.now());
    }
    try {
      this.step();
    } catch (err) {
      // A node's own bug fails the run, never the server.
      this.node.fail(err instanceof Error ? err.message : String(err));
      this.end();
    }
  }

  /** One turn: work until blocked (leave `wake` somewhere), done (`end`) or `BATCHES_PER_TURN` (`again`). */
  protected abstract step(): void;

  /** Asks for another turn after the pumps already ready. */
  protected again(): void {
    this.scheduler.schedule(this);
  }

  /** True when the turn must stop here: the run was aborted or paused (the next turn resumes). */
  protected interrupted(): boolean {
    if (this.cancellation.aborted || this.scheduler.paused) {
      this.again();
      return true;
    }
    return false;
  }

  /** Wakes at run ms `at`, or at once when Drain is asked for. */
  protected sleepUntil(at: number): void {
    const clock = this.clock;
    const ms = Math.max(0, Math.min(at - clock.now(), 60_000));
    this.timer = clock.setTimeout(this.wake, ms);
    this.offDrain = this.node.onDrain(this.wake);
  }

  private clearSleep(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.offDrain) {
      this.offDrain();
      this.offDrain = undefined;
    }
  }

  protected end(): void {
    if (this.ended) return;
    this.ended = true;
    this.clearSleep();
    this.stats.retireLane(this.lane, this.clock.now());
    closeOutputs(this.node);
    this.node.fused?.end(this.clock.now()); // the nodes fused into this loop end with it
    this.resolveDone();
  }
}
