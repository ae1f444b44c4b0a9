import type { ReplicaTelemetry } from '../../../shared/protocol/telemetry.js';
import { formatCount, formatRate } from '../lib/format.js';
import { useNodeTelemetry } from '../stores/telemetry-store.js';
import { StateBar } from './state-bar.js';

/**
 * A replicated node's replicas, one row each: the runner it landed on, its own rates, how its
 * time splits and what it processed. The node's canvas numbers are their sum; this is where a
 * replica on a slow or overloaded runner shows. Subscribes on its own, like the live details.
 */
export function ReplicaBreakdown({ id, replicas }: { id: string; replicas: number }) {
  const list = useNodeTelemetry(id)?.replicas;
  if (replicas <= 1 && !list?.length) return null;
  return (
    <section className="inspector__section" data-testid="replica-breakdown">
      <h3 className="section-title">
        Replicas <span className="muted">×{replicas}</span>
        {list && list.length > 0 && list.length < replicas && (
          <span className="muted" data-testid="replicas-reporting">
            {' '}
            · {list.length} reporting (the others are starting or being placed again)
          </span>
        )}
      </h3>
      {list?.length ? (
        <ol className="replica-list">
          {list.map((r, i) => (
            <ReplicaRow key={`${r.replica ?? i}:${r.runner}`} index={r.replica ?? i} replica={r} />
          ))}
        </ol>
      ) : (
        <p className="muted inspector__hint">
          {replicas} copies of this node share its input queue. When the run starts each is placed on a runner
          (a different one while there are enough) and listed here with its own numbers.
        </p>
      )}
    </section>
  );
}

function ReplicaRow({ index, replica: r }: { index: number; replica: ReplicaTelemetry }) {
  return (
    <li className="replica-row" data-testid="replica-row" data-runner={r.runner}>
      <div className="replica-row__head">
        <span className="replica-row__index">#{index}</span>
        <span className="replica-row__runner" title={`Runner ${r.runner}`}>
          {r.runner}
        </span>
        <span className="replica-row__done" title="Items this replica processed">
          {formatCount(r.processed)} done
        </span>
      </div>
      <div className="replica-row__rates mono">
        in {formatRate(r.inRate)} · out {formatRate(r.outRate)}
      </div>
      <StateBar busy={r.busy} idle={r.idle} backpressured={r.backpressured} />
    </li>
  );
}
