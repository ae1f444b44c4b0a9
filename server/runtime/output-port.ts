import type { BoundedQueue } from './bounded-queue.js';
import { AbortedError, type Cancellation } from './cancellation.js';
import type { Clock } from './clock.js';
import { droppedHops } from './trace/queue-hops.js';
import type { NodeAsk } from './trace/tracer.js';

/**
 * One output port: broadcasts every batch to each edge leaving it. Under `block`, a batch is not
 * done until every edge took all of it, so the slowest consumer sets the pace.
 *
 * The port is shared by all lanes of a node; what one lane still has to send lives in that lane's
 * own `PortWriter`, so concurrent lanes never overwrite each other's remainders.
 */
export class OutputPort<T = unknown> {
  private readonly writers: PortWriter<T>[] = [];

  constructor(
    readonly queues: readonly BoundedQueue<T>[],
    private readonly clock: Clock,
    private readonly cancellation: Cancellation,
    /** What the node was asked to trace (set by the run; absent in unit tests). */
    private readonly ask?: NodeAsk,
  ) {}

  /** A lane's handle for sending on this port. */
  writer(): PortWriter<T> {
    const w = new PortWriter(this.queues, this.clock, this.cancellation, this.ask);
    this.writers.push(w);
    return w;
  }

  /** Items fully handed on: sent minus what still waits for room on some lane's slowest edge. */
  get accepted(): number {
    let n = 0;
    for (const w of this.writers) n += w.accepted;
    return n;
  }

  /** Lanes waiting for room on this port right now. */
  get waiting(): number {
    let n = 0;
    for (const w of this.writers) if (w.waiting) n++;
    return n;
  }

  close(): void {
    for (const q of this.queues) q.close();
  }
}

export class PortWriter<T = unknown> {
  /** Remainders that did not fit yet: queue index → items still to offer. */
  private readonly pending: Array<readonly T[] | undefined>;
  private pendingCount = 0;
  sent = 0;
  /** An async lane waiting in `flush`: how to resume it, and how to reject it on abort. */
  private resolveWait: (() => void) | undefined;
  private rejectWait: ((err: Error) => void) | undefined;
  /** A wait for room: the edge waited on and the wake left with it (see `flushNow`, `roomNow`). */
  private waitQ: BoundedQueue<T> | undefined;
  private waitWake: (() => void) | undefined;
  /** When this lane's wait began: the queue sums its lanes' waits, each from its own start. */
  private waitSince = 0;

  constructor(
    readonly queues: readonly BoundedQueue<T>[],
    private readonly clock: Clock,
    private readonly cancellation: Cancellation,
    private readonly ask?: NodeAsk,
  ) {
    this.pending = new Array(queues.length);
    cancellation.onAbort(() => {
      this.settleWait(clock.now());
      const reject = this.rejectWait;
      this.resolveWait = undefined;
      this.rejectWait = undefined;
      reject?.(new AbortedError());
    });
  }

  /** Offers a batch to every edge. Returns false when some edge had no room for all of it: call `flush`. */
  send(batch: readonly T[], now: number): boolean {
    if (batch.length === 0) return true;
    if (this.pendingCount > 0)
      throw new Error('send() while a previous batch is still pending: flush() first');
    this.sent += batch.length;
    const qs = this.queues;
    const ask = this.ask;
    // Tracing: one compare per batch unless the node was asked for items, or the batch is marked.
    if (ask !== undefined && (ask.on || ask.tracer.openTraces > 0)) this.traceSend(ask, batch);
    for (let i = 0; i < qs.length; i++) {
      const took = qs[i]!.offer(batch, now);
      if (took < batch.length) {
        this.pending[i] = took === 0 ? batch : this.rest(batch, took);
        this.pendingCount++;
      }
    }
    return this.pendingCount === 0;
  }

  /** Tags what the node was asked for; a marked batch's traced items are in one more place per edge. */
  private traceSend(ask: NodeAsk, batch: readonly T[]): void {
    const tr = ask.tracer;
    if (ask.on) ask.mark(batch as readonly object[]);
    if (tr.marked(batch)) tr.sent(batch, this.queues.length);
  }

  /** What an edge did not take yet, keeping the batch's trace mark. */
  private rest(batch: readonly T[], took: number): readonly T[] {
    const r = batch.slice(took);
    this.ask?.tracer.derive(batch, r);
    return r;
  }

