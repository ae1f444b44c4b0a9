import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getBezierPath } from '@xyflow/react';
import { memo } from 'react';
import { fillLevel } from '../lib/fill-level.js';
import type { QueueEdge as QueueEdgeType } from '../lib/flow-types.js';
import { useEdgeIssues } from '../stores/issues-store.js';
import { useTelemetryStore } from '../stores/telemetry-store.js';
import { QueueEdgeLabel } from './queue-edge-label.js';

/**
 * An edge is a bounded queue. The path re-renders only when its fill colour or flow state
 * changes (selectors return strings/booleans); the label owns the per-tick numbers.
 */
function QueueEdgeImpl(props: EdgeProps<QueueEdgeType>) {
  const { id, data, selected, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath(props);
  const level = useTelemetryStore((s) => {
    const t = s.frame?.edges[id];
    return t ? fillLevel(t.depth, t.capacity) : 'none';
  });
  const flowing = useTelemetryStore((s) => s.live && (s.frame?.edges[id]?.outRate ?? 0) > 0);
  const hasIssues = useEdgeIssues(id).length > 0;
  const classes = ['sl-edge', `fill-${level}`, flowing ? 'is-flowing' : '', hasIssues ? 'has-issues' : '']
    .filter(Boolean)
    .join(' ');

  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={classes} interactionWidth={24} />
      <EdgeLabelRenderer>
        <QueueEdgeLabel
          id={id}
          x={labelX}
          y={labelY}
          capacity={data?.capacity ?? 0}
          overflow={data?.overflow ?? 'block'}
          selected={Boolean(selected)}
          hasIssues={hasIssues}
        />
      </EdgeLabelRenderer>
    </>
  );
}

export const QueueEdge = memo(QueueEdgeImpl);
