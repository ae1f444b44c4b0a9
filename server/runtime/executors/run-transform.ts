import type { Emit, Fail, Item, TransformBehavior } from '../node-behavior.js';
import { BACKPRESSURED, BUSY, IDLE, type NodeStats } from '../node-stats.js';
import type { PortWriter } from '../output-port.js';
import { ErrorPolicyOf } from './error-policy.js';
import { type ExecNode, MAX_BATCH, openWriters, sendAll } from './exec-node.js';
import type { FusedChain } from './fused-chain.js';
import { BATCHES_PER_TURN, Pump } from './pump.js';
import { TransformTrace } from './transform-trace.js';

/**
 * Drives a synchronous transform or sink as a pump: the per-item work is a plain synchronous call
 * over a batch, and the lane only stops for an empty input, a full output or the end of its turn.
 */
export function runTransform(node: ExecNode, behavior: TransformBehavior): Promise<void> {
  return new TransformPump(node, behavior).done;
}

class TransformPump extends Pump {
  private readonly input: ExecNode['input'];
  /** Tests' probe, on sinks only. */
  private readonly probe: ExecNode['probe'];
  private readonly e2e: NodeStats['e2e'];
  /** What was emitted on ports other than `out`, per port. */
  private readonly buffers: Map<string, Item[]>;
  private readonly writers: Map<string, PortWriter<Item>>;
  /** Most transforms emit on `out`: its buffer in a field makes that path one compare and a push. */
  private outBuf: Item[] | undefined;
  readonly emit: Emit;
  /** Items the behaviour reported as failed during the current batch, with why. */
  private failures: Array<{ item: Item; message: string }> = [];
  readonly fail: Fail = (item, message) => {
    this.failures.push({ item, message });
  };
  private readonly policy: ErrorPolicyOf;
  /** map / filter: one call per batch, the result goes on as one batch (no per-item emit). */
  private readonly fast: boolean;
  private readonly outWriter: PortWriter<Item> | undefined;
  private batches = 15; // the first batch is timed, so short runs still report a latency
  private errorsSeen = 0;
  private droppedSeen = 0;
  /** Writers with a remainder that did not fit; nothing else happens until they are flushed. */
  private blocked: PortWriter<Item>[] | undefined;
  private waitingInput = false;
  /** Input ended and `finish` was called: once flushed, the lane ends. */
  private finishing = false;
  /** A batch whose results still wait for room: it is settled once they are handed on. */
  private held: readonly Item[] | undefined;
  /** Batches holding a traced item go through here (undefined when the run traces nothing). */
  private readonly trace: TransformTrace | undefined;
  /** Nodes fused after this one (issue 21): each batch's result goes through them before it is sent. */
  private readonly chain: FusedChain | undefined;
  private readonly wallNow = (): number => this.scheduler.wallOf(this.scheduler.tick());

  constructor(
    node: ExecNode,
    private readonly behavior: TransformBehavior,
  ) {
    super(node);
    node.stats.servers = () => 1; // one pump: one batch in service at a time
    const isSink = node.outputs.size === 0;
    this.input = node.input;
    this.probe = isSink ? node.probe : undefined;
    this.e2e = isSink ? node.stats.e2e : undefined;
    this.buffers = new Map([...node.outputs.keys()].filter((p) => p !== 'out').map((p) => [p, []]));
    // Fused: what this pump sends is what the chain's last node emits, on that node's writers.
    this.chain = node.fused;
    this.writers = openWriters(this.chain?.tail ?? node);
    if (this.chain) {
      // The nodes of one loop are in its state together: they count the head's own lane, so a
      // state change is one `enter`, not one per fused node (22 a batch on a chain of 10 maps).
      for (const { node: n } of this.chain.stages) {
        n.stats.servers = () => 1;
        n.stats.shareLane(this.lane);
      }
    }
    this.outBuf = node.outputs.has('out') ? [] : undefined;
    this.emit = (port, item) => {
      if (port === 'out' && this.outBuf !== undefined) this.outBuf.push(item);
      else this.buffers.get(port)!.push(item);
    };
    this.outWriter = this.writers.get('out');
    this.policy = new ErrorPolicyOf(node);
    // A chain is made only of batch steps, so a fused head always takes the fast path (its tail
    // may be a sink: no writer then, and nothing to send).
    this.fast =
      behavior.processBatch !== undefined &&
      (this.chain !== undefined || (this.outWriter !== undefined && this.writers.size === 1));
    this.trace =
      node.tracer &&
      new TransformTrace(node.tracer, {
        nodeId: node.plan.id,
        behavior,
        emit: this.emit,
        fail: this.fail,
        isSink,
        emitted: () => (this.outBuf ? [this.outBuf, ...this.buffers.values()] : [...this.buffers.values()]),
        applyPolicy: (now) => this.applyPolicy(now),
        failures: () => this.failures.length,
      });
  }

