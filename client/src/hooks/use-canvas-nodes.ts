import type { NodeChange } from '@xyflow/react';
import { useCallback, useMemo } from 'react';
import { applyNoteChanges } from '../actions/note-actions.js';
import type { QueueEdge, SluiceNode } from '../lib/flow-types.js';
import { isGroupFlowId } from '../lib/group-model.js';
import { type GroupNode, groupView, memberMoves } from '../lib/group-view.js';
import { isNoteFlowId, type NoteNode, noteNodes } from '../lib/note-types.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useGroupEditStore } from '../stores/group-edit-store.js';
import { useShownGraph } from './use-shown-graph.js';

export type CanvasNode = SluiceNode | NoteNode | GroupNode;

/** Note changes go to the notes, a group's drag to its nodes, the rest to the graph. */
function splitChanges(changes: NodeChange[], graph: (c: NodeChange<SluiceNode>[]) => void): void {
  if (changes.some((c) => 'id' in c && isNoteFlowId(c.id))) applyNoteChanges(changes);
  const { nodes, groups } = useGraphStore.getState();
  const moved = groups.length > 0 ? memberMoves(changes, nodes, groups) : [];
  const rest = changes.filter((c) => !('id' in c) || !(isNoteFlowId(c.id) || isGroupFlowId(c.id)));
  if (rest.length + moved.length > 0) graph([...(rest as NodeChange<SluiceNode>[]), ...moved]);
}

/**
 * Everything React Flow draws as nodes and edges: notes and group frames first (under the
 * graph), then the graph as shown (use-shown-graph.ts) with collapsed groups as one box each and
 * their queues re-attached; and the one change handler that sends each change where it belongs.
 */
export function useCanvasNodes(): {
  nodes: CanvasNode[];
  edges: QueueEdge[];
  onNodesChange: (changes: NodeChange<CanvasNode>[]) => void;
} {
  const shown = useShownGraph();
  const notes = useGraphStore((s) => s.notes);
  const groups = useGraphStore((s) => s.groups);
  const readOnly = useGraphStore((s) => s.readOnly);
  const held = useGroupEditStore((s) => s.held);
  const onGraphChange = useGraphStore((s) => s.onNodesChange);
  const view = useMemo(
    () => groupView(shown.nodes, shown.edges, groups, readOnly, held),
    [shown.nodes, shown.edges, groups, readOnly, held],
  );
  const nodes = useMemo<CanvasNode[]>(
    () =>
      notes.length === 0 && view.frames.length === 0
        ? view.nodes
        : [...noteNodes(notes, readOnly), ...view.frames, ...view.nodes],
    [notes, view, readOnly],
  );
  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => splitChanges(changes as NodeChange[], onGraphChange),
    [onGraphChange],
  );
  return { nodes, edges: view.edges, onNodesChange };
}
