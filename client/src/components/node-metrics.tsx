import { formatCount, formatRate } from '../lib/format.js';
import { useNodeTelemetry, useTelemetryStore } from '../stores/telemetry-store.js';
import { LimiterGauge } from './limiter-gauge.js';
import { StateBar } from './state-bar.js';

const DASH = '—';

/**
 * Live numbers of one node. Always rendered at the same size (dashes before the first frame),
 * so the canvas does not jump when a run starts.
 */
export function NodeMetrics({
  id,
  hasInputs,
  hasOutputs,
}: {
  id: string;
  hasInputs: boolean;
  hasOutputs: boolean;
}) {
  const t = useNodeTelemetry(id);
  const live = useTelemetryStore((s) => s.live);
  return (
    <div className={`sl-metrics${t && !live ? ' is-stale' : ''}`}>
      <div className="sl-metrics__grid">
        <Metric
          label="in"
          testId={`node-inrate-${id}`}
          value={t && hasInputs ? formatRate(t.inRate) : DASH}
        />
        <Metric
          label="out"
          testId={`node-outrate-${id}`}
          value={t && hasOutputs ? formatRate(t.outRate) : DASH}
        />
        <Metric label="done" testId={`node-processed-${id}`} value={t ? formatCount(t.processed) : DASH} />
      </div>
      <StateBar busy={t?.busy} idle={t?.idle} backpressured={t?.backpressured} />
      {t?.limiter && <LimiterGauge limiter={t.limiter} />}
      {t && t.errors > 0 && <div className="sl-metrics__errors">{formatCount(t.errors)} errors</div>}
    </div>
  );
}

function Metric({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="sl-metric">
      <span className="sl-metric__label">{label}</span>
      <span className="sl-metric__value" data-testid={testId}>
        {value}
      </span>
    </div>
  );
}
