import type { Hop, HopEvent, TraceMessage } from '../../../shared/protocol/trace.js';
import type { Clock } from '../clock.js';

/** Hops kept per trace; past it a trace records nothing more (memory is bounded everywhere). */
export const MAX_HOPS = 200;
/** Traces open at once per run. Sampling (`every`) skips items while this many are open. */
export const MAX_OPEN = 20;
/** Traces held at once, open or done and not yet flushed: sampling skips items past it too. */
export const MAX_HELD = 200;
/**
 * Sampled traces begun per second of run time, at most. More than a canvas can show or a person
 * follow; it keeps "1 in N" on a fast graph (millions of items/s) from turning into thousands of
 * traces a second, each with its hops to ship to every watcher.
 */
export const MAX_SAMPLES_PER_S = 200;
/** Marked batches the per-batch check compares against directly; past it, it asks the WeakMap. */
const MAX_ACTIVE = 64;
/** Hops go out in batches: one message per this many ms, not one per hop. */
export const FLUSH_MS = 50;

/** The trace ids an item carries (several once a batch or window merged traced items). */
export type TraceIds = readonly string[];

/** A traced item in a batch, where it was and what it carries. */
export interface Traced {
  item: object;
  index: number;
  ids: TraceIds;
}

interface Trace {
  nodeId: string;
  /** Places the item is now: queued on an edge, or held by a node. 0 once it has left the graph. */
  open: number;
  hops: number;
  pending: Hop[];
  done: boolean;
  /** Its first message went out (that one names the node). */
  announced: boolean;
}

/** What one node was asked to trace: the ids for its next items (`count`), or one in `every`. */
export class NodeAsk {
  ids: string[] = [];
  private every = 0;
  /**
   * Items still to pass before the next sampled one (1 = the next item). A countdown, so a batch
   * with no sampled item costs one subtraction and one compare — nothing per item, no clock read.
   */
  private untilNext = 0;
  /** Whether a send must look at its batch: a plain field, one load on every batch a node emits. */
  on = false;

  constructor(
    readonly tracer: Tracer,
    readonly nodeId: string,
  ) {}

  /** Follow the next items under `ids`, and/or one in `every` (0 stops sampling). */
  ask(ids: readonly string[] | undefined, every: number | undefined): void {
    if (ids) this.ids.push(...ids);
    if (every !== undefined && every !== this.every) {
      this.every = every;
      this.untilNext = every;
    }
    this.on = this.ids.length > 0 || this.every > 0;
  }

  /** Tags the items of `batch` this node was asked for. */
  mark(batch: readonly object[]): void {
    const t = this.tracer;
    if (this.ids.length > 0) {
      const n = Math.min(this.ids.length, batch.length);
      for (let i = 0; i < n; i++) t.begin(batch[i]!, this.ids.shift()!, this.nodeId, batch);
      this.on = this.ids.length > 0 || this.every > 0;
    }
    if (this.every > 0) {
      // One in `every`: the items whose running count reaches a multiple of it.
      const n = batch.length;
      let k = this.untilNext;
      if (k > n) {
        this.untilNext = k - n;
        return;
      }
      for (; k <= n; k += this.every) {
        if (t.full || !t.sampleDue()) {
          // Past the budget the rest of this batch's picks are skipped; the countdown goes on.
          k += Math.ceil((n - k + 1) / this.every) * this.every;
          break;
        }
        t.begin(batch[k - 1]!, t.sampleId(), this.nodeId, batch);
      }
      this.untilNext = k - n;
    }
  }

  /** The run has ended: nothing more is asked. */
  stop(): void {
    this.ids = [];
    this.every = 0;
    this.on = false;
  }
}

/**
 * A run's traces (issue 18). Items are tagged in a side table (`WeakMap`), never on the object
 * node code sees, and a batch holding a traced item is marked with the traced items in it
 * (`batches`), so queues and executors pay one check per batch — `openTraces > 0 &&
 * batches.has(batch)`
 * — and never look at a batch's other items (they only find the traced ones' places with
 * `indexOf`, a native scan). Hops are buffered per trace and handed out every FLUSH_MS.
 *
 * A trace counts the places its item is (`open`): every edge it is sent on adds one, every node
 * that finishes with it (delivered, filtered, merged, sent on) takes one; dropped takes one. It
 * is done when none is left.
 */
