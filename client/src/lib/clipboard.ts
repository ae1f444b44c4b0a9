import type { XYPosition } from '@xyflow/react';
import { DEFAULT_CAPACITY, type GraphInput, SCHEMA_VERSION } from '../../../shared/graph/graph-schema.js';
import { edgeDistFields, nodeDistFields, toGraphDocument } from './flow-convert.js';
import { EDGE_TYPE, NODE_TYPE, type QueueEdge, type SluiceNode } from './flow-types.js';
import { nextEdgeId, nextNodeId } from './ids.js';

/**
 * A copied piece of a graph, in the public document format: the selected nodes and the edges
 * between them (an edge to a node left behind is not copied). Being a graph document, it can go
 * through the system clipboard and be pasted in another tab, or saved as a file.
 *
 *   [a] ──▶ [b] ──▶ c        with a, b selected → nodes a, b and the edge a→b
 *
 * @example copyFragment(nodes, edges) // { schemaVersion: 1, name: 'clipboard', nodes: [...], edges: [...] }
 */
export function copyFragment(nodes: readonly SluiceNode[], edges: readonly QueueEdge[]): GraphInput | null {
  const picked = nodes.filter((n) => n.selected);
  if (picked.length === 0) return null;
  const ids = new Set(picked.map((n) => n.id));
  const inner = edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  return toGraphDocument('clipboard', picked, inner);
}

/**
 * Canvas nodes and edges for a fragment pasted into a graph: fresh ids (never clashing with
 * `existing`), positions shifted by `offset`, everything pasted selected.
 */
export function pasteFragment(
  fragment: GraphInput,
  existing: { nodeIds: readonly string[]; edgeIds: readonly string[] },
  offset: XYPosition,
): { nodes: SluiceNode[]; edges: QueueEdge[] } {
  const nodeIds = [...existing.nodeIds];
  const edgeIds = [...existing.edgeIds];
  const rename = new Map<string, string>();
  const nodes: SluiceNode[] = fragment.nodes.map((n) => {
    const id = nextNodeId(n.kind, nodeIds);
    nodeIds.push(id);
    rename.set(n.id, id);
    const at = n.position ?? { x: 0, y: 0 };
    return {
      id,
      type: NODE_TYPE,
      position: { x: at.x + offset.x, y: at.y + offset.y },
      data: {
        kind: n.kind,
        params: structuredClone(n.params ?? {}),
        ...(n.label ? { label: n.label } : {}),
        ...nodeDistFields(n),
      },
      selected: true,
    };
  });
  const edges: QueueEdge[] = [];
  for (const e of fragment.edges ?? []) {
    const source = rename.get(e.source);
    const target = rename.get(e.target);
    if (!source || !target) continue;
    const id = nextEdgeId(edgeIds);
    edgeIds.push(id);
    edges.push({
      id,
      type: EDGE_TYPE,
      source,
      sourceHandle: e.sourcePort ?? 'out',
      target,
      targetHandle: e.targetPort ?? 'in',
      data: {
        capacity: e.capacity ?? DEFAULT_CAPACITY,
        overflow: e.overflow ?? 'block',
        ...edgeDistFields(e),
      },
      selected: true,
    });
  }
  return { nodes, edges };
}

/** True when a parsed value looks like a fragment (a graph document); the schema checks the rest. */
export function isFragmentLike(v: unknown): v is GraphInput {
  return (
    typeof v === 'object' &&
    v !== null &&
    (v as { schemaVersion?: unknown }).schemaVersion === SCHEMA_VERSION &&
    Array.isArray((v as { nodes?: unknown }).nodes)
  );
}
