import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { startRun } from '../start-run.js';
import { planOf } from '../test-graphs.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('rate-limit node', () => {
  it('delay mode shapes to the rate and pushes backpressure upstream', async () => {
    //   src(unlimited) ──▶ limit(token bucket 300/s) ──▶ out
    const frames: TelemetryFrame[] = [];
    const run = startRun(
      planOf(
        [
          ['src', 'generator', { rate: null }],
          ['limit', 'rate-limit', { rate: 300, burst: 10 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'limit', { capacity: 32 }],
          ['limit', 'out'],
        ],
      ),
      { runId: 't', onFrame: (f) => frames.push(f) },
    );
    await sleep(2200);
    run.stop('abort');
    await run.done;
    // The last live frame: the one sent as the run ends has every rate at 0.
    frames.pop();
    const last = frames.at(-1)!;
    // The median over the last second of frames: one late timer on a loaded machine moves a single
    // frame's 1 s rate, not the shaping.
    const rates = frames
      .filter((f) => f.t >= last.t - 1000)
      .map((f) => f.nodes.out!.inRate)
      .sort((a, b) => a - b);
    const rate = rates[rates.length >> 1]!;
    expect(rate).toBeGreaterThan(270);
    expect(rate).toBeLessThan(330);
    expect(last.edges.e1!.depth).toBe(32);
    expect(last.nodes.src!.backpressured).toBeGreaterThan(0.9);
    expect(last.nodes.limit!.limiter).toMatchObject({ capacity: 10, limitedRate: 0 });
    expect(last.nodes.limit!.limiter!.allowedRate).toBeGreaterThan(270);
  });

  it('drop mode polices: the source keeps its pace, the excess is counted, nothing is lost unaccounted', async () => {
    const frames: TelemetryFrame[] = [];
    const result = await startRun(
      planOf(
        [
          ['src', 'generator', { rate: 2000, count: 3000 }],
          ['limit', 'rate-limit', { algorithm: 'sliding-window', rate: 500, windowMs: 100, mode: 'drop' }],
          ['out', 'counter'],
        ],
        [
          ['src', 'limit'],
          ['limit', 'out'],
        ],
      ),
      { runId: 't', onFrame: (f) => frames.push(f) },
    ).done;
    expect(result.status).toBe('completed');
    expect(result.totals.emitted).toBe(3000);
    expect(result.totals.delivered + result.totals.dropped).toBe(3000);
    // 1.5 s at ≤ 50 per 100 ms window: about 750 pass.
    expect(result.totals.delivered).toBeGreaterThan(600);
    expect(result.totals.delivered).toBeLessThan(900);
    expect(frames.some((f) => (f.nodes.limit!.limiter?.limitedRate ?? 0) > 1000)).toBe(true);
  });
});
