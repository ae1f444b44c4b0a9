import { type FitViewOptions, useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { useLessonStore } from '../stores/examples-store.js';

/** Room kept free at the top for the toolbar and banners, and at the left for an open lesson. */
export function fitOptions(animate: boolean): FitViewOptions {
  const lesson = useLessonStore.getState();
  const lessonOpen = lesson.example !== null && !lesson.collapsed;
  return {
    padding: { top: '72px', bottom: '40px', left: lessonOpen ? '370px' : '48px', right: '48px' },
    maxZoom: 1,
    ...(animate ? { duration: 250 } : {}),
  };
}

/** Frames the whole graph, clear of the canvas' own overlays. */
export function useFitGraph(): (animate?: boolean) => void {
  const { fitView } = useReactFlow();
  return useCallback((animate = true) => void fitView(fitOptions(animate)), [fitView]);
}
