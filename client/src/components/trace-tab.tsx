import { useEffect, useMemo, useRef } from 'react';
import { followEvery } from '../actions/trace-actions.js';
import { fetchTrace } from '../api/trace-api.js';
import { useNow } from '../hooks/use-now.js';
import { isRunActive } from '../lib/run-gate.js';
import { layoutWaterfall } from '../lib/waterfall.js';
import { useRunStore } from '../stores/run-store.js';
import { useTimelineStore } from '../stores/timeline-store.js';
import { runTimeNow, shownTrace, useTraceStore } from '../stores/trace-store.js';
import { ReplayTraceTab } from './replay-trace-tab.js';
import { traceSummary } from './trace-summary.js';
import { TracePicker, TraceSummaryLine } from './trace-tab-parts.js';
import { TraceWaterfall } from './trace-waterfall.js';

/** The Trace tab: the recording's items while the time cursor is set, else the live ones. */
export function TraceTab() {
  const scrubbed = useTimelineStore((s) => s.cursorT !== null);
  return scrubbed ? <ReplayTraceTab /> : <LiveTraceTab />;
}

/** Followed items of the run, and the waterfall of the one picked (else a recent one). */
function LiveTraceTab() {
  const order = useTraceStore((s) => s.order);
  const traces = useTraceStore((s) => s.traces);
  const sampling = useTraceStore((s) => s.sampling);
  const running = useRunStore((s) => isRunActive(s.phase));
  // The item picked, else the newest done one, held a while (shownTrace in trace-store.ts).
  const id = useTraceStore(shownTrace);
  const trace = id ? traces[id] : undefined;
  // Bars still open (an item waiting in a queue) grow as the run goes.
  const now = useNow(100, running && trace !== undefined && !trace.done);
  const runNow = running ? runTimeNow(now) : null;
  const waterfall = useMemo(
    () => (trace ? layoutWaterfall(trace.hops, trace.done ? undefined : (runNow ?? undefined)) : null),
    [trace, runNow],
  );
  const labels = useMemo(
    () =>
      order.map(
        (t) => [t, traces[t] ? traceSummary(traces[t], layoutWaterfall(traces[t].hops)) : t] as const,
      ),
    [order, traces],
  );
  const sampled = Object.entries(sampling);

  // Once the shown item is done, its hops are read whole from the server: a socket that was not
  // reading skipped messages, and the waterfall should not miss a row. Once per item.
  const runId = useTraceStore((s) => s.runId);
  const asked = useRef(new Set<string>());
  const wantsSync = trace?.done === true && !trace.synced;
  useEffect(() => {
    if (!wantsSync || !id || !runId || asked.current.has(id)) return;
    asked.current.add(id);
    fetchTrace(runId, id)
      .then((detail) => useTraceStore.getState().resync(runId, detail))
      .catch(() => {
        // What the socket brought stays shown.
      });
  }, [wantsSync, id, runId]);

  return (
    <div className="trace-tab" data-testid="trace-tab">
      {(order.length > 0 || sampled.length > 0) && (
        <div className="tab-toolbar">
          {order.length > 0 && (
            <TracePicker
              value={id ?? ''}
              labels={[...labels].reverse()}
              onPick={(t) => useTraceStore.getState().select(t)}
            />
          )}
          {sampled.map(([nodeId, every]) => (
            <span key={nodeId} className="trace-tab__sampling">
              1 in {every} from {nodeId}
              {running && (
                <button
                  type="button"
                  className="btn btn--ghost btn--small"
                  onClick={() => followEvery(nodeId, 0)}
                >
                  Stop
                </button>
              )}
            </span>
          ))}
          <span className="tab-toolbar__spacer" />
          <span className="muted">last 20 items kept</span>
        </div>
      )}
      <div className="trace-tab__body">
        {!trace || !waterfall ? (
          <p className="empty-note" data-testid="trace-empty">
            <strong>Follow a node to see one item’s path.</strong>{' '}
            {running
              ? 'Select a node and press Follow, or right-click it on the canvas.'
              : 'Start a run, then select a node and press Follow, or right-click it on the canvas.'}
          </p>
        ) : (
          <>
            <TraceSummaryLine
              summary={traceSummary(trace, waterfall)}
              waterfall={waterfall}
              omitted={trace.omitted}
            />
            {waterfall.rows.length === 0 ? (
              <p className="empty-note">
                Waiting for the next item{trace.nodeId ? ` from ${trace.nodeId}` : ''}…
              </p>
            ) : (
              <TraceWaterfall waterfall={waterfall} />
            )}
          </>
        )}
      </div>
    </div>
  );
}
