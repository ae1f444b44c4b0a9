import { expect, it } from 'vitest';
import { startRun } from './start-run.js';
import { planOf } from './test-graphs.js';

//   src(as fast as taken) ──▶ double ──▶ even ──▶ out, in this thread, on the real clock
const flatOut = () =>
  planOf(
    [
      ['src', 'generator', { rate: null, count: 50_000_000 }],
      ['double', 'map', { expression: 'value * 2' }],
      ['even', 'filter', { expression: 'id % 2 == 0' }],
      ['out', 'counter'],
    ],
    [
      ['src', 'double'],
      ['double', 'even'],
      ['even', 'out'],
    ],
  );

it('a run going flat out in this thread still lets timers, I/O turns and telemetry run', async () => {
  // ARRANGE: a 5 ms interval stands in for HTTP and socket.io; a timer stops the run.
  let ticks = 0;
  const interval = setInterval(() => ticks++, 5);
  let frames = 0;
  const run = startRun(flatOut(), { runId: 't', telemetryHz: 20, onFrame: () => frames++ });

  // ACT: the stop can only happen if the run yields to the event loop.
  setTimeout(() => run.stop('abort'), 300);
  const result = await run.done;
  clearInterval(interval);

  // ASSERT: stopped by the timer part-way (not finished first), while the interval and the
  // telemetry timer kept firing; items moved meanwhile.
  expect(result.status).toBe('stopped');
  expect(result.totals.emitted).toBeGreaterThan(10_000);
  expect(result.totals.emitted).toBeLessThan(50_000_000);
  expect(ticks).toBeGreaterThanOrEqual(5);
  expect(frames).toBeGreaterThanOrEqual(2);
});

it('pumps hand whole batches on: a flat-out chain moves its items in batches, not one by one', async () => {
  // ARRANGE: record the batch sizes the sink takes.
  const sizes: number[] = [];
  const run = startRun(
    planOf(
      [
        ['src', 'generator', { rate: null, count: 100_000 }],
        ['double', 'map', { expression: 'value * 2' }],
        ['out', 'counter'],
      ],
      [
        ['src', 'double', { capacity: 64 }],
        ['double', 'out', { capacity: 64 }],
      ],
    ),
    { runId: 't', telemetryHz: 0, probe: (_, items) => sizes.push(items.length) },
  );

  // ACT
  const result = await run.done;

  // ASSERT: every item arrived, in batches that fill the 64-item edges.
  expect(result.status).toBe('completed');
  expect(sizes.reduce((a, b) => a + b, 0)).toBe(100_000);
  expect(sizes.length).toBeLessThanOrEqual(Math.ceil(100_000 / 64) + 2);
});
