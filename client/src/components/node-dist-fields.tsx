import { useId } from 'react';
import type { CatalogEntry } from '../../../shared/catalog/catalog.js';
import { MAX_REPLICAS } from '../../../shared/graph/graph-schema.js';
import { processesUsed } from '../lib/broker-edges.js';
import { nodeFieldOfIssue } from '../lib/issue-index.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useNodeIssues } from '../stores/issues-store.js';
import { NumberInput } from './number-input.js';

const NEXT_RUN = (
  <span className="badge" title="Where a node runs is fixed when the run starts: this waits for the next run">
    next run
  </span>
);

/**
 * Where a node runs (distributed mode): its `process` and `replicas`. Structural: a running graph
 * holds a change here until the next run, like a new edge. Replicas are refused, with the
 * compiler's reason, for kinds that the catalog says cannot be split.
 */
export function NodeDistFields({ nodeId, entry }: { nodeId: string; entry: CatalogEntry | undefined }) {
  const process = useGraphStore((s) => s.nodes.find((n) => n.id === nodeId)?.data.process);
  const replicas = useGraphStore((s) => s.nodes.find((n) => n.id === nodeId)?.data.replicas);
  // A string, so typing in another node's field does not re-render this one.
  const used = useGraphStore((s) => processesUsed(s.nodes).join('\n')).split('\n');
  const issues = useNodeIssues(nodeId);
  const listId = useId();
  const set = useGraphStore((s) => s.setNodeDist);
  const issueAt = (field: string) => issues.find((i) => nodeFieldOfIssue(i) === field)?.message;
  // The catalog says why a kind takes no replicas; absent = it may.
  const whyNot = entry?.notReplicable;
  const replicaIssue = issueAt('replicas');
  const processIssue = issueAt('process');
  // A kind that cannot be replicated still shows a value above 1 (an imported graph) so it can be fixed.
  const locked = whyNot !== undefined && (replicas ?? 1) <= 1;

  return (
    <section className="inspector__section" data-testid="node-dist">
      <h3 className="section-title">Where it runs</h3>
      <div
        className={`param${processIssue ? ' has-issue' : ''}${process === undefined ? ' is-default' : ''}`}
      >
        <div className="param__label-row">
          <label htmlFor="node-process" className="param__label">
            Process
          </label>
          {NEXT_RUN}
        </div>
        <input
          id="node-process"
          data-testid="field-process"
          className="input input--mono"
          list={listId}
          placeholder="main"
          autoComplete="off"
          spellCheck={false}
          maxLength={64}
          value={process ?? ''}
          onChange={(e) => set(nodeId, { process: e.target.value.trim() || undefined })}
        />
        <datalist id={listId}>
          {used.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
        <p className={processIssue ? 'param__issue' : 'param__hint'}>
          {processIssue ??
            'Nodes with the same process run together on one runner; an edge between processes is a NATS broker queue.'}
        </p>
      </div>
      <div
        className={`param${replicaIssue ? ' has-issue' : ''}${replicas === undefined ? ' is-default' : ''}`}
      >
        <div className="param__label-row">
          <label htmlFor="node-replicas" className="param__label">
            Replicas<span className="param__unit">1–{MAX_REPLICAS}</span>
          </label>
          {NEXT_RUN}
        </div>
        <fieldset
          className="param__plain"
          disabled={locked}
          title={locked ? `Not replicable: ${whyNot}` : undefined}
        >
          <NumberInput
            id="node-replicas"
            testId="field-replicas"
            field={{
              type: 'number',
              path: ['replicas'],
              name: 'replicas',
              label: 'Replicas',
              integer: true,
              nullable: false,
              min: 1,
              max: MAX_REPLICAS,
            }}
            value={replicas ?? 1}
            onChange={(v) => set(nodeId, { replicas: typeof v === 'number' && v !== 1 ? v : undefined })}
          />
        </fieldset>
        <p className={replicaIssue ? 'param__issue' : 'param__hint'} data-testid="replicas-hint">
          {replicaIssue ??
            (whyNot
              ? `Cannot be replicated: ${whyNot}.`
              : 'Copies that share this node’s input queue, each on its own runner when there are enough.')}
        </p>
      </div>
    </section>
  );
}
