import { formatMs } from '../lib/format.js';
import { type FollowedTrace, shortTraceId } from '../lib/trace-book.js';
import type { TraceOutcome, Waterfall } from '../lib/waterfall.js';

const OUTCOME_TEXT: Record<TraceOutcome, string> = {
  delivered: 'delivered',
  dropped: 'dropped',
  'dead-lettered': 'dead-lettered',
  'in flight': 'in flight',
};

/** One line for a followed item: where from, how it ended, how long it took. */
export function traceSummary(trace: FollowedTrace, w: Waterfall): string {
  const from = trace.nodeId ? ` from ${trace.nodeId}` : '';
  // e2eMs counts from the source's emission, while the bars start where the item was followed.
  const total =
    w.totalMs === null
      ? ''
      : w.outcome === 'delivered'
        ? ` ${formatMs(w.totalMs)} after the source emitted it`
        : ` in ${formatMs(w.totalMs)}`;
  return `#${shortTraceId(trace.traceId)}${from}: ${OUTCOME_TEXT[w.outcome]}${total}`;
}