export class Tracer {
  /** Traces not done yet: 0 (most of the time, even while sampling) stops every check at this field. */
  openTraces = 0;
  /** Marked batches → the traced items put in them (some may have left since: a filter compacts in place). */
  private readonly batches = new WeakMap<readonly unknown[], object[]>();
  /**
   * The marked batches that may still hold an open trace's item. The per-batch check compares
   * against these few (a WeakMap lookup costs ~40–100 ns, paid on every batch of every stage while
   * a trace is open: 10–20 % of workload A). Pruned as traces end; past MAX_ACTIVE the check falls
   * back to the WeakMap until no trace is open.
   */
  private active: Array<readonly unknown[]> = [];
  private overflowed = false;
  private readonly tags = new WeakMap<object, TraceIds>();
  private readonly traces = new Map<string, Trace>();
  private readonly asks = new Map<string, NodeAsk>();
  private timer: unknown;
  private seq = 0;
  /** Traces whose last place went in this turn: decided once the turn's sends are done. */
  private settling: string[] = [];
  private ended = false;

  constructor(
    readonly runId: string,
    readonly clock: Clock,
    private readonly startedAt: number,
    private readonly out: (messages: TraceMessage[]) => void,
  ) {}

  askOf(nodeId: string): NodeAsk {
    let ask = this.asks.get(nodeId);
    if (!ask) {
      ask = new NodeAsk(this, nodeId);
      this.asks.set(nodeId, ask);
    }
    return ask;
  }

  /** Trace the next items `nodeId` emits under `ids`, or one in `every` (0 stops sampling). */
  request(nodeId: string, req: { ids?: readonly string[]; every?: number }): void {
    if (this.ended) return;
    this.askOf(nodeId).ask(req.ids, req.every);
  }

  /** No room for another sampled trace now. */
  get full(): boolean {
    return this.openTraces >= MAX_OPEN || this.traces.size >= MAX_HELD;
  }

  private nextSampleAt = Number.NEGATIVE_INFINITY;

  /** Whether the sampling budget allows one more trace now (read at sampling points only). */
  sampleDue(): boolean {
    const now = this.clock.now();
    if (now < this.nextSampleAt) return false;
    this.nextSampleAt = now + 1000 / MAX_SAMPLES_PER_S;
    return true;
  }

  sampleId(): string {
    return `s${++this.seq}`;
  }

  /** Starts trace `id` on `item` of `batch` (as it leaves `nodeId`). */
  begin(item: object, id: string, nodeId: string, batch: readonly unknown[]): void {
    this.mark(batch, item);
    this.traces.set(id, { nodeId, open: 0, hops: 0, pending: [], done: false, announced: false });
    this.openTraces++;
    // Sent on no edge (a port leading nowhere), it would never be left: the check after the turn ends it.
    if (this.settling.length === 0) queueMicrotask(this.settle);
    this.settling.push(id);
    const had = this.tags.get(item);
    this.tags.set(item, had ? [...had, id] : [id]);
  }

  idsOf(item: object): TraceIds | undefined {
    return this.tags.get(item);
  }

  /** Gives `item` the trace ids (a copy made from a traced item, a result made from several). */
  tag(item: object, ids: TraceIds): void {
    const had = this.tags.get(item);
    this.tags.set(item, had ? [...new Set([...had, ...ids])] : ids);
  }

  /** Whether `batch` may hold a traced item: the one check per batch. */
  marked(batch: readonly unknown[]): boolean {
    if (this.openTraces === 0) return false;
    if (this.overflowed) return this.batches.has(batch);
    const a = this.active;
    for (let i = 0; i < a.length; i++) if (a[i] === batch) return true;
    return false;
  }

  private activate(batch: readonly unknown[]): void {
    if (this.overflowed || this.active.includes(batch)) return;
    if (this.active.length >= MAX_ACTIVE) this.overflowed = true;
    else this.active.push(batch);
  }

  /** Some trace ended: batches holding no open trace's item are no longer worth a compare. */
  private prune(): void {
    if (this.openTraces === 0) {
      this.active = [];
      this.overflowed = false;
      return;
    }
    this.active = this.active.filter((batch) =>
      this.batches
        .get(batch)!
        .some((item) => this.tags.get(item)?.some((id) => this.traces.get(id)?.done === false)),
    );
  }

