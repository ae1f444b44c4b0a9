import { describe, expect, it } from 'vitest';
import { applyLivePatch } from '../../../shared/compiler/live-params.js';
import { startRun } from '../start-run.js';
import { planOf } from '../test-graphs.js';
import { FakeClock } from '../test-helpers/fake-clock.js';

/** src(count) ──▶ work ──▶ out */
const graph = (count: number, work: Record<string, unknown>) =>
  planOf(
    [
      ['src', 'generator', { rate: null, count }],
      ['work', 'worker', work],
      ['out', 'counter'],
    ],
    [
      ['src', 'work'],
      ['work', 'out'],
    ],
  );

describe("worker load: 'cpu' holds the thread for the service time", () => {
  it('four lanes of a 5 ms cpu worker take turns on the one thread: 60 items take ≥ 300 ms', async () => {
    // ARRANGE: with `wait`, 4 lanes would serve 60 items in 75 ms; spinning lanes cannot overlap.
    const N = 60;
    const t0 = performance.now();
    // ACT
    const result = await startRun(graph(N, { serviceTimeMs: 5, concurrency: 4, load: 'cpu' }), {
      runId: 't',
      telemetryHz: 0,
    }).done;
    // ASSERT: a lower bound only (a loaded machine only adds): every item spun its 5 ms in turn.
    // (Not CPU time: a preempted spin counts wall time, so on a busy machine CPU time is less.)
    expect(result.status).toBe('completed');
    expect(result.totals).toMatchObject({ emitted: N, delivered: N });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(N * 5);
  });

  it('is live-editable: a wait worker switched to cpu spins, and its schedule on the run clock is unchanged', async () => {
    // ARRANGE: on a fake clock a `wait` worker costs no real time at all.
    const clock = new FakeClock();
    const N = 40;
    const plan = graph(N, { serviceTimeMs: 5 });
    const run = startRun(plan, { runId: 't', clock, telemetryHz: 0 });
    const patched = applyLivePatch('worker', 'work', plan.nodes[1]!.params, { load: 'cpu' });
    if (!patched.ok) throw new Error(JSON.stringify(patched.issues));
    const t0 = performance.now();
    // ACT
    run.updateNode('work', patched.params);
    const result = await clock.runUntil(run.done, 60_000);
    // ASSERT: the spin held the thread for real; the run's own clock still saw 5 ms an item, not 10.
    expect(result.totals).toMatchObject({ emitted: N, delivered: N });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(N * 5);
    expect(clock.now()).toBeGreaterThanOrEqual(N * 5);
    expect(clock.now()).toBeLessThan(N * 5 * 1.5);
  });

  it('rejects an unknown load, naming the node and the field', () => {
    const bad = applyLivePatch('worker', 'work', { serviceTimeMs: 5 }, { load: 'gpu' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues[0]).toMatchObject({ nodeId: 'work' });
    expect(bad.issues[0]!.path).toContain('load');
  });
});
