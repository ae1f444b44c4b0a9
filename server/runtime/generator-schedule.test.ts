import { describe, expect, it } from 'vitest';
import { createGenerator } from './nodes/generator.js';
import { startRun } from './start-run.js';
import { planOf } from './test-graphs.js';
import { FakeClock } from './test-helpers/fake-clock.js';
import { contextFor } from './test-helpers/node-context.js';

/*
 * The generator's schedule, as the source executor drives it: sleep until `nextDueAt`, then make
 * `due` items (at most one batch of 256 per turn).
 *
 * Found while driving random graphs on fake time (each failed before its fix):
 *  - constant rate: at `nextDueAt` the float product `t × rate / 1000` could land just below the
 *    integer, so `due` was 0 and the source re-armed a 0 ms timer at the same instant — harmless on
 *    Node's timers (≥ 1 ms), a livelock on exact fake timers;
 *  - poisson: `due` mixed "made since base" with "left in the count", and arrivals `due` counted
 *    but the executor did not make (beyond one batch) were forgotten.
 */
describe('generator schedule', () => {
  it('constant rate: once nextDueAt has come, at least one item is due', () => {
    // ARRANGE: rates whose 1000 / rate is not exact in binary
    for (const rate of [3, 7, 49_995, 12_345, 99_991]) {
      const clock = new FakeClock();
      const gen = createGenerator(contextFor('generator', { rate }, clock));
      let now = 0;
      for (let k = 0; k < 200; k++) {
        // ACT
        now = gen.nextDueAt(now);
        const due = gen.due(now);
        // ASSERT
        if (due < 1) expect({ rate, item: k, now, due }).toEqual({ rate, item: k, now, due: '≥ 1' });
        gen.make(due, 0);
      }
    }
  });

  it('a constant-rate run on exact fake timers completes instead of re-arming a 0 ms timer forever', async () => {
    //   src(49 995/s, 191 items) ──(4)──▶ out
    const clock = new FakeClock();
    const run = startRun(
      planOf(
        [
          ['src', 'generator', { rate: 49_995, count: 191 }],
          ['out', 'counter'],
        ],
        [['src', 'out', { capacity: 4 }]],
      ),
      { runId: 't', clock, telemetryHz: 0 },
    );
    try {
      // Before the fix: "livelock: 10000 timers fired at 0.14001400140014 ms without time moving on".
      const result = await clock.runUntil(run.done, 10_000);
      expect(result.totals.delivered).toBe(191);
    } finally {
      run.stop('abort');
    }
  });

  it('poisson with a count makes every item and finishes', () => {
    // ARRANGE: 100 items at 1000/s, mean gap 1 ms
    const clock = new FakeClock();
    const gen = createGenerator(
      contextFor('generator', { rate: 1000, count: 100, pattern: 'poisson' }, clock),
    );
    let made = 0;
    // ACT: drive it as the executor does, for 10 s (the 100 items are due in ~0.1 s)
    for (let now = 0; now < 10_000 && !gen.finished; now = Math.max(now + 0.001, gen.nextDueAt(now))) {
      const due = gen.due(now);
      if (due > 0) made += gen.make(Math.min(due, 256), 0).length;
    }
    // ASSERT: every item (it used to stop at half the count: due() went negative past count / 2)
    expect(made).toBe(100);
    expect(gen.finished).toBe(true);
  });

  it('poisson: arrivals beyond one batch stay due and are made on the next turn', () => {
    // ARRANGE: 1M/s, and a wake-up 1 ms late (Node's timers never fire sooner): ~1000 arrivals owed
    const clock = new FakeClock();
    const gen = createGenerator(contextFor('generator', { rate: 1_000_000, pattern: 'poisson' }, clock));
    const first = gen.due(1);
    expect(first).toBeGreaterThan(900);
    // ACT: the executor makes one batch of 256, then asks again at the same instant
    gen.make(256, 0);
    const rest = gen.due(1);
    // ASSERT: the rest is still owed (it was 0: ~74 % of a 1M/s poisson source's items never existed)
    expect(rest).toBe(first - 256);
  });
});
