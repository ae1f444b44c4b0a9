import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { BoundedQueue } from './bounded-queue.js';
import { Cancellation } from './cancellation.js';
import { OutputPort } from './output-port.js';
import { startRun } from './start-run.js';
import { planOf } from './test-graphs.js';
import { FakeClock } from './test-helpers/fake-clock.js';

describe('blocked time', () => {
  it('is charged per waiting lane: two lanes waiting 100 ms on one edge are 200 lane-ms', async () => {
    // ARRANGE: a full edge and two lanes of one producer, each with a remainder
    const clock = new FakeClock();
    const q = new BoundedQueue('e', 1, 'block');
    const port = new OutputPort([q], clock, new Cancellation());
    const a = port.writer();
    const b = port.writer();
    q.offer([{ x: 0 }], 0);

    // ACT: both lanes wait from t=0; one is let through at 100, the other at 150
    expect(a.send([{ x: 1 }], 0)).toBe(false);
    expect(b.send([{ x: 2 }], 0)).toBe(false);
    b.flushNow(0, () => {});
    a.flushNow(0, () => {});
    expect(q.blockedLaneMs(50)).toBe(100);
    q.take(1);
    a.flushNow(100, () => {});
    q.take(1);
    b.flushNow(150, () => {});

    // ASSERT: each lane's own wait, summed — not the last lane's start subtracted from everyone's end
    expect(q.blockedLaneMs(200)).toBe(250);
  });

  it('a concurrency-4 worker into a slower consumer reports the share of its lanes that wait', async () => {
    //   src(400/s) ──▶ fast(10 ms, 4 lanes = 400/s) ──[cap 4]──▶ slow(10 ms = 100/s) ──▶ out
    // The slow consumer takes 100/s, so the fast worker is busy 100 × 10 ms = 1 lane-s per s of
    // its 4: a quarter busy, three quarters of its lanes' time waiting for room.
    const clock = new FakeClock();
    const frames: TelemetryFrame[] = [];
    const run = startRun(
      planOf(
        [
          ['src', 'generator', { rate: 400 }],
          ['fast', 'worker', { serviceTimeMs: 10, concurrency: 4 }],
          ['slow', 'worker', { serviceTimeMs: 10 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'fast', { capacity: 16 }],
          ['fast', 'slow', { capacity: 4 }],
          ['slow', 'out'],
        ],
      ),
      { runId: 't', clock, telemetryHz: 10, onFrame: (f) => frames.push(f) },
    );
    await clock.advanceTo(3000);
    run.stop('abort');
    await clock.runUntil(run.done, 60_000);

    const steady = frames.filter((f) => f.t >= 1000 && f.t <= 3000);
    expect(steady.length).toBeGreaterThan(15);
    for (const f of steady) {
      const e2 = f.edges.e2!;
      expect(e2.blockedRatio).toBeGreaterThanOrEqual(0);
      expect(e2.blockedRatio).toBeLessThanOrEqual(1);
    }
    const mean = steady.reduce((s, f) => s + f.edges.e2!.blockedRatio, 0) / steady.length;
    expect(mean).toBeGreaterThan(0.65);
    expect(mean).toBeLessThan(0.85);
    // The edge's blocked share is the producer's backpressured share: the same lanes, the same time.
    const backpressured = steady.reduce((s, f) => s + f.nodes.fast!.backpressured, 0) / steady.length;
    expect(Math.abs(mean - backpressured)).toBeLessThan(0.05);
  });
});
