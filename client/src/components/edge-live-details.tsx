import { useEdgeTransport } from '../hooks/use-edge-transport.js';
import { useQueueModel } from '../hooks/use-queue-model.js';
import { edgeMetricRows } from '../lib/edge-metrics.js';
import { modelRows } from '../lib/queue-theory-rows.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useEdgeAverages, useEdgeTelemetry, useTelemetryStore } from '../stores/telemetry-store.js';

/** The queue's live numbers: fixed rows (dashes before a run); subscribes on its own. */
export function EdgeLiveDetails({ id }: { id: string }) {
  const t = useEdgeTelemetry(id);
  const avg = useEdgeAverages(id);
  const seconds = useTelemetryStore((s) => s.averages?.seconds);
  const model = useQueueModel(id);
  const broker = useEdgeTransport(id) === 'nats';
  const overflow = useGraphStore((s) => s.edges.find((e) => e.id === id)?.data?.overflow);
  return (
    <section className="inspector__section" data-testid="edge-live">
      <h3 className="section-title">Live</h3>
      <dl className="kv">
        {[...edgeMetricRows(t, avg, seconds, broker, overflow), ...modelRows(model, t, avg)].map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
