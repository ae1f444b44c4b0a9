import type { Item } from '../node-behavior.js';
import type { TraceIds, Tracer } from '../trace/tracer.js';

const ms = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Hops of the traced items in one batch of a simulated service. A lane schedules the batch's
 * service times before it sleeps through them, so hops carry the scheduled times (run ms) — but
 * none before `takenAt`: a lane behind its schedule (up to MAX_LAG_MS, a loaded machine) serves
 * from times before it took the batch, and a trace must not read 'started' before 'dequeued'.
 */
export class ServiceTrace {
  private readonly done: TraceIds[] = [];

  constructor(
    private readonly tr: Tracer,
    private readonly nodeId: string,
    private readonly takenAt: number,
  ) {}

  private at(t: number): number {
    return Math.max(t, this.takenAt);
  }

  idsOf(item: Item): TraceIds | undefined {
    return this.tr.idsOf(item);
  }

  /** Served from `begin` to `end` (the last attempt took `st`); it goes out in `out`. */
  served(ids: TraceIds, item: Item, begin: number, end: number, st: number, out: Item[]): void {
    const { tr, nodeId } = this;
    tr.hop(ids, 'started', { nodeId }, this.at(begin));
    tr.hop(ids, 'finished', { nodeId, serviceMs: ms(st) }, this.at(end));
    tr.mark(out, item);
    this.done.push(ids);
  }

  /** Attempt `attempt` failed at `at`; the next one starts `backoff` ms later. */
  retried(ids: TraceIds, attempt: number, backoff: number, at: number): void {
    this.tr.hop(ids, 'retried', { nodeId: this.nodeId, attempt, waitMs: ms(backoff) }, this.at(at));
  }

  /** Given up after `attempts`: dead-lettered (the letter carries the trace on) or skipped. */
  gaveUp(
    ids: TraceIds,
    attempts: number,
    at: number,
    letter: Item | undefined,
    out: Item[] | undefined,
  ): void {
    const { tr, nodeId } = this;
    if (letter && out) {
      tr.tag(letter, ids);
      tr.mark(out, letter);
      tr.hop(ids, 'dead-lettered', { nodeId, attempt: attempts }, this.at(at));
    } else {
      tr.hop(ids, 'dropped', { nodeId, reason: 'skipped', attempt: attempts }, this.at(at));
    }
    this.done.push(ids);
  }

  /** The batch's results are sent: the node has finished with its traced items. */
  handedOn(): void {
    for (const ids of this.done) this.tr.leave(ids);
  }
}
