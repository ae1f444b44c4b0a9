import type { GraphInput } from '../../../shared/graph/graph-schema.js';
import type { HeldChanges } from '../../../shared/graph/held-changes.js';
import { fromGraphDocument } from './flow-convert.js';
import type { Held, QueueEdge, SluiceNode } from './flow-types.js';

type Size = { width: number; height: number };

/**
 * What the canvas draws while a run goes: the document, with the nodes and edges that do not run
 * yet marked `added` (settings that wait, `changed`), plus the ones deleted from the document that still run, drawn as `removed`
 * ghosts (not selectable, not editable) so their live numbers stay in view. Ghosts take the size
 * their node last had, so React Flow need not measure them again.
 *
 * @example shownGraph(nodes, edges, runGraph, held, sizes) // { nodes: [...nodes, ghost], edges }
 */
export function shownGraph(
  nodes: SluiceNode[],
  edges: QueueEdge[],
  running: GraphInput,
  held: HeldChanges,
  sizes: ReadonlyMap<string, Size>,
): { nodes: SluiceNode[]; edges: QueueEdge[] } {
  const mark = <T extends { data?: Record<string, unknown> }>(x: T, how: Held): T => ({
    ...x,
    data: { ...x.data, held: how },
  });
  const addedNodes = new Set(held.addedNodes);
  const changedNodes = new Set(held.changedNodes.map((c) => c.nodeId));
  const addedEdges = new Set(held.addedEdges);
  const changedEdges = new Set(held.changedEdges);
  const ran = fromGraphDocument(running);
  // An id taken again on the canvas (a new edge named like a deleted one) cannot be drawn twice;
  // the notice still counts the removal.
  const onCanvas = new Set([...nodes.map((n) => n.id), ...edges.map((e) => e.id)]);
  const removedNodes = new Set(held.removedNodes.filter((id) => !onCanvas.has(id)));
  const removedEdges = new Set(held.removedEdges.filter((id) => !onCanvas.has(id)));
  const frozen = {
    selectable: false,
    draggable: false,
    connectable: false,
    deletable: false,
    focusable: false,
  };
  const ghosts = ran.nodes
    .filter((n) => removedNodes.has(n.id))
    .map((n) => {
      const size = sizes.get(n.id);
      return { ...mark(n, 'removed'), ...frozen, ...(size ? { measured: size } : {}) };
    });
  const ghostEdges = ran.edges
    .filter((e) => removedEdges.has(e.id))
    .map((e) => ({ ...mark(e, 'removed'), selectable: false, deletable: false, focusable: false }));
  return {
    nodes: [
      ...nodes.map((n) =>
        addedNodes.has(n.id) ? mark(n, 'added') : changedNodes.has(n.id) ? mark(n, 'changed') : n,
      ),
      ...ghosts,
    ],
    edges: [
      ...edges.map((e) =>
        addedEdges.has(e.id) ? mark(e, 'added') : changedEdges.has(e.id) ? mark(e, 'changed') : e,
      ),
      ...ghostEdges,
    ],
  };
}
