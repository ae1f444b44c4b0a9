import type { Hop } from '../../../shared/protocol/trace.js';

/** A stretch of one item's time, in ms from its first hop: queued, in service, or backing off. */
export interface WaterfallBar {
  kind: 'wait' | 'service' | 'backoff';
  from: number;
  to: number;
  /** Still going (no closing hop yet): `to` is "now". */
  open: boolean;
}

export interface WaterfallMark {
  kind: 'retried' | 'dropped' | 'dead-lettered' | 'delivered';
  at: number;
  text: string;
}

/** One queue or node the item passed through, in the order it got there. */
export interface WaterfallRow {
  key: string;
  kind: 'edge' | 'node';
  id: string;
  bars: WaterfallBar[];
  marks: WaterfallMark[];
  waitMs: number;
  serviceMs: number;
  /** Edges: items ahead of it when it arrived. */
  depth?: number;
}

export type TraceOutcome = 'delivered' | 'dropped' | 'dead-lettered' | 'in flight';

export interface Waterfall {
  rows: WaterfallRow[];
  /** Run time (ms) of the first hop: the axis' 0. */
  origin: number;
  /** The axis' length in ms (at least 1, so an instant item still draws). */
  spanMs: number;
  waitMs: number;
  serviceMs: number;
  /** End-to-end ms: the delivery's own figure, else first to last hop once it is over; null in flight. */
  totalMs: number | null;
  outcome: TraceOutcome;
}

const OUTCOME_RANK: Record<TraceOutcome, number> = {
  'in flight': 0,
  dropped: 1,
  'dead-lettered': 2,
  delivered: 3,
};

/**
 * The waterfall of one followed item: a row per queue and node it went through, with bars for
 * time queued (wait) and in service on one time axis, and its retries, drop or delivery marked.
 * `now` (run time) closes bars still open, so a queued item's wait grows while it waits.
 *
 * @example
 * layoutWaterfall([
 *   { event: 'enqueued', t: 0, edgeId: 'e1', depth: 63 },
 *   { event: 'dequeued', t: 128, edgeId: 'e1', waitMs: 128 },
 *   { event: 'started', t: 128, nodeId: 'work' },
 *   { event: 'finished', t: 130, nodeId: 'work', serviceMs: 2 },
 * ]).rows.map((r) => [r.id, r.waitMs, r.serviceMs]) // [['e1', 128, 0], ['work', 0, 2]]
 */
