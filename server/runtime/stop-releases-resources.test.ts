import { describe, expect, it } from 'vitest';
import type { Plan } from '../../shared/compiler/plan.js';
import { type Run, startRun } from './start-run.js';
import { planOf } from './test-graphs.js';
import { FakeClock } from './test-helpers/fake-clock.js';

/*
 * Stop ('abort') must reject every pending wait and release every timer and listener, whatever the
 * run was waiting on at that moment. Each graph below parks the run in a different kind of wait.
 */

interface Case {
  name: string;
  plan: () => Plan;
  /** Puts the run in the state under test once it has been running a while. */
  before?: (run: Run) => void;
}

const cases: Case[] = [
  {
    //   src(5000/s) ──(16)──▶ limit(token bucket 20/s, burst 1, delay) ──▶ out
    name: 'a rate limit in delay mode, sleeping for permission',
    plan: () =>
      planOf(
        [
          ['src', 'generator', { rate: 5000 }],
          ['limit', 'rate-limit', { algorithm: 'token-bucket', rate: 20, burst: 1, mode: 'delay' }],
          ['out', 'counter'],
        ],
        [
          ['src', 'limit', { capacity: 16 }],
          ['limit', 'out'],
        ],
      ),
  },
  {
    //   src(∞) ──(0, rendezvous)──▶ slow(40 ms) ──(0)──▶ out
    name: 'a rendezvous edge, producer waiting for the consumer to take',
    plan: () =>
      planOf(
        [
          ['src', 'generator', { rate: null }],
          ['slow', 'worker', { serviceTimeMs: 40 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'slow', { capacity: 0 }],
          ['slow', 'out', { capacity: 0 }],
        ],
      ),
  },
  {
    //   src(500/s) ──▶ work(5 ms ×3, fails 80 %, retry ×6 from 200 ms) ──out──▶ ok
    //                                                                └─error─▶ dlq
    name: 'a worker with a retry policy, in backoff',
    plan: () =>
      planOf(
        [
          ['src', 'generator', { rate: 500 }],
          [
            'work',
            'worker',
            {
              serviceTimeMs: 5,
              concurrency: 3,
              failureRate: 0.8,
              errorPolicy: 'retry',
              retry: { attempts: 6, baseMs: 200, maxMs: 5_000 },
            },
          ],
          ['ok', 'counter'],
          ['dlq', 'counter'],
        ],
        [
          ['src', 'work', { capacity: 8 }],
          ['work', 'ok'],
          ['work', 'dlq', { sourcePort: 'error' }],
        ],
      ),
  },
  {
    //   src(1000/s) ──(8)──▶ work(2 ms) ──▶ out     (paused, then stopped)
    name: 'a paused run',
    plan: () =>
      planOf(
        [
          ['src', 'generator', { rate: 1000 }],
          ['work', 'worker', { serviceTimeMs: 2 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'work', { capacity: 8 }],
          ['work', 'out'],
        ],
      ),
    before: (run) => expect(run.pause()).toBe(true),
  },
  {
    //   src(50/s) ──▶ batch(size 1000, maxWait 5 s) ──▶ win(tumbling 10 s) ──▶ out
    name: 'a batch and a window waiting on time deadlines',
    plan: () =>
      planOf(
        [
          ['src', 'generator', { rate: 50 }],
          ['batch', 'batch', { size: 1000, maxWaitMs: 5_000 }],
          ['win', 'window', { type: 'tumbling', sizeMs: 10_000 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'batch'],
          ['batch', 'win'],
          ['win', 'out'],
        ],
      ),
  },
];

/** Lets every callback already queued run (no timers: those are what we count). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
}

/**
 * Vitest reports a test's start through a 100 ms throttle timer: let it fire before the baseline,
 * so the only timers that come and go are the run's.
 */
const quiet = () => new Promise((r) => setTimeout(r, 150));

const resources = () => [...process.getActiveResourcesInfo()].sort();

describe('stop (abort) releases everything the run was waiting on', () => {
  it.each(cases)('real clock — $name: active handles back to the baseline, no wait pending', async (c) => {
    // ARRANGE
    await quiet();
    await settle();
    const baseline = resources();
    const run = startRun(c.plan(), { runId: 't', telemetryHz: 10 });
    await new Promise((r) => setTimeout(r, 250));
    c.before?.(run);
    await new Promise((r) => setTimeout(r, 50));
    expect(run.pendingWaits).toBeGreaterThan(0);
    expect(resources().length).toBeGreaterThan(baseline.length); // the run holds timers right now

    // ACT
    run.stop('abort');
    const result = await run.done;
    await settle();

    // ASSERT
    expect(result.status).toBe('stopped');
    expect(run.pendingWaits).toBe(0);
    expect(resources()).toEqual(baseline);
  });

  it.each(cases)('fake clock — $name: no timer left armed, no wait pending', async (c) => {
    // ARRANGE: exact fractional timers (a re-arm at the same instant fails as a livelock)
    const clock = new FakeClock();
    const run = startRun(c.plan(), { runId: 't', clock, telemetryHz: 10 });
    await clock.advanceTo(1_000);
    c.before?.(run);
    await clock.advanceTo(1_500);
    expect(run.pendingWaits).toBeGreaterThan(0);
    expect(clock.pendingTimers).toBeGreaterThan(0);

    // ACT
    run.stop('abort');
    const result = await clock.runUntil(run.done, 2_000);

    // ASSERT
    expect(result.status).toBe('stopped');
    expect(run.pendingWaits).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });
});