  protected step(): void {
    const { scheduler, stats, input, clock } = this;
    const behavior = this.behavior;
    if (this.waitingInput) {
      this.waitingInput = false;
      this.lane.enter(BUSY, scheduler.now);
    }
    if (this.blocked && !this.flushBlocked()) return;
    if (this.held !== undefined) {
      input.settle(this.held);
      this.held = undefined;
    }
    if (this.finishing) {
      this.end();
      return;
    }
    for (let turn = 0; turn < BATCHES_PER_TURN; turn++) {
      if (turn > 0 && this.interrupted()) return;
      const now = scheduler.now;
      const deadline = behavior.nextDeadline?.() ?? Number.POSITIVE_INFINITY;
      if (deadline <= now) {
        behavior.onDeadline?.(this.emit, now, scheduler.wallOf(now));
        if (this.emitted()) {
          if (!this.sendEmitted()) return;
          continue;
        }
      }
      const batch = input.take(MAX_BATCH, now);
      if (batch === undefined) {
        if (input.done) {
          this.finish();
          return;
        }
        this.lane.enter(IDLE, now);
        this.waitingInput = true;
        input.waitCb(MAX_BATCH, Number.isFinite(deadline) ? { at: deadline, clock } : undefined, this.wake);
        return;
      }
      const n = batch.length;
      stats.inCount += n;
      if (this.probe !== undefined) this.probe(this.node.plan.id, batch);
      // Timing every batch costs more than a cheap transform itself: time one batch in sixteen. Small
      // batches mean a slow flow, where timing is cheap and every sample counts.
      const timed = n < 16 || (++this.batches & 15) === 0;
      // One check per batch: a batch holding a traced item takes the traced path.
      const traced = this.trace !== undefined && this.node.tracer!.marked(batch);
      if (this.fast) {
        // A method call, not a bound function: V8 calls (and may inline) it directly.
        let out: readonly Item[];
        if (traced) out = this.trace!.fast(batch);
        else if (timed) {
          const t0 = clock.now();
          out = behavior.processBatch!(batch);
          const took = clock.now() - t0;
          stats.latency.recordMs(took / n, n);
          stats.serviceMs += took;
          stats.served += n;
        } else out = behavior.processBatch!(batch);
        stats.processed += n;
        if (this.chain !== undefined) out = this.chain.run(out, now, this.wallNow, timed && !traced);
        if (out.length > 0 && this.outWriter !== undefined && !this.outWriter.send(out, now)) {
          this.block([this.outWriter!]);
          if (!this.flushBlocked()) {
            this.held = batch;
            return;
          }
        }
        input.settle(batch);
        continue;
      }
      if (traced) {
        this.trace!.process(batch, now, scheduler.wallOf(now));
      } else if (timed) {
        const t0 = clock.now();
        behavior.process(batch, this.emit, t0, scheduler.wallOf(t0), this.fail);
        const took = clock.now() - t0;
        stats.latency.recordMs(took / n, n);
        stats.serviceMs += took;
        stats.served += n;
        // End-to-end latency from two sampled items of the batch, for the same reason.
        if (this.e2e) recordE2e(this.e2e, batch, scheduler.wallOf(scheduler.tick()));
      } else {
        behavior.process(batch, this.emit, now, scheduler.wallOf(now), this.fail);
      }
      if (this.failures.length > 0) this.applyPolicy(now);
      stats.processed += n;
      // Handed on (or absorbed into the node's state, as a window does): a broker edge may ack it.
      if (!this.sendEmitted()) {
        this.held = batch;
        return;
      }
      input.settle(batch);
    }
    this.again();
  }

