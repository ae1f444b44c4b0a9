import { formatCount, formatMs, formatRate } from '../lib/format.js';
import { limiterReading } from '../lib/limiter-reading.js';
import { utilizationText } from '../lib/queue-theory-rows.js';
import { useGraphStore } from '../stores/graph-store.js';
import {
  useBottleneck,
  useBottleneckDetail,
  useNodeAverages,
  useNodeTelemetry,
} from '../stores/telemetry-store.js';

const DASH = '—';
const msOr = (ms: number | undefined) => (ms === undefined ? DASH : formatMs(ms));

/**
 * Per-node numbers too detailed for the canvas. Always the same rows (dashes before a run) so
 * the form below does not move when telemetry starts; subscribes on its own so the form does not tick.
 */
export function NodeLiveDetails({
  id,
  isSource,
  isSink,
}: {
  id: string;
  isSource: boolean;
  isSink: boolean;
}) {
  const t = useNodeTelemetry(id);
  const avg = useNodeAverages(id);
  const bottleneck = useBottleneck(id);
  const detail = useBottleneckDetail(id);
  // A rate limiter's mode, which says what becomes of what it is offered beyond its rate.
  const limiterMode = useGraphStore((s) => {
    const n = s.nodes.find((x) => x.id === id);
    if (n?.data.kind !== 'rate-limit') return undefined;
    return n.data.params.mode === 'drop' ? 'drop' : 'delay';
  });
  const rateLimit = limiterMode !== undefined;
  const ms = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined ? DASH : `${formatMs(a)} / ${formatMs(b)}`;
  const rows: Array<[string, string]> = [
    avg
      ? ['In / out (avg over run)', `${formatRate(avg.inRate)} / ${formatRate(avg.outRate)}`]
      : ['In / out', t ? `${formatRate(t.inRate)} / ${formatRate(t.outRate)}` : DASH],
    ['Processed', t ? formatCount(t.processed) : DASH],
    ['Service p50 / p99', ms(t?.p50Ms, t?.p99Ms)],
    ['Errors', t ? formatCount(t.errors) : DASH],
  ];
  // ρ = offered/s × mean service ÷ lanes: sources serve nothing, so they have none.
  if (!isSource)
    rows.push(
      // After the run, over the run: the last frame carries neither.
      [
        // A limiter serves nothing: its "service time" is the spacing its rate allows (1 / rate).
        `${rateLimit ? 'Spacing at its rate' : 'Mean service'}${avg ? ' (avg over run)' : ''}`,
        msOr(avg ? avg.meanServiceMs : t?.meanServiceMs),
      ],
      [
        avg ? 'Utilization ρ (avg over run)' : 'Utilization ρ',
        utilizationText(avg ? avg.utilization : t?.utilization, limiterMode),
      ],
    );
  if (isSink) rows.push(['End-to-end p50 / p99', ms(t?.e2eP50Ms, t?.e2eP99Ms)]);
  if (isSource)
    rows.push(['Rejected (open loop)', t?.rejected === undefined ? DASH : formatCount(t.rejected)]);
  // Losses under the error policy and the limiter's drop mode, by name, when there were any.
  if (t?.deadLettered) rows.push(['Dead-lettered', formatCount(t.deadLettered)]);
  if (t?.skipped) rows.push(['Skipped', formatCount(t.skipped)]);
  if (t?.dropped) rows.push(['Dropped here', formatCount(t.dropped)]);
  // Windows: items whose window had closed (out of `late`, or in the drops above when it leads nowhere).
  if (t?.late) rows.push(['Late (window closed)', formatCount(t.late)]);
  const limiter = t?.limiter;
  if (rateLimit || limiter)
    rows.push(
      limiter
        ? [`Limiter: ${limiterReading(limiter).label}`, limiterReading(limiter).text.replace('/', ' / ')]
        : ['Tokens / capacity', DASH],
      ['Waiting', limiter ? formatCount(limiter.waiting) : DASH],
      [
        avg ? 'Allowed (avg over run)' : 'Allowed',
        limiter ? formatRate(avg?.allowedRate ?? limiter.allowedRate) : DASH,
      ],
      [
        avg ? 'Limited (avg over run)' : 'Limited',
        limiter ? formatRate(avg?.limitedRate ?? limiter.limitedRate) : DASH,
      ],
    );
  return (
    <section className="inspector__section" data-testid="node-live">
      <h3 className="section-title">Live</h3>
      {bottleneck && (
        <p className="bottleneck-note">
          <span className="bottleneck-badge">bottleneck</span> <strong>{bottleneck}</strong> {detail}
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
