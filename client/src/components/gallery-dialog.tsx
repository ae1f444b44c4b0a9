import { useEffect } from 'react';
import { loadExample } from '../actions/doc-actions.js';
import { useExamplesStore } from '../stores/examples-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { Modal } from './modal.js';

/** Ready-made graphs with lessons; loading one replaces the canvas (after asking if unsaved). */
export function GalleryDialog() {
  const status = useExamplesStore((s) => s.status);
  const examples = useExamplesStore((s) => s.examples);
  const error = useExamplesStore((s) => s.error);
  useEffect(() => {
    void useExamplesStore.getState().load();
  }, []);
  return (
    <Modal title="Gallery: learn backpressure by running it" testId="gallery-dialog" wide>
      <p className="muted gallery__intro">
        Each example is a small graph with a lesson: what to look at, what to change, what you will see, and
        why. Loading one replaces the canvas; save or fork it to keep your changes.
      </p>
      {status === 'loading' && <p className="muted">Loading examples…</p>}
      {status === 'error' && (
        <p className="callout callout--bad">
          The gallery is not available: {error}{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              useExamplesStore.setState({ status: 'idle' });
              void useExamplesStore.getState().load();
            }}
          >
            Retry
          </button>
        </p>
      )}
      {status === 'ready' && examples.length === 0 && (
        <p className="empty-note">This server has no examples yet.</p>
      )}
      <div className="gallery">
        {examples.map((ex) => (
          <button
            key={ex.id}
            type="button"
            className="gallery-card"
            data-testid={`example-${ex.id}`}
            title={ex.summary}
            onClick={() => {
              if (loadExample(ex)) useUiStore.getState().closeDialog();
            }}
          >
            <span className="gallery-card__title">{ex.title}</span>
            {ex.summary.split('\n').map((line, i) => (
              <span key={line} className={i === 0 ? 'gallery-card__summary' : 'gallery-card__effect'}>
                {line}
              </span>
            ))}
            <span className="gallery-card__meta">
              {ex.graph.nodes.length} nodes · {ex.lesson.steps.length} step
              {ex.lesson.steps.length === 1 ? '' : 's'}
            </span>
          </button>
        ))}
      </div>
    </Modal>
  );
}
