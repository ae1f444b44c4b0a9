import { expect, it } from 'vitest';
import { startRun } from './start-run.js';
import { planOf } from './test-graphs.js';
import { FakeClock } from './test-helpers/fake-clock.js';

it('a live resize to capacity 0 while the consumer already waits keeps items flowing', async () => {
  const clock = new FakeClock();
  let delivered = 0;
  const run = startRun(
    planOf(
      [
        ['src', 'generator', { rate: 100 }],
        ['work', 'worker', { serviceTimeMs: 1 }],
        ['out', 'counter'],
      ],
      [
        ['src', 'work', { capacity: 64 }],
        ['work', 'out'],
      ],
    ),
    { runId: 't', clock, telemetryHz: 0, probe: (_n, items) => (delivered += items.length) },
  );
  await clock.advanceTo(505);
  const before = delivered;
  run.updateEdge('e1', 0, 'block');
  await clock.advanceTo(1505);
  expect(delivered - before).toBeGreaterThan(90);
  run.stop('abort');
  await clock.runUntil(run.done, 5000);
});
