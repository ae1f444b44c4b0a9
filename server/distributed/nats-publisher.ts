import {
  createInbox,
  headers,
  type Msg,
  type NatsConnection,
  type Subscription,
} from '@nats-io/transport-node';
import type { Overflow } from '../../shared/graph/graph-schema.js';
import type { BrokerEdgeCounters, BrokerEdgeSpec } from '../../shared/protocol/cluster.js';
import type { BoundedQueue } from '../runtime/bounded-queue.js';
import type { EdgeLink, LinkContext } from '../runtime/edge-link.js';
import { zeroCounters } from '../runtime/edge-link.js';
import type { Item } from '../runtime/node-behavior.js';
import { Wakeup } from './wakeup.js';

/** Publishes in flight at once: one awaited round-trip per item would cap an edge at 1/RTT. */
export const PUBLISH_WINDOW = 256;
const BACKOFF_MIN_MS = 1;
const BACKOFF_MAX_MS = 50;
/** Consecutive failures other than a full stream (timeouts, no responders) before the run fails. */
const MAX_ERRORS = 20;
/** A publish not acknowledged this long is taken as failed and published again (at-least-once). */
const ACK_TIMEOUT_MS = 5000;

/** A window past the stream's capacity only buys refusals (and their republishing). */
const windowFor = (capacity: number) => Math.max(1, Math.min(PUBLISH_WINDOW, capacity));

const isFull = (err: string) => /maximum messages/i.test(err);
/** JetStream refused a publish whose `Nats-Expected-Last-Sequence` was not the stream's last: `wrong last sequence: 41`. */
const WRONG_LAST = /wrong last sequence: (\d+)/i;

/**
 * Publish side of a broker edge: takes what the source node put into the small local staging
 * queue and publishes it, one JSON message per item, up to `PUBLISH_WINDOW` publishes in flight.
 *
 * A full stream refuses a publish ("maximum messages exceeded"). Under `block` the refused items
 * are published again, in order, with a capped backoff; meanwhile nothing more is taken, the
 * staging queue fills and the producer blocks on it as on a memory edge (`blockedMs` counts the
 * publisher's own retrying). Under `drop-newest` they are counted in `rejected`; under
 * `drop-oldest` the stream itself evicts (discard old), so nothing is refused.
 *
 * Order. With one publisher (the source is not replicated) and `block`, the edge keeps its items
 * in order, as a memory edge does. Pipelined publishes alone did not: at a full stream one publish
 * was refused while the next, answered after a consumer's ack freed room, was stored, and the
 * refused one came later (…, 49, 54, 50, …). So each publish carries `Nats-Expected-Last-Sequence`,
 * the stream sequence it must follow: once one is refused, every publish in flight behind it is
 * refused too ("wrong last sequence"), and all are published again in their order. The chain
 * starts from the sequence of the last accepted publish; before any (a fresh part, or one that
 * took over a stream), one publish goes alone to learn it. Under `drop-newest` a refused item is
 * dropped, never published later, so there is nothing to reorder and no chain; under `drop-oldest`
 * nothing is refused. Replicated sources publish side by side, in no order, and unchained.
 *
 * Publishes are plain NATS publishes with a reply subject per message and one subscription for
 * the acks, not `js.publish`: that builds two error objects (stack traces) and a timer per call,
 * measured at 27% of an edge's CPU.
 */
export class BrokerPublisher implements EdgeLink {
  private readonly c: BrokerEdgeCounters = zeroCounters();
  private overflow: Overflow;
  private inflight = 0;
  /** Refused (or failed) items to publish again, in the order they were taken. */
  private retry: Item[] = [];
  private blockedSince = -1;
  private errors = 0;
  private lastError = '';
  private readonly wakeup: Wakeup;
  /** Publishes awaiting their ack: reply token → item and when it was sent. */
  private readonly pending = new Map<number, { item: Item; at: number }>();
  private seq = 0;
  private republishing = false;
  /** Items refused during the current republish round, in the order their answers came. */
  private refusedAgain: Item[] = [];
  /** Publishes in flight at most: the window, but never more than the stream can hold. */
  private window: number;
  private readonly inbox = createInbox();
  /** The stream's last sequence, from the last answer that told it. */
  private lastSeq: number | undefined;
  /** The sequence the next chained publish must follow; undefined until publishes in flight settle. */
  private tip: number | undefined;

  constructor(
    private readonly nc: NatsConnection,
    private readonly spec: BrokerEdgeSpec,
    private readonly queue: BoundedQueue<Item>,
    private readonly ctx: LinkContext,
  ) {
    this.overflow = spec.overflow;
    this.window = windowFor(spec.capacity);
    this.wakeup = new Wakeup(ctx);
    queue.onReadable = this.wakeup.wake;
  }

  update(capacity: number, overflow: Overflow): void {
    this.overflow = overflow;
    this.tip = undefined; // publishes in flight may be unchained: start the chain once they settle
    this.window = windowFor(capacity);
    this.wakeup.wake();
  }

  counters(): BrokerEdgeCounters {
    const c = { ...this.c };
    if (this.blockedSince >= 0) c.blockedMs += this.ctx.clock.now() - this.blockedSince;
    return c;
  }

  async run(): Promise<void> {
    const sub: Subscription = this.nc.subscribe(`${this.inbox}.*`, { callback: (_e, m) => this.onAck(m) });
    try {
      await this.pump();
    } finally {
      sub.unsubscribe();
    }
  }

