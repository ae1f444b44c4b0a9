import type { GateBehavior, Item } from '../node-behavior.js';
import { BACKPRESSURED, BUSY, IDLE } from '../node-stats.js';
import type { TraceIds, Tracer } from '../trace/tracer.js';
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
  // One item at a time, each "served" for the limiter's interval: ρ = arrivals / rate.
  stats.servers = () => 1;
  try {
    for (;;) {
      const cp = scheduler.checkpoint();
      if (cp) await cp;
      const want = handSize(gate);
      const batch = input.take(want, clock.now());
      if (batch === undefined) {
        if (input.done) break;
        lane.enter(IDLE, clock.now());
        await input.wait(want);
        lane.enter(BUSY, clock.now());
        continue;
      }
      stats.inCount += batch.length;
      // The gate's hand; a leaky bucket in delay mode tops it up while it waits (items enter the
      // bucket as they arrive, up to burst).
      let items = batch;
      const topUp = want < MAX_BATCH;
      let pass: Item[] = [];
      // Items of the hand already passed or dropped are counted before each wait, not after the
      // whole hand: a leaky bucket's hand drains over a second or more, and its 'done' lagged the
      // sink below it by up to a burst (401 against 456 on screen).
      let counted = 0;
      const count = (upTo: number) => {
        const n = upTo - counted;
        counted = upTo;
        stats.processed += n;
        if (gate.rate > 0) {
          stats.serviceMs += (n * 1000) / gate.rate;
          stats.served += n;
        }
      };
      // One check per batch (and per top-up); a traced item's time held by the limiter is its service.
      let traced = node.tracer?.marked(batch) ? new GateTrace(node.tracer, node.plan.id) : undefined;
      for (let i = 0; i < items.length; i++) {
        let now = clock.now();
        const ids = traced?.begin(items[i]!, now);
        let delay = gate.limiter.delayFor(now);
        if (delay > 0 && gate.mode === 'drop') {
          gauge.limited++;
          if (ids) traced!.limited(ids, now);
          continue;
        }
        while (delay > 0) {
          // Hand on what already passed before holding the rest: it should not wait for the others.
          if (pass.length > 0 && !out.send(pass, now)) await blocked(node, out);
          traced?.sent();
          pass = [];
          const room = topUp ? handSize(gate) - (items.length - i) : 0;
          const more = room > 0 ? input.take(room, now) : undefined;
          if (more !== undefined) {
            stats.inCount += more.length;
            if (node.tracer?.marked(more)) traced ??= new GateTrace(node.tracer, node.plan.id);
            items = items.concat(more);
          }
          gauge.waiting = items.length - i;
          count(i);
          await scheduler.sleepUntil(now + delay);
          now = clock.now();
          delay = gate.limiter.delayFor(now);
        }
        gate.limiter.take(now);
        gauge.waiting = items.length - i - 1;
        gauge.allowed++;
        pass.push(items[i]!);
        if (ids) traced!.passed(ids, now, pass, items[i]!);
      }
      gauge.waiting = 0;
      count(items.length);
      if (pass.length > 0 && !out.send(pass, scheduler.now)) await blocked(node, out);
      traced?.sent();
      input.settle(items); // passed on or dropped by the limiter, top-ups included
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

/**
 * Items the gate takes into its hand at once. A leaky bucket's hand is the bucket: it holds at most
 * `burst` items waiting to leave, the rest waits in the input queue (where backpressure starts), so
 * the bucket's gauge is its real occupancy.
 */
function handSize(gate: GateBehavior): number {
  const l = gate.limiter;
  return l.algorithm === 'leaky-bucket' && gate.mode === 'delay'
    ? Math.min(MAX_BATCH, l.capacity)
    : MAX_BATCH;
}

/** Hops of a gate's traced items: held by the limiter from `begin` until passed, or dropped by it. */
class GateTrace {
  private since = 0;
  private readonly handed: TraceIds[] = [];

  constructor(
    private readonly tr: Tracer,
    private readonly nodeId: string,
  ) {}

  begin(item: Item, now: number): TraceIds | undefined {
    const ids = this.tr.idsOf(item);
    if (ids) {
      this.since = now;
      this.tr.hop(ids, 'started', { nodeId: this.nodeId }, now);
    }
    return ids;
  }

  limited(ids: TraceIds, now: number): void {
    this.tr.hop(ids, 'dropped', { nodeId: this.nodeId, reason: 'rate-limit' }, now);
    this.tr.leave(ids);
  }

  passed(ids: TraceIds, now: number, pass: Item[], item: Item): void {
    this.tr.hop(ids, 'finished', { nodeId: this.nodeId, serviceMs: now - this.since }, now);
    this.tr.mark(pass, item);
    this.handed.push(ids);
  }

  /** What passed was sent on: the gate is done with it. */
  sent(): void {
    for (const ids of this.handed) this.tr.leave(ids);
    this.handed.length = 0;
  }
}
