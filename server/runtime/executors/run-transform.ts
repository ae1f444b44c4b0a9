import type { Item, TransformBehavior } from '../node-behavior.js';
import { BACKPRESSURED, BUSY, IDLE } from '../node-stats.js';
import type { PortWriter } from '../output-port.js';
import { closeOutputs, type ExecNode, MAX_BATCH, openWriters, sendAll } from './exec-node.js';

/**
 * Drives a synchronous transform or sink. The per-item work is a plain synchronous call over a
 * batch; the only awaits are for an empty input, a full output, or the end of a time slice.
 */
export async function runTransform(node: ExecNode, behavior: TransformBehavior): Promise<void> {
  const { clock, scheduler, stats, input } = node;
  const isSink = node.outputs.size === 0;
  const e2e = isSink ? stats.e2e : undefined;
  const buffers = new Map<string, Item[]>([...node.outputs.keys()].map((p) => [p, []]));
  const writers = openWriters(node);
  // Most transforms emit on `out`: keep its buffer in a local so that path is one compare and a
  // push, not a Map lookup per item.
  let outBuf: Item[] | undefined = buffers.get('out');
  const emit = (port: string, item: Item) => {
    if (port === 'out' && outBuf !== undefined) outBuf.push(item);
    else buffers.get(port)!.push(item);
  };
  // The batch fast path applies to a transform whose only output is `out`.
  const outWriter = writers.get('out');
  const fast =
    behavior.processBatch && outWriter !== undefined && writers.size === 1
      ? behavior.processBatch.bind(behavior)
      : undefined;
  const lane = stats.addLane(clock.now());
  lane.enter(BUSY, clock.now());
  let batches = 7; // the first batch is timed, so short runs still report a latency
  /**
   * Sends what was emitted. Returns a promise only when an edge is full (await it: backpressured);
   * the common case returns `undefined` so a batch costs no microtask hop (performance.md).
   */
  let errorsSeen = 0;
  const sendAllOrWait = (): Promise<void> | undefined => {
    // Transforms keep their own error count (they never touch telemetry); pick up what grew.
    const errors = behavior.errors;
    if (errors !== undefined && errors !== errorsSeen) {
      stats.errors += errors - errorsSeen;
      errorsSeen = errors;
    }
    const blocked = sendAll(writers, buffers, scheduler.now);
    outBuf = buffers.get('out');
    return blocked ? waitBlocked(blocked) : undefined;
  };
  const waitBlocked = async (blocked: PortWriter<Item>[]): Promise<void> => {
    lane.enter(BACKPRESSURED, clock.now());
    for (const out of blocked) await out.flush();
    lane.enter(BUSY, scheduler.tick());
  };
  const emitted = (): boolean => {
    for (const items of buffers.values()) if (items.length > 0) return true;
    return false;
  };
  try {
    for (;;) {
      const cp = scheduler.checkpoint();
      if (cp) await cp;
      const deadline = behavior.nextDeadline?.() ?? Number.POSITIVE_INFINITY;
      if (deadline <= scheduler.now) {
        behavior.onDeadline?.(emit, scheduler.now, scheduler.wallOf(scheduler.now));
        if (emitted()) {
          const wait = sendAllOrWait();
          if (wait) await wait;
          continue;
        }
      }
      const batch = input.take(MAX_BATCH);
      if (batch === undefined) {
        if (input.done) break;
        // The clock was read at the checkpoint just above; nothing since took time worth a read.
        lane.enter(IDLE, scheduler.now);
        await input.wait(MAX_BATCH, Number.isFinite(deadline) ? { at: deadline, clock } : undefined);
        lane.enter(BUSY, scheduler.tick());
        continue;
      }
      const n = batch.length;
      stats.inCount += n;
      if (isSink && node.probe) node.probe(node.plan.id, batch);
      // Timing every batch costs more than a cheap transform itself: time one batch in eight. Small
      // batches mean a slow flow, where timing is cheap and every sample counts.
      if (fast !== undefined) {
        // map / filter: one call per batch, the result goes on as one batch (no per-item emit).
        let out: readonly Item[];
        if (n < 16 || (++batches & 7) === 0) {
          const t0 = clock.now();
          out = fast(batch);
          stats.latency.recordMs((clock.now() - t0) / n, n);
        } else out = fast(batch);
        stats.processed += n;
        if (out.length > 0 && !outWriter!.send(out, scheduler.now)) await waitBlocked([outWriter!]);
        continue;
      }
      if (n < 16 || (++batches & 7) === 0) {
        const t0 = clock.now();
        behavior.process(batch, emit, t0, scheduler.wallOf(t0));
        stats.latency.recordMs((clock.now() - t0) / n, n);
        // End-to-end latency from two sampled items of the batch, for the same reason.
        if (e2e) recordE2e(e2e, batch, scheduler.wallOf(scheduler.tick()));
      } else {
        behavior.process(batch, emit, scheduler.now, scheduler.wallOf(scheduler.now));
      }
      stats.processed += n;
      const wait = sendAllOrWait();
      if (wait) await wait;
    }
    if (behavior.finish && !node.cancellation.aborted) {
      const now = scheduler.tick();
      behavior.finish(emit, now, scheduler.wallOf(now));
      const wait = sendAllOrWait();
      if (wait) await wait;
    }
  } finally {
    stats.retireLane(lane, clock.now());
    closeOutputs(node);
  }
}

export function recordE2e(
  e2e: { recordMs(ms: number, count?: number): void },
  batch: readonly Item[],
  wallNow: number,
) {
  const first = batch[0]!.ts;
  const last = batch[batch.length - 1]!.ts;
  const half = Math.max(1, batch.length >> 1);
  if (typeof first === 'number') e2e.recordMs(Math.max(0, wallNow - first), half);
  if (batch.length > 1 && typeof last === 'number')
    e2e.recordMs(Math.max(0, wallNow - last), batch.length - half);
}
