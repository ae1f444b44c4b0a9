import { expect, it } from 'vitest';
import { Cancellation } from './cancellation.js';
import type { Clock } from './clock.js';
import { type Runnable, Scheduler } from './scheduler.js';

/**
 * A pump that costs 0.25 ms of fake time per turn and wants to run forever, under a scheduler on
 * that fake clock: how many turns each slice gets, with `pauses[k]` ms passing (as a GC task or
 * I/O callbacks would take) while the run is out of its k-th slice.
 */
async function turnsPerSlice(pauses: number[]): Promise<number[]> {
  let t = 0;
  const clock: Clock = {
    now: () => t,
    wallNow: () => 1.7e12 + t,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
  };
  const scheduler = new Scheduler(clock, new Cancellation());
  const slices: number[] = [];
  let slice = 0;
  let seenSlice = -1;
  // Once per event-loop turn: the scheduler's slices run in between, so this counts them.
  const marker = () => {
    slice++;
    if (slice < pauses.length + 2) setImmediate(marker);
  };
  setImmediate(marker);
  const done = new Promise<void>((resolve) => {
    const pump: Runnable = {
      queued: false,
      run() {
        if (slice !== seenSlice) {
          // First turn of a new slice: the pause for the gap after it is queued now, so it runs
          // after this slice yields and before the scheduler comes back.
          seenSlice = slice;
          slices.push(0);
          const pause = pauses[slices.length - 1];
          if (pause === undefined) {
            resolve();
            return;
          }
          // Queued ahead of the scheduler's own setImmediate: it runs in the gap.
          setImmediate(() => {
            t += pause;
          });
        }
        slices[slices.length - 1]!++;
        t += 0.25;
        scheduler.schedule(pump);
      },
    };
    scheduler.schedule(pump);
  });
  await done;
  return slices.slice(0, pauses.length);
}

it('a slice ends at most TIME_SLICE_MS after the last one did, whatever ran in the gap', async () => {
  // With nothing in the gaps every slice is 4 ms: 16 turns of 0.25 ms (the clock is read every 8).
  expect(await turnsPerSlice([0, 0, 0])).toEqual([16, 16, 16]);
  // A 3 ms pause in the first gap (a scavenge run as a V8 task, say) is charged to the next slice:
  // 8 turns (2 ms) instead of a full 4 ms on top of the pause, while due timers wait.
  expect(await turnsPerSlice([3, 0, 0])).toEqual([16, 8, 16]);
});

it('after a long gap a slice still does at least MIN_SLICE_MS of work', async () => {
  // 10 ms in the gap: the slice is not starved to nothing, it gets its 1 ms (the clock read after 8 turns).
  expect(await turnsPerSlice([10, 10, 0])).toEqual([16, 8, 8]);
});

it("the run's first slice waits for a turn of the event loop: what is due runs before any pump", async () => {
  // ARRANGE: a run started from a task that already took 3 ms (a request compiling the graph, say),
  // with a turn's work (a due timer, I/O) queued ahead of it.
  let t = 3;
  const clock: Clock = {
    now: () => t,
    wallNow: () => 1.7e12 + t,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
  };
  const order: string[] = [];
  setImmediate(() => order.push('due work'));
  const scheduler = new Scheduler(clock, new Cancellation());
  let turns = 0;
  let firstSlice = -1;
  const ran = new Promise<void>((resolve) => {
    const pump: Runnable = {
      queued: false,
      run() {
        if (turns === 0) {
          order.push('first turn');
          // Runs once this slice has yielded (queued ahead of the scheduler's own resumption).
          setImmediate(() => {
            firstSlice = turns;
          });
        }
        turns++;
        t += 0.25;
        if (t < 3 + 8) scheduler.schedule(pump);
        else resolve();
      },
    };
    scheduler.schedule(pump);
  });

  // ACT: the starting task lets its microtasks run, as any await in it does.
  for (let i = 0; i < 5; i++) await Promise.resolve();
  const turnsInStartingTask = turns;
  await ran;

  // ASSERT: no pump turn inside the starting task, the due work before the first turn, and then a
  // whole slice from when the run was made: 16 turns of 0.25 ms.
  expect(turnsInStartingTask).toBe(0);
  expect(order).toEqual(['due work', 'first turn']);
  expect(firstSlice).toBe(16);
});
