import type { Emit, Fail, Item, TransformBehavior } from '../node-behavior.js';
import type { Traced, Tracer } from '../trace/tracer.js';

/** Traced items a node may hold at once waiting for the result they go into (a batch, a window). */
const MAX_HELD = 20;

/** What the traced path needs of a transform pump. */
export interface TransformParts {
  readonly nodeId: string;
  readonly behavior: TransformBehavior;
  readonly emit: Emit;
  readonly fail: Fail;
  readonly isSink: boolean;
  /** Per port, the items emitted and not yet sent (the arrays the pump will send). */
  emitted(): Array<Item[]>;
  /** Applies the error policy to this call's failures; returns how many items were given up. */
  applyPolicy(now: number): number;
  failures(): number;
}

/**
 * A transform's batches that hold a traced item (the pump sends only marked batches here). Node
 * code sees the same items and calls as without tracing; each traced item goes through in a call
 * of its own, so what that call emits is what the item became — a map's copy, a filter's
 * verdict, a parsed line — and those results carry its trace on. An item absorbed into the node's
 * state (a batch, a window) is held until a result the node says `contains` it goes out.
 */
export class TransformTrace {
  private held: Traced[] = [];

  constructor(
    private readonly tr: Tracer,
    private readonly p: TransformParts,
  ) {}

  /** map / filter: the batch as one call; the executor matches inputs to outputs itself. */
  fast(batch: readonly Item[]): readonly Item[] {
    return traceFast(this.tr, this.p.nodeId, this.p.behavior, batch);
  }

  process(batch: readonly Item[], now: number, wallNow: number): void {
    const { tr, p } = this;
    const b = p.behavior;
    const nodeId = p.nodeId;
    let from = 0;
    for (const x of tr.tracedIn(batch)) {
      if (x.index > from) this.call(batch.slice(from, x.index), now, wallNow);
      const marks = p.emitted().map((a) => a.length);
      const dropped = b.dropped ?? 0;
      const late = b.late ?? 0;
      const t0 = tr.clock.now();
      if (!p.isSink) tr.hop(x.ids, 'started', { nodeId }, t0);
      b.process([x.item as Item], p.emit, now, wallNow, p.fail);
      const failed = p.failures() > 0;
      const gaveUp = failed && p.applyPolicy(now) > 0;
      const t1 = tr.clock.now();
      let made = 0;
      for (const [i, items] of p.emitted().entries()) {
        if (items.length <= (marks[i] ?? 0)) continue;
        for (let k = marks[i] ?? 0; k < items.length; k++) {
          tr.tag(items[k]!, x.ids);
          tr.mark(items, items[k]!);
        }
        made += items.length - (marks[i] ?? 0);
      }
      from = x.index + 1;
      if (made > 0) {
        if (!gaveUp) tr.hop(x.ids, 'finished', { nodeId, serviceMs: ms(t1 - t0) }, t1);
      } else if (gaveUp) {
        tr.hop(x.ids, 'dropped', { nodeId, reason: 'skipped' }, t1);
      } else if (p.isSink) {
        const ts = (x.item as Item).ts;
        const e2e = typeof ts === 'number' ? { e2eMs: ms(Math.max(0, wallNow - ts)) } : {};
        tr.hop(x.ids, 'delivered', { nodeId, ...e2e }, t1);
      } else if ((b.dropped ?? 0) > dropped) {
        tr.hop(x.ids, 'dropped', { nodeId, reason: (b.late ?? 0) > late ? 'late' : 'overflow' }, t1);
      } else if (b.contains !== undefined && this.held.length < MAX_HELD) {
        this.held.push(x); // absorbed: it goes out inside a result later
        continue;
      } else {
        tr.hop(x.ids, 'dropped', { nodeId, reason: 'filtered' }, t1);
      }
      tr.leave(x.ids);
    }
    if (from < batch.length) this.call(from === 0 ? batch : batch.slice(from), now, wallNow);
  }

  /** An untraced run of the batch, its failures settled before the next traced item goes in alone. */
  private call(items: readonly Item[], now: number, wallNow: number): void {
    this.p.behavior.process(items, this.p.emit, now, wallNow, this.p.fail);
    if (this.p.failures() > 0) this.p.applyPolicy(now);
  }

  /** Before a send: results that contain held items carry their traces on (`mergedInto` names them all). */
  mergeHeld(): void {
    if (this.held.length === 0) return;
    const { tr } = this;
    const contains = this.p.behavior.contains!;
    const nodeId = this.p.nodeId;
    for (const items of this.p.emitted()) {
      for (const result of items) {
        const into = this.held.filter((h) => contains(result, h.item as Item));
        if (into.length === 0) continue;
        const ids = [...new Set(into.flatMap((h) => h.ids))];
        tr.tag(result, ids);
        tr.mark(items, result);
        for (const h of into) {
          tr.hop(h.ids, 'finished', { nodeId, mergedInto: joinIds(ids) });
          tr.leave(h.ids);
        }
        this.held = this.held.filter((h) => !into.includes(h));
        if (this.held.length === 0) return;
      }
    }
  }

  /** Input has ended and everything held was emitted: what no result contained went nowhere. */
  finish(): void {
    for (const h of this.held) {
      this.tr.hop(h.ids, 'dropped', { nodeId: this.p.nodeId, reason: 'discarded' });
      this.tr.leave(h.ids);
    }
    this.held = [];
  }
}

/**
 * A marked batch through a stateless batch step (map, filter; also a fused loop's stages): one
 * call for the whole batch, each traced input matched to its output by place (a map, maybe a
 * copy) or kept (a filter), else dropped as filtered.
 */
export function traceFast(
  tr: Tracer,
  nodeId: string,
  behavior: TransformBehavior,
  batch: readonly Item[],
): readonly Item[] {
  const traced = tr.tracedIn(batch); // before the call: a filter owning its batch compacts it
  const t0 = tr.clock.now();
  for (const x of traced) tr.hop(x.ids, 'started', { nodeId }, t0);
  const n = batch.length;
  const out = behavior.processBatch!(batch);
  const t1 = tr.clock.now();
  for (const x of traced) {
    // One output per input at the same place (a map, maybe a copy), or the item itself kept.
    const same = out.length === n ? out[x.index]! : out.includes(x.item as Item) ? x.item : undefined;
    if (same === undefined) {
      tr.hop(x.ids, 'dropped', { nodeId, reason: 'filtered' }, t1);
    } else {
      if (same !== x.item) tr.tag(same, x.ids);
      tr.mark(out, same);
      tr.hop(x.ids, 'finished', { nodeId, serviceMs: ms(t1 - t0) }, t1);
    }
    tr.leave(x.ids); // what it became is sent in this turn: the flush sees its new places
  }
  return out;
}

const ms = (x: number) => Math.round(x * 1000) / 1000;

/** `mergedInto`: the ids joined by `,`, as many as fit in 200 characters (what a client keeps of an id field). */
function joinIds(ids: readonly string[]): string {
  let out = '';
  for (const id of ids) {
    const next = out === '' ? id : `${out},${id}`;
    if (next.length > 200) break;
    out = next;
  }
  return out;
}
