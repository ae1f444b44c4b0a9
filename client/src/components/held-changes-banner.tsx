import { describeHeld, heldCount, withoutHeld } from '../../../shared/graph/held-changes.js';
import { restartRun } from '../api/run-lifecycle.js';
import { useHeldChanges } from '../hooks/use-shown-graph.js';
import { toGraphDocument } from '../lib/flow-convert.js';
import { runBlockReason } from '../lib/run-gate.js';
import { useCatalogStore } from '../stores/catalog-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useIssuesStore } from '../stores/issues-store.js';
import { useRunStore } from '../stores/run-store.js';

/**
 * Says, while a run goes, that the canvas has changes the run cannot take live, and what they
 * are. They wait for the next run: Apply restarts the run with them, Discard puts the running
 * structure back on the canvas. Until then the canvas keeps drawing what runs.
 */
export function HeldChangesBanner() {
  const held = useHeldChanges();
  const restarting = useRunStore((s) => s.pending !== null);
  // Whether the canvas's graph could start, were the current run not there.
  const nodeCount = useGraphStore((s) => s.nodes.length);
  const issues = useIssuesStore((s) => s.all);
  const blocked = runBlockReason({ phase: 'idle', nodeCount, issues });
  const n = heldCount(held);
  if (n === 0) return null;
  return (
    <div className="canvas-banner canvas-banner--held" data-testid="held-banner" role="status">
      <span className="canvas-banner__text">
        <strong data-testid="held-count">
          {n} change{n === 1 ? '' : 's'} wait{n === 1 ? 's' : ''} for the next run
        </strong>{' '}
        <span className="muted">({describeHeld(held)}). The canvas shows what runs now.</span>
      </span>
      <button
        type="button"
        className="btn btn--small btn--accent"
        data-testid="held-apply"
        disabled={restarting || blocked !== null}
        title={blocked ?? 'Stop this run and start the graph as it is on the canvas'}
        onClick={() => void restartRun()}
      >
        Apply = restart
      </button>
      <button
        type="button"
        className="btn btn--small btn--ghost"
        data-testid="held-discard"
        title="Undo these changes on the canvas (Ctrl+Z brings them back)"
        onClick={discardHeld}
      >
        Discard
      </button>
    </div>
  );
}

function discardHeld(): void {
  const { runGraph } = useRunStore.getState();
  const g = useGraphStore.getState();
  if (!runGraph) return;
  const byKind = useCatalogStore.getState().byKind;
  const canvas = toGraphDocument(g.name, g.nodes, g.edges);
  g.restore(withoutHeld(runGraph, canvas, (kind) => byKind[kind]?.live ?? []));
}
