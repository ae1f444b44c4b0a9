import type { Item, SourceBehavior } from '../node-behavior.js';
import { BACKPRESSURED, BUSY, IDLE } from '../node-stats.js';
import type { PortWriter } from '../output-port.js';
import { type ExecNode, MAX_BATCH } from './exec-node.js';
import type { FusedChain } from './fused-chain.js';
import { BATCHES_PER_TURN, Pump } from './pump.js';
import { MAX_LAG_MS } from './run-service.js';

/**
 * Drives a source on its schedule. Closed loop: a full output holds the source back (it waits,
 * backpressured, and then does not burst to catch up). Open loop: what does not fit is rejected
 * and counted, and the schedule keeps going.
 *
 * A turn that comes more than MAX_LAG_MS late (the thread stalled: GC, a loaded machine) forgives
 * the rest of the lag, as a worker lane does. The stall froze the whole simulated system, workers
 * included; had the source made everything it owed at once, an open loop would reject a burst that
 * no schedule produced (the open-vs-closed-loop lesson once read 274 rejections/s where 100/s was due) and a closed loop would
 * flood its queue. Timer jitter below MAX_LAG_MS is still caught up, so long-run rates hold.
 *
 * Fused (issue 21; closed loop only, and the plan fuses only a generator with rate null): the
 * source's batch goes straight through the chain's stages in this loop, as after a transform
 * head, and what the chain's tail emits goes out on the tail's writer. The source makes only what
 * that writer takes now (the fusable stages never emit more than they take), so the tail's edge
 * paces the source as its own edge would.
 */
export function runSource(node: ExecNode, source: SourceBehavior): Promise<void> {
  return new SourcePump(node, source).done;
}

class SourcePump extends Pump {
  /** The source's writer, or fused the chain's tail's (undefined when the tail is a sink). */
  private readonly out: PortWriter<Item> | undefined;
  /** Nodes fused after the source: each batch goes through them before it is sent. */
  private readonly chain: FusedChain | undefined;
  /** The source's trace asks, for a fused head (unfused, its writer marks what it sends). */
  private readonly ask: ReturnType<NonNullable<ExecNode['tracer']>['askOf']> | undefined;
  private batches = 15; // the first batch through a chain is timed, as a transform pump's
  private readonly wallNow = (): number => this.scheduler.wallOf(this.scheduler.tick());
  private pausedSeen: number;
  /** Run ms the source started waiting for room (closed loop), or -1. */
  private blockedAt = -1;
  /** Waiting for a remainder to be taken (closed loop, an edge took less than it had room for). */
  private flushing = false;
  private sleeping = false;
  /** Run ms the next turn is due (its timer, or when it was queued again); -1 while blocked. */
  private dueAt = -1;

  constructor(
    node: ExecNode,
    private readonly source: SourceBehavior,
  ) {
    super(node);
    this.chain = source.loop === 'closed' ? node.fused : undefined;
    if (this.chain !== undefined) {
      const tail = this.chain.tail;
      this.out = tail.outputs.get('out')?.writer();
      this.ask = node.tracer?.askOf(node.plan.id);
      // The nodes of one loop are in its state together (see the transform pump).
      for (const { node: n } of this.chain.stages) {
        n.stats.servers = () => 1;
        n.stats.shareLane(this.lane);
      }
    } else this.out = node.outputs.get('out')!.writer();
    this.pausedSeen = node.scheduler.pausedMs;
  }

  protected step(): void {
    const { scheduler, stats } = this;
    const { source, out } = this;
    if (this.dueAt >= 0) {
      // A pause is owed nothing either, but it is settled below through `pausedMs`: not twice.
      const late = scheduler.now - this.dueAt - (scheduler.pausedMs - this.pausedSeen);
      if (late > MAX_LAG_MS) source.heldBack(late - MAX_LAG_MS);
      this.dueAt = -1;
    }
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
      // A pause within the wait is settled below through `pausedMs`: held back once, not twice.
      const held = after - this.blockedAt - (scheduler.pausedMs - this.pausedSeen);
      if (held > 0) source.heldBack(held);
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
        const at = source.nextDueAt(now);
        this.dueAt = Math.max(now, at);
        this.sleepUntil(at);
        return;
      }
      let n = Math.min(due, MAX_BATCH);
      if (source.loop === 'closed' && out !== undefined) {
        // Make only what the output takes now: no remainder to slice and hold (performance.md).
        const room = out.room();
        if (room === 0) {
          this.wait(now, false);
          return;
        }
        if (room < n) n = room;
      }
      let items: readonly Item[] = source.make(n, scheduler.wallOf(now));
      stats.processed += n;
      const chain = this.chain;
      if (chain !== undefined) {
        // What the source's writer does on a send: tag what it was asked to follow.
        const ask = this.ask;
        if (ask?.on) ask.mark(items);
        const timed = n < 16 || (++this.batches & 15) === 0;
        items = chain.run(items, now, this.wallNow, timed);
        if (out === undefined || out.send(items, now)) continue;
      } else if (out!.send(items, now)) continue;
      if (source.loop === 'open') {
        stats.rejected += out!.reject();
        continue;
      }
      this.wait(now, true);
      return;
    }
    this.dueAt = scheduler.now;
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
    const out = this.out!; // a source waits only on a writer it has
    return this.flushing ? out.flushNow(now, this.wake) : out.roomNow(now, this.wake);
  }
}
