import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getBezierPath } from '@xyflow/react';
import { type CSSProperties, memo } from 'react';
import { useLowDetail } from '../hooks/use-low-detail.js';
import { fillLevel } from '../lib/fill-level.js';
import { flowDuration, flowWidth } from '../lib/flow-speed.js';
import type { QueueEdge as QueueEdgeType } from '../lib/flow-types.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useEdgeIssues } from '../stores/issues-store.js';
import { useTelemetryStore } from '../stores/telemetry-store.js';
import { QueueEdgeLabel } from './queue-edge-label.js';

/**
 * Moving dashes repaint their edge on every frame; past this many edges that costs more than the
 * numbers are worth (see e2e/perf), so big graphs show flow by thickness and colour only.
 */
export const ANIMATED_EDGES_MAX = 80;

/**
 * An edge is a bounded queue. The path re-renders only when its fill colour or flow step
 * changes (selectors return strings), not on every tick; the label owns the per-tick numbers.
 * Dashes move faster and the line thickens as more items flow through.
 */
function QueueEdgeImpl(props: EdgeProps<QueueEdgeType>) {
  const { id, data, selected, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath(props);
  // Zoomed far out the line follows the staggered overview, like the bar on it.
  const low = useLowDetail();
  const level = useTelemetryStore((s) => {
    const t = (low ? s.overview : s.frame)?.edges[id];
    return t ? fillLevel(t.depth, t.capacity) : 'none';
  });
  const animate = useGraphStore((s) => s.edges.length <= ANIMATED_EDGES_MAX);
  const flow = useTelemetryStore((s) => {
    const rate = (low ? s.overview : s.frame)?.edges[id]?.outRate ?? 0;
    const dur = s.live ? flowDuration(rate) : null;
    return dur ? `${dur} ${flowWidth(rate)}` : null;
  });
  const hasIssues = useEdgeIssues(id).length > 0;
  const [duration, width] = flow ? flow.split(' ') : [];
  const classes = [
    'sl-edge',
    `fill-${level}`,
    flow ? 'is-flowing' : '',
    flow && animate ? 'is-animated' : '',
    hasIssues ? 'has-issues' : '',
    data?.held ? `is-held-${data.held}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const style = flow ? ({ '--flow-dur': duration, strokeWidth: Number(width) } as CSSProperties) : undefined;

  return (
    <>
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
        />
      </EdgeLabelRenderer>
    </>
  );
}

export const QueueEdge = memo(QueueEdgeImpl);
