import { useReactFlow } from '@xyflow/react';
import { type DragEvent, useCallback } from 'react';
import { insertIfOnEdge } from '../actions/canvas-actions.js';
import { KIND_MIME } from '../lib/palette-groups.js';
import { useCatalogStore } from '../stores/catalog-store.js';
import { useGraphStore } from '../stores/graph-store.js';

/** Where the pointer sits on a freshly dropped node: near the middle of its header. */
const GRAB_OFFSET = { x: 116, y: 24 };

/** HTML5 drop target handlers that turn a palette item dropped on the canvas into a node (into a queue when dropped on one). */
export function useDropKind() {
  const { screenToFlowPosition } = useReactFlow();

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(KIND_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(KIND_MIME);
      if (!kind || !useCatalogStore.getState().byKind[kind]) return;
      e.preventDefault();
      const at = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const id = useGraphStore.getState().addNode(kind, { x: at.x - GRAB_OFFSET.x, y: at.y - GRAB_OFFSET.y });
      // Dropped onto a queue: into it, in the same undo step as adding it.
      if (id) insertIfOnEdge(id, e.clientX, e.clientY, false);
    },
    [screenToFlowPosition],
  );

  return { onDragOver, onDrop };
}
