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
  /** Its hops were read whole from the server once it was done (socket messages can be skipped). */
  synced?: boolean;
}

export interface TraceBook {
  traces: Record<string, FollowedTrace>;
  /** Oldest first. */
  order: string[];
}

export const EMPTY_BOOK: TraceBook = { traces: {}, order: [] };

/**
 * Hops added to an item's list in the order they happened (the server's order: a worker's
 * `started` may carry a scheduled time a little before the `dequeued` that led to it, so this
 * is not sorted by `t`), bounded: past MAX_HOPS the oldest of the newest TAIL_HOPS goes, so the
 * start of the path (the waterfall's first rows) and where the item is now (the token) are kept.
 *
 * @example appendHops([], [{ event: 'enqueued', t: 1, edgeId: 'e1', depth: 3 }], 0).hops.length // 1
 */
export function appendHops(hops: readonly Hop[], fresh: readonly Hop[], omitted: number) {
  const next = [...hops];
  let dropped = omitted;
  for (const hop of fresh) {
    next.push(hop);
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
  keep: readonly (string | null)[] = [],
) {
  let next = book;
  for (const traceId of traceIds) {
    const known = next.traces[traceId];
    if (known) {
      // Its hops came over the socket before the reply to Follow: it was named after its first
      // hop's node (often the sink); the user followed `nodeId`.
      if (known.nodeId !== nodeId)
        next = { ...next, traces: { ...next.traces, [traceId]: { ...known, nodeId } } };
      continue;
    }
    const trace: FollowedTrace = { traceId, nodeId, hops: [], done: false, omitted: 0 };
    next = bounded({ traces: { ...next.traces, [traceId]: trace }, order: [...next.order, traceId] }, keep);
  }
  return next;
}

/** A `run:trace` message folded in: a new item (sampled 1 in N) or more hops of a known one. */
export function addMessage(
  book: TraceBook,
  message: TraceMessage,
  keep: readonly (string | null)[] = [],
): TraceBook {
  const known = book.traces[message.traceId];
  const { hops, omitted } = appendHops(known?.hops ?? [], message.hops, known?.omitted ?? 0);
  const trace: FollowedTrace = {
    traceId: message.traceId,
    nodeId: known?.nodeId ?? message.nodeId ?? startNode(hops),
    hops,
    done: (known?.done ?? false) || message.done === true,
    omitted,
  };
  const traces = { ...book.traces, [message.traceId]: trace };
  return known
    ? { traces, order: book.order }
    : bounded({ traces, order: [...book.order, message.traceId] }, keep);
}

/**
 * An item's hops as the server holds them (GET traces/:traceId), replacing what the socket
 * brought: a socket that was not reading skipped messages. Unknown items (forgotten) stay out.
 */
export function withDetail(
  book: TraceBook,
  detail: { traceId: string; nodeId?: string; hops: readonly Hop[]; done: boolean },
): TraceBook {
  const known = book.traces[detail.traceId];
  if (!known) return book;
  const { hops, omitted } = appendHops([], detail.hops, 0);
  const trace: FollowedTrace = {
    ...known,
    nodeId: known.nodeId ?? detail.nodeId ?? startNode(hops),
    hops,
    omitted,
    done: known.done || detail.done,
    synced: detail.done,
  };
  return { traces: { ...book.traces, [detail.traceId]: trace }, order: book.order };
}

/** The oldest items go past MAX_TRACES, except those in `keep` (the one the waterfall shows). */
function bounded(book: TraceBook, keep: readonly (string | null)[]): TraceBook {
  if (book.order.length <= MAX_TRACES) return book;
  const order = [...book.order];
  const traces = { ...book.traces };
  while (order.length > MAX_TRACES) {
    const at = order.findIndex((id) => !keep.includes(id));
    if (at < 0) break;
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
