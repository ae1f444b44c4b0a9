import type { Hop, TraceMessage } from '../../../shared/protocol/trace.js';

/** Followed items kept per run: the newest, so following 1 in N for an hour holds 20, not thousands. */
export const MAX_TRACES = 20;
/** Hops kept per item; past it the middle goes (see appendHops). */
export const MAX_HOPS = 200;
/** Of MAX_HOPS, how many of the newest are always kept: the token needs to know where it is now. */
const TAIL_HOPS = 20;

export interface FollowedTrace {
  traceId: string;
  /** The node it was followed from (the first hop's node for items sampled 1 in N). */
  nodeId: string | null;
  hops: Hop[];
  done: boolean;
  /** Hops not kept (past MAX_HOPS), counted so the waterfall can say so. */
  omitted: number;
}

export interface TraceBook {
  traces: Record<string, FollowedTrace>;
  /** Oldest first. */
  order: string[];
}

export const EMPTY_BOOK: TraceBook = { traces: {}, order: [] };

/**
 * Hops added to an item's list in time order, bounded: past MAX_HOPS the oldest of the newest
 * TAIL_HOPS goes, so the start of the path (the waterfall's first rows) and where the item is
 * now (the token) are both kept.
 *
 * @example appendHops([], [{ event: 'enqueued', t: 1, edgeId: 'e1', depth: 3 }], 0).hops.length // 1
 */
export function appendHops(hops: readonly Hop[], fresh: readonly Hop[], omitted: number) {
  const next = [...hops];
  let dropped = omitted;
  for (const hop of fresh) {
    // Messages arrive in order; a late hop (a reconnect) still goes to its place by time.
    let at = next.length;
    while (at > 0 && (next[at - 1]?.t ?? 0) > hop.t) at--;
    next.splice(at, 0, hop);
    if (next.length > MAX_HOPS) {
      next.splice(MAX_HOPS - TAIL_HOPS, 1);
      dropped++;
    }
  }
  return { hops: next, omitted: dropped };
}

function startNode(hops: readonly Hop[]): string | null {
  return hops.find((h) => h.nodeId !== undefined)?.nodeId ?? null;
}

/** Items this page asked to follow, before any hop of theirs arrived. */
export function addFollowed(
  book: TraceBook,
  nodeId: string,
  traceIds: readonly string[],
  keep?: string | null,
) {
  let next = book;
  for (const traceId of traceIds) {
    if (next.traces[traceId]) continue;
    const trace: FollowedTrace = { traceId, nodeId, hops: [], done: false, omitted: 0 };
    next = bounded({ traces: { ...next.traces, [traceId]: trace }, order: [...next.order, traceId] }, keep);
  }
  return next;
}

/** A `run:trace` message folded in: a new item (sampled 1 in N) or more hops of a known one. */
export function addMessage(book: TraceBook, message: TraceMessage, keep?: string | null): TraceBook {
  const known = book.traces[message.traceId];
  const { hops, omitted } = appendHops(known?.hops ?? [], message.hops, known?.omitted ?? 0);
  const trace: FollowedTrace = {
    traceId: message.traceId,
    nodeId: known?.nodeId ?? startNode(hops),
    hops,
    done: (known?.done ?? false) || message.done === true,
    omitted,
  };
  const traces = { ...book.traces, [message.traceId]: trace };
  return known
    ? { traces, order: book.order }
    : bounded({ traces, order: [...book.order, message.traceId] }, keep);
}

/** The oldest items go past MAX_TRACES, except `keep` (the one the waterfall shows). */
function bounded(book: TraceBook, keep?: string | null): TraceBook {
  if (book.order.length <= MAX_TRACES) return book;
  const order = [...book.order];
  const traces = { ...book.traces };
  while (order.length > MAX_TRACES) {
    const at = order[0] === keep ? 1 : 0;
    const [gone] = order.splice(at, 1);
    if (gone !== undefined) delete traces[gone];
  }
  return { traces, order };
}

/**
 * A trace id short enough to print on the canvas token: short ids whole, long ones by their
 * last four characters (the part that differs between consecutive ids).
 *
 * @example shortTraceId('t12') // 't12'
 * @example shortTraceId('7f3c9a01-44') // '1-44'
 */
export function shortTraceId(traceId: string): string {
  return traceId.length <= 6 ? traceId : traceId.slice(-4);
}
