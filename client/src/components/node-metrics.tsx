import { useBarStep } from '../hooks/use-low-detail.js';
import { formatCount, formatMs, formatRate } from '../lib/format.js';
import { useNodeTelemetry, useTelemetryStore } from '../stores/telemetry-store.js';
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
  const live = useTelemetryStore((s) => s.live);
  const sink = category === 'sink';
  const latency = !t
    ? DASH
    : sink && t.e2eP50Ms !== undefined && t.e2eP99Ms !== undefined
      ? `${formatMs(t.e2eP50Ms)} / ${formatMs(t.e2eP99Ms)}`
      : formatMs(t.p99Ms);
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
      {(hasLimiter || t?.limiter) && <LimiterGauge limiter={t?.limiter} />}
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
        ) : t?.rejected ? (
          <span className="sl-metrics__errors" title="Open loop: arrivals that found the queue full">
            {formatCount(t.rejected)} rejected
          </span>
        ) : null}
      </div>
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

/** Low-detail bars move in steps: at that size finer steps are invisible but still cost a repaint. */
const stepped = (f: number, step: number) => Math.round((Math.min(1, Math.max(0, f)) * 100) / step) * step;

/**
 * Low detail (zoomed far out): the busy / backpressured / idle bar alone, from the staggered
 * overview frame (each node refreshes about twice a second, in turns). Its selector returns the
 * split in steps (tenths, or quarters further out) as a string, so a node re-renders only when
 * its bar visibly changes.
 */
export function NodeStateOnly({ id }: { id: string }) {
  const step = useBarStep();
  const split = useTelemetryStore((s) => {
    const t = s.overview?.nodes[id];
    return t ? `${stepped(t.busy, step)} ${stepped(t.backpressured, step)}` : null;
  });
  const [busy = 0, bp = 0] = split ? split.split(' ').map(Number) : [];
  const background = split
    ? `linear-gradient(to right, var(--busy) 0 ${busy}%, var(--bp) ${busy}% ${busy + bp}%, var(--idle) ${busy + bp}% 100%)`
    : undefined;
  return (
    <div className="sl-metrics sl-metrics--low">
      <div
        className={`state-bar__track state-bar__track--low${split ? '' : ' is-empty'}`}
        style={{ background }}
      />
    </div>
  );
}
