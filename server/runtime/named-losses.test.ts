import { describe, expect, it } from 'vitest';
import { startRun } from './start-run.js';
import { planOf } from './test-graphs.js';
import { FakeClock } from './test-helpers/fake-clock.js';

/** Every item that leaves the graph other than through a sink is in the totals under its name. */
describe('named losses in the run totals', () => {
  it('open loop: what no queue took is rejected — emitted = delivered + rejected, exactly', async () => {
    //   src(2000/s, open, 2000 items) ──[cap 8]──▶ slow(2 ms = 500/s) ──▶ out
    const clock = new FakeClock();
    const run = startRun(
      planOf(
        [
          ['src', 'generator', { rate: 2000, count: 2000, loop: 'open' }],
          ['slow', 'worker', { serviceTimeMs: 2 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'slow', { capacity: 8 }],
          ['slow', 'out'],
        ],
      ),
      { runId: 't', clock, telemetryHz: 10 },
    );
    const { status, totals } = await clock.runUntil(run.done, 60_000);
    expect(status).toBe('completed');
    expect(totals.rejected).toBeGreaterThan(1000);
    expect(totals.dropped).toBe(0);
    expect(totals.delivered + totals.rejected).toBe(2000);
    expect(run.latestFrame()!.totals).toEqual(totals);
  });

  it('rate limit in drop mode and a drop policy both count as dropped, per node and per edge', async () => {
    //   src(1000/s, 1000 items) ──▶ lim(100/s, drop) ──[cap 2, drop-newest]──▶ slow(20 ms) ──▶ out
    const clock = new FakeClock();
    const run = startRun(
      planOf(
        [
          ['src', 'generator', { rate: 1000, count: 1000 }],
          ['lim', 'rate-limit', { rate: 100, burst: 10, mode: 'drop' }],
          ['slow', 'worker', { serviceTimeMs: 20 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'lim'],
          ['lim', 'slow', { capacity: 2, overflow: 'drop-newest' }],
          ['slow', 'out'],
        ],
      ),
      { runId: 't', clock, telemetryHz: 10 },
    );
    const { totals } = await clock.runUntil(run.done, 60_000);
    const f = run.latestFrame()!;
    expect(f.nodes.lim!.dropped).toBeGreaterThan(500);
    expect(f.edges.e2!.dropped).toBeGreaterThan(0);
    expect(totals.dropped).toBe(f.nodes.lim!.dropped! + f.edges.e2!.dropped);
    expect(totals.delivered + totals.dropped).toBe(1000);
  });

  it('dead-letter whose error port leads nowhere (a plan that skipped the compiler check) is counted, not lost', async () => {
    //   src(50 items) ──▶ work(fails every item, dead-letter, error port unconnected) ──▶ out
    const plan = planOf(
      [
        ['src', 'generator', { rate: null, count: 50 }],
        ['work', 'worker', { serviceTimeMs: 1, failureRate: 1, errorPolicy: 'skip' }],
        ['out', 'counter'],
      ],
      [
        ['src', 'work'],
        ['work', 'out'],
      ],
    );
    plan.nodes.find((n) => n.id === 'work')!.params.errorPolicy = 'dead-letter';
    const clock = new FakeClock();
    const run = startRun(plan, { runId: 't', clock, telemetryHz: 10 });
    const { totals } = await clock.runUntil(run.done, 60_000);
    expect(totals).toMatchObject({ emitted: 50, delivered: 0, errors: 50, deadLettered: 50, skipped: 0 });
    expect(run.latestFrame()!.nodes.work!.deadLettered).toBe(50);
  });
});
