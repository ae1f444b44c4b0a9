import { MAX_CAPACITY, type Overflow, overflowSchema } from '../../../shared/graph/graph-schema.js';
import { patchEdgeLive } from '../api/live-patch.js';
import { useEdgeTransport } from '../hooks/use-edge-transport.js';
import type { QueueEdgeData } from '../lib/flow-types.js';
import { edgeFieldOfIssue } from '../lib/issue-index.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useEdgeIssues } from '../stores/issues-store.js';
import { useTelemetryStore } from '../stores/telemetry-store.js';
import { EdgeDropLedger } from './edge-drop-ledger.js';
import { EdgeExpiryField } from './edge-expiry-field.js';
import { EdgeFuseField } from './edge-fuse-field.js';
import { EdgeLiveDetails } from './edge-live-details.js';
import { EdgeQueueTools } from './edge-queue-tools.js';
import { EdgeTransportField } from './edge-transport-field.js';
import { IssuesList } from './issues-list.js';
import { NumberInput } from './number-input.js';

const OVERFLOW_HELP: Record<Overflow, string> = {
  block: 'The producer waits for room: backpressure travels upstream.',
  'drop-newest': 'The arriving item is discarded and counted.',
  'drop-oldest': 'The oldest queued item is evicted and counted.',
};

/** The selected edge: its queue's capacity and overflow policy, both editable while running. */
export function EdgeInspector({ edgeId }: { edgeId: string }) {
  const edge = useGraphStore((s) => s.edges.find((e) => e.id === edgeId));
  const readOnly = useGraphStore((s) => s.readOnly);
  const issues = useEdgeIssues(edgeId);
  const broker = useEdgeTransport(edgeId) === 'nats';
  // Running fused (issue 21): there is no queue to tune until the next run (the server refuses).
  const fused = useTelemetryStore((s) => s.live && s.frame?.edges[edgeId]?.fused === true);
  if (!edge?.data) return null;
  const data = edge.data;
  const set = (patch: Partial<QueueEdgeData>) => {
    useGraphStore.getState().setEdgeData(edgeId, patch);
    patchEdgeLive(edgeId, patch);
  };
  const capacityIssue = issues.find((i) => edgeFieldOfIssue(i) === 'capacity')?.message;
  const otherIssues = issues.filter((i) => edgeFieldOfIssue(i) === undefined);

  return (
    <div className="inspector__content">
      <div className="inspector__head cat-queue">
        <span className="kind-icon" aria-hidden="true">
          ≡
        </span>
        <div className="inspector__titles">
          <h2 className="panel__title">
            {broker ? 'Broker queue ' : 'Queue'}
            {broker && <span className="nats-badge">NATS</span>}
          </h2>
          <span className="inspector__id">{edgeId}</span>
          <span className="inspector__id" title="From port → to port">
            {edge.source}.{edge.sourceHandle} → {edge.target}.{edge.targetHandle}
          </span>
        </div>
        {!readOnly && (
          <button
            type="button"
            className="btn btn--ghost btn--small"
            title="Delete edge (Del)"
            onClick={() => useGraphStore.getState().deleteSelection()}
          >
            Delete
          </button>
        )}
      </div>
      {otherIssues.length > 0 && <IssuesList issues={otherIssues} />}
      <p className="inspector__docs">
        {broker
          ? 'A broker queue: a NATS JetStream stream carrying items between processes, shared by the replicas it feeds. Bounded like every edge: when it is full, the overflow policy decides what happens.'
          : 'Every edge is a bounded queue. When it is full, the overflow policy decides what happens.'}
      </p>
      {/* Above the live numbers: their rows come and go, and buttons below them would move. */}
      <EdgeQueueTools edgeId={edgeId} />
      <EdgeLiveDetails id={edgeId} />
      <EdgeDropLedger edgeId={edgeId} />
      <fieldset className="inspector__form inspector__section" disabled={readOnly || fused}>
        <h3 className="section-title">Queue</h3>
        {fused && (
          <p className="param__hint" data-testid="fused-note">
            Running fused: this edge has no queue, so capacity, overflow and expiry wait for a run without the
            fast path.
          </p>
        )}
        <div className={`param${capacityIssue ? ' has-issue' : ''}`}>
          <div className="param__label-row">
            <label htmlFor="edge-capacity" className="param__label">
              Capacity<span className="param__unit">items</span>
            </label>
            <span className="badge badge--live">live</span>
          </div>
          <NumberInput
            id="edge-capacity"
            testId="param-capacity"
            field={{
              type: 'number',
              path: ['capacity'],
              name: 'capacity',
              label: 'Capacity',
              integer: true,
              nullable: false,
              min: broker ? 1 : 0,
              max: MAX_CAPACITY,
            }}
            value={data.capacity}
            onChange={(v) => set({ capacity: typeof v === 'number' ? v : 64 })}
          />
          <p className={capacityIssue ? 'param__issue' : 'param__hint'} data-testid="capacity-hint">
            {capacityIssue ??
              (broker
                ? 'The stream holds at most this many items (its max_msgs); at least 1: a rendezvous cannot cross a broker.'
                : '0 makes a rendezvous: a put completes only when the consumer takes the item.')}
          </p>
        </div>
        <div className="param">
          <div className="param__label-row">
            <label htmlFor="edge-overflow" className="param__label">
              Overflow
            </label>
            <span className="badge badge--live">live</span>
          </div>
          <select
            id="edge-overflow"
            data-testid="param-overflow"
            className="input"
            value={data.overflow}
            onChange={(e) => set({ overflow: overflowSchema.parse(e.target.value) })}
          >
            {overflowSchema.options.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
          <p className="param__hint">{OVERFLOW_HELP[data.overflow]}</p>
        </div>
        <EdgeExpiryField
          value={data.expireMs}
          broker={broker}
          issue={issues.find((i) => edgeFieldOfIssue(i) === 'expireMs')?.message}
          onChange={(expireMs) => {
            useGraphStore.getState().setEdgeData(edgeId, { expireMs });
            patchEdgeLive(edgeId, { expireMs: expireMs ?? null });
          }}
        />
      </fieldset>
      {/* For the next run: still editable while this one runs fused. */}
      <fieldset className="inspector__form" disabled={readOnly}>
        <EdgeTransportField edgeId={edgeId} declared={data.transport} />
        <EdgeFuseField edgeId={edgeId} fuse={data.fuse} />
      </fieldset>
    </div>
  );
}
