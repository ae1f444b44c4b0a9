import { useGraphStore } from '../stores/graph-store.js';
import { EdgeInspector } from './edge-inspector.js';
import { GraphOverview } from './graph-overview.js';
import { NodeInspector } from './node-inspector.js';
import { SelectionSummary } from './selection-summary.js';

/** The right panel: the selected node's or edge's settings, several selected things, or the graph. */
export function Inspector() {
  const selection = useGraphStore((s) => s.selection);
  return (
    <aside className="inspector panel" data-testid="inspector" aria-label="Inspector">
      {selection?.type === 'node' && <NodeInspector key={selection.id} nodeId={selection.id} />}
      {selection?.type === 'edge' && <EdgeInspector key={selection.id} edgeId={selection.id} />}
      {selection?.type === 'many' && (
        <SelectionSummary nodeIds={selection.nodeIds} edgeIds={selection.edgeIds} />
      )}
      {selection === null && <GraphOverview />}
    </aside>
  );
}
