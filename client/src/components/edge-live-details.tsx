import { compact, formatCount, formatMs, formatPercent, formatRate } from '../lib/format.js';
import { useEdgeTelemetry } from '../stores/telemetry-store.js';

/** The queue's live numbers; subscribes on its own so the form above does not tick. */
export function EdgeLiveDetails({ id }: { id: string }) {
  const t = useEdgeTelemetry(id);
  if (!t) return null;
  const rows: Array<[string, string]> = [
    ['Depth', `${compact(t.depth)} / ${compact(t.capacity)}`],
    ['In / out', `${formatRate(t.inRate)} / ${formatRate(t.outRate)}`],
    ['Producer blocked', formatPercent(t.blockedRatio)],
    ['Dropped', formatCount(t.dropped)],
    ['Oldest item', formatMs(t.oldestAgeMs)],
    [
      'Full in',
      t.depth >= t.capacity ? 'full now' : t.etaFullMs === null ? 'not filling' : formatMs(t.etaFullMs),
    ],
  ];
  return (
    <section className="inspector__section">
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
