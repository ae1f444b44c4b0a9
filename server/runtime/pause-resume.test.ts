import { expect, it } from 'vitest';
import { startRun } from './start-run.js';
import { planOf } from './test-graphs.js';
import { FakeClock } from './test-helpers/fake-clock.js';

//   src(1000/s, open loop) ──(16)──▶ out
it.each(['open', 'closed'] as const)(
  'a %s-loop source owes nothing for a pause: resuming keeps its pace instead of bursting',
  async (loop) => {
    // ARRANGE
    const clock = new FakeClock();
    const run = startRun(
      planOf(
        [
          ['src', 'generator', { rate: 1000, loop }],
          ['out', 'counter'],
        ],
        [['src', 'out', { capacity: 16 }]],
      ),
      { runId: 't', clock, telemetryHz: 0 },
    );
    await clock.advanceTo(1000);
    const beforePause = run.totals();

    // ACT: pause for 2 s, then resume for 100 ms
    run.pause();
    await clock.advanceTo(3000);
    const duringPause = run.totals();
    run.resume();
    await clock.advanceTo(3100);
    const after = run.totals();

    // ASSERT: nothing made while paused; ~100 items in the 100 ms after, none dropped
    expect(beforePause.emitted).toBeGreaterThanOrEqual(990);
    expect(duringPause.emitted - beforePause.emitted).toBeLessThanOrEqual(1);
    expect(after.emitted - duringPause.emitted).toBeGreaterThanOrEqual(95);
    expect(after.emitted - duringPause.emitted).toBeLessThanOrEqual(105);
    expect(after.dropped).toBe(0);
    run.stop('abort');
    await clock.runUntil(run.done, 5000);
  },
);
