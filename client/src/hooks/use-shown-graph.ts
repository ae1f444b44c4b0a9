import { useMemo, useRef } from 'react';
import { type HeldChanges, heldChanges, heldCount } from '../../../shared/graph/held-changes.js';
import { toGraphDocument } from '../lib/flow-convert.js';
import type { QueueEdge, SluiceNode } from '../lib/flow-types.js';
import { shownGraph } from '../lib/held-view.js';
import { isRunActive } from '../lib/run-gate.js';
import { useCatalogStore } from '../stores/catalog-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useRunStore } from '../stores/run-store.js';

const NONE: HeldChanges = {
  addedNodes: [],
  removedNodes: [],
  addedEdges: [],
  removedEdges: [],
  changedNodes: [],
};

/** The edits on the canvas that the current run has not taken (none when nothing runs). */
export function useHeldChanges(): HeldChanges {
  const runGraph = useRunStore((s) => (isRunActive(s.phase) ? s.runGraph : null));
  const nodes = useGraphStore((s) => s.nodes);
  const edges = useGraphStore((s) => s.edges);
  const byKind = useCatalogStore((s) => s.byKind);
  const last = useRef<{ key: string; held: HeldChanges }>({ key: '', held: NONE });
  return useMemo(() => {
    if (!runGraph) return NONE;
    const held = heldChanges(runGraph, toGraphDocument('', nodes, edges), (kind) => byKind[kind]?.live ?? []);
    // Same changes, same object: a drag must not re-render everything that reads them.
    const key = JSON.stringify(held);
    if (key !== last.current.key) last.current = { key, held: heldCount(held) === 0 ? NONE : held };
    return last.current.held;
  }, [runGraph, nodes, edges, byKind]);
}

/** The nodes and edges the canvas draws: the document, plus what still runs though deleted. */
export function useShownGraph(): { nodes: SluiceNode[]; edges: QueueEdge[] } {
  const nodes = useGraphStore((s) => s.nodes);
  const edges = useGraphStore((s) => s.edges);
  const runGraph = useRunStore((s) => (isRunActive(s.phase) ? s.runGraph : null));
  const held = useHeldChanges();
  // The size each node last had, so a deleted node's ghost is drawn at once at its size.
  const sizes = useRef(new Map<string, { width: number; height: number }>());
  for (const n of nodes)
    if (n.measured?.width && n.measured.height)
      sizes.current.set(n.id, { width: n.measured.width, height: n.measured.height });
  // Bounded: sizes of nodes neither on the canvas nor in the run are forgotten.
  if (sizes.current.size > nodes.length + (runGraph?.nodes.length ?? 0) + 64) {
    const keep = new Set([...nodes.map((n) => n.id), ...(runGraph?.nodes.map((n) => n.id) ?? [])]);
    for (const id of sizes.current.keys()) if (!keep.has(id)) sizes.current.delete(id);
  }
  return useMemo(
    () =>
      runGraph && held !== NONE ? shownGraph(nodes, edges, runGraph, held, sizes.current) : { nodes, edges },
    [nodes, edges, runGraph, held],
  );
}
