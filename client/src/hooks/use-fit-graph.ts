import { type FitViewOptions, useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { frameBounds, type Insets } from '../lib/fit-viewport.js';
import { useLessonStore } from '../stores/examples-store.js';

/**
 * A lesson's graph is framed no smaller than this, so its numbers stay on screen (they hide
 * below LOW_DETAIL_ZOOM, hooks/use-low-detail.ts); a graph too wide for it starts at the left.
 */
export const LESSON_MIN_ZOOM = 0.6;

/** Room kept free at the top for the toolbar and banners. */
const TOP = 72;
/** Beside an open lesson the banners sit over the graph's area, up to three lines tall. */
const TOP_BESIDE_LESSON = 88;
const SIDE = 48;
const BOTTOM = 40;
/** A lesson's graph also stays clear of the minimap in the bottom-right corner. */
const BOTTOM_LESSON = 136;
/** Between an open lesson's edge and the graph, and between the graph and the right edge. */
const GAP = 16;

/** How any graph is framed: whole, clear of the toolbar, at no more than 100 %. */
export function fitOptions(animate: boolean): FitViewOptions {
  return {
    padding: { top: `${TOP}px`, bottom: `${BOTTOM}px`, left: `${SIDE}px`, right: `${SIDE}px` },
    maxZoom: 1,
    ...(animate ? { duration: 250 } : {}),
  };
}

/**
 * The room the lesson panel takes, read from the page: when open, everything left of its right
 * edge; collapsed to a tab, the strip down to the tab's bottom.
 */
function lessonInsets(canvas: HTMLElement | null): Insets {
  const insets = { top: TOP, right: GAP, bottom: BOTTOM_LESSON, left: SIDE };
  const panel = canvas?.parentElement?.querySelector<HTMLElement>('[data-testid="lesson-panel"]');
  if (!canvas || !panel) return insets;
  const area = canvas.getBoundingClientRect();
  const box = panel.getBoundingClientRect();
  if (useLessonStore.getState().collapsed)
    return { ...insets, top: Math.max(TOP, Math.round(box.bottom - area.top) + 12) };
  return { ...insets, top: TOP_BESIDE_LESSON, left: Math.round(box.right - area.left) + GAP };
}

/**
 * Frames the whole graph, clear of the canvas' own overlays. With a lesson open, the graph goes
 * beside the lesson at a zoom where its numbers show (LESSON_MIN_ZOOM at least).
 */
export function useFitGraph(): (animate?: boolean) => void {
  const { fitView, getNodes, getNodesBounds, setViewport } = useReactFlow();
  const store = useStoreApi();
  return useCallback(
    (animate = true) => {
      const nodes = getNodes();
      if (useLessonStore.getState().example === null || nodes.length === 0) {
        void fitView(fitOptions(animate));
        return;
      }
      const { width, height, domNode } = store.getState();
      const insets = lessonInsets(domNode);
      const viewport = frameBounds(getNodesBounds(nodes), width, height, insets, LESSON_MIN_ZOOM, 1);
      void setViewport(viewport, animate ? { duration: 250 } : undefined);
    },
    [fitView, getNodes, getNodesBounds, setViewport, store],
  );
}
