import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { startRun } from './start-run.js';
import { planOf } from './test-graphs.js';
import { FakeClock } from './test-helpers/fake-clock.js';

describe('telemetry sampler', () => {
  it('reports the real depth after a live shrink under block, not one capped at the new capacity', async () => {
    //   src(1000/s) ──[cap 64 → 4, block]──▶ slow(100 ms) ──▶ out
    // ARRANGE: fill the edge to 64 behind a slow worker
    const clock = new FakeClock();
    const frames: TelemetryFrame[] = [];
    const run = startRun(
      planOf(
        [
          ['src', 'generator', { rate: 1000 }],
          ['slow', 'worker', { serviceTimeMs: 100 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'slow', { capacity: 64 }],
          ['slow', 'out'],
        ],
      ),
      { runId: 't', clock, telemetryHz: 10, onFrame: (f) => frames.push(f) },
    );
    await clock.advanceTo(500);
    expect(run.latestFrame()!.edges.e1!.depth).toBe(64);

    // ACT: shrink to 4; the 64 queued items stay (block never loses items)
    run.updateEdge('e1', 4, 'block');
    await clock.advanceTo(800);

    // ASSERT: the frame shows what is really queued (≈ 64 minus the 3 taken since), over capacity
    const e1 = run.latestFrame()!.edges.e1!;
    expect(e1.capacity).toBe(4);
    expect(e1.depth).toBeGreaterThan(50);
    expect(e1.etaFullMs).toBe(0);
    // Depth comes down as the worker drains, and never rises again past the new capacity.
    await clock.advanceTo(8_000);
    const after = frames.filter((f) => f.t >= 800).map((f) => f.edges.e1!.depth);
    for (let i = 1; i < after.length; i++) expect(after[i]!).toBeLessThanOrEqual(Math.max(after[i - 1]!, 4));
    expect(after.at(-1)).toBeLessThanOrEqual(4);
    run.stop('abort');
    await clock.runUntil(run.done, 60_000);
  });
});
