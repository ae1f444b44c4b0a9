import { type ReactFlowState, useStoreApi, ViewportPortal } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { isRunActive } from '../lib/run-gate.js';
import { type TokenSpot, tokenSpot } from '../lib/token-spot.js';
import { shortTraceId } from '../lib/trace-book.js';
import { useRunStore } from '../stores/run-store.js';
import { useTelemetryStore } from '../stores/telemetry-store.js';
import { runTimeNow, shownTrace, tokenDelayMs, useTraceStore } from '../stores/trace-store.js';

type Point = { x: number; y: number };

function edgePath(flow: ReactFlowState, edgeId: string): SVGPathElement | null {
  return (
    flow.domNode?.querySelector<SVGPathElement>(
      `.react-flow__edge[data-id="${CSS.escape(edgeId)}"] path.react-flow__edge-path`,
    ) ?? null
  );
}

/**
 * Where a token sits at a node: its middle, on the line of its ports (where its edges meet it),
 * so the dot rests between the port labels rather than over the node's numbers.
 */
function nodeCentre(flow: ReactFlowState, nodeId: string): Point | null {
  const node = flow.nodeLookup.get(nodeId);
  if (!node) return null;
  const { x, y } = node.internals.positionAbsolute;
  const bounds = node.internals.handleBounds;
  const port = bounds?.target?.[0] ?? bounds?.source?.[0];
  return {
    x: x + (node.measured.width ?? 0) / 2,
    y: y + (port ? port.y + port.height / 2 : (node.measured.height ?? 0) / 2),
  };
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
      // Drawn a little behind the run (tokenDelayMs): hops come in batches, and the delay lets a
      // token glide from hop to hop instead of jumping each time a batch lands.
      const now = runTimeNow(performance.now());
      const at = now === null ? null : now - tokenDelayMs();
      const store = useTraceStore.getState();
      const { traces, order } = store;
      const shown = shownTrace(store);
      // One token carries its id (with 1 in N followed, ids would pile up): the Trace tab's item
      // while it is on the canvas, else the newest one that is.
      let labelled: string | null = null;
      const frame = useTelemetryStore.getState().frame;
      const state = flow.getState();
      // Tokens keep their size on screen as the canvas zooms (within reason).
      const scale = Math.min(2.5, Math.max(0.6, 1 / state.transform[2]));
      const queueOf = (edgeId: string) => frame?.edges[edgeId];
      for (const [id, el] of els.current) {
        const hops = traces[id]?.hops;
        const spot = hops && at !== null ? tokenSpot(hops, at, queueOf) : null;
        const p = spot ? pointOf(state, spot) : null;
        const look = spot && p ? stateOf(spot) : 'gone';
        if (el.dataset.state !== look) el.dataset.state = look;
        if (p) el.style.transform = `translate(${p.x}px, ${p.y}px) scale(${scale})`;
        const newer = labelled === null || order.indexOf(id) > order.indexOf(labelled);
        if (p && (id === shown || (labelled !== shown && newer))) labelled = id;
      }
      for (const [id, el] of els.current) el.classList.toggle('is-shown', id === labelled);
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
