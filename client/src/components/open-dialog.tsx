import { useCallback, useEffect, useState } from 'react';
import type { GraphSummary } from '../../../shared/protocol/api.js';
import { openGraph } from '../actions/doc-actions.js';
import { listGraphs } from '../api/api-client.js';
import { editTokenFor } from '../lib/edit-tokens.js';
import { relativeTime } from '../lib/relative-time.js';
import { confirmDiscard, useDocStore } from '../stores/doc-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { Modal } from './modal.js';

/** Saved graphs, most recent first, a page at a time. Yours (edit token here) are marked. */
export function OpenDialog() {
  const [graphs, setGraphs] = useState<GraphSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = useState('');
  const currentId = useDocStore((s) => s.meta?.graphId);

  const load = useCallback(async (after?: string) => {
    setState('loading');
    try {
      const page = await listGraphs(after);
      setGraphs((g) => (after ? [...g, ...page.graphs] : page.graphs));
      setCursor(page.nextCursor);
      setState('ready');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setState('error');
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const open = async (g: GraphSummary) => {
    if (g.id === currentId) return useUiStore.getState().closeDialog();
    if (!confirmDiscard(`Open “${g.name}”`)) return;
    if (await openGraph(g.slug)) useUiStore.getState().closeDialog();
  };

  return (
    <Modal title="Open a saved graph" testId="open-dialog" wide>
      {state === 'error' && (
        <p className="callout callout--bad">
          Could not list graphs: {error}{' '}
          <button type="button" className="link" onClick={() => void load()}>
            Retry
          </button>
        </p>
      )}
      {state !== 'error' && graphs.length === 0 && state === 'ready' && (
        <p className="empty-note">
          Nothing saved on this server yet. Press Save (Ctrl+S) to keep your graph here.
        </p>
      )}
      <ul className="doc-list" data-testid="graph-list">
        {graphs.map((g) => {
          const mine = editTokenFor(g.id) !== undefined;
          return (
            <li key={g.id}>
              <button
                type="button"
                className="doc-list__item"
                data-testid={`open-${g.slug}`}
                onClick={() => void open(g)}
              >
                <span className="doc-list__name">{g.name || 'untitled'}</span>
                {g.id === currentId && <span className="badge badge--accent">open</span>}
                {mine ? (
                  <span className="badge badge--live">yours</span>
                ) : (
                  <span className="badge">read-only</span>
                )}
                <span className="doc-list__meta">{relativeTime(g.updatedAt)}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {state === 'loading' && <p className="muted">Loading…</p>}
      {cursor && state === 'ready' && (
        <button type="button" className="btn btn--ghost btn--small" onClick={() => void load(cursor)}>
          Load more
        </button>
      )}
    </Modal>
  );
}
