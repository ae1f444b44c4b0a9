import type { FeedBehavior } from '../node-behavior.js';
import { BACKPRESSURED, BUSY, IDLE } from '../node-stats.js';
import { closeOutputs, type ExecNode, MAX_BATCH } from './exec-node.js';

/**
 * Drives a source fed from outside (`http-ingest`, `nats-in`, `file-tail`). Closed loop by construction: when the graph
 * does not take items the buffer stays full and the endpoint answers 429. Drain hands on what was
 * already accepted (those requests were answered 202), then ends the source.
 */
export async function runFeed(node: ExecNode, feed: FeedBehavior): Promise<void> {
  const { clock, scheduler, stats } = node;
  const out = node.outputs.get('out')!.writer();
  const lane = stats.addLane(clock.now());
  lane.enter(BUSY, clock.now());
  feed.attach?.({
    rejected(n) {
      stats.processed += n;
      stats.rejected += n;
    },
    errors(n) {
      stats.errors += n;
    },
  });
  const offDrain = feed.drain ? node.onDrain(() => feed.drain!()) : undefined;
  if (node.draining) feed.drain?.();
  try {
    for (;;) {
      const cp = scheduler.checkpoint();
      if (cp) await cp;
      const items = feed.take(MAX_BATCH);
      if (items === undefined) {
        if (node.draining) break;
        lane.enter(IDLE, clock.now());
        await arrivalOrDrain(node, feed);
        lane.enter(BUSY, scheduler.tick());
        continue;
      }
      stats.processed += items.length;
      if (!out.send(items, scheduler.now)) {
        lane.enter(BACKPRESSURED, clock.now());
        await out.flush();
        lane.enter(BUSY, scheduler.tick());
      }
      // Only now are the slots free: items waiting for room downstream still count as buffered.
      feed.handedOn(items.length);
    }
  } finally {
    offDrain?.();
    stats.retireLane(lane, clock.now());
    closeOutputs(node);
    // Whatever ended the node (drain, stop, its own failure), its connection or file goes now.
    await feed.close?.().catch(() => {});
  }
}

function arrivalOrDrain(node: ExecNode, feed: FeedBehavior): Promise<void> {
  return node.cancellation.wait<void>((resolve) => {
    const offArrival = feed.onArrival(resolve);
    const offDrain = node.onDrain(resolve);
    return () => {
      offArrival();
      offDrain();
    };
  });
}
