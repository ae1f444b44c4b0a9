import { describe, expect, it } from 'vitest';
import { startRun } from '../start-run.js';
import { planOf } from '../test-graphs.js';
import { FakeClock } from '../test-helpers/fake-clock.js';

describe('worker retries on fake time', () => {
  it('retries with exponential backoff and jitter, then dead-letters the item', async () => {
    //   src(1 item) ──▶ work(10 ms, always fails, retry ×3 from 100 ms) ──error──▶ dlq
    //                                                                  └─out──▶ ok
    const clock = new FakeClock();
    const arrivals: Array<{ sink: string; at: number }> = [];
    const run = startRun(
      planOf(
        [
          ['src', 'generator', { rate: null, count: 1 }],
          [
            'work',
            'worker',
            {
              serviceTimeMs: 10,
              failureRate: 1,
              errorPolicy: 'retry',
              retry: { attempts: 3, baseMs: 100, maxMs: 1000 },
            },
          ],
          ['ok', 'counter'],
          ['dlq', 'counter'],
        ],
        [
          ['src', 'work'],
          ['work', 'ok'],
          ['work', 'dlq', { sourcePort: 'error' }],
        ],
      ),
      { runId: 't', clock, telemetryHz: 0, probe: (sink) => arrivals.push({ sink, at: clock.now() }) },
    );
    const result = await clock.runUntil(run.done, 10_000);
    expect(result.status).toBe('completed');
    expect(result.totals.errors).toBe(1);
    expect(arrivals.map((a) => a.sink)).toEqual(['dlq']);
    // 3 attempts × 10 ms service + backoffs of 100 and 200 ms, each jittered to 50–100 %.
    const at = arrivals[0]!.at;
    expect(at).toBeGreaterThanOrEqual(30 + 150);
    expect(at).toBeLessThanOrEqual(30 + 300);
  });

  it('skip counts the failure and goes on; the other items pass', async () => {
    const clock = new FakeClock();
    const result = await clock.runUntil(
      startRun(
        planOf(
          [
            ['src', 'generator', { rate: null, count: 200 }],
            ['work', 'worker', { serviceTimeMs: 1, failureRate: 0.25, errorPolicy: 'skip' }],
            ['out', 'counter'],
          ],
          [
            ['src', 'work'],
            ['work', 'out'],
          ],
        ),
        { runId: 't', clock, telemetryHz: 0 },
      ).done,
      10_000,
    );
    expect(result.status).toBe('completed');
    expect(result.totals.delivered + result.totals.errors).toBe(200);
    expect(result.totals.errors).toBeGreaterThan(20);
  });
});
