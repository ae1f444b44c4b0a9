import type { LimiterTelemetry } from '../../../shared/protocol/telemetry.js';
import { compact, formatRate } from '../lib/format.js';

/** A rate limiter's bucket: tokens available of its capacity, and what it lets through or limits. */
export function LimiterGauge({ limiter }: { limiter: LimiterTelemetry }) {
  const ratio = limiter.capacity > 0 ? Math.min(1, Math.max(0, limiter.tokens / limiter.capacity)) : 0;
  return (
    <div
      className="limiter-gauge"
      title={`${limiter.waiting} waiting · allowed ${formatRate(limiter.allowedRate)} · limited ${formatRate(limiter.limitedRate)}`}
    >
      <span className="limiter-gauge__label">tokens</span>
      <span className="limiter-gauge__bar" aria-hidden="true">
        <span className="limiter-gauge__fill" style={{ transform: `scaleX(${ratio})` }} />
      </span>
      <span className="limiter-gauge__value">
        {compact(Math.floor(limiter.tokens))}/{compact(limiter.capacity)}
      </span>
      <span className="limiter-gauge__limited">−{formatRate(limiter.limitedRate)}</span>
    </div>
  );
}
