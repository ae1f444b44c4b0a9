import { forkCurrent } from '../actions/doc-actions.js';
import { useDocStore } from '../stores/doc-store.js';
import { useGraphStore } from '../stores/graph-store.js';

/** Says why nothing can be edited on a shared graph, and offers the way out. */
export function ReadOnlyBanner() {
  const readOnly = useGraphStore((s) => s.readOnly);
  const revision = useDocStore((s) => s.meta?.revision);
  if (!readOnly) return null;
  return (
    <div className="canvas-banner canvas-banner--readonly" data-testid="read-only-banner">
      <span className="canvas-banner__text">
        <strong>Read-only</strong> shared graph{revision ? ` (revision ${revision})` : ''}. You can run it and
        inspect it; fork it to make changes.
      </span>
      <button type="button" className="btn btn--small btn--accent" onClick={() => void forkCurrent()}>
        Fork
      </button>
    </div>
  );
}
