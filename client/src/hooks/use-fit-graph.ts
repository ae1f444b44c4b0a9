import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { frameBounds, type Insets } from '../lib/fit-viewport.js';

/** Room kept free between the graph and the canvas's edges and overlays, px. */
const MARGIN = 16;
/** Fit never zooms in past 100 %, and goes as far out as a whole graph needs. */
const MAX_ZOOM = 1;
const MIN_ZOOM = 0.1;
/**
 * The top strip is kept free down to here even before a banner shows: the bottleneck sentence
 * (two lines) appears a moment after a run starts and must not land on the graph then.
 */
const TOP_RESERVED = 76;

/**
 * The room the canvas's own overlays take, read from the page: the toolbar and banners along
 * the top, the minimap in the bottom-right corner when it is open (it then claims the strip
 * along the bottom, so no node is framed under it).
 */
export function canvasInsets(canvas: HTMLElement | null): Insets {
  const insets = { top: TOP_RESERVED, right: MARGIN, bottom: MARGIN, left: MARGIN };
  if (!canvas) return insets;
  const area = canvas.getBoundingClientRect();
  const top = canvas.querySelector<HTMLElement>('.canvas__top');
  if (top) {
    // The overlays strip is as tall as its tallest child (toolbar or banners).
    const children = [...top.querySelectorAll<HTMLElement>('.canvas-toolbar, .canvas-banner')];
    const bottom = Math.max(
      top.getBoundingClientRect().top,
      ...children.map((c) => c.getBoundingClientRect().bottom),
    );
    insets.top = Math.max(TOP_RESERVED, Math.round(bottom - area.top) + MARGIN / 2);
  }
  const map = canvas.querySelector<HTMLElement>('.react-flow__minimap');
  if (map)
    insets.bottom = Math.max(MARGIN, Math.round(area.bottom - map.getBoundingClientRect().top) + MARGIN / 2);
  return insets;
}

/**
 * Frames the whole graph in the canvas, clear of the toolbar, banners and minimap, at no more
 * than 100 %. An open lesson sits in its own column beside the canvas, so it needs no room here.
 */
export function useFitGraph(): (animate?: boolean) => void {
  const { getNodes, getNodesBounds, setViewport } = useReactFlow();
  const store = useStoreApi();
  return useCallback(
    (animate = true) => {
      const nodes = getNodes();
      if (nodes.length === 0) return;
      const { width, height, domNode } = store.getState();
      const canvas = domNode?.closest<HTMLElement>('[data-testid="canvas"]') ?? null;
      const viewport = frameBounds(
        getNodesBounds(nodes),
        width,
        height,
        canvasInsets(canvas),
        MIN_ZOOM,
        MAX_ZOOM,
      );
      void setViewport(viewport, animate ? { duration: 250 } : undefined);
    },
    [getNodes, getNodesBounds, setViewport, store],
  );
}
