import type { NodeTelemetry } from '../../../shared/protocol/telemetry.js';
import { formatCount, formatMs, formatRate } from '../lib/format.js';
import { useAnimated, useNodeAverages, useNodeTelemetry } from '../stores/telemetry-store.js';
import { LimiterGauge } from './limiter-gauge.js';
import { StateBar } from './state-bar.js';

const DASH = '—';

/**
 * Live numbers of one node. Always rendered at the same size (dashes before the first frame),
 * so the canvas does not jump when a run starts. The foot line is latency: processing p99 for
 * sources and transforms, end-to-end p50 / p99 for sinks, and errors when there are any.
 */
export function NodeMetrics({
  id,
  category,
  hasInputs,
  hasOutputs,
  hasLimiter = false,
}: {
  id: string;
  category: string;
  hasInputs: boolean;
  hasOutputs: boolean;
  /** A rate limiter: its gauge row is there from the start (empty until the first frame). */
  hasLimiter?: boolean;
}) {
  const t = useNodeTelemetry(id);
  const live = useAnimated();
  // After the run: rates averaged over it (labelled), not frozen at the last frame's.
  const avg = useNodeAverages(id);
  const rates = avg ?? t;
  const sink = category === 'sink';
  const latency = !t
    ? DASH
    : sink && t.e2eP50Ms !== undefined && t.e2eP99Ms !== undefined
      ? `${formatMs(t.e2eP50Ms)} / ${formatMs(t.e2eP99Ms)}`
      : formatMs(t.p99Ms);
  return (
    <div className={`sl-metrics${t && !live ? ' is-stale' : ''}`}>
      <div className="sl-metrics__grid" title={avg ? 'In and out: averages over the run' : undefined}>
        <Metric
          label={avg ? 'avg in' : 'in'}
          testId={`node-inrate-${id}`}
          value={rates && hasInputs ? formatRate(rates.inRate) : DASH}
        />
        <Metric
          label={avg ? 'avg out' : 'out'}
          testId={`node-outrate-${id}`}
          value={rates && hasOutputs ? formatRate(rates.outRate) : DASH}
        />
        <Metric label="done" testId={`node-processed-${id}`} value={t ? formatCount(t.processed) : DASH} />
      </div>
      {/* After the run, how its time split over the whole run: the last tick's lanes were all idle. */}
      <StateBar
        {...(avg?.shares ?? { busy: t?.busy, idle: t?.idle, backpressured: t?.backpressured })}
        overRun={!!avg?.shares}
      />
      {(hasLimiter || t?.limiter) && <LimiterGauge limiter={t?.limiter} avgLimited={avg?.limitedRate} />}
      <div className="sl-metrics__foot">
        <span
          className="sl-metrics__lat"
          data-testid={`node-latency-${id}`}
          title={sink ? 'End-to-end latency p50 / p99' : 'Processing time p99'}
        >
          <span className="sl-metrics__foot-label">{sink ? 'e2e p50/p99' : 'p99'}</span> {latency}
        </span>
        {t && t.errors > 0 ? (
          <span className="sl-metrics__errors" data-testid={`node-errors-${id}`}>
            {formatCount(t.errors)} err
          </span>
        ) : t ? (
          <NodeLoss t={t} />
        ) : null}
      </div>
    </div>
  );
}

/** The first thing this node lost, by name (errors come first, in the caller). */
function NodeLoss({ t }: { t: NodeTelemetry }) {
  const [loss] = [
    [t.rejected, 'rejected', 'Open loop: arrivals that found the queue full'],
    [t.dropped, 'dropped', 'Discarded by this rate limiter in drop mode'],
    [t.deadLettered, 'dead-lettered', 'Sent to dead letter by the error policy'],
    [t.skipped, 'skipped', 'Skipped by the error policy'],
  ].filter(([n]) => typeof n === 'number' && n > 0) as Array<[number, string, string]>;
  if (!loss) return null;
  return (
    <span className="sl-metrics__errors" title={loss[2]}>
      {formatCount(loss[0])} {loss[1]}
    </span>
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

/**
 * Low detail (zoomed far out): room for the busy / backpressured / idle bar, which the overview
 * layer paints here every frame (overview-layer.tsx), so this box never changes during a run.
 */
export function NodeStateOnly() {
  return (
    <div className="sl-metrics sl-metrics--low">
      <div className="state-bar__track state-bar__track--low" />
    </div>
  );
}
