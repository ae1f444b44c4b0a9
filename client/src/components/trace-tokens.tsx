import { type ReactFlowState, useStoreApi, ViewportPortal } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { type TokenSpot, tokenSpot } from '../../../shared/analysis/token-spot.js';
import type { Hop } from '../../../shared/protocol/trace.js';
import { isRunActive } from '../lib/run-gate.js';
import { shortTraceId } from '../lib/trace-book.js';
import { activeAt, useReplayTraceStore } from '../stores/replay-trace-store.js';
import { useRunStore } from '../stores/run-store.js';
import { useTelemetryStore } from '../stores/telemetry-store.js';
import { useTimelineStore } from '../stores/timeline-store.js';
import { newestHopT, runTimeNow, shownTrace, tokenDelayMs, useTraceStore } from '../stores/trace-store.js';

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

/** What the token loop reads on each paint: the instant to draw, each item's hops, the one picked. */
interface TokenSource {
  at: number | null;
  /** The newest run time the page has news of (a replay knows all of it). */
  knownT: number;
  hopsOf: (id: string) => readonly Hop[] | undefined;
  shown: string | null;
  /** Oldest first: the newest on the canvas carries its id when the picked one is not there. */
  order: readonly string[];
}

/** Live: the run's followed items, drawn a little behind the run (tokenDelayMs). */
function liveSource(): TokenSource {
  // Hops come in batches; the delay lets a token glide from hop to hop instead of jumping each
  // time a batch lands.
  const now = runTimeNow(performance.now());
  const store = useTraceStore.getState();
  return {
    at: now === null ? null : now - tokenDelayMs(),
    knownT: newestHopT(),
    hopsOf: (id) => store.traces[id]?.hops,
    shown: shownTrace(store),
    order: store.order,
  };
}

/** Replay: the recording's items at the time cursor, exactly where they were then. */
function replaySource(ids: readonly string[]): TokenSource {
  const { traces, selected } = useReplayTraceStore.getState();
  return {
    at: useTimelineStore.getState().cursorT,
    knownT: Number.POSITIVE_INFINITY,
    hopsOf: (id) => traces[id]?.hops,
    shown: selected ?? ids.at(-1) ?? null,
    order: ids,
  };
}

/**
 * Followed items on the canvas: a bright dot with the item's short id, moving along its path as
 * its hops say. Live, the run's items (trace-store.ts); with the time cursor set (a scrub, a
 * replay, /r/<slug>), the recording's items at that instant (replay-trace-store.ts). React
 * renders a token per item once; an animation frame loop moves them by style, reading the stores
 * directly, so neither nodes nor edges re-render.
 */
export function TraceTokens() {
  const scrubbed = useTimelineStore((s) => s.cursorT !== null);
  const liveIds = useTraceStore((s) => s.order.join('\n'));
  // The set changes only when an item comes onto or leaves the canvas, not on every cursor move.
  useReplayTraceStore((s) => s.version);
  const replayIds = useTimelineStore((s) =>
    s.cursorT === null ? '' : activeAt(useReplayTraceStore.getState().traces, s.cursorT).join('\n'),
  );
  const running = useRunStore((s) => isRunActive(s.phase));
  const ids = scrubbed ? replayIds : running ? liveIds : '';
  const mode = scrubbed ? 'replay' : 'live';
  const flow = useStoreApi();
  const els = useRef(new Map<string, HTMLDivElement>());

  useEffect(() => {
    if (ids === '') return;
    const list = ids.split('\n');
    let raf = requestAnimationFrame(function step() {
      raf = requestAnimationFrame(step);
      const src = mode === 'replay' ? replaySource(list) : liveSource();
      // One token carries its id (with 1 in N followed, ids would pile up): the Trace tab's item
      // while it is on the canvas, else the newest one that is.
      let labelled: string | null = null;
      const frame = useTelemetryStore.getState().frame;
      const state = flow.getState();
      // Tokens keep their size on screen as the canvas zooms (within reason).
      const scale = Math.min(2.5, Math.max(0.6, 1 / state.transform[2]));
      const queueOf = (edgeId: string) => frame?.edges[edgeId];
      for (const [id, el] of els.current) {
        const hops = src.hopsOf(id);
        const spot = hops && src.at !== null ? tokenSpot(hops, src.at, queueOf, src.knownT) : null;
        const p = spot ? pointOf(state, spot) : null;
        const look = spot && p ? stateOf(spot) : 'gone';
        if (el.dataset.state !== look) el.dataset.state = look;
        // Where it is, for tests and tools: the edge and how far along it (0 producer, 1 consumer).
        const edge = spot?.at === 'edge' ? spot.edgeId : '';
        if (el.dataset.edge !== edge) el.dataset.edge = edge;
        const along = spot?.at === 'edge' ? spot.along.toFixed(3) : '';
        if (el.dataset.along !== along) el.dataset.along = along;
        if (p) el.style.transform = `translate(${p.x}px, ${p.y}px) scale(${scale})`;
        const newer = labelled === null || src.order.indexOf(id) > src.order.indexOf(labelled);
        if (p && (id === src.shown || (labelled !== src.shown && newer))) labelled = id;
      }
      for (const [id, el] of els.current) el.classList.toggle('is-shown', id === labelled);
    });
    return () => cancelAnimationFrame(raf);
  }, [ids, mode, flow]);

  if (ids === '') return null;
  return (
    <ViewportPortal>
      {ids.split('\n').map((id) => (
        <div
          key={`${mode}:${id}`}
          ref={(el) => {
            if (el) els.current.set(id, el);
            else els.current.delete(id);
          }}
          className="trace-token"
          data-state="gone"
          data-testid={`trace-token-${id}`}
          data-mode={mode}
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
