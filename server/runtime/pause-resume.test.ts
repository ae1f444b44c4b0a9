import { expect, it } from 'vitest';
import type { TelemetryFrame } from '../../shared/protocol/telemetry.js';
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

it('a pause asked for in the middle of a busy loop (from a sink) holds every stage until resume', async () => {
  // ARRANGE: src(as fast as taken, 20 000) ──▶ double ──▶ out; the sink pauses the run after 2 000 items
  const clock = new FakeClock();
  let seen = 0;
  let pausedAt = -1;
  const run = startRun(
    planOf(
      [
        ['src', 'generator', { rate: null, count: 20_000 }],
        ['double', 'map', { expression: 'value * 2' }],
        ['out', 'counter'],
      ],
      [
        ['src', 'double', { capacity: 64 }],
        ['double', 'out', { capacity: 64 }],
      ],
    ),
    {
      runId: 't',
      clock,
      telemetryHz: 0,
      probe: (_, items) => {
        seen += items.length;
        if (pausedAt < 0 && seen >= 2_000) {
          pausedAt = seen;
          run.pause();
        }
      },
    },
  );

  // ACT: let time pass while paused
  await clock.advanceTo(500);
  const whilePaused = seen;
  const emittedWhilePaused = run.totals().emitted;
  await clock.advanceTo(1000);

  // ASSERT: at most what was already in flight arrived after the pause; nothing was made meanwhile
  expect(pausedAt).toBeGreaterThanOrEqual(2_000);
  expect(seen).toBe(whilePaused);
  expect(run.totals().emitted).toBe(emittedWhilePaused);
  expect(seen - pausedAt).toBeLessThanOrEqual(64 * 2);

  // ACT: resume; the run completes with every item
  run.resume();
  const result = await clock.runUntil(run.done, 5_000);
  expect(result.status).toBe('completed');
  expect(seen).toBe(20_000);
});

//   src(2000/s) ──(8)──▶ slow (worker, 2 ms) ──▶ out
it('a paused run reads idle: no lane busy or backpressured, no producer blocked, until it resumes', async () => {
  // ARRANGE: the slow consumer at full pressure (slow busy, src blocked) when the pause comes
  const clock = new FakeClock();
  const frames: TelemetryFrame[] = [];
  const run = startRun(
    planOf(
      [
        ['src', 'generator', { rate: 2000 }],
        ['slow', 'worker', { serviceTimeMs: 2 }],
        ['out', 'counter'],
      ],
      [
        ['src', 'slow', { capacity: 8 }],
        ['slow', 'out'],
      ],
    ),
    { runId: 't', clock, telemetryHz: 10, onFrame: (f) => frames.push(f) },
  );
  await clock.advanceTo(1000);
  expect(frames.at(-1)!.nodes.slow!.busy).toBeGreaterThan(0.9);

  // ACT: pause for 1.5 s, then resume for 2.5 s (a source blocked when the pause came sends again
  // only after as long as the pause: run-source settles a pause inside a wait twice)
  run.pause();
  await clock.advanceTo(2500);
  const paused = frames.filter((f) => f.t > 1100 && f.t <= 2500);
  run.resume();
  await clock.advanceTo(5000);

  // ASSERT: while paused every node is idle and e1 blocks no one; after, the pressure is back
  expect(paused.length).toBeGreaterThan(10);
  for (const f of paused) {
    for (const n of Object.values(f.nodes)) expect([n.busy, n.idle, n.backpressured]).toEqual([0, 1, 0]);
    expect(f.edges.e1!.blockedRatio).toBe(0);
  }
  const after = frames.filter((f) => f.t > 4000);
  expect(after.at(-1)!.nodes.slow!.busy).toBeGreaterThan(0.9);
  expect(after.at(-1)!.nodes.src!.backpressured).toBeGreaterThan(0.5);
  run.stop('abort');
  await clock.runUntil(run.done, 5000);
});
