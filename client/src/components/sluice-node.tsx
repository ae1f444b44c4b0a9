import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { SluiceNode } from '../lib/flow-types.js';
import { describeIssue } from '../lib/issue-index.js';
import { useCatalogEntry } from '../stores/catalog-store.js';
import { useNodeIssues } from '../stores/issues-store.js';
import { BottleneckBadge } from './bottleneck-badge.js';
import { NodeMetrics } from './node-metrics.js';
import { NodePorts } from './node-ports.js';

/**
 * The one node component: everything it draws (icon, title, ports) comes from the kind's
 * catalog entry. Live numbers live in <NodeMetrics>, the only part that re-renders per tick.
 */
function SluiceNodeViewImpl({ id, data, selected }: NodeProps<SluiceNode>) {
  const entry = useCatalogEntry(data.kind);
  const issues = useNodeIssues(id);
  const category = entry?.category ?? 'unknown';
  const classes = [
    'sl-node',
    `cat-${category}`,
    selected ? 'is-selected' : '',
    issues.length ? 'has-issues' : '',
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
        <BottleneckBadge id={id} />
        <span className="sl-node__id" title={id}>
          {id}
        </span>
      </header>
      <NodePorts inputs={entry?.inputs ?? []} outputs={entry?.outputs ?? []} />
      <NodeMetrics
        id={id}
        hasInputs={(entry?.inputs.length ?? 0) > 0}
        hasOutputs={(entry?.outputs.length ?? 0) > 0}
      />
      {firstIssue && (
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