  /**
   * The error policy for what failed in this batch. A transform is synchronous, so a retry is
   * another call at once (no backoff: there is nothing to wait for); an item that fails for good
   * is skipped, dead-lettered out of `error`, or fails the run.
   */
  private applyPolicy(now: number): number {
    const failures = this.failures;
    this.failures = [];
    const wallNow = this.scheduler.wallOf(now);
    const tr = this.node.tracer;
    const nodeId = this.node.plan.id;
    let gaveUp = 0;
    for (const { item, message } of failures) {
      const ids = tr?.idsOf(item);
      let attempts = 1;
      let last: string | undefined = message;
      while (last !== undefined && this.policy.retryDelay(attempts) !== undefined) {
        if (ids) tr!.hop(ids, 'retried', { nodeId, attempt: attempts, waitMs: 0 });
        attempts++;
        this.behavior.process([item], this.emit, now, wallNow, this.fail);
        last = this.failures.pop()?.message;
      }
      if (last === undefined) continue; // a retry went through
      gaveUp++;
      const given = this.policy.giveUp(item, last, attempts);
      if (given.fail) return gaveUp;
      if (given.deadLetter) {
        if (ids) tr!.hop(ids, 'dead-lettered', { nodeId, attempt: attempts });
        this.emit('error', given.deadLetter);
      }
    }
    return gaveUp;
  }

  /** Input has ended for good: let the behaviour emit what it holds, hand it on, then end. */
  private finish(): void {
    const { scheduler } = this;
    if (this.behavior.finish && !this.cancellation.aborted) {
      const now = scheduler.tick();
      this.behavior.finish(this.emit, now, scheduler.wallOf(now));
      this.finishing = true;
      const sent = this.sendEmitted();
      this.trace?.finish();
      if (!sent) return;
    }
    this.end();
  }

  /** Sends what was emitted. False when an edge is full: the pump waits (backpressured) for room. */
  private sendEmitted(): boolean {
    // Transforms keep their own counts (they never touch telemetry); pick up what grew.
    const { errors, dropped, late } = this.behavior;
    if (errors !== undefined && errors !== this.errorsSeen) {
      this.stats.errors += errors - this.errorsSeen;
      this.errorsSeen = errors;
    }
    if (dropped !== undefined && dropped !== this.droppedSeen) {
      this.stats.dropped += dropped - this.droppedSeen;
      this.droppedSeen = dropped;
    }
    if (late !== undefined) this.stats.late = late;
    this.trace?.mergeHeld();
    const now = this.scheduler.now;
    let blocked = this.buffers.size > 0 ? sendAll(this.writers, this.buffers, now) : undefined;
    const out = this.outBuf;
    if (out !== undefined && out.length > 0) {
      // The array goes on into the queue: a new one for the next batch.
      this.outBuf = [];
      if (!this.outWriter!.send(out, now)) {
        blocked ??= [];
        blocked.push(this.outWriter!);
      }
    }
    if (!blocked) return true;
    this.block(blocked);
    return this.flushBlocked();
  }

  private block(writers: PortWriter<Item>[]): void {
    this.blocked = writers;
    this.lane.enter(BACKPRESSURED, this.scheduler.now);
  }

  /** Offers the remainders again; true once all are taken (the lane is busy again). */
  private flushBlocked(): boolean {
    const now = this.scheduler.now;
    for (const w of this.blocked!) if (!w.flushNow(now, this.wake)) return false;
    this.blocked = undefined;
    this.lane.enter(BUSY, now);
    return true;
  }

  private emitted(): boolean {
    if (this.outBuf !== undefined && this.outBuf.length > 0) return true;
    for (const items of this.buffers.values()) if (items.length > 0) return true;
    return false;
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
