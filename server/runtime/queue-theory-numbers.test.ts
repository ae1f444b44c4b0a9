import { describe, expect, it } from 'vitest';
import { mmc } from '../../shared/analysis/queueing.js';
import type { TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { startRun } from './start-run.js';
import { planOf } from './test-graphs.js';
import { FakeClock } from './test-helpers/fake-clock.js';

/** Runs `plan` for `ms` of fake time; returns the frames past `settleMs` (the final frame left out). */
async function steadyFrames(plan: ReturnType<typeof planOf>, ms: number, settleMs = 2000) {
  const clock = new FakeClock();
  const frames: TelemetryFrame[] = [];
  const run = startRun(plan, { runId: 't', clock, telemetryHz: 10, onFrame: (f) => frames.push(f) });
  await clock.advanceTo(ms);
  run.stop('abort');
  await clock.runUntil(run.done, 120_000);
  return { steady: frames.slice(0, -1).filter((f) => f.t >= settleMs), last: frames.at(-1)! };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const near = (actual: number, expected: number, tolerance: number) =>
  expect(Math.abs(actual - expected) / expected, `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);

describe('utilization, mean service and mean wait in frames (issue 18)', () => {
  //   src (2,000/s) ──e1 [64, block]──▶ work (2 ms = 500/s) ──e2──▶ out
  it("a full blocking queue: wait ≈ capacity ÷ service rate, ρ = what the blocked source wants ÷ 500, Little's law", async () => {
    const { steady, last } = await steadyFrames(
      planOf(
        [
          ['src', 'generator', { rate: 2000 }],
          ['work', 'worker', { serviceTimeMs: 2 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'work'],
          ['work', 'out'],
        ],
      ),
      4000,
    );
    expect(steady.length).toBeGreaterThan(15);
    for (const f of steady) {
      const e1 = f.edges.e1!;
      const work = f.nodes.work!;
      near(e1.meanWaitMs!, 128, 0.15); // 64 items ahead × 2 ms
      // Little's law: L = λ·W
      near(e1.depth, (e1.outRate * e1.meanWaitMs!) / 1000, 0.15);
      expect(work.meanServiceMs).toBeCloseTo(2, 2);
      // 500/s accepted while src waits 75 % of its time: it offers 2,000/s, four times what work serves.
      near(work.utilization!, 4, 0.15);
      expect(f.nodes.src!.utilization).toBeUndefined();
    }
    // The last frame of a run says nothing flows: no wait, no utilization.
    expect(last.edges.e1!.meanWaitMs).toBeUndefined();
    expect(last.nodes.work!.utilization).toBeUndefined();
  });

  //   src (1,600/s) ──e1──▶ work ×4 (2 ms: 2,000/s) ──▶ out
  it('divides by the lanes: four 2 ms lanes offered 1,600/s are 80 % used, and nothing waits', async () => {
    const { steady } = await steadyFrames(
      planOf(
        [
          ['src', 'generator', { rate: 1600 }],
          ['work', 'worker', { serviceTimeMs: 2, concurrency: 4 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'work'],
          ['work', 'out'],
        ],
      ),
      3000,
    );
    for (const f of steady) {
      near(f.nodes.work!.utilization!, 0.8, 0.05);
      expect(f.edges.e1!.meanWaitMs!).toBeLessThan(1);
    }
  });

  //   src (1,000/s) ──e1──▶ lim (rate 200, drop) ──▶ out
  it('a rate limiter serves at its rate: offered 1,000/s against 200/s is ρ 5', async () => {
    const { steady } = await steadyFrames(
      planOf(
        [
          ['src', 'generator', { rate: 1000 }],
          ['lim', 'rate-limit', { rate: 200, mode: 'drop' }],
          ['out', 'counter'],
        ],
        [
          ['src', 'lim'],
          ['lim', 'out'],
        ],
      ),
      3000,
    );
    for (const f of steady) {
      expect(f.nodes.lim!.meanServiceMs).toBeCloseTo(5, 3);
      near(f.nodes.lim!.utilization!, 5, 0.05);
    }
  });

  //   src (poisson 80/s) ──e1 [4096]──▶ work (exponential, mean 10 ms) ──▶ out: M/M/1 at ρ 0.8
  it("a Poisson queue: Little's law on the time-averaged depth, and the M/M/1 wait", async () => {
    const { steady } = await steadyFrames(
      planOf(
        [
          ['src', 'generator', { rate: 80, pattern: 'poisson' }],
          ['work', 'worker', { serviceTimeMs: 10, distribution: 'exponential' }],
          ['out', 'counter'],
        ],
        [
          ['src', 'work', { capacity: 4096 }],
          ['work', 'out'],
        ],
      ),
      300_000,
      5000,
    );
    const e1 = steady.map((f) => f.edges.e1!);
    const depth = mean(e1.map((e) => e.depth));
    const little = mean(e1.map((e) => (e.outRate * (e.meanWaitMs ?? 0)) / 1000));
    near(depth, little, 0.15);
    near(mean(steady.map((f) => f.nodes.work!.utilization!)), 0.8, 0.05);
    near(mean(steady.map((f) => f.nodes.work!.meanServiceMs!)), 10, 0.05);
    // Item-weighted mean wait over the run against the model (40 ms).
    const waited =
      e1.reduce((s, e) => s + e.outRate * (e.meanWaitMs ?? 0), 0) / e1.reduce((s, e) => s + e.outRate, 0);
    near(waited, mmc(80, 10, 1)!.waitMs, 0.15);
  });

  //   src (1,000/s) ──e1──▶ double (map) ──▶ out: a cheap transform, timed one batch in sixteen
  it('a transform reports a sampled service time and a small ρ; a sink has one too', async () => {
    const { steady } = await steadyFrames(
      planOf(
        [
          ['src', 'generator', { rate: 1000 }],
          ['double', 'map', { expression: 'value * 2' }],
          ['out', 'counter'],
        ],
        [
          ['src', 'double'],
          ['double', 'out'],
        ],
      ),
      3000,
    );
    for (const f of steady) {
      const n = f.nodes.double!;
      expect(n.meanServiceMs).toBeDefined();
      expect(n.utilization!).toBeLessThan(0.5);
      expect(f.nodes.out!.utilization).toBeDefined();
    }
  });
});
