import { Handle, type NodeProps, Position } from '@xyflow/react';
import { type CSSProperties, memo, useMemo } from 'react';
import { groupAggregate, groupEdges } from '../../../shared/analysis/group-aggregate.js';
import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { formatNumber, formatRate } from '../lib/format.js';
import { GROUP_COLOURS } from '../lib/group-colors.js';
import { BOX_IN, BOX_OUT, type GroupBoxNode } from '../lib/group-view.js';
import type { RunAverages } from '../lib/run-averages.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useTelemetryStore } from '../stores/telemetry-store.js';
import { GroupTitle } from './group-title.js';

const NO_IDS: readonly string[] = [];

/** The last frame with each queue's rates averaged over the run: what nodes show once a run has ended. */
function withAverages(frame: TelemetryFrame, averages: RunAverages): Pick<TelemetryFrame, 'edges' | 'nodes'> {
  const edges = { ...frame.edges };
  for (const [id, a] of Object.entries(averages.edges)) {
    const q = edges[id];
    if (q) edges[id] = { ...q, inRate: a.inRate, outRate: a.outRate };
  }
  return { edges, nodes: frame.nodes };
}

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
  // After the run (not scrubbing its timeline): rates averaged over it, as the nodes show them.
  const averages = useTelemetryStore((s) => (s.past ? null : s.averages));
  const agg = frame ? groupAggregate(split, members, averages ? withAverages(frame, averages) : frame) : null;
  const avg = averages ? 'avg ' : '';
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
      {cell(`${avg}in`, agg ? formatRate(agg.inRate) : '—', 'in')}
      {cell(`${avg}out`, agg ? formatRate(agg.outRate) : '—', 'out')}
      {cell('queued inside', agg ? formatNumber(agg.queued) : '—', 'queued')}
      {cell('drops inside', agg ? formatNumber(agg.drops) : '—', 'drops', (agg?.drops ?? 0) > 0)}
    </div>
  );
}

export const GroupBox = memo(GroupBoxImpl);
