import { useMemo } from 'react';
import type { RecordedTrace } from '../../../shared/protocol/trace.js';
import type { FollowedTrace } from '../lib/trace-book.js';
import { layoutWaterfall } from '../lib/waterfall.js';
import { useReplayTraceStore } from '../stores/replay-trace-store.js';
import { useTimelineStore } from '../stores/timeline-store.js';
import { traceSummary } from './trace-summary.js';
import { TracePicker, TraceSummaryLine } from './trace-tab-parts.js';
import { TraceWaterfall } from './trace-waterfall.js';

const followed = (t: RecordedTrace): FollowedTrace => ({ ...t, nodeId: t.nodeId || null, omitted: 0 });

/** When each recorded item began (its earliest hop): worked out once per recording, not per cursor move. */
function startsOf(traces: Record<string, RecordedTrace>): Array<readonly [string, number]> {
  return Object.values(traces).map((t) => [t.traceId, Math.min(...t.hops.map((h) => h.t))] as const);
}

/** The recorded item nearest the cursor: on the canvas at it, else the last that began before it. */
function nearest(starts: ReadonlyArray<readonly [string, number]>, t: number): string | null {
  let best: string | null = null;
  let bestT = Number.NEGATIVE_INFINITY;
  for (const [id, first] of starts) {
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
  const starts = useMemo(() => startsOf(traces), [traces]);
  const near = useTimelineStore((s) => (s.cursorT === null ? null : nearest(starts, s.cursorT)));
  const id = selected && traces[selected] ? selected : near;
  const trace = id ? traces[id] : undefined;
  const waterfall = useMemo(() => (trace ? layoutWaterfall(trace.hops) : null), [trace]);
  const labels = useMemo(
    () =>
      Object.values(traces)
        .map(
          (t) => [t.traceId, traceSummary(followed(t), layoutWaterfall(t.hops)), t.hops[0]?.t ?? 0] as const,
        )
        .sort((a, b) => b[2] - a[2])
        .map(([t, label]) => [t, label] as const),
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
        <TracePicker
          value={id ?? ''}
          labels={labels}
          onPick={(t) => useReplayTraceStore.getState().select(t)}
        />
        <span className="tab-toolbar__spacer" />
        <span className="muted">recorded with the run</span>
      </div>
      <div className="trace-tab__body">
        <TraceSummaryLine summary={traceSummary(followed(trace), waterfall)} waterfall={waterfall} />
        <TraceWaterfall waterfall={waterfall} />
      </div>
    </div>
  );
}
