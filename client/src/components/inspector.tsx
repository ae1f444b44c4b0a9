import { useGraphStore } from '../stores/graph-store.js';
import { EdgeInspector } from './edge-inspector.js';
import { GraphOverview } from './graph-overview.js';
import { NodeInspector } from './node-inspector.js';

/** The right panel: the selected node's or edge's settings, or the graph's overview. */
export function Inspector() {
  const selection = useGraphStore((s) => s.selection);
  return (
    <aside className="inspector panel" data-testid="inspector" aria-label="Inspector">
      {selection?.type === 'node' && <NodeInspector key={selection.id} nodeId={selection.id} />}
      {selection?.type === 'edge' && <EdgeInspector key={selection.id} edgeId={selection.id} />}
      {selection === null && <GraphOverview />}
    </aside>
  );
}
