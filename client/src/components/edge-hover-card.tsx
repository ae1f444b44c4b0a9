import { createPortal } from 'react-dom';
import type { Overflow } from '../../../shared/graph/graph-schema.js';
import { useQueueModel } from '../hooks/use-queue-model.js';
import { edgeMetricRows } from '../lib/edge-metrics.js';
import { modelRows } from '../lib/queue-theory-rows.js';
import { useEdgeAverages, useEdgeTelemetry, useTelemetryStore } from '../stores/telemetry-store.js';

/**
 * Every metric of one queue, next to its gauge while the pointer is on it. Rendered into the
 * body so nodes never cover it; subscribes to its edge only while shown.
 */
export function EdgeHoverCard(props: {
  id: string;
  anchor: DOMRect;
  overflow: Overflow;
  capacity: number;
  ends: string;
  /** A `nats` edge: says so, and lists its redeliveries. */
  broker?: boolean;
}) {
  const t = useEdgeTelemetry(props.id);
  const avg = useEdgeAverages(props.id);
  const seconds = useTelemetryStore((s) => s.averages?.seconds);
  const model = useQueueModel(props.id);
  const { anchor } = props;
  // Below the gauge when the card fits there (about 420 px with a queueing model), else on the
  // side with more room; never taller than that room, so no row is drawn off screen.
  const roomBelow = window.innerHeight - anchor.bottom - 18;
  const roomAbove = anchor.top - 18;
  const below = roomBelow >= 420 || roomBelow >= roomAbove;
  const style = {
    left: Math.min(window.innerWidth - 290, Math.max(8, anchor.left + anchor.width / 2 - 140)),
    top: below ? anchor.bottom + 10 : anchor.top - 10,
    transform: below ? undefined : 'translateY(-100%)',
    maxHeight: below ? roomBelow : roomAbove,
  };
  return createPortal(
    <div className="hover-card" style={style} data-testid={`edge-card-${props.id}`} role="tooltip">
      <div className="hover-card__head">
        <strong>
          {props.broker ? 'Broker queue' : 'Queue'} {props.id}
        </strong>
        {props.broker && <span className="nats-badge">NATS</span>}
        <span className="hover-card__policy">{props.overflow}</span>
      </div>
      <div className="hover-card__ends">{props.ends}</div>
      <dl className="kv kv--tight">
        {[...edgeMetricRows(t, avg, seconds, props.broker, props.overflow), ...modelRows(model, t, avg)].map(
          ([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ),
        )}
      </dl>
      {!t && <p className="hover-card__note">Capacity {props.capacity}. Run the graph to see it live.</p>}
      {props.broker && (
        <p className="hover-card__note">
          A JetStream stream of at most {props.capacity} items between processes; consumers ack each item
          after passing it on.
        </p>
      )}
    </div>,
    document.body,
  );
}
