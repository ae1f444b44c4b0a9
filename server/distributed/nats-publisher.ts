import type { JetStreamClient } from '@nats-io/jetstream';
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

const isFull = (err: unknown) => /maximum messages/i.test(err instanceof Error ? err.message : String(err));

/**
 * Publish side of a broker edge: takes what the source node put into the small local staging
 * queue and publishes it, one JSON message per item, up to `PUBLISH_WINDOW` publishes in flight.
 *
 * A full stream refuses a publish ("maximum messages exceeded"). Under `block` the refused items
 * are published again, in order, with a capped backoff; meanwhile nothing more is taken, the
 * staging queue fills and the producer blocks on it as on a memory edge (`blockedMs` counts the
 * publisher's own retrying). Under `drop-newest` they are counted in `rejected`; under
 * `drop-oldest` the stream itself evicts (discard old), so nothing is refused.
 */
export class BrokerPublisher implements EdgeLink {
  private readonly c: BrokerEdgeCounters = zeroCounters();
  private overflow: Overflow;
  private inflight = 0;
  /** Refused (or failed) items to publish again, in the order they were taken. */
  private retry: Item[] = [];
  private blockedSince = -1;
  private errors = 0;
  private readonly wakeup: Wakeup;

  constructor(
    private readonly js: JetStreamClient,
    private readonly spec: BrokerEdgeSpec,
    private readonly queue: BoundedQueue<Item>,
    private readonly ctx: LinkContext,
  ) {
    this.overflow = spec.overflow;
    this.wakeup = new Wakeup(ctx);
    queue.onReadable = this.wakeup.wake;
  }

  update(_capacity: number, overflow: Overflow): void {
    this.overflow = overflow;
    this.wakeup.wake();
  }

  counters(): BrokerEdgeCounters {
    const c = { ...this.c };
    if (this.blockedSince >= 0) c.blockedMs += this.ctx.clock.now() - this.blockedSince;
    return c;
  }

  async run(): Promise<void> {
    const { queue, ctx } = this;
    while (!ctx.cancellation.aborted) {
      if (this.retry.length > 0) {
        // Order first: wait for what is in flight, then republish the refused before anything new.
        if (this.inflight > 0) await this.wakeup.next();
        else await this.republish();
        continue;
      }
      const room = PUBLISH_WINDOW - this.inflight;
      const batch = room > 0 ? queue.take(room) : undefined;
      if (batch !== undefined) {
        for (let i = 0; i < batch.length; i++) this.send(batch[i]!);
        continue;
      }
      if (room > 0 && queue.closed && queue.size === 0 && this.inflight === 0) {
        ctx.onClosed();
        return;
      }
      await this.wakeup.next();
    }
  }

  private send(item: Item): void {
    const data = JSON.stringify(item);
    this.inflight++;
    this.js.publish(this.spec.subject, data).then(
      () => {
        this.inflight--;
        this.c.published++;
        this.errors = 0;
        this.wakeup.wake();
      },
      (err: unknown) => {
        this.inflight--;
        this.refused(item, err);
        this.wakeup.wake();
      },
    );
  }

  private refused(item: Item, err: unknown): void {
    if (this.ctx.cancellation.aborted) return;
    if (isFull(err) && this.overflow === 'drop-newest') {
      this.c.rejected++;
      return;
    }
    if (!isFull(err)) this.errors++;
    this.retry.push(item);
  }

  /** Publishes the refused items again, one at a time in order, backing off while the stream is full. */
  private async republish(): Promise<void> {
    const { ctx } = this;
    let delay = BACKOFF_MIN_MS;
    while (this.retry.length > 0 && !ctx.cancellation.aborted) {
      const item = this.retry[0]!;
      if (this.overflow === 'drop-newest') {
        // Switched live from block: what still waits is refused now, as new items would be.
        this.c.rejected += this.retry.length;
        this.retry = [];
        break;
      }
      try {
        await this.js.publish(this.spec.subject, JSON.stringify(item));
        this.retry.shift();
        this.c.published++;
        this.errors = 0;
        delay = BACKOFF_MIN_MS;
        this.endBlocked();
        continue;
      } catch (err) {
        if (ctx.cancellation.aborted) break;
        if (!isFull(err) && ++this.errors >= MAX_ERRORS)
          throw new Error(`publishing to ${this.spec.stream} failed ${this.errors} times: ${errText(err)}`);
        if (isFull(err) && this.blockedSince < 0) this.blockedSince = ctx.clock.now();
      }
      await this.wakeup.sleep(delay);
      delay = Math.min(BACKOFF_MAX_MS, delay * 2);
    }
    this.endBlocked();
  }

  private endBlocked(): void {
    if (this.blockedSince < 0) return;
    this.c.blockedMs += this.ctx.clock.now() - this.blockedSince;
    this.blockedSince = -1;
  }
}

export function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
