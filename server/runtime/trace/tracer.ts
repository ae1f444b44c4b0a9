import type { Hop, HopEvent, TraceMessage } from '../../../shared/protocol/trace.js';
import type { Clock } from '../clock.js';

/** Hops kept per trace; past it a trace records nothing more (memory is bounded everywhere). */
export const MAX_HOPS = 200;
/** Traces open at once per run. Sampling (`every`) skips items while this many are open. */
export const MAX_OPEN = 20;
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
  every = 0;
  private seen = 0;

  constructor(
    readonly tracer: Tracer,
    readonly nodeId: string,
  ) {}

  /** Whether a send must look at its batch: one compare on every batch a node emits. */
  get on(): boolean {
    return this.ids.length > 0 || this.every > 0;
  }

  /** Tags the items of `batch` this node was asked for. */
  mark(batch: readonly object[]): void {
    const t = this.tracer;
    if (this.ids.length > 0) {
      const n = Math.min(this.ids.length, batch.length);
      for (let i = 0; i < n; i++) t.begin(batch[i]!, this.ids.shift()!, this.nodeId);
      t.live -= n; // asked-for ids were counted as live; each is an open trace now
    }
    if (this.every > 0) {
      // One in `every`: the items whose running count crosses a multiple of it.
      const before = this.seen;
      this.seen += batch.length;
      const first = Math.ceil((before + 1) / this.every) * this.every;
      for (let k = first; k <= this.seen; k += this.every) {
        if (t.openCount >= MAX_OPEN) break;
        t.begin(batch[k - before - 1]!, t.sampleId(), this.nodeId);
      }
    }
  }
}

/**
 * A run's traces (issue 18). Items are tagged in a side table (`WeakMap`), never on the object
 * node code sees, and batches holding a traced item are marked (`batches`), so queues and
 * executors pay one check per batch — `live > 0 && batches.has(batch)` — and look at items only
 * in marked batches. Hops are buffered per trace and handed out every FLUSH_MS.
 *
 * A trace counts the places its item is (`open`): every edge it is sent on adds one, every node
 * that finishes with it (delivered, filtered, merged, sent on) takes one; dropped takes one. It
 * is done when none is left.
 */
export class Tracer {
  /** Open traces plus ids asked for and not started: 0 stops every check at this field. */
  live = 0;
  readonly batches = new WeakSet<readonly unknown[]>();
  private readonly tags = new WeakMap<object, TraceIds>();
  private readonly traces = new Map<string, Trace>();
  private readonly asks = new Map<string, NodeAsk>();
  private timer: unknown;
  private seq = 0;
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
    const ask = this.askOf(nodeId);
    if (req.ids) {
      ask.ids.push(...req.ids);
      this.live += req.ids.length;
    }
    if (req.every !== undefined) {
      if (ask.every > 0) this.live--;
      ask.every = req.every;
      if (ask.every > 0) this.live++; // sampling keeps the checks on
    }
  }

  get openCount(): number {
    return this.traces.size;
  }

  sampleId(): string {
    return `s${++this.seq}`;
  }

  /** Starts trace `id` on `item` (as it leaves `nodeId`). */
  begin(item: object, id: string, nodeId: string): void {
    this.traces.set(id, { nodeId, open: 0, hops: 0, pending: [], done: false, announced: false });
    this.live++;
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
    return this.live > 0 && this.batches.has(batch);
  }

  /** `to` is part of `from` (a slice): it keeps the mark. */
  derive(from: readonly unknown[], to: readonly unknown[]): void {
    if (this.live > 0 && this.batches.has(from)) this.batches.add(to);
  }

  /** The traced items of a marked batch. */
  tracedIn(batch: readonly object[]): Traced[] {
    const found: Traced[] = [];
    for (let i = 0; i < batch.length; i++) {
      const ids = this.tags.get(batch[i]!);
      if (ids !== undefined) found.push({ item: batch[i]!, index: i, ids });
    }
    return found;
  }

  /** Run ms since the run started, as hops carry it. */
  t(now = this.clock.now()): number {
    return Math.round((now - this.startedAt) * 1000) / 1000;
  }

  hop(ids: TraceIds, event: HopEvent, fields: Omit<Hop, 'event' | 't'>, now?: number): void {
    const t = this.t(now);
    for (const id of ids) {
      const trace = this.traces.get(id);
      if (!trace || trace.hops >= MAX_HOPS) continue;
      trace.hops++;
      trace.pending.push({ event, t, ...fields });
    }
    this.arm();
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
      if (trace.open <= 0) this.arm(); // decided at the flush: a send may add places before then
    }
  }

  /** A batch is being sent on `k` edges: its traced items are in `k` more places. */
  sent(batch: readonly object[], k: number): void {
    for (let i = 0; i < batch.length; i++) {
      const ids = this.tags.get(batch[i]!);
      if (ids !== undefined) this.enter(ids, k);
    }
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
      if (trace.open <= 0) trace.done = true;
      if (trace.pending.length === 0 && !trace.done) continue;
      const m: TraceMessage = { runId: this.runId, traceId, hops: trace.pending };
      if (!trace.announced) {
        m.nodeId = trace.nodeId;
        trace.announced = true;
      }
      if (trace.done) {
        m.done = true;
        this.traces.delete(traceId);
        this.live--;
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
    for (const trace of this.traces.values()) trace.open = 0;
    for (const trace of this.traces.values()) trace.done = true;
    this.flush();
    this.ended = true;
    this.live = 0;
    for (const ask of this.asks.values()) {
      ask.ids = [];
      ask.every = 0;
    }
  }
}
