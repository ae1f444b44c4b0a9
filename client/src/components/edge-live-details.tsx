import { compact, formatCount, formatMs, formatPercent, formatRate } from '../lib/format.js';
import { useEdgeTelemetry } from '../stores/telemetry-store.js';

const DASH = '—';

/** The queue's live numbers: fixed rows (dashes before a run); subscribes on its own. */
export function EdgeLiveDetails({ id }: { id: string }) {
  const t = useEdgeTelemetry(id);
  const fullIn = !t
    ? DASH
    : t.depth >= t.capacity
      ? 'full now'
      : t.etaFullMs === null
        ? 'not filling'
        : formatMs(t.etaFullMs);
  const rows: Array<[string, string]> = [
    ['Depth', t ? `${compact(t.depth)} / ${compact(t.capacity)}` : DASH],
    ['In / out', t ? `${formatRate(t.inRate)} / ${formatRate(t.outRate)}` : DASH],
    ['Producer blocked', t ? formatPercent(t.blockedRatio) : DASH],
    ['Dropped', t ? formatCount(t.dropped) : DASH],
    ['Oldest item', t ? formatMs(t.oldestAgeMs) : DASH],
    ['Full in', fullIn],
  ];
  return (
    <section className="inspector__section" data-testid="edge-live">
      <h3 className="section-title">Live</h3>
      <dl className="kv">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
