import { AbortedError } from '../cancellation.js';
import type { Item, ServiceBehavior } from '../node-behavior.js';
import { BACKPRESSURED, BUSY, IDLE } from '../node-stats.js';
import { ErrorPolicyOf } from './error-policy.js';
import { closeOutputs, type ExecNode, openWriters, sendAll } from './exec-node.js';
import { ServiceTrace } from './service-trace.js';

/** Sleeping for less than this is not worth a timer: the lane runs ahead and the deadline catches up. */
const MIN_SLEEP_MS = 0.5;
/** A lane that falls further behind its schedule than this (a stalled machine) forgives the rest. */
export const MAX_LAG_MS = 50;

/**
 * Runs `concurrency` lanes of a simulated service. Each lane keeps a deadline schedule (an item
 * finishes `serviceTime` after the previous one, or after it started if the lane was idle), so
 * timer jitter never lowers the long-run rate: 2 ms per item is 500 items/s, not 470.
 */
export async function runService(
  node: ExecNode,
  service: ServiceBehavior,
  onConcurrencyChange: (respawn: () => void) => void,
): Promise<void> {
  const running = new Set<number>();
  const lanes: Promise<void>[] = [];
  let failure: unknown;
  const spawn = () => {
    for (let i = 0; i < service.concurrency; i++) {
      if (running.has(i)) continue;
      running.add(i);
      // Every lane settles on its own: one lane's error must not leave the others' unobserved.
      const lane = runLane(node, service, i).then(
        () => running.delete(i),
        (err) => {
          running.delete(i);
          if (!(err instanceof AbortedError)) failure ??= err;
        },
      );
      lanes.push(lane.then(() => {}));
    }
  };
  spawn();
  onConcurrencyChange(spawn);
  try {
    // Lanes may be added while we wait (concurrency raised live): wait until the set stops growing.
    let settled = 0;
    while (settled < lanes.length) {
      const current = lanes.length;
      await Promise.all(lanes.slice(settled, current));
      settled = current;
    }
    if (failure !== undefined) throw failure;
    if (node.cancellation.aborted) throw new AbortedError();
  } finally {
    onConcurrencyChange(() => {});
    closeOutputs(node);
  }
}

async function runLane(node: ExecNode, service: ServiceBehavior, index: number): Promise<void> {
  const { clock, scheduler, stats, input } = node;
  const policy = new ErrorPolicyOf(node);
  const buffers = new Map<string, Item[]>([...node.outputs.keys()].map((p) => [p, []]));
  const writers = openWriters(node); // this lane's own: concurrent lanes must not share pending remainders
  const lane = stats.addLane(clock.now());
  lane.enter(BUSY, clock.now());
  // Lanes that `cpu` load runs take turns on the one thread: they serve one item at a time.
  stats.servers ??= () => (service.load === 'cpu' ? 1 : service.concurrency);
  let nextFree = clock.now();
  let typical = 1;
  try {
    for (;;) {
      const cp = scheduler.checkpoint();
      if (cp) await cp;
      if (index >= service.concurrency) break;
      // Take about a millisecond of work at once: per-item hand-offs would dominate tiny service times.
      const want = Math.max(1, Math.min(64, Math.floor(1 / Math.max(typical, 1 / 64))));
      const now = clock.now();
      const batch = input.take(want, now);
      if (batch === undefined) {
        if (input.done) break;
        lane.enter(IDLE, now);
        await input.wait(want);
        nextFree = clock.now(); // idle time is not owed work
        lane.enter(BUSY, nextFree);
        continue;
      }
      stats.inCount += batch.length;
      // Keep the schedule through late timer wake-ups; only a real stall is forgiven.
      nextFree = Math.max(nextFree, now - MAX_LAG_MS);
      const start = nextFree;
      // One check per batch; a traced item's hops carry its scheduled service times.
      const traced = node.tracer?.marked(batch)
        ? new ServiceTrace(node.tracer, node.plan.id, now)
        : undefined;
      for (const item of batch) {
        const ids = traced?.idsOf(item);
        const begin = nextFree;
        for (let attempt = 1; ; attempt++) {
          const st = service.serviceTime();
          typical = st;
          nextFree += st;
          const failure = service.fails();
          if (failure === undefined) {
            buffers.get('out')!.push(item);
            if (ids) traced!.served(ids, item, begin, nextFree, st, buffers.get('out')!);
            break;
          }
          const backoff = policy.retryDelay(attempt);
          if (backoff !== undefined) {
            if (ids) traced!.retried(ids, attempt, backoff, nextFree);
            nextFree += backoff;
            continue;
          }
          const given = policy.giveUp(item, failure, attempt);
          if (given.fail) return;
          if (given.deadLetter) buffers.get('error')!.push(given.deadLetter);
          if (ids) traced!.gaveUp(ids, attempt, nextFree, given.deadLetter, buffers.get('error'));
          break;
        }
      }
      if (nextFree - clock.now() >= MIN_SLEEP_MS) await scheduler.sleepUntil(nextFree);
      stats.processed += batch.length;
      stats.latency.recordMs((nextFree - start) / batch.length, batch.length);
      stats.serviceMs += nextFree - start;
      stats.served += batch.length;
      const blocked = sendAll(writers, buffers, clock.now());
      if (blocked) {
        lane.enter(BACKPRESSURED, clock.now());
        for (const out of blocked) await out.flush();
        nextFree = clock.now(); // time spent blocked downstream is not owed work either
        lane.enter(BUSY, nextFree);
      }
      traced?.handedOn();
      input.settle(batch); // its results are handed on: a broker edge may ack it
    }
  } finally {
    stats.retireLane(lane, clock.now());
  }
}
