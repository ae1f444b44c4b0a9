import { describe, expect, it } from 'vitest';
import { limiterReading } from './limiter-reading.js';

const base = { tokens: 4.7, capacity: 10, waiting: 0, allowedRate: 100, limitedRate: 0 };

describe('limiterReading', () => {
  it('draws the gauge the server names for the algorithm', () => {
    const leaky = {
      ...base,
      algorithm: 'leaky-bucket' as const,
      gauge: { label: 'in bucket', value: 37, max: 100 },
    };
    expect(limiterReading(leaky)).toEqual({ label: 'in bucket', text: '37/100', ratio: 0.37 });
  });

  it('falls back to tokens of capacity', () => {
    expect(limiterReading(base)).toEqual({ label: 'tokens', text: '4/10', ratio: 0.4 });
    expect(limiterReading({ ...base, tokens: 0, capacity: 0 }).ratio).toBe(0);
  });
});
