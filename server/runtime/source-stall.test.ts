import { describe, expect, it } from 'vitest';
import type { Clock } from './clock.js';
import { startRun } from './start-run.js';
import { planOf } from './test-graphs.js';
import { FakeClock } from './test-helpers/fake-clock.js';

/**
 * Fake time that can stall: `stall(ms)` moves `now` on without firing a timer, as a frozen thread
 * (a GC pause, a loaded machine) sees it — every timer then fires that much late.
 */
class StallingClock implements Clock {
  readonly fake = new FakeClock();
  private offset = 0;
  now = () => this.fake.now() + this.offset;
  wallNow = () => this.fake.wallNow() + this.offset;
  setTimeout = (fn: () => void, ms: number) => this.fake.setTimeout(fn, ms);
  clearTimeout = (handle: unknown) => this.fake.clearTimeout(handle);
  stall(ms: number): void {
    this.offset += ms;
  }
}

/** The open-vs-closed-loop lesson's step 4: 600/s open loop into a 500/s worker behind 64 slots. */
function openLoop(clock: Clock) {
  return startRun(
    planOf(
      [
        ['src', 'generator', { rate: 600, loop: 'open' }],
        ['work', 'worker', { serviceTimeMs: 2 }],
        ['out', 'counter'],
      ],
      [
        ['src', 'work', { capacity: 64 }],
        ['work', 'out'],
      ],
    ),
    { runId: 't', clock, telemetryHz: 0 },
  );
}

describe('a source after the thread stalled', () => {
  it('open loop: a 500 ms stall adds no burst of rejections that no schedule made', async () => {
    const clock = new StallingClock();
    const run = openLoop(clock);
    try {
      // Past the queue filling (64 slots at 100/s excess): one item in six is rejected from here.
      await clock.fake.advanceTo(2000);
      const before = run.totals();
      clock.stall(500);
      await clock.fake.advanceBy(1000);
      const after = run.totals();
      // The stall froze the worker too (it forgives lag past 50 ms): in the 1 s of run time after
      // it, ~100 are due to be rejected. Catching up the whole 500 ms made 300 items at once and
      // rejected them all (375 measured).
      const rejected = after.rejected - before.rejected;
      expect(rejected).toBeGreaterThan(80);
      expect(rejected).toBeLessThan(150);
      // The schedule forgave the stall beyond 50 ms: 1 s + 50 ms of arrivals at 600/s (630; `emitted`
      // counts rejected items too), not 1.5 s (900).
      expect(after.emitted - before.emitted).toBeLessThan(660);
    } finally {
      run.stop('abort');
    }
  });
});
