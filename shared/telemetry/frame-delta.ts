import { POISON_KEYS } from '../graph/poison-keys.js';
import type { EdgeTelemetry, NodeTelemetry, TelemetryFrame } from '../protocol/telemetry.js';

/**
 * `run:telemetry-delta`: a frame told as what changed since the frame `base` (same run), for
 * subscribers that asked for it (`run:subscribe { delta: true }`, docs/telemetry.md). Every
 * top-level field of the new frame is carried whole (seq, t, dtMs, totals: a few bytes); of
 * `edges` and `nodes`, only entries that are new (whole) or changed (only the fields that
 * differ, a nested object such as `limiter` whole), the fields an entry lost in `unset`, and
 * the ids of entries gone (a live edit removed them). `applyFrameDelta(base, frameDelta(base,
 * next))` deep-equals `next` as JSON.
 */
export interface TelemetryDelta extends Omit<TelemetryFrame, 'edges' | 'nodes'> {
  /** `seq` of the frame this one is told against: the receiver must hold exactly that frame. */
  base: number;
  edges: Record<string, Partial<EdgeTelemetry>>;
  nodes: Record<string, Partial<NodeTelemetry>>;
  /** Fields an entry had in `base` and no longer has (e.g. `meanWaitMs` when nothing left a queue). */
  unset?: { edges?: Record<string, string[]>; nodes?: Record<string, string[]> };
  /** Entries in `base` that the new frame no longer has. */
  gone?: { edges?: string[]; nodes?: string[] };
}

/** JSON values equal (numbers, strings, booleans, null, arrays, plain objects); undefined fields count as absent. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let na = 0;
  for (const k in ra) {
    if (ra[k] === undefined) continue;
    na++;
    if (!sameJson(ra[k], rb[k])) return false;
  }
  let nb = 0;
  for (const k in rb) if (rb[k] !== undefined) nb++;
  return na === nb;
}

type Entry = Record<string, unknown>;

/** The fields of `after` that differ from `before`, and those `before` had that `after` lacks. */
function fieldChanges(before: Entry, after: Entry): { set: Entry | null; unset: string[] | null } {
  const set: Entry = {};
  let any = false;
  for (const k in after) {
    const v = after[k];
    if (v !== undefined && !sameJson(before[k], v)) {
      set[k] = v;
      any = true;
    }
  }
  const unset: string[] = [];
  for (const k in before) if (before[k] !== undefined && after[k] === undefined) unset.push(k);
  return { set: any ? set : null, unset: unset.length > 0 ? unset : null };
}

function changed<T extends object>(
  before: Record<string, T>,
  after: Record<string, T>,
): { out: Record<string, Partial<T>>; unset: Record<string, string[]> | null; gone: string[] } {
  const out: Record<string, Partial<T>> = {};
  const unset: Record<string, string[]> = {};
  let anyUnset = false;
  for (const id in after) {
    const was = before[id];
    if (was === undefined) {
      out[id] = after[id]!;
      continue;
    }
    const c = fieldChanges(was as Entry, after[id] as Entry);
    if (c.set) out[id] = c.set as Partial<T>;
    if (c.unset) {
      unset[id] = c.unset;
      anyUnset = true;
      out[id] ??= {};
    }
  }
  const gone: string[] = [];
  for (const id in before) if (!(id in after)) gone.push(id);
  return { out, unset: anyUnset ? unset : null, gone };
}

/** What `next` changed since `base` (both of one run, `base` sent before). */
export function frameDelta(base: TelemetryFrame, next: TelemetryFrame): TelemetryDelta {
  const { edges, nodes, ...top } = next;
  const e = changed(base.edges, edges);
  const n = changed(base.nodes, nodes);
  const delta: TelemetryDelta = { ...top, base: base.seq, edges: e.out, nodes: n.out };
  if (e.unset || n.unset) {
    delta.unset = {};
    if (e.unset) delta.unset.edges = e.unset;
    if (n.unset) delta.unset.nodes = n.unset;
  }
  if (e.gone.length > 0 || n.gone.length > 0) {
    delta.gone = {};
    if (e.gone.length > 0) delta.gone.edges = e.gone;
    if (n.gone.length > 0) delta.gone.nodes = n.gone;
  }
  return delta;
}

