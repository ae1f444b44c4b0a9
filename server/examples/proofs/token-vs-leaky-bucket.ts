import { expect } from 'vitest';
import type { Example } from '../../../shared/examples/example-schema.js';
import { type Measured, round, type Span, withLesson } from '../lesson-harness.js';

//   token-source (100 in 50 ms, every 1 s) ──▶ token-bucket (200/s, burst 100) ──▶ token-sink
//   leaky-source (100 in 50 ms, every 1 s) ──▶ leaky-bucket (200/s, burst 100) ──▶ leaky-sink

/** Highest rate a sink received over one frame interval (frames at 20 Hz: 50 ms bins). */
function peakRate(span: Span, sinkId: string): number {
  let peak = 0;
  let prev = span.base;
  for (const f of span.frames) {
    const dt = f.t - prev.t;
    if (dt > 0)
      peak = Math.max(peak, ((f.nodes[sinkId]!.processed - prev.nodes[sinkId]!.processed) * 1000) / dt);
    prev = f;
  }
  return peak;
}

export function proveTokenVsLeakyBucket(example: Example): Promise<Measured> {
  return withLesson(example, { telemetryHz: 20, keep: ['token-sink', 'leaky-sink'] }, async (lesson) => {
    const [, , smallBurst, drop] = example.lesson.steps;
    await lesson.watch(300);

    // Step 1: spikes through the token bucket, an even 200/s out of the leaky one.
    const bursts = await lesson.watch(2000);
    const tokenPeak = peakRate(bursts, 'token-sink');
    const leakyPeak = peakRate(bursts, 'leaky-sink');
    expect(tokenPeak, 'token bucket passes a burst at far above its rate').toBeGreaterThan(800);
    expect(leakyPeak, 'leaky bucket never exceeds its rate by much').toBeLessThan(300);
    const tokens = bursts.nodes('token-bucket').map((n) => n.limiter!.tokens);
    expect(Math.max(...tokens), 'bucket refills to its burst size').toBeGreaterThan(90);
    expect(Math.min(...tokens), 'a burst spends the bucket').toBeLessThan(30);
    const inBucket = bursts.nodes('leaky-bucket').map((n) => n.limiter!.gauge!.value);
    expect(Math.max(...inBucket), 'burst waiting in the leaky bucket').toBeGreaterThan(50);
    expect(Math.max(...inBucket), 'never more than burst').toBeLessThanOrEqual(100);

    // Step 2: the smoothing is paid for in latency.
    const tokenP99 = bursts.e2e('token-sink', 99);
    const leakyP99 = bursts.e2e('leaky-sink', 99);
    expect(leakyP99, 'leaky-bucket e2e p99 (ms)').toBeGreaterThan(300);
    expect(tokenP99, 'token-bucket e2e p99 (ms)').toBeLessThan(100);

    // Step 3: burst 10 caps the spikes.
    lesson.applyStep(smallBurst!);
    const capped = await lesson.watch(1600);
    const cappedPeak = peakRate(capped, 'token-sink');
    expect(cappedPeak, 'token bucket with burst 10').toBeLessThan(0.4 * tokenPeak);

    // Step 4: drop mode polices: most of each burst is discarded and counted.
    lesson.applyStep(drop!);
    const policed = await lesson.watch(1600);
    // Bursty flows: exact averages between the span's ends.
    const offered = policed.perSecond((f) => f.nodes['token-bucket']!.processed);
    const passed = policed.perSecond((f) => f.nodes['token-sink']!.processed);
    const limited = policed.perSecond(
      (f) => f.nodes['token-bucket']!.processed - f.nodes['token-sink']!.processed,
    );
    expect(offered, 'bursts still arrive').toBeGreaterThan(40);
    expect(passed, 'what passes in drop mode').toBeLessThan(0.35 * offered);
    expect(limited, 'limited (discarded) per s').toBeGreaterThan(0.5 * offered);
    const gauge = policed.nodes('token-bucket').map((n) => n.limiter!.limitedRate);
    expect(Math.max(...gauge), 'limited/s gauge').toBeGreaterThan(0);
    expect(
      policed.nodes('token-bucket').every((n) => n.limiter!.waiting === 0),
      'nothing waits',
    ).toBe(true);

    return {
      tokenPeakPerS: round(tokenPeak),
      leakyPeakPerS: round(leakyPeak),
      tokenE2eP99Ms: tokenP99,
      leakyE2eP99Ms: leakyP99,
      tokenPeakPerSBurst10: round(cappedPeak),
      dropModeOfferedPerS: round(offered),
      dropModePassedPerS: round(passed),
      dropModeLimitedPerS: round(limited),
    };
  });
}
