import { type Transport, transportSchema } from '../../../shared/graph/graph-schema.js';
import { edgeTransportsOf } from '../lib/broker-edges.js';
import { edgeFieldOfIssue } from '../lib/issue-index.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useEdgeIssues } from '../stores/issues-store.js';

const AUTO = 'auto';

const HELP: Record<Transport, string> = {
  memory: 'A bounded queue in memory, inside one process.',
  nats: 'A NATS JetStream stream of at most capacity items: it can cross processes and machines and be shared by replicas.',
};

/**
 * How the edge is carried: `auto` (left out of the document: memory inside one process, nats
 * between processes or into a replicated node), or declared `memory` / `nats`. Structural: not
 * sent to a running graph (it waits for the next run), unlike capacity and overflow.
 */
export function EdgeTransportField({
  edgeId,
  declared,
}: {
  edgeId: string;
  declared: Transport | undefined;
}) {
  const resolved = useGraphStore((s) => edgeTransportsOf(s.nodes, s.edges).get(edgeId) ?? 'memory');
  const issue = useEdgeIssues(edgeId).find((i) => edgeFieldOfIssue(i) === 'transport')?.message;
  const set = (value: string) =>
    useGraphStore
      .getState()
      .setEdgeData(edgeId, { transport: value === AUTO ? undefined : transportSchema.parse(value) });
  return (
    <div className={`param${issue ? ' has-issue' : ''}${declared === undefined ? ' is-default' : ''}`}>
      <div className="param__label-row">
        <label htmlFor="edge-transport" className="param__label">
          Transport
        </label>
        <span className="badge" title="Fixed when the run starts: this waits for the next run">
          next run
        </span>
      </div>
      <select
        id="edge-transport"
        data-testid="param-transport"
        className="input"
        value={declared ?? AUTO}
        onChange={(e) => set(e.target.value)}
      >
        <option value={AUTO}>auto ({resolved})</option>
        {transportSchema.options.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      <p className={issue ? 'param__issue' : 'param__hint'}>{issue ?? HELP[declared ?? resolved]}</p>
    </div>
  );
}
