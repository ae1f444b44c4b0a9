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

  it('a filling queue reports its rates, the oldest item age and the time until full', async () => {
    //   src(1000/s) ──[cap 5000, block]──▶ slow(10 ms = 100/s) ──▶ out
    const clock = new FakeClock();
    const run = startRun(
      planOf(
        [
          ['src', 'generator', { rate: 1000 }],
          ['slow', 'worker', { serviceTimeMs: 10 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'slow', { capacity: 5000 }],
          ['slow', 'out'],
        ],
      ),
      { runId: 't', clock, telemetryHz: 10 },
    );
    // ACT: 2.5 s in, about 2,250 items are queued (900/s net)
    await clock.advanceTo(2500);
    const e1 = run.latestFrame()!.edges.e1!;
    // ASSERT
    expect(e1.inRate).toBeGreaterThan(900);
    expect(e1.inRate).toBeLessThan(1100);
    expect(e1.outRate).toBeGreaterThan(90);
    expect(e1.outRate).toBeLessThan(110);
    expect(e1.depth).toBeGreaterThan(2000);
    expect(e1.depth).toBeLessThan(2400);
    // FIFO at 100/s: the head was enqueued at ≈ (items taken) ms, so it is ≈ 2.5 s − 0.25 s old.
    expect(e1.oldestAgeMs).toBeGreaterThan(2000);
    expect(e1.oldestAgeMs).toBeLessThan(2400);
    // (5000 − depth) / 900 per s ≈ 3.1 s
    const eta = ((5000 - e1.depth) / (e1.inRate - e1.outRate)) * 1000;
    expect(e1.etaFullMs).not.toBeNull();
    expect(Math.abs(e1.etaFullMs! - eta)).toBeLessThan(50);
    expect(e1.etaFullMs!).toBeGreaterThan(2500);
    expect(e1.etaFullMs!).toBeLessThan(3800);
    run.stop('abort');
    await clock.runUntil(run.done, 60_000);
  });

  it('a queue that is not filling has no time until full', async () => {
    //   src(100/s) ──[cap 64]──▶ fast(1 ms) ──▶ out
    const clock = new FakeClock();
    const run = startRun(
      planOf(
        [
          ['src', 'generator', { rate: 100 }],
          ['fast', 'worker', { serviceTimeMs: 1 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'fast', { capacity: 64 }],
          ['fast', 'out'],
        ],
      ),
      { runId: 't', clock, telemetryHz: 10 },
    );
    await clock.advanceTo(2500);
    const e1 = run.latestFrame()!.edges.e1!;
    expect(e1.depth).toBeLessThanOrEqual(1);
    expect(e1.etaFullMs).toBeNull();
    run.stop('abort');
    await clock.runUntil(run.done, 60_000);
  });
});
