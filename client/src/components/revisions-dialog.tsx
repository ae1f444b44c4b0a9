import { useEffect, useState } from 'react';
import { restoreRevision } from '../actions/doc-actions.js';
import { listRevisions } from '../api/api-client.js';
import { relativeTime } from '../lib/relative-time.js';
import { useDocStore } from '../stores/doc-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { Modal } from './modal.js';

/** Every saved revision of this graph, newest first; any one can be put back on the canvas. */
export function RevisionsDialog() {
  const meta = useDocStore((s) => s.meta);
  const readOnly = useGraphStore((s) => s.readOnly);
  const [revisions, setRevisions] = useState<{ revision: number; createdAt: string }[] | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    if (!meta) return;
    listRevisions(meta.graphId)
      .then((r) => setRevisions([...r.revisions].sort((a, b) => b.revision - a.revision)))
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }, [meta]);

  if (!meta) return null;
  return (
    <Modal title="Revisions" testId="revisions-dialog">
      <p className="muted">
        Each save is kept as an immutable revision. Restoring puts it on the canvas as an edit you can undo;
        saving then makes it the newest revision.
      </p>
      {error && <p className="callout callout--bad">Could not list revisions: {error}</p>}
      {!revisions && !error && <p className="muted">Loading…</p>}
      <ul className="doc-list" data-testid="revision-list">
        {revisions?.map((r) => (
          <li key={r.revision} className="doc-list__row">
            <span className="doc-list__name mono">r{r.revision}</span>
            {r.revision === meta.revision && <span className="badge badge--accent">latest saved</span>}
            <span className="doc-list__meta">{relativeTime(r.createdAt)}</span>
            <button
              type="button"
              className="btn btn--ghost btn--small"
              data-testid={`restore-${r.revision}`}
              disabled={readOnly}
              title={
                readOnly ? 'Fork the graph to restore revisions' : `Put revision ${r.revision} on the canvas`
              }
              onClick={() => {
                void restoreRevision(r.revision);
                useUiStore.getState().closeDialog();
              }}
            >
              Restore
            </button>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
