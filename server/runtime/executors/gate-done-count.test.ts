import { expect, it } from 'vitest';
import { startRun } from '../start-run.js';
import { planOf } from '../test-graphs.js';
import { FakeClock } from '../test-helpers/fake-clock.js';

//   src (1000/s) ──(64)──▶ leaky (100/s, burst 50, delay) ──(64)──▶ out
//
// The leaky bucket's hand holds up to `burst` items and lets one out every 10 ms, so a hand takes
// half a second to leave. Its 'done' must move with what it has let out, not jump once a hand.
it("a leaky bucket's processed count follows what it let out, item by item", async () => {
  // ARRANGE
  const clock = new FakeClock();
  const run = startRun(
    planOf(
      [
        ['src', 'generator', { rate: 1000 }],
        ['leaky', 'rate-limit', { algorithm: 'leaky-bucket', rate: 100, burst: 50, mode: 'delay' }],
        ['out', 'counter'],
      ],
      [
        ['src', 'leaky', { capacity: 64 }],
        ['leaky', 'out', { capacity: 64 }],
      ],
    ),
    { runId: 't', clock, telemetryHz: 10 },
  );

  // ACT: sample the numbers every 100 ms for 3 s
  const gaps: number[] = [];
  for (let t = 1100; t <= 4000; t += 100) {
    await clock.advanceTo(t);
    const f = run.latestFrame();
    if (!f) continue;
    const leaky = f.nodes.leaky!.processed;
    const reached = f.nodes.out!.processed + f.edges.e2!.depth;
    gaps.push(reached - leaky);
  }
  run.stop('abort');
  await clock.runUntil(run.done, 8000);

  // ASSERT: never more let out than counted done, and never more than a few items apart
  // (a whole hand, up to 50, on the old code)
  expect(gaps.length).toBeGreaterThan(20);
  for (const g of gaps) {
    expect(g).toBeGreaterThanOrEqual(-2);
    expect(g).toBeLessThanOrEqual(2);
  }
});
