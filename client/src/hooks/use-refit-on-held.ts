import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { inView } from '../lib/fit-viewport.js';
import { canvasInsets } from './use-fit-graph.js';
import { useHeldChanges } from './use-shown-graph.js';

/**
 * While a run holds structural edits, the canvas draws another shape than the one it framed: new
 * nodes that wait for the next run, ghosts of deleted ones that still run, and the held-edits
 * banner over the top. When that shape changes (an edit held, applied or discarded) and part of
 * the graph is no longer in view, frame it again. A graph still wholly in view is left where it
 * is, so the canvas does not move under the pointer after every edit. Returns whether edits are
 * held: the canvas then also keeps the held graph framed as it changes size.
 */
export function useRefitOnHeld(frame: (animate?: boolean) => void): boolean {
  const held = useHeldChanges();
  const { getNodes, getNodesBounds, getViewport } = useReactFlow();
  const store = useStoreApi();
  const shape = `${held.addedNodes.join(',')}|${held.removedNodes.join(',')}|${held.addedEdges.length + held.removedEdges.length > 0}`;
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the held shape is the trigger on purpose
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // After React Flow has measured new nodes, the banner has taken its place and a click-to-add
    // pan (200 ms, use-add-kind.ts) has ended.
    const timer = setTimeout(() => {
      const nodes = getNodes();
      if (nodes.length === 0) return;
      const { width, height, domNode } = store.getState();
      const canvas = domNode?.closest<HTMLElement>('[data-testid="canvas"]') ?? null;
      if (!inView(getNodesBounds(nodes), getViewport(), width, height, canvasInsets(canvas))) frame();
    }, 300);
    return () => clearTimeout(timer);
  }, [shape]);
  return shape !== '||false';
}
