import { describeRunError } from '../lib/run-error.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useRunStore } from '../stores/run-store.js';

/**
 * A failed run cannot be missed: a red banner over the canvas says which node failed and why
 * (the node named once); clicking it selects that node, which is outlined in red.
 */
export function RunErrorBanner() {
  const error = useRunStore((s) => (s.phase === 'failed' ? s.runError : null));
  if (!error) return null;
  const { nodeId, reason } = describeRunError(error);
  // Wrapped in an alert region so a screen reader announces the failure as it happens.
  return (
    <div role="alert" className="canvas-banner__alert">
      <button
        type="button"
        className="canvas-banner canvas-banner--failed"
        data-testid="run-error-banner"
        title={nodeId ? 'Show this node' : undefined}
        onClick={() => nodeId && useGraphStore.getState().select({ type: 'node', id: nodeId })}
      >
        <span className="failed-badge" aria-hidden="true">
          ✖ failed
        </span>
        <span className="canvas-banner__text">
          {nodeId ? (
            <>
              The run stopped: <strong>{nodeId}</strong> failed with “{reason}”.
            </>
          ) : (
            <>The run failed: {reason}</>
          )}
        </span>
      </button>
    </div>
  );
}
