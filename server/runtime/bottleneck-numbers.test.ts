import { describe, expect, it } from 'vitest';
import { findBottlenecks } from '../../shared/analysis/bottleneck.js';
import type { TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { startRun } from './start-run.js';
import { planOf } from './test-graphs.js';
import { FakeClock } from './test-helpers/fake-clock.js';

/**
 * The bottleneck sentence on real runs (fake clock): every steady frame judged as the browser
 * judges it, with the frame before it.
 */
async function judged(workParams: Record<string, unknown>, rate: number) {
  const plan = planOf(
    [
      ['src', 'generator', { rate }],
      ['work', 'worker', workParams],
      ['out', 'counter'],
    ],
    [
      ['src', 'work'],
      ['work', 'out'],
    ],
  );
  const clock = new FakeClock();
  const frames: TelemetryFrame[] = [];
  const run = startRun(plan, { runId: 't', clock, telemetryHz: 10, onFrame: (f) => frames.push(f) });
  await clock.advanceTo(4000);
  run.stop('abort');
  await clock.runUntil(run.done, 120_000);
  const steady = frames.slice(0, -1).filter((f) => f.t >= 2000);
  return steady.map((f) => ({
    frame: f,
    found: findBottlenecks(f, plan.edges, frames[frames.indexOf(f) - 1]),
  }));
}

describe('the bottleneck sentence on real runs', () => {
  //   src (2,000/s) ──e1 [64, block]──▶ work (2 ms, 1 lane = 500/s) ──▶ out
  it('quotes offered load, service time, lanes, ρ, the fill time and the blocked share', async () => {
    const seen = await judged({ serviceTimeMs: 2 }, 2000);
    expect(seen.length).toBeGreaterThan(15);
    for (const { found } of seen) {
      expect(Object.keys(found)).toEqual(['work']);
      // 500/s accepted while src waits 75 %: 2,000/s offered; 64 slots at 1,500/s more in than out.
      expect(found.work!.sentence).toBe(
        'work is the bottleneck: 2,000 items/s offered × 2 ms ÷ 1 lane = 4.0 × what it can serve; ' +
          'e1 fills its 64 slots in 43 ms at that rate, and src waits 75% of its time for room in e1.',
      );
    }
  });

  //   src (2,000/s) ──e1 [64, block]──▶ work ×4 (2 ms: 4 × 500/s = 2,000/s) ──▶ out
  it('a pool of 4 that exactly keeps up is at ρ 1.0 but holds nobody back: not the bottleneck', async () => {
    const seen = await judged({ serviceTimeMs: 2, concurrency: 4 }, 2000);
    expect(seen.length).toBeGreaterThan(15);
    for (const { frame, found } of seen) {
      expect(frame.nodes.work!.busy).toBeGreaterThan(0.95);
      expect(frame.nodes.work!.utilization).toBeCloseTo(1, 1);
      expect(frame.edges.e1!.blockedRatio).toBe(0);
      expect(found).toEqual({});
    }
  });
});
