import type { Item } from '../node-behavior.js';
import type { Traced, Tracer } from './tracer.js';

const ms = (x: number) => Math.round(x * 1000) / 1000;

/** A sink has delivered `batch` at `wallNow` (epoch ms): its traced items have left the graph. */
export function deliveredHops(tr: Tracer, nodeId: string, batch: readonly Item[], wallNow: number): void {
  for (const x of tr.tracedIn(batch)) delivered(tr, nodeId, x, wallNow);
}

function delivered(tr: Tracer, nodeId: string, x: Traced, wallNow: number): void {
  const ts = (x.item as Item).ts;
  const e2e = typeof ts === 'number' ? { e2eMs: ms(Math.max(0, wallNow - ts)) } : {};
  tr.hop(x.ids, 'delivered', { nodeId, ...e2e });
  tr.leave(x.ids);
}

/**
 * The traced items of one batch an I/O sink handles as a whole (`http-post`, `file`): its retries
 * are theirs, and so is the outcome.
 */
export class AsyncSinkTrace {
  private readonly traced: Traced[];
  private readonly t0: number;

  constructor(
    private readonly tr: Tracer,
    private readonly nodeId: string,
    batch: readonly Item[],
  ) {
    this.traced = tr.tracedIn(batch);
    this.t0 = tr.clock.now();
    for (const x of this.traced) tr.hop(x.ids, 'started', { nodeId });
  }

  /** Attempt `attempt` failed; the next starts after `backoff` ms. */
  retried(attempt: number, backoff: number): void {
    for (const x of this.traced)
      this.tr.hop(x.ids, 'retried', { nodeId: this.nodeId, attempt, waitMs: ms(backoff) });
  }

  delivered(wallNow: number): void {
    const serviceMs = ms(this.tr.clock.now() - this.t0);
    for (const x of this.traced) {
      this.tr.hop(x.ids, 'finished', { nodeId: this.nodeId, serviceMs });
      delivered(this.tr, this.nodeId, x, wallNow);
    }
  }

  /** Given up after `attempts`: `letterOf` is the dead letter made of an item, if any; `letters` is the batch they go out in. */
  gaveUp(attempts: number, letterOf: (item: Item) => Item | undefined, letters: Item[]): void {
    for (const x of this.traced) {
      const letter = letterOf(x.item as Item);
      if (letter) {
        this.tr.tag(letter, x.ids);
        this.tr.mark(letters, letter);
        this.tr.hop(x.ids, 'dead-lettered', { nodeId: this.nodeId, attempt: attempts });
      } else {
        this.tr.hop(x.ids, 'dropped', { nodeId: this.nodeId, reason: 'skipped', attempt: attempts });
      }
    }
  }

  /** The node is done with them (after its dead letters were sent). */
  leave(): void {
    for (const x of this.traced) this.tr.leave(x.ids);
  }
}
