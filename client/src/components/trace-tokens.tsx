import { type ReactFlowState, useStoreApi, ViewportPortal } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { isRunActive } from '../lib/run-gate.js';
import { type TokenSpot, tokenSpot } from '../lib/token-spot.js';
import { shortTraceId } from '../lib/trace-book.js';
import { useRunStore } from '../stores/run-store.js';
import { useTelemetryStore } from '../stores/telemetry-store.js';
import { runTimeNow, useTraceStore } from '../stores/trace-store.js';

/**
 * The tokens are drawn this far behind the run clock: hops come in batches, and a little delay
 * lets a token glide from hop to hop instead of jumping each time a batch lands.
 */
const DISPLAY_DELAY_MS = 150;

type Point = { x: number; y: number };

function edgePath(flow: ReactFlowState, edgeId: string): SVGPathElement | null {
  return (
    flow.domNode?.querySelector<SVGPathElement>(
      `.react-flow__edge[data-id="${CSS.escape(edgeId)}"] path.react-flow__edge-path`,
    ) ?? null
  );
}

function nodeCentre(flow: ReactFlowState, nodeId: string): Point | null {
  const node = flow.nodeLookup.get(nodeId);
  if (!node) return null;
  const { x, y } = node.internals.positionAbsolute;
  return { x: x + (node.measured.width ?? 0) / 2, y: y + (node.measured.height ?? 0) / 2 };
}

/**
 * A token's spot in flow coordinates: along the edge's drawn path, or a node's centre. An edge
 * not drawn (off screen on a big graph) is taken as the straight line between its nodes.
 */
function pointOf(flow: ReactFlowState, spot: NonNullable<TokenSpot>): Point | null {
  if (spot.at === 'node') return nodeCentre(flow, spot.nodeId);
  if (spot.edgeId !== undefined) {
    const path = edgePath(flow, spot.edgeId);
    if (path) {
      const p = path.getPointAtLength(path.getTotalLength() * spot.along);
      return { x: p.x, y: p.y };
    }
    const edge = flow.edgeLookup.get(spot.edgeId);
    const a = edge && nodeCentre(flow, edge.source);
    const b = edge && nodeCentre(flow, edge.target);
    if (a && b) return { x: a.x + (b.x - a.x) * spot.along, y: a.y + (b.y - a.y) * spot.along };
  }
  return spot.at === 'burst' && spot.nodeId !== undefined ? nodeCentre(flow, spot.nodeId) : null;
}

function stateOf(spot: NonNullable<TokenSpot>): string {
  if (spot.at === 'burst') return spot.kind;
  if (spot.at === 'edge') return spot.queued ? 'queued' : 'moving';
  return spot.serving ? 'serving' : 'passing';
}

/**
 * Followed items on the canvas: a bright dot with the item's short id, moving along its path as
 * its hops say (trace-store.ts). React renders a token per followed item once; an animation frame
 * loop moves them by style, reading the stores directly, so neither nodes nor edges re-render.
 */
export function TraceTokens() {
  const ids = useTraceStore((s) => s.order.join('\n'));
  const running = useRunStore((s) => isRunActive(s.phase));
  const flow = useStoreApi();
  const els = useRef(new Map<string, HTMLDivElement>());

  useEffect(() => {
    if (!running || ids === '') return;
    let raf = requestAnimationFrame(function step() {
      raf = requestAnimationFrame(step);
      const at = runTimeNow(performance.now());
      const { traces } = useTraceStore.getState();
      const frame = useTelemetryStore.getState().frame;
      const state = flow.getState();
      // Tokens keep their size on screen as the canvas zooms (within reason).
      const scale = Math.min(2.5, Math.max(0.6, 1 / state.transform[2]));
      const queueOf = (edgeId: string) => frame?.edges[edgeId];
      for (const [id, el] of els.current) {
        const hops = traces[id]?.hops;
        const spot = hops && at !== null ? tokenSpot(hops, at - DISPLAY_DELAY_MS, queueOf) : null;
        const p = spot ? pointOf(state, spot) : null;
        const shown = spot && p ? stateOf(spot) : 'gone';
        if (el.dataset.state !== shown) el.dataset.state = shown;
        if (p) el.style.transform = `translate(${p.x}px, ${p.y}px) scale(${scale})`;
      }
    });
    return () => cancelAnimationFrame(raf);
  }, [running, ids, flow]);

  if (!running || ids === '') return null;
  return (
    <ViewportPortal>
      {ids.split('\n').map((id) => (
        <div
          key={id}
          ref={(el) => {
            if (el) els.current.set(id, el);
            else els.current.delete(id);
          }}
          className="trace-token"
          data-state="gone"
          data-testid={`trace-token-${id}`}
          aria-hidden="true"
        >
          <span className="trace-token__dot" />
          <span className="trace-token__burst">✕</span>
          <span className="trace-token__id">#{shortTraceId(id)}</span>
        </div>
      ))}
    </ViewportPortal>
  );
}
