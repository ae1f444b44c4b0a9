import { useState } from 'react';
import { MIN_TRACE_EVERY } from '../../../shared/protocol/trace-request.js';
import { DEFAULT_EVERY, followEvery, followNext } from '../actions/trace-actions.js';
import { isRunActive } from '../lib/run-gate.js';
import { useRunStore } from '../stores/run-store.js';
import { useTraceStore } from '../stores/trace-store.js';

const MAX_EVERY = 1_000_000;

/**
 * "Follow" in the node inspector: the next item the node emits, or one in N continuously, is
 * traced through the graph; its token moves on the canvas and its waterfall fills the Trace tab.
 * A sink emits nothing, so there is nothing to follow from it.
 */
export function FollowControls({ nodeId, isSink }: { nodeId: string; isSink: boolean }) {
  const running = useRunStore((s) => isRunActive(s.phase));
  const every = useTraceStore((s) => s.sampling[nodeId]);
  // The text as typed ("2" on the way to "20"); the N sent is it clamped to the server's range.
  const [text, setText] = useState(String(DEFAULT_EVERY));
  const typed = Math.round(Number(text));
  const n = Number.isFinite(typed) ? Math.min(MAX_EVERY, Math.max(MIN_TRACE_EVERY, typed)) : DEFAULT_EVERY;
  const can = running && !isSink;
  const hint = isSink
    ? 'A sink emits nothing to follow: follow a node upstream of it.'
    : running
      ? 'Its path moves on the canvas and fills the Trace tab below.'
      : 'Start the run to follow an item through the queues.';
  return (
    <section className="inspector__section" data-testid="follow-controls">
      <h3 className="section-title">Follow an item</h3>
      <div className="follow-row">
        <button
          type="button"
          className="btn btn--accent btn--small"
          data-testid="follow-next"
          disabled={!can}
          onClick={() => followNext(nodeId)}
        >
          Follow next item
        </button>
        {every ? (
          <button
            type="button"
            className="btn btn--ghost btn--small"
            data-testid="follow-stop"
            disabled={!running}
            onClick={() => followEvery(nodeId, 0)}
          >
            Stop 1 in {every}
          </button>
        ) : (
          <span className="follow-row__every">
            <button
              type="button"
              className="btn btn--ghost btn--small"
              data-testid="follow-every"
              disabled={!can}
              onClick={() => followEvery(nodeId, n)}
            >
              Follow 1 in
            </button>
            <input
              className="input follow-row__n"
              type="number"
              aria-label="Follow one in how many items"
              data-testid="follow-every-n"
              min={MIN_TRACE_EVERY}
              max={MAX_EVERY}
              value={text}
              disabled={!can}
              onChange={(e) => setText(e.target.value)}
              onBlur={() => setText(String(n))}
            />
          </span>
        )}
      </div>
      <p className="param__hint">{hint}</p>
    </section>
  );
}
