import {
  BaseEdge,
  EdgeLabelRenderer,
  type EdgeProps,
  getBezierPath,
  getSmoothStepPath,
  type Node,
  useStore,
} from '@xyflow/react';
import { type CSSProperties, memo, useEffect, useMemo } from 'react';
import { fillLevel } from '../../../shared/analysis/fill-level.js';
import { useEdgeTransport } from '../hooks/use-edge-transport.js';
import { useLowDetail, useOverview } from '../hooks/use-low-detail.js';
import { flowDuration, flowWidth } from '../lib/flow-speed.js';
import type { QueueEdge as QueueEdgeType } from '../lib/flow-types.js';
import { LABEL_STOPS, labelSpot } from '../lib/label-spot.js';
import { forgetEdge, placeEdge } from '../lib/overlay-geometry.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useEdgeIssues } from '../stores/issues-store.js';
import { useTelemetryStore } from '../stores/telemetry-store.js';
import { BrokerTrack } from './broker-track.js';
import { QueueEdgeLabel } from './queue-edge-label.js';

/**
 * Moving dashes repaint their edge on every frame; past this many edges that costs more than the
 * numbers are worth (see e2e/perf), so big graphs show flow by thickness and colour only.
 */
export const ANIMATED_EDGES_MAX = 80;

/**
 * Up to this many edges, each gauge looks for a spot on its edge that no node covers; beyond,
 * the search on every drag frame would cost more than it saves, and gauges sit at the middle.
 */
const LABEL_SEARCH_EDGES_MAX = 150;
/** A gauge's size in flow px (the chip and its bar), as the search reserves it. */
const LABEL_SIZE = { width: 64, height: 40 };
const NO_NODES: Node[] = [];

/** Points along an SVG path at the label stops, measured by the browser on a detached path. */
function stopsAlong(path: string): Array<{ x: number; y: number }> {
  const el = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  el.setAttribute('d', path);
  const length = el.getTotalLength();
  return LABEL_STOPS.map((t) => {
    const p = el.getPointAtLength(length * t);
    return { x: p.x, y: p.y };
  });
}

/**
 * An edge is a bounded queue. The path re-renders only when its fill colour or flow step
 * changes (selectors return strings), not on every tick; the label owns the per-tick numbers.
 * Dashes move faster and the line thickens as more items flow through. A broker queue (`nats`)
 * runs inside rails (BrokerTrack) and its gauge carries a NATS badge.
 */
function QueueEdgeImpl(props: EdgeProps<QueueEdgeType>) {
  const { id, data, selected, markerEnd } = props;
  // An edge that runs backwards (a lesson wrapped onto a second row) goes round in right angles
  // through the gap between rows, not as a loop across the nodes.
  const backwards = props.targetX < props.sourceX;
  const [path, midX, midY] = backwards
    ? getSmoothStepPath({ ...props, borderRadius: 8 })
    : getBezierPath(props);
  const nodes = useStore((s) => (s.edges.length <= LABEL_SEARCH_EDGES_MAX ? s.nodes : NO_NODES));
  const spot = useMemo(() => {
    if (nodes.length === 0) return undefined;
    const boxes = nodes.map((n) => ({
      x: n.position.x,
      y: n.position.y,
      width: n.measured?.width ?? n.width ?? 0,
      height: n.measured?.height ?? n.height ?? 0,
    }));
    return labelSpot(stopsAlong(path), boxes, LABEL_SIZE);
  }, [path, nodes]);
  const labelX = spot?.x ?? midX;
  const labelY = spot?.y ?? midY;
  // Zoomed out, the overview layer paints the line and its gauge from here (overview-layer.tsx);
  // the SVG path stays, transparent, to be clicked.
  useEffect(() => placeEdge(id, path, labelX, labelY), [id, path, labelX, labelY]);
  useEffect(() => () => forgetEdge(id), [id]);
  const low = useLowDetail();
  const overview = useOverview();
  const level = useTelemetryStore((s) => {
    const t = low ? undefined : s.frame?.edges[id];
    return t ? fillLevel(t.depth, t.capacity) : 'none';
  });
  const animate = useGraphStore((s) => s.edges.length <= ANIMATED_EDGES_MAX);
  const flow = useTelemetryStore((s) => {
    const rate = low ? 0 : (s.frame?.edges[id]?.outRate ?? 0);
    const dur = s.live || s.past ? flowDuration(rate) : null;
    if (!dur) return null;
    // Not animated (a big graph), the dashes' period shows nothing: only a new width re-renders
    // the edge (the period's steps flipped ~2 edges in 3 every second at 500 nodes).
    return `${animate ? dur : '-'} ${flowWidth(rate)}`;
  });
  const hasIssues = useEdgeIssues(id).length > 0;
  const broker = useEdgeTransport(id) === 'nats';
  const [duration, width] = flow ? flow.split(' ') : [];
  const classes = [
    'sl-edge',
    `fill-${level}`,
    flow ? 'is-flowing' : '',
    flow && animate ? 'is-animated' : '',
    hasIssues ? 'has-issues' : '',
    data?.held ? `is-held-${data.held}` : '',
    broker ? 'is-broker' : '',
    low && !hasIssues ? 'is-painted' : '',
    overview && !hasIssues ? 'is-overview' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const style = flow
    ? ((animate
        ? { '--flow-dur': duration, strokeWidth: Number(width) }
        : { strokeWidth: Number(width) }) as CSSProperties)
    : undefined;

  return (
    <>
      {broker && <BrokerTrack path={path} level={level} />}
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={classes}
        style={style}
        interactionWidth={24}
      />
      <EdgeLabelRenderer>
        <QueueEdgeLabel
          id={id}
          x={labelX}
          y={labelY}
          capacity={data?.capacity ?? 0}
          overflow={data?.overflow ?? 'block'}
          selected={Boolean(selected)}
          hasIssues={hasIssues}
          held={data?.held}
          broker={broker}
          fuse={data?.fuse === true}
        />
      </EdgeLabelRenderer>
    </>
  );
}

export const QueueEdge = memo(QueueEdgeImpl);
