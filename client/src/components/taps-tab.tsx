import { useEffect, useRef, useState } from 'react';
import { setTap } from '../api/queue-api.js';
import { formatClock, formatCount } from '../lib/format.js';
import { cellText } from '../lib/item-columns.js';
import { isRunActive } from '../lib/run-gate.js';
import { useRunStore } from '../stores/run-store.js';
import { TAP_LIMIT, useTapStore } from '../stores/tap-store.js';

/**
 * Node-RED's debug on a wire: items sampled from tapped edges (at most 20/s each), newest at the
 * bottom, following the tail unless scrolled up. Tap an edge from its inspector.
 */
export function TapsTab() {
  const rows = useTapStore((s) => s.rows);
  const on = useTapStore((s) => s.on);
  const received = useTapStore((s) => s.received);
  const sampledOut = useTapStore((s) => Object.values(s.sampledOut).reduce((a, b) => a + b, 0));
  const runId = useRunStore((s) => s.runId);
  const running = useRunStore((s) => isRunActive(s.phase));
  const [follow, setFollow] = useState(true);
  const list = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = list.current;
    if (follow && el && rows.length > 0) el.scrollTop = el.scrollHeight;
  }, [rows, follow]);

  const untap = (edgeId: string) => {
    if (!runId) return;
    void setTap(runId, edgeId, false)
      .then((r) => useTapStore.getState().setOn(r.taps))
      .catch(() => useTapStore.getState().setOn(on.filter((e) => e !== edgeId)));
  };

  return (
    <div className="console-tab">
      <div className="tab-toolbar">
        {on.map((edgeId) => (
          <span key={edgeId} className="tap-chip" data-testid={`tap-chip-${edgeId}`}>
            {edgeId}
            <button
              type="button"
              className="tap-chip__x"
              title={`Untap ${edgeId}`}
              onClick={() => untap(edgeId)}
            >
              ×
            </button>
          </span>
        ))}
        <span className="muted">
          {formatCount(received)} sampled · last {formatCount(TAP_LIMIT)} kept
          {sampledOut > 0 && ` · ${formatCount(sampledOut)} went by unsampled (20/s per tap)`}
        </span>
        <span className="tab-toolbar__spacer" />
        <button
          type="button"
          className="btn btn--ghost btn--small"
          onClick={() => useTapStore.setState({ rows: [] })}
        >
          Clear
        </button>
      </div>
      <div
        className="console-tab__lines"
        ref={list}
        data-testid="tap-rows"
        onScroll={(e) => {
          const el = e.currentTarget;
          const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
          if (atBottom !== follow) setFollow(atBottom);
        }}
      >
        {rows.length === 0 ? (
          <p className="empty-note" data-testid="taps-empty">
            {on.length > 0
              ? 'Tapped: waiting for items to go through…'
              : running
                ? 'Select an edge and press Tap in its inspector: items going through it appear here, sampled.'
                : 'Run the graph, then tap an edge from its inspector to see the items going through it.'}
          </p>
        ) : (
          rows.map((r) => (
            <div key={r.seq} className="console-line" data-testid="tap-row">
              <span className="console-line__at">{formatClock(r.t)}</span>
              <span className="console-line__node">{r.edgeId}</span>
              <span className="console-line__text">{cellText(r.item, 400)}</span>
            </div>
          ))
        )}
      </div>
    </div>
  );
}