export function layoutWaterfall(hops: readonly Hop[], now?: number): Waterfall {
  // Hops come in the order they happened; a scheduled time can run slightly ahead, so the
  // axis spans the earliest to the latest time, not the first to the last hop.
  const times = hops.map((h) => h.t);
  const origin = hops.length > 0 ? Math.min(...times) : 0;
  const end = Math.max(now ?? Number.NEGATIVE_INFINITY, ...times, origin) - origin;
  const rows: WaterfallRow[] = [];
  const openRow = new Map<string, WaterfallRow>();
  let outcome: TraceOutcome = 'in flight';
  let delivered: number | undefined;
  const rowFor = (kind: 'edge' | 'node', id: string, fresh: boolean): WaterfallRow => {
    const key = `${kind}:${id}`;
    const known = openRow.get(key);
    if (known && !fresh) return known;
    const row: WaterfallRow = {
      key: `${key}:${rows.length}`,
      kind,
      id,
      bars: [],
      marks: [],
      waitMs: 0,
      serviceMs: 0,
    };
    rows.push(row);
    openRow.set(key, row);
    return row;
  };
  const close = (row: WaterfallRow, kind: WaterfallBar['kind'], at: number, ms?: number) => {
    const bar = row.bars.findLast((b) => b.kind === kind && b.open);
    if (bar) {
      bar.open = false;
      bar.from = ms === undefined ? bar.from : Math.min(bar.from, at - ms);
      bar.to = at;
    } else if (ms !== undefined) row.bars.push({ kind, from: at - ms, to: at, open: false });
    const took = ms ?? (bar ? bar.to - bar.from : 0);
    if (kind === 'wait') row.waitMs += took;
    else if (kind === 'service') row.serviceMs += took;
  };
  const settle = (o: TraceOutcome) => {
    if (OUTCOME_RANK[o] > OUTCOME_RANK[outcome]) outcome = o;
  };

  for (const hop of hops) {
    const at = hop.t - origin;
    const edge = hop.edgeId;
    const node = hop.nodeId;
    switch (hop.event) {
      case 'enqueued':
        if (edge === undefined) break;
        {
          const row = rowFor('edge', edge, true);
          if (hop.depth !== undefined) row.depth = hop.depth;
          row.bars.push({ kind: 'wait', from: at, to: at, open: true });
        }
        break;
      case 'dequeued':
        if (edge !== undefined) close(rowFor('edge', edge, false), 'wait', at, hop.waitMs);
        break;
      case 'started':
        if (node === undefined) break;
        {
          // A retry starts again on the same row; a node reached anew (another path) gets its own.
          const last = rows.at(-1);
          const row = last?.kind === 'node' && last.id === node ? last : rowFor('node', node, true);
          row.bars.push({ kind: 'service', from: at, to: at, open: true });
        }
        break;
      case 'finished':
        if (node !== undefined) close(rowFor('node', node, false), 'service', at, hop.serviceMs);
        break;
      case 'retried':
        if (node === undefined) break;
        {
          const row = rowFor('node', node, false);
          const bar = row.bars.findLast((b) => b.kind === 'service' && b.open);
          if (bar) close(row, 'service', at);
          const backoff = hop.waitMs ?? 0;
          if (backoff > 0) row.bars.push({ kind: 'backoff', from: at, to: at + backoff, open: false });
          row.marks.push({ kind: 'retried', at, text: `retry ${hop.attempt ?? ''}`.trim() });
        }
        break;
      case 'dropped': {
        const row = edge !== undefined ? rowFor('edge', edge, false) : rowFor('node', node ?? '?', false);
        for (const bar of row.bars) if (bar.open) Object.assign(bar, { open: false, to: at });
        const depth = hop.depth === undefined ? '' : ` at ${hop.depth}`;
        row.marks.push({ kind: 'dropped', at, text: `dropped (${hop.reason ?? 'dropped'}${depth})` });
        settle('dropped');
        break;
      }
      case 'dead-lettered':
        rowFor('node', node ?? '?', false).marks.push({ kind: 'dead-lettered', at, text: 'dead letter' });
        settle('dead-lettered');
        break;
      case 'delivered': {
        const row = node !== undefined ? rowFor('node', node, false) : rows.at(-1);
        row?.marks.push({ kind: 'delivered', at, text: 'delivered' });
        delivered = Math.max(delivered ?? 0, hop.e2eMs ?? at);
        settle('delivered');
        break;
      }
    }
  }
  // Bars still open run to now: the wait of an item still queued grows as you watch.
  for (const row of rows)
    for (const bar of row.bars) {
      if (!bar.open) continue;
      bar.to = Math.max(bar.from, end);
      if (bar.kind === 'wait') row.waitMs += bar.to - bar.from;
      else if (bar.kind === 'service') row.serviceMs += bar.to - bar.from;
    }
  const last = hops.at(-1)?.t;
  const totalMs = delivered ?? (outcome !== 'in flight' && last !== undefined ? last - origin : null);
  return {
    rows,
    origin,
    spanMs: Math.max(1, end, ...rows.flatMap((r) => r.bars.map((b) => b.to))),
    waitMs: rows.reduce((sum, r) => sum + r.waitMs, 0),
    serviceMs: rows.reduce((sum, r) => sum + r.serviceMs, 0),
    totalMs,
    outcome,
  };
}
