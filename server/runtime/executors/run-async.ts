import { AbortedError } from '../cancellation.js';
import { type AsyncBehavior, FatalNodeError, type Item } from '../node-behavior.js';
import { BACKPRESSURED, BUSY, IDLE } from '../node-stats.js';
import type { PortWriter } from '../output-port.js';
import { AsyncSinkTrace } from '../trace/sink-hops.js';
import { ErrorPolicyOf } from './error-policy.js';
import { closeOutputs, type ExecNode } from './exec-node.js';
import { recordE2e } from './run-transform.js';

/**
 * Drives an I/O sink (`http-post`, `file`): `concurrency` lanes, each with one `handle` call in
 * flight, so in-flight requests never exceed it. Waiting on the I/O counts as busy (it is the
 * node's service time); waiting for room on the `error` port as backpressured. Stop aborts the
 * calls in flight through their AbortSignal; `close` runs once every lane has ended.
 */
export async function runAsync(node: ExecNode, sink: AsyncBehavior): Promise<void> {
  const controller = new AbortController();
  node.cancellation.onAbort(() => controller.abort());
  const lanes = Array.from({ length: sink.concurrency }, () => runLane(node, sink, controller.signal));
  const results = await Promise.allSettled(lanes);
  closeOutputs(node);
  let failure = results.find((r) => r.status === 'rejected' && !(r.reason instanceof AbortedError)) as
    | PromiseRejectedResult
    | undefined;
  try {
    await sink.close?.();
  } catch (err) {
    failure ??= { status: 'rejected', reason: err };
  }
  if (node.cancellation.aborted) throw new AbortedError();
  if (failure) throw failure.reason;
}

async function runLane(node: ExecNode, sink: AsyncBehavior, signal: AbortSignal): Promise<void> {
  const { clock, scheduler, stats, input } = node;
  const policy = new ErrorPolicyOf(node);
  const deadLetter = node.outputs.get('error')?.writer(); // this lane's own writer
  const lane = stats.addLane(clock.now());
  lane.enter(BUSY, clock.now());
  stats.servers = () => sink.concurrency;
  try {
    for (;;) {
      const cp = scheduler.checkpoint();
      if (cp) await cp;
      const batch = input.take(sink.batchSize, clock.now());
      if (batch === undefined) {
        if (input.done) break;
        lane.enter(IDLE, clock.now());
        await input.wait(sink.batchSize);
        lane.enter(BUSY, scheduler.tick());
        continue;
      }
      const n = batch.length;
      stats.inCount += n;
      node.probe?.(node.plan.id, batch);
      const t0 = clock.now();
      // One check per batch: a batch with traced items has their retries and outcome recorded.
      const traced = node.tracer?.marked(batch)
        ? new AsyncSinkTrace(node.tracer, node.plan.id, batch)
        : undefined;
      const outcome = await withRetries(node, sink, batch, signal, policy, lane, traced);
      const took = clock.now() - t0;
      stats.latency.recordMs(took / n, n);
      stats.serviceMs += took;
      stats.served += n;
      if (outcome.ok) {
        stats.processed += n - outcome.dropped;
        stats.dropped += outcome.dropped;
        if (stats.e2e) recordE2e(stats.e2e, batch, clock.wallNow());
        traced?.delivered(clock.wallNow());
        input.settle(batch); // written: a broker edge may ack it
        continue;
      }
      if (outcome.fatal) {
        stats.errors += n;
        node.fail(outcome.reason);
        return;
      }
      // The whole batch failed together: each of its items is given up with the same reason.
      const letters: Item[] = [];
      const letterOf = traced && new Map<Item, Item>();
      for (const item of batch) {
        const given = policy.giveUp(item, outcome.reason, outcome.attempts);
        if (given.fail) return;
        if (given.deadLetter) {
          letters.push(given.deadLetter);
          letterOf?.set(item, given.deadLetter);
        }
      }
      traced?.gaveUp(outcome.attempts, (item) => (deadLetter ? letterOf!.get(item) : undefined), letters);
      if (letters.length > 0 && deadLetter) await sendDeadLetters(node, deadLetter, letters, lane);
      traced?.leave();
      input.settle(batch); // given up for good (dead-lettered or skipped)
    }
  } finally {
    stats.retireLane(lane, clock.now());
  }
}

type Outcome =
  | { ok: true; dropped: number }
  | { ok: false; reason: string; fatal: boolean; attempts: number };

/** One batch through `handle`, retried with the policy's backoff while it says so. */
async function withRetries(
  node: ExecNode,
  sink: AsyncBehavior,
  batch: readonly Item[],
  signal: AbortSignal,
  policy: ErrorPolicyOf,
  lane: { enter(state: 0 | 1 | 2, now: number): void },
  traced: AsyncSinkTrace | undefined,
): Promise<Outcome> {
  const hold = (held: boolean) => lane.enter(held ? BACKPRESSURED : BUSY, node.clock.now());
  for (let attempt = 1; ; attempt++) {
    try {
      return { ok: true, dropped: await sink.handle(batch, signal, hold) };
    } catch (err) {
      if (node.cancellation.aborted) throw new AbortedError();
      const reason = err instanceof Error ? err.message : String(err);
      if (err instanceof FatalNodeError) return { ok: false, reason, fatal: true, attempts: attempt };
      const delay = policy.retryDelay(attempt);
      if (delay === undefined) return { ok: false, reason, fatal: false, attempts: attempt };
      traced?.retried(attempt, delay);
      await node.scheduler.sleepUntil(node.clock.now() + delay);
    }
  }
}

async function sendDeadLetters(
  node: ExecNode,
  out: PortWriter<Item>,
  batch: readonly Item[],
  lane: { enter(state: 0 | 1 | 2, now: number): void },
): Promise<void> {
  if (out.send(batch, node.scheduler.tick())) return;
  lane.enter(BACKPRESSURED, node.clock.now());
  await out.flush();
  lane.enter(BUSY, node.clock.now());
}