  get waiting(): boolean {
    return this.waitQ !== undefined;
  }

  /**
   * Items every blocking edge of this port would take right now without waiting (drop policies
   * never refuse, so they do not limit it). Lets a producer make a batch that fits instead of
   * making more and keeping a remainder.
   */
  room(): number {
    let room = Number.POSITIVE_INFINITY;
    const qs = this.queues;
    for (let i = 0; i < qs.length; i++) {
      const q = qs[i]!;
      if (q.overflow === 'block') {
        const r = q.room();
        if (r < room) room = r;
      }
    }
    return room;
  }

  get accepted(): number {
    if (this.pendingCount === 0) return this.sent;
    let most = 0;
    for (const rest of this.pending) if (rest && rest.length > most) most = rest.length;
    return this.sent - most;
  }

  /** Open-loop producers do not wait: what did not fit is rejected. Returns the most refused on any edge. */
  reject(): number {
    let most = 0;
    for (let i = 0; i < this.pending.length; i++) {
      const rest = this.pending[i];
      if (rest) {
        most = Math.max(most, rest.length);
        const tr = this.ask?.tracer;
        if (tr?.marked(rest))
          droppedHops(
            tr,
            this.queues[i]!.id,
            rest,
            0,
            rest.length,
            'rejected',
            this.queues[i]!.size,
            this.clock.now(),
          );
      }
      this.pending[i] = undefined;
    }
    this.pendingCount = 0;
    this.sent -= most;
    return most;
  }

  /**
   * Waits until every edge has taken everything sent so far (the async lanes' form of `flushNow`,
   * with the same blocked-time accounting). Rejects with AbortedError on abort.
   */
  async flush(): Promise<void> {
    while (!this.flushNow(this.clock.now(), this.resumeFlush)) {
      // After the abort its hook has run: a wait now would never end.
      if (this.cancellation.aborted) {
        this.settleWait(this.clock.now());
        throw new AbortedError();
      }
      await new Promise<void>((resolve, reject) => {
        this.resolveWait = resolve;
        this.rejectWait = reject;
      });
    }
  }

  /** The wake `flush` leaves on a full edge: resumes the waiting lane. */
  private readonly resumeFlush = (): void => {
    const resolve = this.resolveWait;
    this.resolveWait = undefined;
    this.rejectWait = undefined;
    resolve?.();
  };

  /**
   * `flush` for a pump, without a promise: offers what is pending at `now`. True when every edge
   * took everything; otherwise leaves `wake` on the first edge still full (blocked time is charged
   * to it from `now` until the next call) and returns false — call again once woken.
   */
  flushNow(now: number, wake: () => void): boolean {
    this.settleWait(now);
    for (let i = 0; this.pendingCount > 0 && i < this.queues.length; i++) {
      const rest = this.pending[i];
      if (!rest) continue;
      const q = this.queues[i]!;
      const took = q.offer(rest, now);
      if (took === rest.length) {
        this.pending[i] = undefined;
        this.pendingCount--;
        continue;
      }
      if (took > 0) this.pending[i] = this.rest(rest, took);
      this.waitOn(q, now, wake);
      return false;
    }
    return true;
  }

  /**
   * For a pump: true when every blocking edge has room for an item now; otherwise leaves `wake` on
   * the first full one (charged as blocked from `now`) and returns false.
   */
  roomNow(now: number, wake: () => void): boolean {
    this.settleWait(now);
    const qs = this.queues;
    for (let i = 0; i < qs.length; i++) {
      const q = qs[i]!;
      if (q.overflow === 'block' && q.room() === 0) {
        this.waitOn(q, now, wake);
        return false;
      }
    }
    return true;
  }

  private waitOn(q: BoundedQueue<T>, now: number, wake: () => void): void {
    q.startBlocked(now);
    this.waitSince = now;
    this.waitQ = q;
    this.waitWake = wake;
    q.onRoom(wake);
  }

  /** Ends a wait (woken or not): charges the blocked time and withdraws the wake. */
  private settleWait(now: number): void {
    const q = this.waitQ;
    if (q === undefined) return;
    q.endBlocked(this.waitSince, now);
    q.offRoom(this.waitWake!);
    this.waitQ = undefined;
    this.waitWake = undefined;
  }
}
