import { useCallback, useEffect, useState } from 'react';
import type { GraphSummary } from '../../../shared/protocol/api.js';
import { MAX_LIST_TOKENS } from '../../../shared/protocol/api.js';
import { loadExample, openGraph } from '../actions/doc-actions.js';
import { listGraphs } from '../api/api-client.js';
import { slugFromLink } from '../lib/edit-token-input.js';
import { heldEditTokens } from '../lib/edit-tokens.js';
import { relativeTime } from '../lib/relative-time.js';
import { confirmDiscard, useDocStore } from '../stores/doc-store.js';
import { useExamplesStore } from '../stores/examples-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { Modal } from './modal.js';

/**
 * Your saved graphs (those whose edit tokens this browser holds), a shared link, and the examples.
 * The server lists nobody else's work: someone else's graph opens only from its link.
 */
export function OpenDialog() {
  const [graphs, setGraphs] = useState<GraphSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = useState('');
  const currentId = useDocStore((s) => s.meta?.graphId);

  const load = useCallback(async (after?: string) => {
    const tokens = heldEditTokens(MAX_LIST_TOKENS);
    if (tokens.length === 0) return setState('ready');
    setState('loading');
    try {
      const page = await listGraphs(tokens, after);
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
    <Modal title="Open" testId="open-dialog" wide>
      <section className="open-section" aria-label="Your graphs">
        <h3 className="open-section__title">Your graphs</h3>
        {state === 'error' && (
          <p className="callout callout--bad">
            Could not list your graphs: {error}{' '}
            <button type="button" className="link" onClick={() => void load()}>
              Retry
            </button>
          </p>
        )}
        {state === 'ready' && graphs.length === 0 && (
          <p className="empty-note" data-testid="open-empty">
            No graphs saved from this browser yet. Save (Ctrl+S) keeps yours here; other people’s graphs open
            from the link they share.
          </p>
        )}
        <ul className="doc-list" data-testid="graph-list">
          {graphs.map((g) => (
            <li key={g.id}>
              <button
                type="button"
                className="doc-list__item"
                data-testid={`open-${g.slug}`}
                onClick={() => void open(g)}
              >
                <span className="doc-list__name">{g.name || 'untitled'}</span>
                {g.id === currentId && <span className="badge badge--accent">open</span>}
                <span className="doc-list__meta">{relativeTime(g.updatedAt)}</span>
              </button>
            </li>
          ))}
        </ul>
        {state === 'loading' && <p className="muted">Loading…</p>}
        {cursor && state === 'ready' && (
          <button type="button" className="btn btn--ghost btn--small" onClick={() => void load(cursor)}>
            Load more
          </button>
        )}
      </section>
      <OpenLink />
      <ExampleList />
    </Modal>
  );
}

/** Someone else's graph: only by the link they gave you. */
function OpenLink() {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState('');
  const submit = async () => {
    const slug = slugFromLink(text);
    if (!slug) return setProblem('Paste a link like https://…/g/k3m9x2p7q4rt');
    if (!confirmDiscard('Open the linked graph')) return;
    if (await openGraph(slug)) useUiStore.getState().closeDialog();
  };
  return (
    <form
      className="open-section"
      aria-label="Open a shared link"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 className="open-section__title">A shared link</h3>
      <div className="share-row">
        <input
          className="input input--mono"
          data-testid="open-link-input"
          placeholder="https://…/g/…"
          aria-invalid={problem !== ''}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setProblem('');
          }}
        />
        <button type="submit" className="btn" data-testid="open-link" disabled={text.trim() === ''}>
          Open link
        </button>
      </div>
      {problem && <p className="field-error">{problem}</p>}
    </form>
  );
}

function ExampleList() {
  const examples = useExamplesStore((s) => s.examples);
  const status = useExamplesStore((s) => s.status);
  useEffect(() => {
    void useExamplesStore.getState().load();
  }, []);
  return (
    <section className="open-section" aria-label="Examples">
      <h3 className="open-section__title">Examples</h3>
      {status === 'loading' && <p className="muted">Loading examples…</p>}
      {status === 'error' && <p className="callout callout--bad">The examples are not available.</p>}
      <ul className="doc-list doc-list--two" data-testid="open-examples">
        {examples.map((ex) => (
          <li key={ex.id}>
            <button
              type="button"
              className="doc-list__item"
              data-testid={`open-example-${ex.id}`}
              title={ex.summary}
              onClick={() => {
                if (loadExample(ex)) useUiStore.getState().closeDialog();
              }}
            >
              <span className="doc-list__name">{ex.title}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
