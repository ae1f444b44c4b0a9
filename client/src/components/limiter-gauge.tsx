import type { LimiterTelemetry } from '../../../shared/protocol/telemetry.js';
import { formatCount, formatRate } from '../lib/format.js';
import { limiterReading } from '../lib/limiter-reading.js';

const DASH = '–';

/**
 * A rate limiter's gauge: the one reading that matters for its algorithm (tokens of burst for a
 * token bucket, items in the bucket for a leaky one, permits used for a sliding window) and how
 * many items/s it limits — averaged over the run once the run has ended (`avgLimited`). Drawn
 * before the first frame too (empty, with dashes), so a rate-limit node keeps its height when a
 * run starts.
 */
export function LimiterGauge({
  limiter,
  avgLimited,
}: {
  limiter: LimiterTelemetry | undefined;
  avgLimited?: number | undefined;
}) {
  const reading = limiter ? limiterReading(limiter) : null;
  const ratio = reading?.ratio ?? 0;
  const limited = avgLimited ?? limiter?.limitedRate;
  return (
    <div
      className={`limiter-gauge${limiter ? '' : ' is-empty'}`}
      data-testid="limiter-gauge"
      title={
        limiter
          ? `${formatCount(limiter.waiting)} waiting · allowed ${formatRate(limiter.allowedRate)} · limited ${formatRate(limiter.limitedRate)}`
          : 'The limiter’s bucket, and items limited per second, while the graph runs'
      }
    >
      <span className="limiter-gauge__label" data-testid="limiter-gauge-label">
        {reading?.label ?? 'tokens'}
      </span>
      <span
        className="limiter-gauge__bar"
        aria-hidden="true"
        style={{
          background: `linear-gradient(to right, var(--accent) ${ratio * 100}%, var(--raised) ${ratio * 100}%)`,
        }}
      />
      <span className="limiter-gauge__value" data-testid="limiter-gauge-value">
        {reading ? reading.text : `${DASH}/${DASH}`}
      </span>
      <span
        className={`limiter-gauge__limited${limited !== undefined && limited > 0 ? ' is-limiting' : ''}`}
        title={avgLimited !== undefined ? 'Items limited per second, averaged over the run' : undefined}
      >
        limited {limited !== undefined ? formatRate(limited) : DASH}
        {avgLimited !== undefined && ' avg'}
      </span>
    </div>
  );
}
