import { Handle, type NodeProps, Position } from '@xyflow/react';
import { type CSSProperties, memo, useMemo } from 'react';
import { groupAggregate, groupEdges } from '../../../shared/analysis/group-aggregate.js';
import { formatNumber, formatRate } from '../lib/format.js';
import { GROUP_COLOURS } from '../lib/group-colors.js';
import { BOX_IN, BOX_OUT, type GroupBoxNode } from '../lib/group-view.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useTelemetryStore } from '../stores/telemetry-store.js';
import { GroupTitle } from './group-title.js';

const NO_IDS: readonly string[] = [];

/**
 * A collapsed group: one box in place of its nodes, the queues into and out of the group
 * attached to its two ports. Its numbers (in/out rate, queued inside, drops inside) are the
 * group seen as one node, at the frame the canvas shows: live, or a recording's cursor.
 */
function GroupBoxImpl({ data }: NodeProps<GroupBoxNode>) {
  const colour = GROUP_COLOURS[data.color];
  const style = { '--group-stroke': colour.stroke, '--group-fill': colour.fill } as CSSProperties;
  return (
    <div
      className={`sl-group-box${data.readOnly ? ' is-read-only' : ''}`}
      style={style}
      data-testid={`group-box-${data.groupId}`}
      data-color={data.color}
    >
      <Handle type="target" position={Position.Left} id={BOX_IN} isConnectable={false} />
      <GroupTitle data={data} collapsed />
      <GroupNumbers groupId={data.groupId} />
      <Handle type="source" position={Position.Right} id={BOX_OUT} isConnectable={false} />
    </div>
  );
}

/** The only part that re-renders per frame (also a phone's row of the group: `testPrefix` keeps ids apart). */
export function GroupNumbers({ groupId, testPrefix = 'group' }: { groupId: string; testPrefix?: string }) {
  const members = useGraphStore((s) => s.groups.find((g) => g.id === groupId)?.nodeIds ?? NO_IDS);
  const edges = useGraphStore((s) => s.edges);
  const split = useMemo(() => groupEdges(edges, new Set(members)), [edges, members]);
  const frame = useTelemetryStore((s) => s.frame);
  const agg = frame ? groupAggregate(split, members, frame) : null;
  const cell = (label: string, value: string, testId: string, bad = false) => (
    <div className={`sl-group-box__cell${bad ? ' is-bad' : ''}`}>
      <span className="sl-group-box__label">{label}</span>
      <span className="sl-group-box__value" data-testid={`${testPrefix}-${testId}-${groupId}`}>
        {value}
      </span>
    </div>
  );
  return (
    <div
      className="sl-group-box__grid"
      title="The group as one node: what crosses its border, waits and is lost inside"
    >
      {cell('in', agg ? formatRate(agg.inRate) : '—', 'in')}
      {cell('out', agg ? formatRate(agg.outRate) : '—', 'out')}
      {cell('queued inside', agg ? formatNumber(agg.queued) : '—', 'queued')}
      {cell('drops inside', agg ? formatNumber(agg.drops) : '—', 'drops', (agg?.drops ?? 0) > 0)}
    </div>
  );
}

export const GroupBox = memo(GroupBoxImpl);
