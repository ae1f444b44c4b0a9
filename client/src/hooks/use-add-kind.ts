import { useReactFlow, useStoreApi, type XYPosition } from '@xyflow/react';
import { useCallback } from 'react';
import { useGraphStore } from '../stores/graph-store.js';

/** Horizontal step between nodes added by clicking, so a click-built pipeline reads left to right. */
const STEP_X = 360;
/** A node's size before React Flow has measured it (node.css: 232 px wide, ~170 px with metrics). */
const NODE_WIDTH = 232;
const NODE_HEIGHT = 170;
/** Room kept between a revealed node and the edge of the canvas (screen px). */
const MARGIN = 48;

/**
 * How far (screen px) to pan so a box of the flow is on screen with a margin: the least
 * movement that shows it, zero when it already is. When it cannot fit, its top-left corner wins.
 *
 * @example
 * // A node at flow x 1500 in an 1000 px wide pane at zoom 1, not panned: move left by 780.
 * revealDelta({ x: 1500, y: 100 }, { x: 0, y: 0, zoom: 1 }, { width: 1000, height: 800 }).dx // -780
 */
export function revealDelta(
  position: XYPosition,
  viewport: { x: number; y: number; zoom: number },
  pane: { width: number; height: number },
): { dx: number; dy: number } {
  const axis = (start: number, size: number, room: number) => {
    let d = 0;
    if (start + size > room - MARGIN) d = room - MARGIN - (start + size);
    if (start + d < MARGIN) d = MARGIN - start;
    return d;
  };
  const { zoom } = viewport;
  return {
    dx: axis(position.x * zoom + viewport.x, NODE_WIDTH * zoom, pane.width),
    dy: axis(position.y * zoom + viewport.y, NODE_HEIGHT * zoom, pane.height),
  };
}

/**
 * Click-to-add: the first node lands in the middle of the visible canvas, later ones to the
 * right of the rightmost node, so clicking source, transform, sink lays out a pipeline. The
 * canvas pans just enough to show a node that would land off-screen.
 */
export function useAddKind(): (kind: string) => void {
  const { screenToFlowPosition, getViewport, setViewport } = useReactFlow();
  const store = useStoreApi();
  return useCallback(
    (kind: string) => {
      const { nodes, addNode } = useGraphStore.getState();
      const rightmost = nodes.reduce<(typeof nodes)[number] | undefined>(
        (best, n) => (!best || n.position.x > best.position.x ? n : best),
        undefined,
      );
      let position: XYPosition;
      if (rightmost) {
        position = { x: rightmost.position.x + STEP_X, y: rightmost.position.y };
      } else {
        const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
        const centre = pane
          ? screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 })
          : { x: 0, y: 0 };
        position = { x: centre.x - NODE_WIDTH / 2, y: centre.y - 60 };
      }
      if (!addNode(kind, position)) return;
      const { width, height } = store.getState();
      if (!(width > 0 && height > 0)) return;
      const viewport = getViewport();
      const { dx, dy } = revealDelta(position, viewport, { width, height });
      if (dx !== 0 || dy !== 0)
        void setViewport({ ...viewport, x: viewport.x + dx, y: viewport.y + dy }, { duration: 200 });
    },
    [screenToFlowPosition, getViewport, setViewport, store],
  );
}
