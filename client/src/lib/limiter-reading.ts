import type { LimiterTelemetry } from '../../../shared/protocol/telemetry.js';
import { formatNumber } from './format.js';

/** What a limiter's gauge draws: a label, value of max, and how full the bar is. */
export interface LimiterReading {
  label: string;
  text: string;
  ratio: number;
}

/**
 * The one gauge that means something for the limiter's algorithm, as the server names it
 * (leaky bucket: "in bucket 37/100"); tokens available of capacity from a server that sends
 * no gauge.
 *
 * @example limiterReading({ …, gauge: { label: 'in bucket', value: 37, max: 100 } }).text // '37/100'
 */
export function limiterReading(limiter: LimiterTelemetry): LimiterReading {
  const { label, value, max } = limiter.gauge ?? {
    label: 'tokens',
    value: Math.floor(limiter.tokens),
    max: limiter.capacity,
  };
  return {
    label,
    text: `${formatNumber(Math.floor(value))}/${formatNumber(max)}`,
    ratio: max > 0 ? Math.min(1, Math.max(0, value / max)) : 0,
  };
}
