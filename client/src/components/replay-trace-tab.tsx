import { useMemo } from 'react';
import type { RecordedTrace } from '../../../shared/protocol/trace.js';
import { formatMs } from '../lib/format.js';
import type { FollowedTrace } from '../lib/trace-book.js';
import { layoutWaterfall } from '../lib/waterfall.js';
import { useReplayTraceStore } from '../stores/replay-trace-store.js';
import { useTimelineStore } from '../stores/timeline-store.js';
import { traceSummary } from './trace-summary.js';
import { TraceWaterfall } from './trace-waterfall.js';

const followed = (t: RecordedTrace): FollowedTrace => ({ ...t, nodeId: t.nodeId || null, omitted: 0 });

/** The recorded item nearest the cursor: on the canvas at it, else the last that began before it. */
function nearest(traces: Record<string, RecordedTrace>, t: number): string | null {
  let best: string | null = null;
  let bestT = Number.NEGATIVE_INFINITY;
  for (const id in traces) {
    const first = Math.min(...traces[id]!.hops.map((h) => h.t));
    if (first <= t && first > bestT) {
      best = id;
      bestT = first;
    }
  }
  return best;
}

/**
 * The Trace tab while the time cursor is set (a scrub, a replay, /r/<slug>): the recorded items
 * around the cursor, and the waterfall of the one picked, else the one nearest the cursor.
 */
export function ReplayTraceTab() {
  const traces = useReplayTraceStore((s) => s.traces);
  const selected = useReplayTraceStore((s) => s.selected);
  // The item shown changes only when another item becomes the nearest, not on every cursor move.
  const near = useTimelineStore((s) => (s.cursorT === null ? null : nearest(traces, s.cursorT)));
  const id = selected && traces[selected] ? selected : near;
  const trace = id ? traces[id] : undefined;
  const waterfall = useMemo(() => (trace ? layoutWaterfall(trace.hops) : null), [trace]);
  const labels = useMemo(
    () =>
      Object.values(traces)
        .map(
          (t) => [t.traceId, traceSummary(followed(t), layoutWaterfall(t.hops)), t.hops[0]?.t ?? 0] as const,
        )
        .sort((a, b) => b[2] - a[2]),
    [traces],
  );

  if (!trace || !waterfall)
    return (
      <div className="trace-tab" data-testid="trace-tab">
        <div className="trace-tab__body">
          <p className="empty-note" data-testid="trace-empty">
            <strong>No followed item at this point of the recording.</strong> Items followed during the run
            (Follow on a node) are kept with it; move the cursor to when one was moving.
          </p>
        </div>
      </div>
    );
  return (
    <div className="trace-tab" data-testid="trace-tab">
      <div className="tab-toolbar">
        <label className="trace-tab__pick">
          <span className="tab-toolbar__label">Item</span>
          <select
            className="input input--small"
            data-testid="trace-select"
            value={id ?? ''}
            onChange={(e) => useReplayTraceStore.getState().select(e.target.value)}
          >
            {labels.map(([t, label]) => (
              <option key={t} value={t}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <span className="tab-toolbar__spacer" />
        <span className="muted">recorded with the run</span>
      </div>
      <div className="trace-tab__body">
        <p className="trace-tab__summary" data-testid="trace-summary">
          <strong>{traceSummary(followed(trace), waterfall)}</strong>
          {waterfall.rows.length > 0 && (
            <span className="muted">
              {' '}
              · on this path: queued {formatMs(waterfall.waitMs)} · served {formatMs(waterfall.serviceMs)}
            </span>
          )}
        </p>
        <TraceWaterfall waterfall={waterfall} />
      </div>
    </div>
  );
}
