import { isRunActive } from '../lib/run-gate.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useRunStore } from '../stores/run-store.js';

const EMPTY = { schemaVersion: 1 as const, name: 'untitled', nodes: [], edges: [] };

/** Clears the canvas for a new graph (the draft kept across reloads is replaced too). */
export function NewGraphButton() {
  const running = useRunStore((s) => isRunActive(s.phase));
  return (
    <button
      type="button"
      className="btn btn--ghost btn--small"
      data-testid="new-graph"
      disabled={running}
      title={running ? 'Stop the run first' : 'Start a new, empty graph'}
      onClick={() => {
        const { nodes, load } = useGraphStore.getState();
        if (nodes.length > 0 && !window.confirm('Discard this graph and start a new one?')) return;
        load(EMPTY);
      }}
    >
      New
    </button>
  );
}
