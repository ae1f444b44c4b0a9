import { POISON_KEYS } from '../../../shared/graph/poison-keys.js';
import {
  HOP_EVENTS,
  type Hop,
  type RecordedTrace,
  type TraceMessage,
} from '../../../shared/protocol/trace.js';

/**
 * `run:trace` payloads are checked on arrival (style.md) and each hop is copied field by field:
 * a hop with an unknown event or no time is left out, and nothing but the contract's fields is
 * kept, so a malformed message cannot put odd keys or types into the store.
 */
const EVENTS: ReadonlySet<string> = new Set(HOP_EVENTS);
/** Longer ids are not ours (the server's are short); refusing them bounds what the store keeps. */
const MAX_ID_LENGTH = 200;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_ID_LENGTH;
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * One hop, cleaned; undefined when it is not one.
 *
 * @example hopOf({ event: 'dequeued', t: 12, edgeId: 'e1', waitMs: 128, x: 1 })
 * // { event: 'dequeued', t: 12, edgeId: 'e1', waitMs: 128 }
 */
export function hopOf(v: unknown): Hop | undefined {
  if (!isRecord(v) || typeof v.event !== 'string' || !EVENTS.has(v.event)) return undefined;
  const t = num(v.t);
  if (t === undefined) return undefined;
  const hop: Hop = { event: v.event as Hop['event'], t };
  if (isId(v.nodeId)) hop.nodeId = v.nodeId;
  if (isId(v.edgeId)) hop.edgeId = v.edgeId;
  for (const key of ['depth', 'waitMs', 'serviceMs', 'attempt', 'e2eMs'] as const) {
    const n = num(v[key]);
    if (n !== undefined) hop[key] = n;
  }
  if (isId(v.reason)) hop.reason = v.reason;
  if (isId(v.mergedInto)) hop.mergedInto = v.mergedInto;
  return hop;
}

/** A `run:trace` message with its hops cleaned; undefined when it is not one. */
export function traceMessageOf(v: unknown): TraceMessage | undefined {
  if (!isRecord(v) || !isId(v.runId) || !isId(v.traceId) || !Array.isArray(v.hops)) return undefined;
  const hops: Hop[] = [];
  for (const raw of v.hops) {
    const hop = hopOf(raw);
    if (hop) hops.push(hop);
  }
  return {
    runId: v.runId,
    traceId: v.traceId,
    ...(isId(v.nodeId) ? { nodeId: v.nodeId } : {}),
    hops,
    ...(v.done === true ? { done: true } : {}),
  };
}

/**
 * A recorded trace (GET …/traces) cleaned like a message; undefined when it is not one. Its id
 * becomes a key of the replay's map: a prototype name is refused.
 */
export function recordedTraceOf(v: unknown): RecordedTrace | undefined {
  if (!isRecord(v) || !isId(v.traceId) || POISON_KEYS.has(v.traceId) || !Array.isArray(v.hops))
    return undefined;
  const hops: Hop[] = [];
  for (const raw of v.hops) {
    const hop = hopOf(raw);
    if (hop) hops.push(hop);
  }
  return { traceId: v.traceId, nodeId: isId(v.nodeId) ? v.nodeId : '', hops, done: v.done === true };
}
