import { useState } from 'react';
import { tapEdge } from '../actions/tap-actions.js';
import { emptyQueue } from '../api/queue-api.js';
import { useEdgeTransport } from '../hooks/use-edge-transport.js';
import { formatCount } from '../lib/format.js';
import { isRunActive } from '../lib/run-gate.js';
import { useRunAccessStore } from '../stores/run-access-store.js';
import { useRunStore } from '../stores/run-store.js';
import { useTapStore } from '../stores/tap-store.js';
import { useEdgeTelemetry } from '../stores/telemetry-store.js';
import { EdgeQueueList } from './edge-queue-list.js';

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * While the graph runs: look inside this edge's queue (List queue), empty it (the owner, after
 * a confirm), or tap it (sampled items in the bottom panel's Taps tab). Broker queues say why not.
 */
export function EdgeQueueTools({ edgeId }: { edgeId: string }) {
  const runId = useRunStore((s) => s.runId);
  const running = useRunStore((s) => isRunActive(s.phase));
  const owner = useRunAccessStore((s) => s.role === 'owner');
  const broker = useEdgeTransport(edgeId) === 'nats';
  const tapped = useTapStore((s) => s.on.includes(edgeId));
  const depth = useEdgeTelemetry(edgeId)?.depth ?? 0;
  const [listOpen, setListOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  if (!runId || !running) return null;
  if (broker)
    return (
      <section className="inspector__section">
        <h3 className="section-title">Inside the queue</h3>
        <p className="muted">
          List, empty and tap are not available for broker queues: items wait in the NATS stream.
        </p>
      </section>
    );

  const toggleTap = () => void tapEdge(edgeId, !tapped).then(setNote);
  const empty = () => {
    setConfirming(false);
    emptyQueue(runId, edgeId)
      .then((r) => setNote(`Removed ${formatCount(r.removed)} items (counted as emptied).`))
      .catch((err: unknown) => setNote(messageOf(err)));
  };

  return (
    <section className="inspector__section" data-testid="queue-tools">
      <h3 className="section-title">Inside the queue</h3>
      <div className="queue-tools__buttons">
        <button
          type="button"
          className={`btn btn--small${listOpen ? ' is-active' : ''}`}
          data-testid="queue-list-toggle"
          aria-expanded={listOpen}
          onClick={() => setListOpen((o) => !o)}
        >
          {listOpen ? 'Hide list' : 'List queue'}
        </button>
        <button
          type="button"
          className={`btn btn--small${tapped ? ' is-active' : ''}`}
          data-testid="tap-toggle"
          aria-pressed={tapped}
          title="Show sampled items entering this edge in the Taps tab (at most 20/s)"
          onClick={toggleTap}
        >
          {tapped ? 'Untap' : 'Tap'}
        </button>
        {owner && !confirming && (
          <button
            type="button"
            className="btn btn--small btn--danger"
            data-testid="queue-empty"
            onClick={() => setConfirming(true)}
          >
            Empty queue
          </button>
        )}
      </div>
      {confirming && (
        <div className="queue-tools__confirm" role="alert">
          <span>Remove the {formatCount(depth)} items waiting? They are counted as emptied.</span>
          <button
            type="button"
            className="btn btn--small btn--danger"
            data-testid="queue-empty-confirm"
            onClick={empty}
          >
            Empty
          </button>
          <button type="button" className="btn btn--ghost btn--small" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
      {note && (
        <p className="param__hint" data-testid="queue-tools-note">
          {note}
        </p>
      )}
      {listOpen && <EdgeQueueList runId={runId} edgeId={edgeId} />}
    </section>
  );
}
