import type { SourceBehavior } from '../node-behavior.js';
import { BACKPRESSURED, BUSY, IDLE } from '../node-stats.js';
import { closeOutputs, type ExecNode, MAX_BATCH } from './exec-node.js';

/**
 * Drives a source on its schedule. Closed loop: a full output holds the source back (it waits,
 * backpressured, and then does not burst to catch up). Open loop: what does not fit is rejected
 * and counted, and the schedule keeps going.
 */
export async function runSource(node: ExecNode, source: SourceBehavior): Promise<void> {
  const { clock, scheduler, stats } = node;
  const out = node.outputs.get('out')!.writer();
  const lane = stats.addLane(clock.now());
  lane.enter(BUSY, clock.now());
  let pausedSeen = scheduler.pausedMs;
  try {
    for (;;) {
      const cp = scheduler.checkpoint();
      if (cp) await cp;
      if (scheduler.pausedMs !== pausedSeen) {
        source.heldBack(scheduler.pausedMs - pausedSeen);
        pausedSeen = scheduler.pausedMs;
      }
      if (node.draining || source.finished) break;
      const now = scheduler.now;
      const due = source.due(now);
      if (due <= 0) {
        lane.enter(IDLE, now);
        await sleepOrDrain(node, source.nextDueAt(now));
        lane.enter(BUSY, scheduler.tick());
        continue;
      }
      let n = Math.min(due, MAX_BATCH);
      if (source.loop === 'closed') {
        // Make only what the output takes now: no remainder to slice and hold (performance.md).
        const room = out.room();
        if (room === 0) {
          // One clock read per wait: the checkpoint's reading starts it, waitForSpace's ends it.
          const blockedAt = now;
          lane.enter(BACKPRESSURED, blockedAt);
          const after = await out.waitForSpace(blockedAt);
          scheduler.observe(after);
          lane.enter(BUSY, after);
          source.heldBack(after - blockedAt);
          continue;
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
      const blockedAt = clock.now();
      lane.enter(BACKPRESSURED, blockedAt);
      await out.flush();
      const after = clock.now();
      lane.enter(BUSY, after);
      source.heldBack(after - blockedAt);
    }
  } finally {
    stats.retireLane(lane, clock.now());
    closeOutputs(node);
  }
}

function sleepOrDrain(node: ExecNode, at: number): Promise<void> {
  const ms = Math.max(0, Math.min(at - node.clock.now(), 60_000));
  return node.cancellation.wait<void>((resolve) => {
    const handle = node.clock.setTimeout(resolve, ms);
    const off = node.onDrain(resolve);
    return () => {
      node.clock.clearTimeout(handle);
      off();
    };
  });
}
