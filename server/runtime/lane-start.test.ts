import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { startRun } from './start-run.js';
import { planOf } from './test-graphs.js';
import { FakeClock } from './test-helpers/fake-clock.js';

describe('a lane before its first turn', () => {
  /*
   *   src(20/s) ──▶ slow(worker 1 ms) ──▶ out(counter)
   *
   * The thread is held 140 ms between setting the run up and the first turn of any lane (a cold
   * worker thread loading and compiling). No node did anything then.
   */
  it('is idle, not busy: the first frame of a run that started slowly shows nodes that have done nothing as idle', async () => {
    // ARRANGE
    const clock = new FakeClock();
    const frames: TelemetryFrame[] = [];
    const run = startRun(
      planOf(
        [
          ['src', 'generator', { rate: 20 }],
          ['slow', 'worker', { serviceTimeMs: 1 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'slow'],
          ['slow', 'out'],
        ],
      ),
      { runId: 't', clock, telemetryHz: 10, onFrame: (f) => frames.push(f) },
    );

    // ACT: hold the thread before any lane has had a turn, then let the run go on to its first frame
    clock.hold(140);
    await clock.advanceTo(150);
    run.stop('abort');
    await clock.runUntil(run.done, 60_000);

    // ASSERT: the counter and the worker were waiting for input, not working, for those 140 ms
    const first = frames[0]!;
    expect(first.nodes.out!.processed).toBeLessThanOrEqual(1);
    expect(first.nodes.out!.busy).toBeLessThan(0.1);
    expect(first.nodes.out!.idle).toBeGreaterThan(0.9);
    expect(first.nodes.slow!.busy).toBeLessThan(0.1);
    for (const n of Object.values(first.nodes)) expect(n.busy + n.idle + n.backpressured).toBeCloseTo(1, 2);
  });
});
