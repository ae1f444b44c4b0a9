import { describe, expect, it } from 'vitest';
import { applyLivePatch } from '../../shared/compiler/live-params.js';
import type { TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { startRun } from './start-run.js';
import { planOf } from './test-graphs.js';
import { FakeClock } from './test-helpers/fake-clock.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a run', () => {
  it('completes when a finite source has drained through every queue', async () => {
    //   src(count 50 000, unlimited) ──▶ work(0 ms) ──▶ out
    const plan = planOf(
      [
        ['src', 'generator', { rate: null, count: 50_000 }],
        ['work', 'worker', { serviceTimeMs: 0 }],
        ['out', 'counter'],
      ],
      [
        ['src', 'work', { capacity: 16 }],
        ['work', 'out'],
      ],
    );
    const result = await startRun(plan, { runId: 't' }).done;
    expect(result.status).toBe('completed');
    expect(result.totals).toEqual({
      emitted: 50_000,
      delivered: 50_000,
      dropped: 0,
      errors: 0,
      rejected: 0,
      deadLettered: 0,
      skipped: 0,
    });
  });

  it('abort releases every wait and timer: nothing pending, no handles left', async () => {
    const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const run = startRun(
      planOf(
        [
          ['src', 'generator', { rate: 5000 }],
          ['work', 'worker', { serviceTimeMs: 5, concurrency: 3 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'work'],
          ['work', 'out'],
        ],
      ),
      { runId: 't' },
    );
    await sleep(300);
    expect(run.pendingWaits).toBeGreaterThan(0);
    run.stop('abort');
    const result = await run.done;
    expect(result.status).toBe('stopped');
    expect(run.pendingWaits).toBe(0);
    await sleep(20);
    const after = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    expect(after).toBeLessThanOrEqual(before);
  });

  it('drain stops the sources and delivers everything already queued', async () => {
    const clock = new FakeClock();
    const run = startRun(
      planOf(
        [
          ['src', 'generator', { rate: 2000 }],
          ['work', 'worker', { serviceTimeMs: 1 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'work', { capacity: 100 }],
          ['work', 'out'],
        ],
      ),
      // Fake time: 300 ms of the run are 300 ms of schedule however loaded the machine is.
      { runId: 't', clock, telemetryHz: 0 },
    );
    try {
      await clock.advanceTo(300);
      const atDrain = run.totals();
      run.stop('drain');
      expect(run.status).toBe('draining');
      const result = await clock.runUntil(run.done, 10_000);
      expect(result.status).toBe('completed');
      expect(result.totals.delivered).toBe(result.totals.emitted);
      // 2,000/s into a 1,000/s worker for 300 ms: about 300 through and the queue full (100) when
      // Drain came; those queued items are delivered, and the source makes none after.
      expect(result.totals.emitted).toBeGreaterThan(300);
      expect(atDrain.emitted - atDrain.delivered).toBeGreaterThan(50);
      expect(result.totals.emitted).toBe(atDrain.emitted);
    } finally {
      run.stop('abort');
    }
  });

  it('drop-newest: the source keeps its pace and emitted = delivered + dropped exactly', async () => {
    //   src(4000/s, 2000 items) ──[cap 8, drop-newest]──▶ work(1 ms) ──▶ out
    const plan = planOf(
      [
        ['src', 'generator', { rate: 4000, count: 2000 }],
        ['work', 'worker', { serviceTimeMs: 1 }],
        ['out', 'counter'],
      ],
      [
        ['src', 'work', { capacity: 8, overflow: 'drop-newest' }],
        ['work', 'out'],
      ],
    );
    const started = performance.now();
    const result = await startRun(plan, { runId: 't' }).done;
    const elapsed = performance.now() - started;
    expect(result.totals.emitted).toBe(2000);
    expect(result.totals.dropped).toBeGreaterThan(500);
    expect(result.totals.delivered + result.totals.dropped).toBe(2000);
    // 2000 items at 4000/s: the source was never slowed to the worker's 1000/s (that would take 2 s).
    expect(elapsed).toBeLessThan(1500);
  });

  it('error policy fail: the run fails naming the node; dead-letter sends exactly the failures out of `error`', async () => {
    const failing = await startRun(
      planOf(
        [
          ['src', 'generator', { rate: null, count: 1000 }],
          ['work', 'worker', { serviceTimeMs: 0, failureRate: 0.5 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'work'],
          ['work', 'out'],
        ],
      ),
      { runId: 't' },
    ).done;
    expect(failing.status).toBe('failed');
    expect(failing.error).toMatchObject({
      nodeId: 'work',
      message: expect.stringContaining('simulated failure'),
    });

    const frames: TelemetryFrame[] = [];
    const dead = await startRun(
      planOf(
        [
          ['src', 'generator', { rate: null, count: 2000 }],
          ['work', 'worker', { serviceTimeMs: 0, failureRate: 0.3, errorPolicy: 'dead-letter' }],
          ['ok', 'counter'],
          ['dlq', 'counter'],
        ],
        [
          ['src', 'work'],
          ['work', 'ok'],
          ['work', 'dlq', { sourcePort: 'error' }],
        ],
      ),
      { runId: 't', onFrame: (f) => frames.push(f) },
    ).done;
    expect(dead.status).toBe('completed');
    const last = frames.at(-1)!;
    expect(last.nodes.dlq!.processed).toBe(last.nodes.work!.errors);
    expect(last.nodes.ok!.processed + last.nodes.dlq!.processed).toBe(2000);
    expect(last.nodes.dlq!.processed).toBeGreaterThan(400);
  });

  it('live concurrency change takes effect without a restart', async () => {
    const frames: TelemetryFrame[] = [];
    const plan = planOf(
      [
        ['src', 'generator', { rate: null }],
        ['work', 'worker', { serviceTimeMs: 10, concurrency: 1 }],
        ['out', 'counter'],
      ],
      [
        ['src', 'work'],
        ['work', 'out'],
      ],
    );
    const run = startRun(plan, { runId: 't', onFrame: (f) => frames.push(f) });
    await sleep(1200);
    const slow = frames.at(-1)!.nodes.work!.outRate;
    const patched = applyLivePatch('worker', 'work', plan.nodes[1]!.params, { concurrency: 4 });
    if (!patched.ok) throw new Error(JSON.stringify(patched.issues));
    run.updateNode('work', patched.params);
    await sleep(1300);
    const fast = frames.at(-1)!.nodes.work!.outRate;
    run.stop('abort');
    await run.done;
    expect(slow).toBeGreaterThan(85);
    expect(slow).toBeLessThan(115);
    expect(fast).toBeGreaterThan(3 * slow);
  });
});

describe('transform errors', () => {
  it('errors a transform counts itself (unparseable lines) show in telemetry and totals', async () => {
    //   src(items without `line`) ──▶ parse(skip) ──▶ out
    const frames: TelemetryFrame[] = [];
    const result = await startRun(
      planOf(
        [
          ['src', 'generator', { rate: null, count: 500 }],
          ['parse', 'parse-log', { errorPolicy: 'skip' }],
          ['out', 'counter'],
        ],
        [
          ['src', 'parse'],
          ['parse', 'out'],
        ],
      ),
      { runId: 't', onFrame: (f) => frames.push(f) },
    ).done;
    expect(result.status).toBe('completed');
    expect(result.totals.errors).toBe(500);
    expect(frames.at(-1)!.nodes.parse!.errors).toBe(500);
  });
});