/** `entry` with `changes` over it and `unset` fields removed; a new object, poisoning keys skipped. */
function patched(entry: Entry | undefined, changes: Entry, unset: unknown): Entry {
  const out: Entry = {};
  if (entry) for (const k in entry) out[k] = entry[k];
  for (const k of Object.keys(changes)) if (!POISON_KEYS.has(k)) out[k] = changes[k];
  if (Array.isArray(unset)) for (const k of unset) if (typeof k === 'string') delete out[k];
  return out;
}

function merged<T>(
  before: Record<string, T>,
  changes: Record<string, Partial<T>>,
  unset: Record<string, string[]> | undefined,
  gone: string[] | undefined,
): Record<string, T> {
  // A plain copy then assignments: `__proto__` among untrusted ids would reach the prototype.
  const out: Record<string, T> = { ...before };
  if (Array.isArray(gone)) for (const id of gone) if (typeof id === 'string') delete out[id];
  for (const id of Object.keys(changes)) {
    const c = changes[id];
    if (POISON_KEYS.has(id) || typeof c !== 'object' || c === null) continue;
    out[id] = patched(before[id] as Entry | undefined, c as Entry, unset?.[id]) as T;
  }
  return out;
}

/**
 * The full frame a delta tells, from the frame it was told against; null when `base` is not
 * that frame (another run, or a frame in between was missed: wait for the next full frame).
 * Entries that did not change keep their objects, so per-entry selectors do not re-render.
 */
export function applyFrameDelta(base: TelemetryFrame, delta: TelemetryDelta): TelemetryFrame | null {
  if (base.runId !== delta.runId || base.seq !== delta.base) return null;
  const { base: _base, edges, nodes, unset, gone, ...top } = delta;
  return {
    ...top,
    edges: merged(base.edges, edges, unset?.edges, gone?.edges),
    nodes: merged(base.nodes, nodes, unset?.nodes, gone?.nodes),
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A shallow check of a `run:telemetry-delta` payload (it runs at 10 Hz on a page's main thread). */
export function isTelemetryDelta(v: unknown): v is TelemetryDelta {
  return (
    isRecord(v) &&
    typeof v.runId === 'string' &&
    typeof v.seq === 'number' &&
    typeof v.t === 'number' &&
    typeof v.base === 'number' &&
    isRecord(v.edges) &&
    isRecord(v.nodes) &&
    (v.gone === undefined || isRecord(v.gone)) &&
    (v.unset === undefined || isRecord(v.unset))
  );
}

/**
 * A subscriber's side of delta telemetry: the whole frames it received (`run:telemetry`, the
 * subscription's ack) and the deltas (`run:telemetry-delta`) become the same frames a full
 * subscriber gets. Holds one frame: the last one.
 *
 * @example
 * const frames = new DeltaFrames();
 * frames.whole(keyframe);           // seq 7
 * frames.delta(deltaAgainst7)       // the whole frame 8, or null when it cannot be rebuilt
 */
export class DeltaFrames {
  private last: TelemetryFrame | null = null;

  /**
   * A whole frame arrived: the next delta is told against it. One socket delivers in order, so
   * the last frame received is the one the server tells the next delta against.
   */
  whole(frame: TelemetryFrame): void {
    this.last = frame;
  }

  /** The whole frame `delta` tells, or null (not told against the frame held: wait for a whole one). */
  delta(delta: TelemetryDelta): TelemetryFrame | null {
    const frame = this.last && applyFrameDelta(this.last, delta);
    if (frame) this.last = frame;
    return frame;
  }

  clear(): void {
    this.last = null;
  }
}
