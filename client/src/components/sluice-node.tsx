import { type NodeProps, useUpdateNodeInternals } from '@xyflow/react';
import { memo, useEffect } from 'react';
import { useLowDetail, useOverview } from '../hooks/use-low-detail.js';
import type { SluiceNode } from '../lib/flow-types.js';
import { describeIssue } from '../lib/issue-index.js';
import { portsFor } from '../lib/ports.js';
import { useCatalogEntry } from '../stores/catalog-store.js';
import { useNodeIssues } from '../stores/issues-store.js';
import { BottleneckBadge } from './bottleneck-badge.js';
import { FailedBadge, useFailedHere } from './failed-badge.js';
import { NodeDistBadges } from './node-dist-badges.js';
import { NodeMetrics, NodeStateOnly } from './node-metrics.js';
import { NodePorts } from './node-ports.js';

const HELD_BADGE = { added: 'next run', removed: 'deleted', changed: 'restart' } as const;

/** The kind whose telemetry carries a limiter gauge. */
const RATE_LIMIT_KIND = 'rate-limit';

/**
 * The one node component: everything it draws (icon, title, ports) comes from the kind's
 * catalog entry. Live numbers live in <NodeMetrics>, the only part that re-renders per tick.
 */
function SluiceNodeViewImpl({ id, data, selected }: NodeProps<SluiceNode>) {
  const entry = useCatalogEntry(data.kind);
  const issues = useNodeIssues(id);
  const ports = portsFor(entry, data.params);
  const updateNodeInternals = useUpdateNodeInternals();
  const low = useLowDetail();
  const failed = useFailedHere(id);
  const overview = useOverview();
  const portsKey = `${ports.inputs.join(',')}|${ports.outputs.join(',')}`;
  // Partition / round-robin grow or shrink their outputs with a param: React Flow must re-measure.
  // biome-ignore lint/correctness/useExhaustiveDependencies: portsKey is the trigger on purpose
  useEffect(() => updateNodeInternals(id), [id, portsKey, updateNodeInternals]);
  const category = entry?.category ?? 'unknown';
  const classes = [
    'sl-node',
    `cat-${category}`,
    selected ? 'is-selected' : '',
    issues.length ? 'has-issues' : '',
    failed ? 'has-failed' : '',
    low ? 'is-low-detail' : '',
    overview ? 'is-overview' : '',
    data.held ? `is-held-${data.held}` : '',
    (data.replicas ?? 1) > 1 ? 'is-replicated' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const [firstIssue] = issues;

  return (
    <div className={classes} data-testid={`node-${id}`} data-kind={data.kind}>
      <header className="sl-node__header">
        <span className="kind-icon" aria-hidden="true">
          {entry?.icon ?? '?'}
        </span>
        <span className="sl-node__title">{data.label ?? entry?.title ?? data.kind}</span>
        <NodeDistBadges id={id} process={data.process} replicas={data.replicas} />
        <BottleneckBadge id={id} />
        {data.held && (
          <span
            className={`held-badge held-badge--${data.held}`}
            data-testid={`held-${id}`}
            title={
              data.held === 'added'
                ? 'Not running: starts with the next run'
                : data.held === 'removed'
                  ? 'Deleted, but still running until the next run'
                  : 'Settings changed that take effect at the next run'
            }
          >
            {HELD_BADGE[data.held]}
          </span>
        )}
        <FailedBadge id={id} />
        <span className="sl-node__id" title={id}>
          {id}
        </span>
      </header>
      <NodePorts inputs={ports.inputs} outputs={ports.outputs} />
      {low ? (
        <NodeStateOnly />
      ) : (
        <NodeMetrics
          id={id}
          category={category}
          hasInputs={ports.inputs.length > 0}
          hasOutputs={ports.outputs.length > 0}
          hasLimiter={data.kind === RATE_LIMIT_KIND}
        />
      )}
      {firstIssue && !low && (
        <div
          className="sl-node__issue"
          data-testid={`node-issue-${id}`}
          title={issues.map((i) => describeIssue(i)).join('\n')}
        >
          <span aria-hidden="true">⚠</span>
          <span className="sl-node__issue-text">{describeIssue(firstIssue, false)}</span>
          {issues.length > 1 && <span className="sl-node__issue-more">+{issues.length - 1}</span>}
        </div>
      )}
    </div>
  );
}

export const SluiceNodeView = memo(SluiceNodeViewImpl);
