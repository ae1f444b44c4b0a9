import type { JetStreamManager } from '@nats-io/jetstream';
import { createInbox, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import type { BrokerEdgeSpec } from '../../shared/protocol/cluster.js';
import type { BoundedQueue } from '../runtime/bounded-queue.js';
import type { EdgeLink, LinkContext } from '../runtime/edge-link.js';
import { type LinkCounters, zeroCounters } from '../runtime/edge-link.js';
import type { Item } from '../runtime/node-behavior.js';
import { Wakeup } from './wakeup.js';

const ACK = new TextEncoder().encode('+ACK');
/** Ask for more once at least this share of the local queue is free: fewer, larger pull requests. */
const PULL_SHARE = 4;
/** After upstream-closed: how often to ask whether the stream is empty. */
const EMPTY_POLL_MS = 50;

/**
 * Consume side of a broker edge: pulls from the durable consumer (shared by every replica of the
 * node) into the node's local input queue, never asking for more than that queue has room for —
 * so one replica does not hoard what another could process. Each delivered item keeps its
 * message's ack subject; the node settles the item once it has handed its result on, and only
 * then is it acked (at-least-once). A message that is not a JSON object is acked (it would fail
 * every time it was redelivered) and counted in `malformed`.
 *
 * Pull requests go straight to `$JS.API.CONSUMER.MSG.NEXT` with a reply subject per request: the
 * server sends what it has at once and the rest as it arrives, so an item waits for no batch to fill.
 */
export class BrokerSubscriber implements EdgeLink {
  private readonly c: LinkCounters = zeroCounters();
  /** Delivered, not yet acked: item object → its ack subject. Bounded by the local queue plus what the node holds. */
  private readonly unacked = new Map<Item, string>();
  /** Open pull requests, oldest first: reply subject → items still to come. */
  private readonly requests = new Map<string, { left: number; until: number }>();
  private outstanding = 0;
  private buffer: Item[] = [];
  private flushQueued = false;
  private upstreamDone = false;
  private seq = 0;
  private readonly inbox = createInbox();
  private readonly wakeup: Wakeup;
  private readonly expiresMs: number;

  constructor(
    private readonly nc: NatsConnection,
    private readonly jsm: () => Promise<JetStreamManager>,
    private readonly spec: BrokerEdgeSpec,
    private readonly queue: BoundedQueue<Item>,
    private readonly ctx: LinkContext,
    ackWaitMs: number,
  ) {
    this.wakeup = new Wakeup(ctx);
    // A request left open when this part dies holds messages for its expiry: keep it under ack_wait.
    this.expiresMs = Math.max(1000, Math.min(5000, ackWaitMs / 2));
    queue.onSettled = (batch) => this.settle(batch);
  }

  counters(): LinkCounters {
    return { ...this.c };
  }

  upstreamClosed(): void {
    this.upstreamDone = true;
    this.wakeup.wake();
  }

  async run(): Promise<void> {
    const { queue, ctx } = this;
    const sub: Subscription = this.nc.subscribe(`${this.inbox}.*`, {
      callback: (_e, m) => this.onMessage(m),
    });
    try {
      let lastCheck = Number.NEGATIVE_INFINITY;
      while (!ctx.cancellation.aborted) {
        this.expireStale();
        const want = queue.room() - this.outstanding - this.buffer.length;
        if (want > 0 && (this.outstanding === 0 || want * PULL_SHARE >= queue.capacity)) this.pull(want);
        if (this.upstreamDone && this.unacked.size === 0 && this.buffer.length === 0) {
          const now = ctx.clock.now();
          if (now - lastCheck >= EMPTY_POLL_MS) {
            lastCheck = now;
            if (await this.streamEmpty()) break;
            continue;
          }
          await this.wakeup.sleep(EMPTY_POLL_MS);
          continue;
        }
        if (want <= 0) queue.onRoom(this.wakeup.wake);
        await this.wakeup.sleep(this.expiresMs);
        queue.offRoom(this.wakeup.wake);
      }
      if (!ctx.cancellation.aborted) queue.close();
    } finally {
      // Unacked items stay unacked: the broker redelivers them after ack_wait (to another replica).
      sub.unsubscribe();
    }
  }

  private pull(n: number): void {
    const reply = `${this.inbox}.${++this.seq}`;
    this.requests.set(reply, { left: n, until: this.ctx.clock.now() + this.expiresMs + 2000 });
    this.outstanding += n;
    const body = JSON.stringify({ batch: n, expires: this.expiresMs * 1_000_000 });
    this.nc.publish(`$JS.API.CONSUMER.MSG.NEXT.${this.spec.stream}.${this.spec.consumer}`, body, { reply });
  }

  /** A request whose end the server never told (a lost status) is given up well after its expiry. */
  private expireStale(): void {
    if (this.requests.size === 0) return;
    const now = this.ctx.clock.now();
    for (const [reply, r] of this.requests) if (r.until < now) this.endRequest(reply);
  }

  private endRequest(reply: string): void {
    const r = this.requests.get(reply);
    if (!r) return;
    this.outstanding -= r.left;
    this.requests.delete(reply);
  }

  private onMessage(m: Msg): void {
    const ackSubject = m.reply;
    if (ackSubject === undefined || !ackSubject.startsWith('$JS.ACK.')) {
      // A status (408 expired, 409, 404): this request delivers nothing more.
      if (m.headers?.code && m.headers.code >= 400) {
        this.endRequest(m.subject);
        this.wakeup.wake();
      }
      return;
    }
    // A delivered message carries its stream subject, not the request's: the server serves open
    // requests in order, so it is the oldest one's. (A request's status ends it whatever is left.)
    for (const [reply, r] of this.requests) {
      r.left--;
      this.outstanding--;
      if (r.left === 0) this.requests.delete(reply);
      break;
    }
    this.c.delivered++;
    if (deliveryCount(ackSubject) > 1) this.c.redelivered++;
    let item: unknown;
    try {
      item = JSON.parse(m.string());
    } catch {
      item = undefined;
    }
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      this.c.malformed++;
      this.nc.publish(ackSubject, ACK);
      return;
    }
    this.unacked.set(item as Item, ackSubject);
    this.buffer.push(item as Item);
    // Messages of one socket read arrive in one tick: they go into the queue as one batch.
    if (!this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(this.flush);
    }
  }

  private readonly flush = (): void => {
    this.flushQueued = false;
    if (this.buffer.length === 0 || this.ctx.cancellation.aborted) return;
    const batch = this.buffer;
    const took = this.queue.offer(batch, this.ctx.clock.now());
    // Pulls never ask past the queue's room, so this is whole unless the queue was shrunk meanwhile.
    this.buffer = took === batch.length ? [] : batch.slice(took);
    this.wakeup.wake();
  };

  private settle(batch: readonly unknown[]): void {
    let acked = 0;
    for (let i = 0; i < batch.length; i++) {
      const item = batch[i] as Item;
      const subject = this.unacked.get(item);
      if (subject === undefined) continue; // another input's item
      this.unacked.delete(item);
      this.nc.publish(subject, ACK);
      acked++;
    }
    this.c.acked += acked;
    if (acked > 0 && this.upstreamDone) this.wakeup.wake();
  }

  private async streamEmpty(): Promise<boolean> {
    await this.nc.flush(); // our acks reach the server before we ask
    const info = await (await this.jsm()).streams.info(this.spec.stream);
    return info.state.messages === 0;
  }
}

/** `$JS.ACK.<stream>.<consumer>.<delivered>.…` (9 tokens), or with domain and account hash (12+). */
function deliveryCount(ackSubject: string): number {
  const t = ackSubject.split('.');
  return Number(t.length === 9 ? t[4] : t[6]);
}
