import type { GraphInput } from '../../../shared/graph/graph-schema.js';
import { DEFAULT_CAPACITY, SCHEMA_VERSION } from '../../../shared/graph/graph-schema.js';
import { EDGE_TYPE, NODE_TYPE, type QueueEdge, type SluiceNode } from './flow-types.js';
import { type CanvasGroup, groupsForDocument } from './group-model.js';
import { type CanvasNote, notesForDocument } from './note-types.js';

type NodeDoc = GraphInput['nodes'][number];
type EdgeDoc = NonNullable<GraphInput['edges']>[number];

/**
 * A node's distributed-mode fields, only those that are set: a graph that never uses them
 * round-trips byte for byte, and an unset field keeps meaning "the default".
 */
export function nodeDistFields(
  n: Pick<NodeDoc, 'process' | 'replicas'>,
): Pick<NodeDoc, 'process' | 'replicas'> {
  return {
    ...(n.process === undefined ? {} : { process: n.process }),
    ...(n.replicas === undefined ? {} : { replicas: n.replicas }),
  };
}

/** An edge's `transport` when it is set (absent = chosen from its ends, see edgeTransport). */
export function edgeDistFields(e: Pick<EdgeDoc, 'transport'>): Pick<EdgeDoc, 'transport'> {
  return e.transport === undefined ? {} : { transport: e.transport };
}

/**
 * The graph document (contract.md, schemaVersion 1) for what is on the canvas (notes and groups too, when given).
 *
 * @example toGraphDocument('demo', nodes, edges) // { schemaVersion: 1, name: 'demo', nodes: [...], edges: [...] }
 */
export function toGraphDocument(
  name: string,
  nodes: SluiceNode[],
  edges: QueueEdge[],
  notes: readonly CanvasNote[] = [],
  groups: CanvasGroup[] = [],
): GraphInput {
  return {
    schemaVersion: SCHEMA_VERSION,
    name,
    nodes: nodes.map((n) => ({
      id: n.id,
      kind: n.data.kind,
      position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
      params: n.data.params,
      ...(n.data.label === undefined ? {} : { label: n.data.label }),
      ...nodeDistFields(n.data),
    })),
    edges: edges.map((e) => ({
      id: e.id,
      source: e.source,
      sourcePort: e.sourceHandle ?? 'out',
      target: e.target,
      targetPort: e.targetHandle ?? 'in',
      capacity: e.data?.capacity ?? DEFAULT_CAPACITY,
      overflow: e.data?.overflow ?? 'block',
      ...edgeDistFields(e.data ?? {}),
      ...(e.data?.expireMs === undefined ? {} : { expireMs: e.data.expireMs }),
      ...(e.data?.fuse === undefined ? {} : { fuse: e.data.fuse }),
    })),
    ...notesForDocument(notes),
    ...groupsForDocument(groups, nodes),
  };
}

/** Canvas nodes and edges for a parsed graph document. */
export function fromGraphDocument(doc: GraphInput): { nodes: SluiceNode[]; edges: QueueEdge[] } {
  return {
    nodes: doc.nodes.map((n) => ({
      id: n.id,
      type: NODE_TYPE,
      position: n.position ?? { x: 0, y: 0 },
      data: {
        kind: n.kind,
        params: n.params ?? {},
        ...(n.label === undefined ? {} : { label: n.label }),
        ...nodeDistFields(n),
      },
    })),
    edges: (doc.edges ?? []).map((e) => ({
      id: e.id,
      type: EDGE_TYPE,
      source: e.source,
      sourceHandle: e.sourcePort ?? 'out',
      target: e.target,
      targetHandle: e.targetPort ?? 'in',
      data: {
        capacity: e.capacity ?? DEFAULT_CAPACITY,
        overflow: e.overflow ?? 'block',
        ...edgeDistFields(e),
        ...(e.expireMs === undefined ? {} : { expireMs: e.expireMs }),
        ...(e.fuse === undefined ? {} : { fuse: e.fuse }),
      },
    })),
  };
}

/**
 * A string that changes only when something the compiler looks at changes: positions and
 * selection are left out, so dragging a node does not recompile the graph on every mouse move.
 */
export function structureKey(nodes: SluiceNode[], edges: QueueEdge[]): string {
  return JSON.stringify([
    nodes.map((n) => [n.id, n.data.kind, n.data.params, n.data.process, n.data.replicas]),
    edges.map((e) => [
      e.id,
      e.source,
      e.sourceHandle,
      e.target,
      e.targetHandle,
      e.data?.capacity,
      e.data?.overflow,
      e.data?.transport,
      e.data?.expireMs,
      e.data?.fuse,
    ]),
  ]);
}