  /** Marks `batch` as holding traced `item`. */
  mark(batch: readonly unknown[], item: object): void {
    const list = this.batches.get(batch);
    if (list === undefined) this.batches.set(batch, [item]);
    else if (!list.includes(item)) list.push(item);
    this.activate(batch);
  }

  /** `to` is part of `from` (a slice): it keeps the mark for the traced items it holds. */
  derive(from: readonly unknown[], to: readonly unknown[]): void {
    if (!this.marked(from)) return; // the cheap check first: most slices hold no traced item
    const list = this.batches.get(from);
    if (list === undefined) return;
    const kept = list.filter((item) => to.includes(item));
    if (kept.length > 0) {
      this.batches.set(to, kept);
      this.activate(to);
    }
  }

  /** The traced items of a marked batch, in batch order. */
  tracedIn(batch: readonly unknown[]): Traced[] {
    const list = this.batches.get(batch);
    if (list === undefined) return [];
    const found: Traced[] = [];
    for (const item of list) {
      const index = batch.indexOf(item);
      const ids = this.tags.get(item);
      if (index >= 0 && ids !== undefined) found.push({ item, index, ids });
    }
    if (found.length > 1) found.sort((a, b) => a.index - b.index);
    return found;
  }

  /** Run ms since the run started, as hops carry it. */
  t(now = this.clock.now()): number {
    return Math.round((now - this.startedAt) * 1000) / 1000;
  }

  /** Records a hop on each trace in `ids`. `fields` must be a fresh literal: it becomes the hop. */
  hop(ids: TraceIds, event: HopEvent, fields: Omit<Hop, 'event' | 't'>, now?: number): void {
    // The caller's literal is the hop (no copy per hop); traces share it, nobody changes it after.
    const h = fields as Hop;
    h.event = event;
    h.t = this.t(now);
    for (let i = 0; i < ids.length; i++) {
      const trace = this.traces.get(ids[i]!);
      if (!trace || trace.done || trace.hops >= MAX_HOPS) continue;
      trace.hops++;
      trace.pending.push(h);
    }
    if (this.timer === undefined) this.arm();
  }

  /** The item was sent on `k` edges: `k` more places it is. */
  enter(ids: TraceIds, k: number): void {
    for (const id of ids) {
      const trace = this.traces.get(id);
      if (trace) trace.open += k;
    }
  }

  /** One place fewer (a node finished with it, an edge dropped it). Done when none is left. */
  leave(ids: TraceIds): void {
    for (const id of ids) {
      const trace = this.traces.get(id);
      if (!trace) continue;
      trace.open--;
      if (trace.open > 0) continue;
      // Decided after this turn: a node leaves an item before sending what it became, in the same turn.
      if (this.settling.length === 0) queueMicrotask(this.settle);
      this.settling.push(id);
    }
  }

  private readonly settle = (): void => {
    const ids = this.settling;
    this.settling = [];
    let ended = false;
    for (const id of ids) {
      const trace = this.traces.get(id);
      if (!trace || trace.done || trace.open > 0) continue;
      trace.done = true;
      this.openTraces--;
      ended = true;
    }
    if (ended) this.prune();
    this.arm();
  };

  /** A batch is being sent on `k` edges: its traced items are in `k` more places. */
  sent(batch: readonly unknown[], k: number): void {
    for (const x of this.tracedIn(batch)) this.enter(x.ids, k);
  }

  private arm(): void {
    if (this.timer !== undefined || this.ended) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, FLUSH_MS);
  }

  /** Hands out what is new; traces whose item has left the graph are done and forgotten. */
  flush(): void {
    const messages: TraceMessage[] = [];
    for (const [traceId, trace] of this.traces) {
      if (trace.pending.length === 0 && !trace.done) continue;
      const m: TraceMessage = { runId: this.runId, traceId, hops: trace.pending };
      if (!trace.announced) {
        m.nodeId = trace.nodeId;
        trace.announced = true;
      }
      if (trace.done) {
        m.done = true;
        this.traces.delete(traceId);
      }
      trace.pending = [];
      messages.push(m);
    }
    if (messages.length > 0) this.out(messages);
  }

  /** The run has ended: every trace is done, whatever its item was doing. */
  end(): void {
    if (this.ended) return;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    for (const trace of this.traces.values()) {
      trace.open = 0;
      trace.done = true;
    }
    this.openTraces = 0;
    this.prune();
    this.flush();
    this.ended = true;
    for (const ask of this.asks.values()) ask.stop();
  }
}
