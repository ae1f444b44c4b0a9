import type { SourceBehavior } from '../node-behavior.js';
import { BACKPRESSURED, BUSY, IDLE } from '../node-stats.js';
import type { PortWriter } from '../output-port.js';
import { type ExecNode, MAX_BATCH } from './exec-node.js';
import { BATCHES_PER_TURN, Pump } from './pump.js';

/**
 * Drives a source on its schedule. Closed loop: a full output holds the source back (it waits,
 * backpressured, and then does not burst to catch up). Open loop: what does not fit is rejected
 * and counted, and the schedule keeps going.
 */
export function runSource(node: ExecNode, source: SourceBehavior): Promise<void> {
  return new SourcePump(node, source).done;
}

class SourcePump extends Pump {
  private readonly out: PortWriter;
  private pausedSeen: number;
  /** Run ms the source started waiting for room (closed loop), or -1. */
  private blockedAt = -1;
  /** Waiting for a remainder to be taken (closed loop, an edge took less than it had room for). */
  private flushing = false;
  private sleeping = false;

  constructor(
    node: ExecNode,
    private readonly source: SourceBehavior,
  ) {
    super(node);
    this.out = node.outputs.get('out')!.writer();
    this.pausedSeen = node.scheduler.pausedMs;
  }

  protected step(): void {
    const { scheduler, stats } = this;
    const { source, out } = this;
    if (this.sleeping) {
      this.sleeping = false;
      this.lane.enter(BUSY, scheduler.now);
    }
    if (this.blockedAt >= 0) {
      // One clock read per wait: the turn's reading ends it.
      const after = scheduler.now;
      if (!this.retry(after)) return;
      this.flushing = false;
      this.lane.enter(BUSY, after);
      // `now` moves on every few turns only: a short wait often spans none of it (nothing owed).
      if (after > this.blockedAt) source.heldBack(after - this.blockedAt);
      this.blockedAt = -1;
    }
    for (let turn = 0; turn < BATCHES_PER_TURN; turn++) {
      if (turn > 0 && this.interrupted()) return;
      if (scheduler.pausedMs !== this.pausedSeen) {
        source.heldBack(scheduler.pausedMs - this.pausedSeen);
        this.pausedSeen = scheduler.pausedMs;
      }
      if (this.node.draining) {
        this.end();
        return;
      }
      const now = scheduler.now;
      // A finished source has nothing due: `finished` is asked only then.
      const due = source.due(now);
      if (due <= 0) {
        if (source.finished) {
          this.end();
          return;
        }
        this.lane.enter(IDLE, now);
        this.sleeping = true;
        this.sleepUntil(source.nextDueAt(now));
        return;
      }
      let n = Math.min(due, MAX_BATCH);
      if (source.loop === 'closed') {
        // Make only what the output takes now: no remainder to slice and hold (performance.md).
        const room = out.room();
        if (room === 0) {
          this.wait(now, false);
          return;
        }
        if (room < n) n = room;
      }
      const items = source.make(n, scheduler.wallOf(now));
      stats.processed += n;
      if (out.send(items, now)) continue;
      if (source.loop === 'open') {
        stats.rejected += out.reject();
        continue;
      }
      this.wait(now, true);
      return;
    }
    this.again();
  }

  /** Closed loop: held back from `now` until there is room (or the remainder is taken). */
  private wait(now: number, flushing: boolean): void {
    this.blockedAt = now;
    this.flushing = flushing;
    this.lane.enter(BACKPRESSURED, now);
    if (this.retry(now)) this.again();
  }

  /** Offers the remainder again (or looks for room): true when the wait is over. */
  private retry(now: number): boolean {
    return this.flushing ? this.out.flushNow(now, this.wake) : this.out.roomNow(now, this.wake);
  }
}
