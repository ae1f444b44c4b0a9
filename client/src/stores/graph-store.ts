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
import { DEFAULT_CAPACITY, type GraphInput, MAX_LABEL } from '../../../shared/graph/graph-schema.js';
import { copyFragment, pasteFragment } from '../lib/clipboard.js';
import { fromGraphDocument } from '../lib/flow-convert.js';
import {
  EDGE_TYPE,
  NODE_TYPE,
  type QueueEdge,
  type QueueEdgeData,
  type SluiceNode,
  type SluiceNodeData,
} from '../lib/flow-types.js';
import { type CanvasGroup, pruneGroups } from '../lib/group-model.js';
import * as H from '../lib/history.js';
import { nextEdgeId, nextNodeId } from '../lib/ids.js';
import type { CanvasNote } from '../lib/note-types.js';
import { valueAt, withValueAt } from '../lib/schema-form.js';
import { deriveSelection, type Selection, sameSelection, withSelected } from '../lib/selection.js';

export type { Selection } from '../lib/selection.js';

/**
 * The graph being edited: one store, read with narrow selectors (style.md). React Flow's own
 * `selected` flags are the truth for selection; `selection` is derived from them after every
 * change so the inspector can subscribe to one small value. Every edit records an undo step
 * (`past` / `future`); drags record one step at their start, typing in a field one per burst.
 */
export interface GraphState extends H.History {
  name: string;
  nodes: SluiceNode[];
  edges: QueueEdge[];
  /** Markdown notes on the canvas (note-actions.ts edits them, one undo step each, like the graph's edits). */
  notes: CanvasNote[];
  /** Frames around nodes (group-actions.ts edits them, one undo step each, like the graph's edits). */
  groups: CanvasGroup[];
  selection: Selection;
  /** A shared graph opened by someone without its edit token: look, run, fork — no edits. */
  readOnly: boolean;
  /** Counts documents put on the canvas, so the view can frame each new one once. */
  loads: number;
  onNodesChange: (changes: NodeChange<SluiceNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<QueueEdge>[]) => void;
  onConnect: (connection: Connection) => void;
  addNode: (kind: string, position: XYPosition) => string;
  setParam: (nodeId: string, path: readonly string[], value: unknown) => void;
  setEdgeData: (edgeId: string, patch: Partial<QueueEdgeData>) => void;
  /** A node's distributed-mode fields; `undefined` puts one back to its default (left out of the document). */
  setNodeDist: (nodeId: string, patch: Partial<Pick<SluiceNodeData, 'process' | 'replicas'>>) => void;
  setName: (name: string) => void;
  /** The groups after a group edit: one undo step, or part of the step just recorded (`record: false`, a drag). */
  setGroups: (groups: CanvasGroup[], options?: { record?: boolean }) => void;
  /**
   * The notes after a note edit: `edit` is one undo step (edits with the same `key` within a
   * second are one: a resize), `move` is part of the drag's step (or a nudge's), `select` none.
   */
  setNotes: (notes: CanvasNote[], how?: 'edit' | 'move' | 'select', key?: string) => void;
  /** A node's label (shown where it is named; the id stays); blank removes it. */
  setLabel: (nodeId: string, label: string) => void;
  select: (selection: { type: 'node' | 'edge'; id: string } | null) => void;
  selectAll: () => void;
  deleteSelection: () => void;
  /** Adds a copied fragment shifted by `offset`, selected; returns the new node ids. */
  paste: (fragment: GraphInput, offset: XYPosition) => string[];
  duplicateSelection: () => void;
  /** Moves nodes in one undo step (auto-layout), or without one (`record: false`, tidying a just-opened graph). */
  moveNodes: (positions: ReadonlyMap<string, XYPosition>, options?: { record?: boolean }) => void;
  /**
   * A structural edit worked out elsewhere (insert on an edge, align): the new nodes and edges as
   * one undo step, or as part of the step just recorded (`record: false`: a drop that added the node).
   */
  applyEdit: (nodes: SluiceNode[], edges: QueueEdge[], options?: { record?: boolean }) => void;
  /** Asks the canvas to frame the whole graph again (after a layout it did not start). */
  requestFrame: () => void;
  beginDrag: () => void;
  endDrag: () => void;
  undo: () => void;
  redo: () => void;
  /** Replaces the graph (open, import, gallery): a new document, so the history starts afresh. */
  load: (doc: GraphInput, options?: { readOnly?: boolean }) => void;
  /** Replaces the graph as an undoable edit (restoring a revision of the same document). */
  restore: (doc: GraphInput) => void;
}

