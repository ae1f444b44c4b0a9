import {
  addEdge,
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react';
import { create } from 'zustand';
import { DEFAULT_CAPACITY, type GraphInput } from '../../../shared/graph/graph-schema.js';
import { fromGraphDocument } from '../lib/flow-convert.js';
import {
  EDGE_TYPE,
  NODE_TYPE,
  type QueueEdge,
  type QueueEdgeData,
  type SluiceNode,
} from '../lib/flow-types.js';
import { nextEdgeId, nextNodeId } from '../lib/ids.js';
import { withValueAt } from '../lib/schema-form.js';

export type Selection = { type: 'node'; id: string } | { type: 'edge'; id: string } | null;

/**
 * The graph being edited: one store, read with narrow selectors (style.md). React Flow's own
 * `selected` flags are the truth for selection; `selection` is derived from them after every
 * change so the inspector can subscribe to one small value.
 */
export interface GraphState {
  name: string;
  nodes: SluiceNode[];
  edges: QueueEdge[];
  selection: Selection;
  onNodesChange: (changes: NodeChange<SluiceNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<QueueEdge>[]) => void;
  onConnect: (connection: Connection) => void;
  addNode: (kind: string, position: XYPosition) => string;
  setParam: (nodeId: string, path: readonly string[], value: unknown) => void;
  setEdgeData: (edgeId: string, patch: Partial<QueueEdgeData>) => void;
  select: (selection: Selection) => void;
  deleteSelection: () => void;
  setName: (name: string) => void;
  load: (doc: GraphInput) => void;
}

function deriveSelection(nodes: SluiceNode[], edges: QueueEdge[]): Selection {
  const node = nodes.find((n) => n.selected);
  if (node) return { type: 'node', id: node.id };
  const edge = edges.find((e) => e.selected);
  return edge ? { type: 'edge', id: edge.id } : null;
}

function sameSelection(a: Selection, b: Selection): boolean {
  return a === b || (a !== null && b !== null && a.type === b.type && a.id === b.id);
}

/** Keeps the previous selection object when nothing changed, so subscribers do not re-render. */
function withSelection(prev: Selection, nodes: SluiceNode[], edges: QueueEdge[]) {
  const next = deriveSelection(nodes, edges);
  return { nodes, edges, selection: sameSelection(prev, next) ? prev : next };
}

export const useGraphStore = create<GraphState>()((set, get) => ({
  name: 'untitled',
  nodes: [],
  edges: [],
  selection: null,

  onNodesChange: (changes) =>
    set((s) => withSelection(s.selection, applyNodeChanges(changes, s.nodes), s.edges)),

  onEdgesChange: (changes) =>
    set((s) => withSelection(s.selection, s.nodes, applyEdgeChanges(changes, s.edges))),

  onConnect: (connection) =>
    set((s) => {
      const edge: QueueEdge = {
        ...connection,
        id: nextEdgeId(s.edges.map((e) => e.id)),
        type: EDGE_TYPE,
        data: { capacity: DEFAULT_CAPACITY, overflow: 'block' },
      };
      return { edges: addEdge(edge, s.edges) };
    }),

  addNode: (kind, position) => {
    const id = nextNodeId(
      kind,
      get().nodes.map((n) => n.id),
    );
    const node: SluiceNode = { id, type: NODE_TYPE, position, data: { kind, params: {} }, selected: true };
    set((s) => {
      const nodes = [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node];
      const edges = s.edges.map((e) => (e.selected ? { ...e, selected: false } : e));
      return withSelection(s.selection, nodes, edges);
    });
    return id;
  },

  setParam: (nodeId, path, value) =>
    set((s) => ({
      nodes: s.nodes.map((n) =>
        n.id === nodeId ? { ...n, data: { ...n.data, params: withValueAt(n.data.params, path, value) } } : n,
      ),
    })),

  setEdgeData: (edgeId, patch) =>
    set((s) => ({
      edges: s.edges.map((e) => (e.id === edgeId && e.data ? { ...e, data: { ...e.data, ...patch } } : e)),
    })),

  select: (selection) =>
    set((s) => {
      const isNode = (id: string) => selection?.type === 'node' && selection.id === id;
      const isEdge = (id: string) => selection?.type === 'edge' && selection.id === id;
      const nodes = s.nodes.map((n) =>
        Boolean(n.selected) === isNode(n.id) ? n : { ...n, selected: isNode(n.id) },
      );
      const edges = s.edges.map((e) =>
        Boolean(e.selected) === isEdge(e.id) ? e : { ...e, selected: isEdge(e.id) },
      );
      return withSelection(s.selection, nodes, edges);
    }),

  deleteSelection: () =>
    set((s) => {
      const gone = new Set(s.nodes.filter((n) => n.selected).map((n) => n.id));
      const nodes = s.nodes.filter((n) => !gone.has(n.id));
      const edges = s.edges.filter((e) => !e.selected && !gone.has(e.source) && !gone.has(e.target));
      return withSelection(s.selection, nodes, edges);
    }),

  setName: (name) => set({ name }),

  load: (doc) => set({ name: doc.name ?? 'untitled', ...fromGraphDocument(doc), selection: null }),
}));
