import type { LimiterTelemetry } from '../../shared/protocol/telemetry.js';
import type { NodeStats } from './node-stats.js';

type Gauge = NonNullable<NodeStats['limiter']>;

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * A rate limiter's frame entry. Each algorithm has one gauge that means something: how full a
 * leaky bucket's free room is says nothing (it refills between any two items), but the items
 * waiting in it do.
 *
 * @example limiterTelemetry(stats.limiter!, now, 200, 0).gauge // { label: 'tokens', value: 37.5, max: 100 }
 */
export function limiterTelemetry(
  g: Gauge,
  now: number,
  allowedRate: number,
  limitedRate: number,
): LimiterTelemetry {
  const limiter = g.gate.limiter;
  const tokens = round(Math.max(0, limiter.tokens(now)));
  const max = limiter.capacity;
  let gauge: NonNullable<LimiterTelemetry['gauge']>;
  if (limiter.algorithm === 'token-bucket') gauge = { label: 'tokens', value: tokens, max };
  else if (limiter.algorithm === 'leaky-bucket') gauge = { label: 'in bucket', value: g.waiting, max };
  else gauge = { label: 'used in window', value: round(max - tokens), max };
  return {
    tokens,
    capacity: max,
    waiting: g.waiting,
    allowedRate,
    limitedRate,
    algorithm: limiter.algorithm,
    gauge,
  };
}