const coalescer = new H.Coalescer();
let dragging = false;
/** The step a drag opened, so its end can drop it again when nothing moved. */
let dragStep: H.Snapshot | undefined;

const snap = (s: GraphState): H.Snapshot => ({
  name: s.name,
  nodes: s.nodes,
  edges: s.edges,
  groups: s.groups,
  notes: s.notes,
});

/** Groups lose the nodes an edit removed (a group left empty goes too). */
const groupsFor = (groups: CanvasGroup[], nodes: readonly SluiceNode[]) =>
  pruneGroups(groups, new Set(nodes.map((n) => n.id)));

/** The undo bookkeeping for an edit of `s`, to spread into the new state. */
function step(s: GraphState, key?: string): H.History {
  if (!coalescer.opensStep(key, Date.now())) return { past: s.past, future: [] };
  return H.record(s, snap(s));
}

function withSelection(prev: Selection, nodes: SluiceNode[], edges: QueueEdge[]) {
  const next = deriveSelection(nodes, edges);
  return { nodes, edges, selection: sameSelection(prev, next) ? prev : next };
}

/** Undo and redo change the graph, not what is selected: the current selection carries over. */
function show(s: GraphState, shown: H.Snapshot, history: H.History): Partial<GraphState> {
  coalescer.reset();
  const nodeSel = new Set(s.nodes.filter((n) => n.selected).map((n) => n.id));
  const edgeSel = new Set(s.edges.filter((e) => e.selected).map((e) => e.id));
  const nodes = withSelected(shown.nodes, (id) => nodeSel.has(id));
  const edges = withSelected(shown.edges, (id) => edgeSel.has(id));
  const noteSel = new Set(s.notes.filter((n) => n.selected).map((n) => n.id));
  const notes = shown.notes.map((n) =>
    Boolean(n.selected) === noteSel.has(n.id) ? n : { ...n, selected: noteSel.has(n.id) },
  );
  return {
    ...history,
    name: shown.name,
    groups: shown.groups,
    notes,
    ...withSelection(s.selection, nodes, edges),
  };
}

/** Position changes that actually move something (React Flow repeats the last one at drag end). */
function moves(changes: NodeChange<SluiceNode>[], nodes: SluiceNode[]): boolean {
  const at = new Map(nodes.map((n) => [n.id, n.position]));
  return changes.some((c) => {
    if (c.type !== 'position' || !c.position) return false;
    const p = at.get(c.id);
    return !p || p.x !== c.position.x || p.y !== c.position.y;
  });
}

