import type { CreditSinkBehavior } from '../node-behavior.js';
import { BACKPRESSURED, BUSY, IDLE } from '../node-stats.js';
import { deliveredHops } from '../trace/sink-hops.js';
import type { ExecNode } from './exec-node.js';
import { recordE2e } from './run-transform.js';

/** Items per `sink:items` message: a big grant arrives as several moderate messages. */
export const ITEMS_PER_MESSAGE = 100;

/**
 * Drives a credit-based sink (`browser`). It takes at most as many items as it holds credits:
 * with none it takes nothing — its time counts as backpressured, since the consumer (the UI) is
 * what holds it back — and its input queue fills, so backpressure travels upstream.
 */
export async function runCreditSink(node: ExecNode, sink: CreditSinkBehavior): Promise<void> {
  const { clock, scheduler, stats, input } = node;
  const lane = stats.addLane(clock.now());
  lane.enter(BUSY, clock.now());
  try {
    for (;;) {
      const cp = scheduler.checkpoint();
      if (cp) await cp;
      if (sink.credits === 0) {
        if (input.done) break;
        lane.enter(BACKPRESSURED, clock.now());
        await creditOrEnd(node, sink);
        lane.enter(BUSY, scheduler.tick());
        continue;
      }
      const want = Math.min(sink.credits, ITEMS_PER_MESSAGE);
      const batch = input.take(want, scheduler.tick());
      if (batch === undefined) {
        if (input.done) break;
        lane.enter(IDLE, clock.now());
        await input.wait(want);
        lane.enter(BUSY, scheduler.tick());
        continue;
      }
      stats.inCount += batch.length;
      node.probe?.(node.plan.id, batch);
      sink.deliver(batch);
      if (node.tracer?.marked(batch))
        deliveredHops(node.tracer, node.plan.id, batch, scheduler.wallOf(scheduler.tick()));
      input.settle(batch);
      stats.processed += batch.length;
      if (stats.e2e) recordE2e(stats.e2e, batch, scheduler.wallOf(scheduler.tick()));
    }
  } finally {
    stats.retireLane(lane, clock.now());
  }
}

/**
 * Waits for credit — or for the input to end, since a finished input needs no credit and the run
 * must still complete. `wait(0)` asks a rendezvous edge for nothing: no credit, no demand.
 */
function creditOrEnd(node: ExecNode, sink: CreditSinkBehavior): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (err?: unknown) => {
      if (settled) return;
      settled = true;
      offCredit();
      if (err === undefined) resolve();
      else reject(err);
    };
    const offCredit = sink.onCredit(() => settle());
    // Input arriving (or closing) wakes us too; the loop re-checks credits and `done`.
    node.input.wait(0).then(() => settle(), settle);
  });
}
