import { useStore } from '@xyflow/react';

/**
 * Below this zoom the canvas switches to low detail: numbers would be a few pixels tall, so nodes
 * show their state bar and edges their fill bar only. Besides being readable, it is what keeps
 * a 200-node graph at 30 fps (e2e/perf/render-perf.ts): far fewer text updates per tick.
 */
export const LOW_DETAIL_ZOOM = 0.5;

/** True while zoomed out past LOW_DETAIL_ZOOM; re-renders its caller only when that flips. */
export function useLowDetail(): boolean {
  return useStore((s) => s.transform[2] < LOW_DETAIL_ZOOM);
}

/** Further out still (a few hundred nodes on screen): cards drop their titles and ports. */
export const OVERVIEW_ZOOM = 0.25;

/** True while zoomed out past OVERVIEW_ZOOM; re-renders its caller only when that flips. */
export function useOverview(): boolean {
  return useStore((s) => s.transform[2] < OVERVIEW_ZOOM);
}