export const useGraphStore = create<GraphState>()((set, get) => ({
  name: 'untitled',
  nodes: [],
  edges: [],
  notes: [],
  groups: [],
  selection: null,
  readOnly: false,
  loads: 0,
  ...H.EMPTY_HISTORY,

  onNodesChange: (changes) =>
    set((s) => {
      const structural = changes.some((c) => c.type === 'remove' || c.type === 'add' || c.type === 'replace');
      if (s.readOnly && structural) return s;
      // Drags recorded their step when they began; keyboard nudges coalesce into one.
      const nudged = !dragging && moves(changes, s.nodes);
      const history = structural ? step(s) : nudged ? step(s, 'nudge') : {};
      const nodes = applyNodeChanges(changes, s.nodes);
      return {
        ...history,
        ...(structural ? { groups: groupsFor(s.groups, nodes) } : {}),
        ...withSelection(s.selection, nodes, s.edges),
      };
    }),

  onEdgesChange: (changes) =>
    set((s) => {
      const removes = changes.some((c) => c.type === 'remove');
      if (s.readOnly && removes) return s;
      return {
        ...(removes ? step(s) : {}),
        ...withSelection(s.selection, s.nodes, applyEdgeChanges(changes, s.edges)),
      };
    }),

  onConnect: (connection) =>
    set((s) => {
      if (s.readOnly) return s;
      const edge: QueueEdge = {
        ...connection,
        id: nextEdgeId(s.edges.map((e) => e.id)),
        type: EDGE_TYPE,
        data: { capacity: DEFAULT_CAPACITY, overflow: 'block' },
      };
      return { ...step(s), edges: addEdge(edge, s.edges) };
    }),

  addNode: (kind, position) => {
    if (get().readOnly) return '';
    const id = nextNodeId(
      kind,
      get().nodes.map((n) => n.id),
    );
    const node: SluiceNode = { id, type: NODE_TYPE, position, data: { kind, params: {} }, selected: true };
    set((s) => {
      const nodes = [...withSelected(s.nodes, () => false), node];
      return {
        ...step(s),
        ...withSelection(
          s.selection,
          nodes,
          withSelected(s.edges, () => false),
        ),
      };
    });
    return id;
  },

  setParam: (nodeId, path, value) =>
    set((s) => {
      const node = s.nodes.find((n) => n.id === nodeId);
      if (s.readOnly || !node || Object.is(valueAt(node.data.params, path), value)) return s;
      const params = withValueAt(node.data.params, path, value);
      return {
        ...step(s, `param:${nodeId}:${path.join('.')}`),
        nodes: s.nodes.map((n) => (n === node ? { ...n, data: { ...n.data, params } } : n)),
      };
    }),

  setEdgeData: (edgeId, patch) =>
    set((s) => {
      if (s.readOnly) return s;
      return {
        ...step(s, `edge:${edgeId}:${Object.keys(patch).sort().join(',')}`),
        edges: s.edges.map((e) => (e.id === edgeId && e.data ? { ...e, data: { ...e.data, ...patch } } : e)),
      };
    }),

  setNodeDist: (nodeId, patch) =>
    set((s) => {
      const node = s.nodes.find((n) => n.id === nodeId);
      if (s.readOnly || !node) return s;
      const data: SluiceNodeData = { ...node.data, ...patch };
      for (const key of ['process', 'replicas'] as const) if (data[key] === undefined) delete data[key];
      if (data.process === node.data.process && data.replicas === node.data.replicas) return s;
      return {
        ...step(s, `dist:${nodeId}:${Object.keys(patch).sort().join(',')}`),
        nodes: s.nodes.map((n) => (n === node ? { ...n, data } : n)),
      };
    }),

  setLabel: (nodeId, label) =>
    set((s) => {
      const node = s.nodes.find((n) => n.id === nodeId);
      const next = label.trim() === '' ? undefined : label.slice(0, MAX_LABEL);
      if (s.readOnly || !node || node.data.label === next) return s;
      const data: SluiceNodeData = { ...node.data, label: next };
      if (next === undefined) delete data.label;
      return {
        ...step(s, `label:${nodeId}`),
        nodes: s.nodes.map((n) => (n === node ? { ...n, data } : n)),
      };
    }),

  setName: (name) => set((s) => (s.readOnly || s.name === name ? s : { ...step(s, 'name'), name })),

  setNotes: (notes, how = 'edit', key) =>
    set((s) => {
      if (s.notes === notes || (s.readOnly && how !== 'select')) return s;
      if (how === 'select') return { notes };
      if (how === 'move') return dragging ? { notes } : { ...step(s, 'nudge'), notes };
      return { ...step(s, key), notes };
    }),

  setGroups: (groups, options = {}) =>
    set((s) =>
      s.readOnly || s.groups === groups
        ? s
        : { ...(options.record === false ? {} : step(s)), groups: groupsFor(groups, s.nodes) },
    ),

  select: (selection) =>
    set((s) => {
      const isNode = (id: string) => selection?.type === 'node' && selection.id === id;
      const isEdge = (id: string) => selection?.type === 'edge' && selection.id === id;
      return withSelection(s.selection, withSelected(s.nodes, isNode), withSelected(s.edges, isEdge));
    }),

  selectAll: () =>
    set((s) =>
      withSelection(
        s.selection,
        withSelected(s.nodes, () => true),
        withSelected(s.edges, () => true),
      ),
    ),

  deleteSelection: () =>
    set((s) => {
      const gone = new Set(s.nodes.filter((n) => n.selected).map((n) => n.id));
      const nodes = s.nodes.filter((n) => !gone.has(n.id));
      const edges = s.edges.filter((e) => !e.selected && !gone.has(e.source) && !gone.has(e.target));
      const notes = s.notes.some((n) => n.selected) ? s.notes.filter((n) => !n.selected) : s.notes;
      if (
        s.readOnly ||
        (nodes.length === s.nodes.length && edges.length === s.edges.length && notes === s.notes)
      )
        return s;
      return {
        ...step(s),
        notes,
        groups: groupsFor(s.groups, nodes),
        ...withSelection(s.selection, nodes, edges),
      };
    }),

  paste: (fragment, offset) => {
    const s = get();
    if (s.readOnly || fragment.nodes.length === 0) return [];
    const added = pasteFragment(
      fragment,
      { nodeIds: s.nodes.map((n) => n.id), edgeIds: s.edges.map((e) => e.id) },
      offset,
    );
    set({
      ...step(s),
      ...withSelection(
        s.selection,
        [...withSelected(s.nodes, () => false), ...added.nodes],
        [...withSelected(s.edges, () => false), ...added.edges],
      ),
    });
    return added.nodes.map((n) => n.id);
  },

  duplicateSelection: () => {
    const { nodes, edges, paste } = get();
    const fragment = copyFragment(nodes, edges);
    if (fragment) paste(fragment, { x: 48, y: 48 });
  },

  moveNodes: (positions, options = {}) =>
    set((s) => {
      if (s.readOnly) return s;
      const nodes = s.nodes.map((n) => {
        const p = positions.get(n.id);
        return p ? { ...n, position: p } : n;
      });
      return { ...(options.record === false ? {} : step(s)), nodes };
    }),

  applyEdit: (nodes, edges, options = {}) =>
    set((s) => {
      if (s.readOnly) return s;
      return {
        ...(options.record === false ? {} : step(s)),
        groups: groupsFor(s.groups, nodes),
        ...withSelection(s.selection, nodes, edges),
      };
    }),

  requestFrame: () => set((s) => ({ loads: s.loads + 1 })),

  beginDrag: () => {
    if (dragging) return;
    dragging = true;
    if (get().readOnly) return;
    set((s) => H.record(s, snap(s)));
    dragStep = get().past[get().past.length - 1];
  },

  endDrag: () => {
    dragging = false;
    coalescer.reset();
    const opened = dragStep;
    dragStep = undefined;
    // A press that did not move anything must not leave an empty undo step behind.
    set((s) => {
      const last = s.past[s.past.length - 1];
      return last &&
        last === opened &&
        last.edges === s.edges &&
        last.groups === s.groups &&
        H.samePositions(last.nodes, s.nodes) &&
        H.sameNotes(last.notes, s.notes)
        ? { past: s.past.slice(0, -1) }
        : s;
    });
  },

  undo: () =>
    set((s) => {
      const r = H.undo(s, snap(s));
      return r ? show(s, r.show, r.history) : s;
    }),

  redo: () =>
    set((s) => {
      const r = H.redo(s, snap(s));
      return r ? show(s, r.show, r.history) : s;
    }),

  load: (doc, options = {}) => {
    coalescer.reset();
    set((s) => ({
      loads: s.loads + 1,
      name: doc.name ?? 'untitled',
      ...fromGraphDocument(doc),
      notes: doc.notes ?? [],
      groups: doc.groups ?? [],
      selection: null,
      readOnly: options.readOnly ?? false,
      ...H.EMPTY_HISTORY,
    }));
  },

  restore: (doc) =>
    set((s) => {
      if (s.readOnly) return s;
      const { nodes, edges } = fromGraphDocument(doc);
      return {
        ...step(s),
        name: doc.name ?? s.name,
        notes: doc.notes ?? [],
        groups: doc.groups ?? [],
        ...withSelection(s.selection, nodes, edges),
      };
    }),
}));
