import type { LimiterTelemetry } from '../../../shared/protocol/telemetry.js';
import { compact, formatRate } from '../lib/format.js';

const DASH = '–';

/**
 * A rate limiter's bucket: tokens available of its capacity, and how many items/s it limits.
 * Drawn before the first frame too (empty, with dashes), so a rate-limit node keeps its height
 * when a run starts.
 */
export function LimiterGauge({ limiter }: { limiter: LimiterTelemetry | undefined }) {
  const ratio =
    limiter && limiter.capacity > 0 ? Math.min(1, Math.max(0, limiter.tokens / limiter.capacity)) : 0;
  return (
    <div
      className={`limiter-gauge${limiter ? '' : ' is-empty'}`}
      data-testid="limiter-gauge"
      title={
        limiter
          ? `${limiter.waiting} waiting · allowed ${formatRate(limiter.allowedRate)} · limited ${formatRate(limiter.limitedRate)}`
          : 'Tokens in the bucket, and items limited per second, while the graph runs'
      }
    >
      <span className="limiter-gauge__label">tokens</span>
      <span
        className="limiter-gauge__bar"
        aria-hidden="true"
        style={{
          background: `linear-gradient(to right, var(--accent) ${ratio * 100}%, var(--raised) ${ratio * 100}%)`,
        }}
      />
      <span className="limiter-gauge__value">
        {limiter ? `${compact(Math.floor(limiter.tokens))}/${compact(limiter.capacity)}` : `${DASH}/${DASH}`}
      </span>
      <span className={`limiter-gauge__limited${limiter && limiter.limitedRate > 0 ? ' is-limiting' : ''}`}>
        limited {limiter ? formatRate(limiter.limitedRate) : DASH}
      </span>
    </div>
  );
}
