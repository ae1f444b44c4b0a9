import type { GateBehavior, Item } from '../node-behavior.js';
import { BACKPRESSURED, BUSY, IDLE } from '../node-stats.js';
import { closeOutputs, type ExecNode, MAX_BATCH } from './exec-node.js';

/**
 * Drives a rate limiter. Delay mode holds the rest of the batch until the limiter allows the next
 * item — the node stops taking input, so its input queue fills and backpressure travels upstream.
 * Drop mode never waits: what may not pass now is discarded and counted.
 */
export async function runGate(node: ExecNode, gate: GateBehavior): Promise<void> {
  const { clock, scheduler, stats, input } = node;
  const out = node.outputs.get('out')!.writer();
  const gauge = { allowed: 0, limited: 0, waiting: 0, gate };
  stats.limiter = gauge;
  const lane = stats.addLane(clock.now());
  lane.enter(BUSY, clock.now());
  try {
    for (;;) {
      const cp = scheduler.checkpoint();
      if (cp) await cp;
      const batch = input.take(MAX_BATCH);
      if (batch === undefined) {
        if (input.done) break;
        lane.enter(IDLE, clock.now());
        await input.wait(MAX_BATCH);
        lane.enter(BUSY, clock.now());
        continue;
      }
      stats.inCount += batch.length;
      let pass: Item[] = [];
      for (let i = 0; i < batch.length; i++) {
        let now = clock.now();
        let delay = gate.limiter.delayFor(now);
        if (delay > 0 && gate.mode === 'drop') {
          gauge.limited++;
          continue;
        }
        while (delay > 0) {
          // Hand on what already passed before holding the rest: it should not wait for the others.
          if (pass.length > 0 && !out.send(pass, now)) await blocked(node, out);
          pass = [];
          gauge.waiting = batch.length - i;
          await scheduler.sleepUntil(now + delay);
          now = clock.now();
          delay = gate.limiter.delayFor(now);
        }
        gauge.waiting = 0;
        gate.limiter.take(now);
        gauge.allowed++;
        pass.push(batch[i]!);
      }
      stats.processed += batch.length;
      if (pass.length > 0 && !out.send(pass, scheduler.now)) await blocked(node, out);
    }
  } finally {
    gauge.waiting = 0;
    stats.retireLane(lane, clock.now());
    closeOutputs(node);
  }

  async function blocked(n: ExecNode, port: typeof out) {
    lane.enter(BACKPRESSURED, n.clock.now());
    await port.flush();
    lane.enter(BUSY, n.clock.now());
  }
}
