import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { startRun } from './start-run.js';
import { planOf } from './test-graphs.js';
import { FakeClock } from './test-helpers/fake-clock.js';

async function runFor(plan: ReturnType<typeof planOf>, ms: number, hz = 10) {
  const clock = new FakeClock();
  const frames: TelemetryFrame[] = [];
  const run = startRun(plan, { runId: 't', clock, telemetryHz: hz, onFrame: (f) => frames.push(f) });
  await clock.advanceTo(ms);
  run.stop('abort');
  const result = await clock.runUntil(run.done, 120_000);
  return { frames, result };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** src(2000/s) ──[cap 8, `overflow`]──▶ slow(2 ms = 500/s) ──▶ out: four times what slow can take. */
function slowConsumer(overflow: 'block' | 'drop-newest' | 'drop-oldest') {
  return planOf(
    [
      ['src', 'generator', { rate: 2000 }],
      ['slow', 'worker', { serviceTimeMs: 2 }],
      ['out', 'counter'],
    ],
    [
      ['src', 'slow', { capacity: 8, overflow }],
      ['slow', 'out'],
    ],
  );
}

describe('frame numbers', () => {
  it('deltas are exact counts between frames: over a run they sum to the totals', async () => {
    const { frames, result } = await runFor(slowConsumer('drop-newest'), 3000);
    const t = result.totals;
    expect(t.dropped).toBeGreaterThan(1000);
    const e1 = frames.map((f) => f.edges.e1!);
    expect(sum(e1.map((e) => e.delta!.dropped))).toBe(t.dropped);
    expect(sum(e1.map((e) => e.delta!.in + e.delta!.dropped))).toBe(t.emitted);
    expect(sum(frames.map((f) => f.nodes.src!.delta!.out))).toBe(t.emitted);
    expect(sum(frames.map((f) => f.nodes.out!.delta!.in))).toBe(t.delivered);
    // dtMs is what the deltas count over: the frames' dtMs add up to the last frame's t.
    expect(sum(frames.map((f) => f.dtMs!))).toBeCloseTo(frames.at(-1)!.t, 0);
  });

  it('latency shows from the first frames with deliveries, not 0 until a second has passed', async () => {
    // ARRANGE + ACT: the blocking slow consumer, 0.9 s (its 8-slot queue adds 16 ms of waiting)
    const { frames } = await runFor(slowConsumer('block'), 900);

    // ASSERT: every frame after items reached the sink quotes their latency
    const delivered = frames.slice(0, -1).filter((f) => f.nodes.out!.processed > 0);
    expect(delivered.length).toBeGreaterThan(5);
    for (const f of delivered) {
      expect(f.nodes.out!.e2eP50Ms).toBeGreaterThan(2);
      expect(f.nodes.slow!.p50Ms).toBeGreaterThan(1);
    }
  });

  it('offered = accepted + dropped; inRate stays the accepted rate', async () => {
    const { frames } = await runFor(slowConsumer('drop-newest'), 3000);
    const steady = frames
      .slice(0, -1)
      .filter((f) => f.t >= 1500)
      .map((f) => f.edges.e1!);
    for (const e of steady) {
      expect(e.offeredRate).toBeCloseTo(e.inRate + e.dropRate!, 0);
      expect(e.offeredRate!).toBeGreaterThan(1900);
      expect(e.offeredRate!).toBeLessThan(2100);
      expect(e.inRate).toBeLessThan(600);
      expect(e.dropRate!).toBeGreaterThan(1400);
    }
  });

  it('under drop-oldest, offered counts each item once even when it is evicted after queueing', async () => {
    const { frames } = await runFor(slowConsumer('drop-oldest'), 3000);
    for (const f of frames.slice(0, -1).filter((f) => f.t >= 1500)) {
      const e = f.edges.e1!;
      expect(e.offeredRate!).toBeGreaterThan(1900);
      expect(e.offeredRate!).toBeLessThan(2100);
      expect(e.outRate).toBeCloseTo(500, -2);
      expect(e.dropRate!).toBeGreaterThan(1400);
    }
    // The exact counts too: the deltas' arrivals sum to what the source emitted, once each
    // (in + dropped counted the evicted twice, and the run's averages read 1.7 × the arrivals).
    const last = frames.at(-1)!;
    expect(sum(frames.map((f) => f.edges.e1!.delta!.offered!))).toBe(last.totals!.emitted);
  });

  it('the last frame carries the final totals and no rates: nothing flows once a run has ended', async () => {
    const { frames, result } = await runFor(
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
      2000,
    );
    const before = frames.at(-2)!;
    expect(before.nodes.out!.inRate).toBeGreaterThan(100);
    const last = frames.at(-1)!;
    expect(last.totals).toEqual(result.totals);
    for (const e of Object.values(last.edges)) {
      expect([e.inRate, e.outRate, e.offeredRate, e.dropRate, e.blockedRatio]).toEqual([0, 0, 0, 0, 0]);
    }
    for (const n of Object.values(last.nodes)) {
      expect([n.inRate, n.outRate, n.busy, n.backpressured, n.idle]).toEqual([0, 0, 0, 0, 1]);
    }
    expect(last.nodes.lim!.limiter).toMatchObject({ allowedRate: 0, limitedRate: 0 });
  });

  it('a stopped run counts what it left in its queues, as the last frame shows them', async () => {
    const { frames, result } = await runFor(slowConsumer('block'), 2000);
    expect(result.status).toBe('stopped');
    const depths = sum(Object.values(frames.at(-1)!.edges).map((e) => e.depth));
    expect(depths).toBeGreaterThan(0);
    expect(result.totals.queued).toBe(depths);
    expect(frames.at(-1)!.totals!.queued).toBe(depths);
  });

  it('a drained run has nothing queued: its totals carry no `queued`', async () => {
    const { result } = await runFor(
      planOf(
        [
          ['src', 'generator', { rate: 1000, count: 50 }],
          ['out', 'counter'],
        ],
        [['src', 'out']],
      ),
      1000,
    );
    expect(result.status).toBe('completed');
    expect(result.totals.queued).toBeUndefined();
  });
});

describe('limiter gauges', () => {
  it('a leaky bucket shows the items waiting in it, of burst — not its free room', async () => {
    //   src(bursts: 2000/s for 50 ms, every 500 ms) ──▶ leaky(200/s, burst 20, delay) ──▶ out
    const { frames } = await runFor(
      planOf(
        [
          ['src', 'generator', { rate: 2000, pattern: 'burst', burstOnMs: 50, burstOffMs: 450 }],
          ['lim', 'rate-limit', { algorithm: 'leaky-bucket', rate: 200, burst: 20 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'lim', { capacity: 256 }],
          ['lim', 'out'],
        ],
      ),
      3000,
      20,
    );
    const live = frames.slice(0, -1).map((f) => f.nodes.lim!.limiter!);
    expect(live.every((l) => l.algorithm === 'leaky-bucket')).toBe(true);
    for (const l of live) {
      expect(l.gauge!.max).toBe(20);
      expect(l.gauge!.value).toBe(l.waiting);
      expect(l.gauge!.value).toBeLessThanOrEqual(20);
    }
    const values = live.map((l) => l.gauge!.value);
    expect(Math.max(...values), 'a burst fills the bucket').toBe(20);
    expect(Math.min(...values), 'between bursts it empties').toBe(0);
  });

  it('a token bucket shows tokens of burst; a sliding window the permits used of its limit', async () => {
    const { frames } = await runFor(
      planOf(
        [
          ['src', 'generator', { rate: 2000, pattern: 'burst', burstOnMs: 50, burstOffMs: 950 }],
          ['tb', 'rate-limit', { algorithm: 'token-bucket', rate: 100, burst: 50 }],
          ['sw', 'rate-limit', { algorithm: 'sliding-window', rate: 50, windowMs: 1000 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'tb'],
          ['tb', 'sw'],
          ['sw', 'out'],
        ],
      ),
      4000,
      20,
    );
    const tb = frames.slice(0, -1).map((f) => f.nodes.tb!.limiter!);
    for (const l of tb) expect(l.gauge).toEqual({ label: 'tokens', value: l.tokens, max: 50 });
    expect(Math.min(...tb.map((l) => l.gauge!.value))).toBeLessThan(5);
    const sw = frames.slice(0, -1).map((f) => f.nodes.sw!.limiter!);
    for (const l of sw) {
      expect(l.algorithm).toBe('sliding-window');
      expect(l.gauge!.label).toBe('used in window');
      expect(l.gauge!.max).toBe(50);
      expect(l.gauge!.value).toBeCloseTo(50 - l.tokens, 5);
    }
    expect(Math.max(...sw.map((l) => l.gauge!.value)), 'the window fills to its limit').toBe(50);
  });
});
