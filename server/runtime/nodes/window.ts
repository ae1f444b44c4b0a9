import type { ParamsOf } from '../../../shared/catalog/define-kind.js';
import type { windowKind } from '../../../shared/catalog/kinds/window.js';
import { toText } from '../../../shared/expr/values.js';
import type { Emit, NodeContext, TransformBehavior } from '../node-behavior.js';
import { compileParam } from './compile-param.js';
import {
  type Aggregate,
  addToAggregate,
  mergeAggregates,
  newAggregate,
  windowResult,
} from './window-aggregate.js';

type Params = ParamsOf<typeof windowKind>;

/** What happened to one item. */
const OK = 0;
const LATE = 1;
const FULL = 2;
type Outcome = typeof OK | typeof LATE | typeof FULL;

/**
 * Event-time windows. The watermark is the newest ts seen minus allowedLatenessMs; a window fires
 * once the watermark reaches its end, and an item only joins windows that have not reached it.
 * Results depend only on the order of items, never on how they were batched.
 *
 * A late item (its windows have all closed) and one that would open a window past maxKeys are not
 * failures: the late one goes out of `late`, and what has nowhere to go is dropped — counted in
 * the node's `dropped` and so in the run's losses, where the user looks for what was lost.
 */
export function createWindow(ctx: NodeContext<Params>): TransformBehavior & WindowCounters {
  const p = ctx.params;
  const fieldEvaluator = compileParam(p.field, 'field');
  const keyEvaluator = compileParam(p.key, 'key');
  const cap = p.p95Samples;
  const size = p.sizeMs;
  const slide = p.type === 'sliding' ? p.slideMs : size;
  const random = ctx.random;
  /** Open windows by key; per key by start (tumbling, sliding) or a short list (sessions). */
  const byKey = new Map<unknown, Map<number, Aggregate>>();
  const sessions = new Map<unknown, Aggregate[]>();
  let open = 0;
  let opened = 0;
  let watermark = Number.NEGATIVE_INFINITY;
  /** Earliest end among open windows: nothing can fire before the watermark reaches it. */
  let minEnd = Number.POSITIVE_INFINITY;
  const counters = { late: 0, overflow: 0, dropped: 0 };
  // Without a plan (a behaviour built alone in a test), every port counts as connected.
  const lateGoesOut = ctx.connectedOutputs?.has('late') ?? true;

  const addSliding = (key: unknown, ts: number, value: unknown): Outcome => {
    const last = Math.floor(ts / slide) * slide;
    if (last + size <= watermark) return LATE;
    // Windows holding ts start at multiples of slide in (ts − size, ts]; closed ones are skipped.
    let wins = byKey.get(key);
    let needed = 0;
    for (let s = last; s > ts - size && s + size > watermark; s -= slide) if (!wins?.has(s)) needed++;
    if (open + needed > p.maxKeys) return FULL;
    if (!wins) {
      wins = new Map();
      byKey.set(key, wins);
    }
    for (let s = last; s > ts - size && s + size > watermark; s -= slide) {
      let a = wins.get(s);
      if (!a) {
        a = newAggregate(key, opened++, s, s + size);
        wins.set(s, a);
        open++;
        if (a.end < minEnd) minEnd = a.end;
      }
      addToAggregate(a, value, ts, cap, random);
    }
    return OK;
  };

  const addSession = (key: unknown, ts: number, value: unknown): Outcome => {
    const list = sessions.get(key) ?? [];
    let into: Aggregate | undefined;
    for (let i = 0; i < list.length; i++) {
      const s = list[i]!;
      // Sessions the watermark has passed are closed (they fire at the end of this batch).
      if (s.end <= watermark || !(ts < s.end && s.start < ts + p.gapMs)) continue;
      if (!into) into = s;
      else {
        mergeAggregates(into, s, cap, random); // the item bridges two sessions: they become one
        list.splice(i--, 1);
        open--;
      }
    }
    if (!into) {
      if (ts + p.gapMs <= watermark) return LATE;
      if (open + 1 > p.maxKeys) return FULL;
      into = newAggregate(key, opened++, ts, ts + p.gapMs);
      list.push(into);
      if (!sessions.has(key)) sessions.set(key, list);
      open++;
    }
    addToAggregate(into, value, ts, cap, random);
    into.start = Math.min(into.start, ts);
    into.end = Math.max(into.end, ts + p.gapMs);
    if (into.end < minEnd) minEnd = into.end;
    return OK;
  };

  const add = p.type === 'session' ? addSession : addSliding;

  /**
   * Emits every window the watermark has reached, by end, then start, then the order windows
   * opened — an order that depends only on the items, not on how they were batched.
   */
  const fire = (emit: Emit, upTo: number) => {
    if (minEnd > upTo) return;
    const due: Aggregate[] = [];
    minEnd = Number.POSITIVE_INFINITY;
    const keep = (a: Aggregate): boolean => {
      if (a.end <= upTo) {
        due.push(a);
        open--;
        return false;
      }
      if (a.end < minEnd) minEnd = a.end;
      return true;
    };
    for (const [key, wins] of byKey) {
      for (const [start, a] of wins) if (!keep(a)) wins.delete(start);
      if (wins.size === 0) byKey.delete(key);
    }
    for (const [key, list] of sessions) {
      const left = list.filter(keep);
      if (left.length === 0) sessions.delete(key);
      else sessions.set(key, left);
    }
    due.sort((a, b) => a.end - b.end || a.start - b.start || a.seq - b.seq);
    for (const a of due) emit('out', windowResult(a));
  };

  return {
    type: 'transform',
    get dropped() {
      return counters.dropped;
    },
    get late() {
      return counters.late;
    },
    get overflow() {
      return counters.overflow;
    },
    get openWindows() {
      return open;
    },
    // A result is one key's window: the item's key, and its ts inside the window's span.
    contains(result, input) {
      const ts = input.ts;
      if (typeof ts !== 'number' || typeof result.windowStart !== 'number') return false;
      const end = result.windowEnd as number;
      return ts >= result.windowStart && ts < end && normaliseKey(keyEvaluator()(input)) === result.key;
    },
    process(items, emit, _now, wallNow) {
      const fieldOf = fieldEvaluator();
      const keyOf = keyEvaluator();
      for (let i = 0; i < items.length; i++) {
        const item = items[i]!;
        const raw = item.ts;
        // Items carry their source's ts; one that does not is placed at arrival time.
        const ts = typeof raw === 'number' && Number.isFinite(raw) ? raw : wallNow;
        if (ts - p.allowedLatenessMs > watermark) watermark = ts - p.allowedLatenessMs;
        const key = normaliseKey(keyOf(item));
        const value = fieldOf(item);
        let outcome = add(key, ts, value);
        if (outcome === FULL && minEnd <= watermark) {
          fire(emit, watermark); // windows waiting to fire still hold room: free it, then retry
          outcome = add(key, ts, value);
        }
        if (outcome === LATE) {
          counters.late++;
          if (lateGoesOut) emit('late', item);
          else counters.dropped++;
        } else if (outcome === FULL) {
          counters.overflow++;
          counters.dropped++;
        }
      }
      fire(emit, watermark);
    },
    finish(emit) {
      fire(emit, Number.POSITIVE_INFINITY);
    },
  };
}

/** Counters tests and docs refer to (the executor reports `dropped` and `late`). */
export interface WindowCounters {
  readonly late: number;
  readonly overflow: number;
  readonly dropped: number;
  readonly openWindows: number;
}

/** Map keys by value: strings, numbers, booleans and null as they are; lists and objects by their text. */
function normaliseKey(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  return toText(v);
}
