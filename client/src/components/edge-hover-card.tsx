import { createPortal } from 'react-dom';
import type { Overflow } from '../../../shared/graph/graph-schema.js';
import { edgeMetricRows } from '../lib/edge-metrics.js';
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
}) {
  const t = useEdgeTelemetry(props.id);
  const avg = useEdgeAverages(props.id);
  const seconds = useTelemetryStore((s) => s.averages?.seconds);
  const { anchor } = props;
  const below = anchor.bottom + 300 < window.innerHeight;
  const style = {
    left: Math.min(window.innerWidth - 250, Math.max(8, anchor.left + anchor.width / 2 - 120)),
    top: below ? anchor.bottom + 10 : anchor.top - 10,
    transform: below ? undefined : 'translateY(-100%)',
  };
  return createPortal(
    <div className="hover-card" style={style} data-testid={`edge-card-${props.id}`} role="tooltip">
      <div className="hover-card__head">
        <strong>Queue {props.id}</strong>
        <span className="hover-card__policy">{props.overflow}</span>
      </div>
      <div className="hover-card__ends">{props.ends}</div>
      <dl className="kv kv--tight">
        {edgeMetricRows(t, avg, seconds).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {!t && <p className="hover-card__note">Capacity {props.capacity}. Run the graph to see it live.</p>}
    </div>,
    document.body,
  );
}