  private async pump(): Promise<void> {
    const { queue, ctx } = this;
    while (!ctx.cancellation.aborted) {
      this.expire();
      if (this.retry.length > 0) {
        // Order first: wait for what is in flight, then republish the refused before anything new.
        if (this.inflight > 0) await this.wakeup.next();
        else await this.republish();
        continue;
      }
      const room = this.room();
      const batch = room > 0 ? queue.take(room, ctx.clock.now()) : undefined;
      if (batch !== undefined) {
        for (let i = 0; i < batch.length; i++) this.send(batch[i]!);
        continue;
      }
      if (room > 0 && queue.closed && queue.size === 0 && this.inflight === 0) {
        ctx.onClosed();
        return;
      }
      await this.wakeup.sleep(ACK_TIMEOUT_MS);
    }
  }

  private get chained(): boolean {
    return this.spec.publishers === 1 && this.overflow === 'block';
  }

  /** How many may be published now: the window, or 1 (alone, when the chain has no start yet) or 0. */
  private room(): number {
    if (this.chained && this.tip === undefined) {
      if (this.inflight > 0) return 0;
      this.tip = this.lastSeq;
      if (this.tip === undefined) return 1;
    }
    return this.window - this.inflight;
  }

  private send(item: Item): void {
    const data = JSON.stringify(item);
    const id = ++this.seq;
    this.pending.set(id, { item, at: this.ctx.clock.now() });
    this.inflight++;
    const reply = `${this.inbox}.${id}`;
    if (this.chained && this.tip !== undefined) {
      const h = headers();
      h.set('Nats-Expected-Last-Sequence', String(this.tip));
      this.tip++;
      this.nc.publish(this.spec.subject, data, { reply, headers: h });
    } else this.nc.publish(this.spec.subject, data, { reply });
  }

  /** The stream's answer to one publish: `{ stream, seq }`, or `{ error: { description } }`. */
  private onAck(m: Msg): void {
    const id = Number(m.subject.slice(this.inbox.length + 1));
    const entry = this.pending.get(id);
    if (entry === undefined) return; // timed out already
    this.pending.delete(id);
    this.inflight--;
    let error: string | undefined;
    try {
      const ack = m.json<{ seq?: number; error?: { description?: string } }>();
      if (ack.error) error = ack.error.description ?? 'refused';
      else if (typeof ack.seq === 'number') this.lastSeq = ack.seq;
    } catch {
      error = m.headers?.code === 503 ? 'no responders (no stream for the subject)' : 'unreadable ack';
    }
    if (error === undefined) {
      this.c.published++;
      this.errors = 0;
    } else this.refused(entry.item, error);
    this.wakeup.wake();
  }

  /** Publishes unanswered for `ACK_TIMEOUT_MS` are published again. */
  private expire(): void {
    if (this.pending.size === 0) return;
    const limit = this.ctx.clock.now() - ACK_TIMEOUT_MS;
    for (const [id, e] of this.pending) {
      if (e.at > limit) break; // in send order: the rest are younger
      this.pending.delete(id);
      this.inflight--;
      this.refused(e.item, 'no ack (timeout)');
    }
  }

  private refused(item: Item, err: string): void {
    this.tip = undefined; // what is in flight behind it is refused too; the chain restarts after
    if (this.ctx.cancellation.aborted) return;
    if (isFull(err) && this.overflow === 'drop-newest') {
      this.c.rejected++;
      return;
    }
    const behind = WRONG_LAST.exec(err);
    if (behind) {
      // Refused because one before it was: not an error of its own. (The stream's last sequence
      // is taken from it, should anything else have published.)
      this.lastSeq = Number(behind[1]);
    } else {
      if (!isFull(err)) this.errors++;
      this.lastError = err;
    }
    if (this.republishing) this.refusedAgain.push(item);
    else this.retry.push(item);
  }

  /**
   * Publishes the refused items again, ahead of anything new: a window of them at a time
   * (pipelined — one awaited round-trip per item capped a 2-replica stage at ~700/s), backing off
   * only while a whole round is refused. What a round gets refused again goes back to the head
   * of the line. Chained (see the class), a round is refused from its first refusal on, so it
   * stays in order; unchained (replicated sources), a refusal and a later acceptance in one
   * round can swap neighbours.
   */
  private async republish(): Promise<void> {
    const { ctx } = this;
    let delay = BACKOFF_MIN_MS;
    this.republishing = true;
    try {
      while (this.retry.length > 0 && !ctx.cancellation.aborted) {
        if (this.overflow === 'drop-newest') {
          // Switched live from block: what still waits is refused now, as new items would be.
          this.c.rejected += this.retry.length;
          this.retry = [];
          break;
        }
        const round = this.retry.splice(0, Math.max(1, this.room()));
        this.refusedAgain = [];
        for (const item of round) this.send(item);
        while (this.inflight > 0 && !ctx.cancellation.aborted) {
          this.expire();
          await this.wakeup.sleep(ACK_TIMEOUT_MS);
        }
        const again = this.refusedAgain;
        this.retry = again.length > 0 ? again.concat(this.retry) : this.retry;
        if (again.length < round.length) {
          delay = BACKOFF_MIN_MS; // some went through: the stream has room again
          this.endBlocked();
          continue;
        }
        if (this.errors >= MAX_ERRORS)
          throw new Error(`publishing to ${this.spec.stream} failed ${this.errors} times: ${this.lastError}`);
        if (isFull(this.lastError) && this.blockedSince < 0) this.blockedSince = ctx.clock.now();
        await this.wakeup.sleep(delay);
        delay = Math.min(BACKOFF_MAX_MS, delay * 2);
      }
    } finally {
      this.republishing = false;
      this.refusedAgain = [];
      this.endBlocked();
    }
  }

  private endBlocked(): void {
    if (this.blockedSince < 0) return;
    this.c.blockedMs += this.ctx.clock.now() - this.blockedSince;
    this.blockedSince = -1;
  }
}
