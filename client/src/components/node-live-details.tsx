import { formatCount, formatMs } from '../lib/format.js';
import { useBottleneck, useNodeTelemetry } from '../stores/telemetry-store.js';

/** Per-node numbers too detailed for the canvas; subscribes on its own so the form does not tick. */
export function NodeLiveDetails({ id }: { id: string }) {
  const t = useNodeTelemetry(id);
  const bottleneck = useBottleneck(id);
  if (!t) return null;
  const rows: Array<[string, string]> = [
    ['Processed', formatCount(t.processed)],
    ['Service p50 / p99', `${formatMs(t.p50Ms)} / ${formatMs(t.p99Ms)}`],
    ['Errors', formatCount(t.errors)],
  ];
  if (t.e2eP50Ms !== undefined && t.e2eP99Ms !== undefined)
    rows.push(['End-to-end p50 / p99', `${formatMs(t.e2eP50Ms)} / ${formatMs(t.e2eP99Ms)}`]);
  if (t.rejected !== undefined) rows.push(['Rejected', formatCount(t.rejected)]);
  return (
    <section className="inspector__section">
      <h3 className="section-title">Live</h3>
      {bottleneck && (
        <p className="bottleneck-note">
          <span className="bottleneck-badge">bottleneck</span> {bottleneck}
        </p>
      )}
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
