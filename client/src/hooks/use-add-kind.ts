import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { useGraphStore } from '../stores/graph-store.js';

/** Horizontal step between nodes added by clicking, so a click-built pipeline reads left to right. */
const STEP_X = 360;
const NODE_HALF_WIDTH = 116;

/**
 * Click-to-add: the first node lands in the middle of the visible canvas, later ones to the
 * right of the rightmost node, so clicking source, transform, sink lays out a pipeline.
 */
export function useAddKind(): (kind: string) => void {
  const { screenToFlowPosition } = useReactFlow();
  return useCallback(
    (kind: string) => {
      const { nodes, addNode } = useGraphStore.getState();
      const rightmost = nodes.reduce<(typeof nodes)[number] | undefined>(
        (best, n) => (!best || n.position.x > best.position.x ? n : best),
        undefined,
      );
      if (rightmost) {
        addNode(kind, { x: rightmost.position.x + STEP_X, y: rightmost.position.y });
        return;
      }
      const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
      const centre = pane
        ? screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 })
        : { x: 0, y: 0 };
      addNode(kind, { x: centre.x - NODE_HALF_WIDTH, y: centre.y - 60 });
    },
    [screenToFlowPosition],
  );
}
