import { expect, it } from 'vitest';
import { startRun } from './start-run.js';
import { planOf } from './test-graphs.js';
import { FakeClock } from './test-helpers/fake-clock.js';

//   src(1000/s, closed) ──(16)──▶ work (2 ms: 500/s) ──▶ out
it('a closed-loop source paused while blocked on a full queue sends again as soon as it resumes', async () => {
  // ARRANGE: the source is held back by the worker (blocked half its time) when the pause comes
  const clock = new FakeClock();
  const run = startRun(
    planOf(
      [
        ['src', 'generator', { rate: 1000 }],
        ['work', 'worker', { serviceTimeMs: 2 }],
        ['out', 'counter'],
      ],
      [
        ['src', 'work', { capacity: 16 }],
        ['work', 'out', { capacity: 16 }],
      ],
    ),
    { runId: 't', clock, telemetryHz: 0 },
  );
  await clock.advanceTo(1000);

  // ACT: pause for 3 s, resume, and give it 1 s
  run.pause();
  await clock.advanceTo(4000);
  const atResume = run.totals().emitted;
  run.resume();
  await clock.advanceTo(5000);

  // ASSERT: the worker's pace (~500/s) in the second after, not a silence as long as the pause
  expect(run.totals().emitted - atResume).toBeGreaterThan(400);
  run.stop('abort');
  await clock.runUntil(run.done, 8000);
});
