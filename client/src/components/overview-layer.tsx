import { type InternalNode, useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { LOW_DETAIL_ZOOM, OVERVIEW_ZOOM } from '../hooks/use-low-detail.js';
import type { SluiceNode } from '../lib/flow-types.js';
import { edgeGeometry, onGeometry } from '../lib/overlay-geometry.js';
import {
  CATEGORY_PAINT,
  type CardBox,
  type EdgeLook,
  paintCards,
  paintEdges,
  paintGauges,
  paintRates,
  type View,
} from '../lib/overview-paint.js';
import { cachedWithAverages } from '../lib/run-averages.js';
import { useCatalogStore } from '../stores/catalog-store.js';
import { useTelemetryStore } from '../stores/telemetry-store.js';

/**
 * Zoomed out (below LOW_DETAIL_ZOOM), the live parts of the canvas — edge colours and widths,
 * queue gauges, node cards' state bars and rates — are painted on this one <canvas> under the
 * React Flow viewport, every telemetry frame, instead of as hundreds of restyled DOM boxes
 * (whose relayering cost grew with the graph: e2e/perf/RESULTS.md). The DOM nodes and edges
 * stay on top, transparent where this layer paints, for clicks, drags, titles and badges.
 * Zoomed in, the layer is blank and the DOM draws everything.
 */
export function OverviewLayer() {
  const ref = useRef<HTMLCanvasElement>(null);
  const store = useStoreApi<InternalNode<SluiceNode>>();

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    let queued = 0;
    const averaged = cachedWithAverages();
    let wasDrawn = false;
    const draw = () => {
      queued = 0;
      const rf = store.getState();
      const [x, y, zoom] = rf.transform;
      const low = zoom < LOW_DETAIL_ZOOM;
      const dpr = window.devicePixelRatio || 1;
      const width = rf.width;
      const height = rf.height;
      if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
        canvas.width = Math.round(width * dpr);
        canvas.height = Math.round(height * dpr);
        wasDrawn = true;
      }
      if (!low) {
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        if (wasDrawn) ctx.clearRect(0, 0, canvas.width, canvas.height);
        wasDrawn = false;
        if (canvas.dataset.seq) canvas.dataset.seq = '';
        return;
      }
      wasDrawn = true;
      // After the run, the run's averages, as the DOM cards show them (not the final frame's zeros).
      const { frame: last, averages, past } = useTelemetryStore.getState();
      const frame = last && !past ? averaged(last, averages) : last;
      const view: View = { x, y, zoom, width, height, dpr };
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.setTransform(dpr * zoom, 0, 0, dpr * zoom, dpr * x, dpr * y);
      const looks = new Map<string, EdgeLook>();
      for (const e of rf.edges)
        if (e.selected || e.data?.held)
          looks.set(e.id, { selected: Boolean(e.selected), held: Boolean(e.data?.held) });
      const geometry = edgeGeometry();
      paintEdges(ctx, view, geometry, looks, frame);
      const cards = [...visibleCards(rf.nodeLookup, view)];
      paintCards(ctx, cards, frame, zoom, zoom < OVERVIEW_ZOOM);
      paintGauges(ctx, view, geometry, looks, frame);
      paintRates(ctx, view, cards, frame);
      // What the layer shows, for tests and tools: the frame's sequence number.
      const seq = frame ? String(frame.seq) : '';
      if (canvas.dataset.seq !== seq) canvas.dataset.seq = seq;
    };
    const later = () => {
      queued ||= requestAnimationFrame(draw);
    };
    later();
    const offFlow = store.subscribe(later);
    const offTelemetry = useTelemetryStore.subscribe((s, before) => {
      if (s.frame !== before.frame || s.averages !== before.averages) later();
    });
    const offGeometry = onGeometry(later);
    return () => {
      cancelAnimationFrame(queued);
      offFlow();
      offTelemetry();
      offGeometry();
    };
  }, [store]);

  return <canvas ref={ref} className="overview-layer" data-testid="overview-layer" />;
}

/** The graph's cards that overlap the screen, in flow coordinates. */
function* visibleCards(lookup: Map<string, InternalNode<SluiceNode>>, view: View): Generator<CardBox> {
  const left = -view.x / view.zoom;
  const top = -view.y / view.zoom;
  const right = left + view.width / view.zoom;
  const bottom = top + view.height / view.zoom;
  const byKind = useCatalogStore.getState().byKind;
  for (const n of lookup.values()) {
    if (n.type !== 'sluice' || n.hidden) continue;
    const { x, y } = n.internals.positionAbsolute;
    const width = n.measured.width ?? 0;
    const height = n.measured.height ?? 0;
    if (width === 0 || x > right || y > bottom || x + width < left || y + height < top) continue;
    const category = byKind[n.data.kind]?.category ?? 'unknown';
    yield {
      id: n.id,
      x,
      y,
      width,
      height,
      sink: category === 'sink',
      colour: CATEGORY_PAINT[category] ?? CATEGORY_PAINT.unknown!,
    };
  }
}
