import { describe, expect, it } from 'vitest';
import { startRun } from '../server/runtime/start-run.js';
import { compileGraph } from '../shared/compiler/compile.js';
import { resolveFusion } from '../shared/compiler/fuse-plan.js';
import type { Plan } from '../shared/compiler/plan.js';
import type { TelemetryFrame } from '../shared/protocol/telemetry.js';
import { rowMismatch } from './row-check.js';
import { loadSluice, workloadGraph } from './sluice.js';

const N = 20_000;

/** A real run of workload A (fused or not) and its last frame. */
async function runA(fuse: boolean, capacity?: number): Promise<{ plan: Plan; frame: TelemetryFrame | null }> {
  const compiled = compileGraph(workloadGraph('a', N, 0, capacity));
  if (!compiled.ok) throw new Error('workload A does not compile');
  if (fuse) resolveFusion(compiled.plan, { all: true });
  const run = startRun(compiled.plan, { runId: `row-check-${fuse}`, telemetryHz: 10 });
  const result = await run.done;
  expect(result.totals.delivered).toBe(N / 2);
  return { plan: compiled.plan, frame: run.latestFrame() };
}

describe('bench rows run what their labels say', () => {
  it('the fused row runs and its last frame reports the fused edges', async () => {
    const fused = await loadSluice(10, undefined, undefined, true);
    if (!fused.ok) throw new Error(fused.error);
    expect(await fused.bench.a(N)).toMatchObject({ count: N / 2 });
    expect(await fused.bench.c(N, 10)).toMatchObject({ count: N });
    const { plan, frame } = await runA(true);
    // Every edge: the generator (rate null, closed loop) heads the chain, map → filter, filter → counter.
    expect(Object.keys(frame!.edges).filter((id) => frame!.edges[id]!.fused)).toEqual(['e0', 'e1', 'e2']);
    expect(rowMismatch(plan, frame, { fuse: true, capacity: 64 })).toBeNull();
  });

  it('a run that did not fuse fails the fused row', async () => {
    const plain = await runA(false);
    const fused = await runA(true);
    // The unfused run's frame under a fused row: its fusable edges ran as queues.
    expect(rowMismatch(plain.plan, plain.frame, { fuse: true, capacity: 64 })).toMatch(
      /edges e0, e1, e2 can run fused but ran as queues/,
    );
    // Fused edges in a row that does not fuse.
    expect(rowMismatch(plain.plan, fused.frame, { fuse: false, capacity: 64 })).toMatch(
      /edges e0, e1, e2 ran fused but the row does not fuse them/,
    );
  });

  it('a fused row of source → counter (C without maps: the generator heads a one-counter chain) is what it says', async () => {
    const fused = await loadSluice(10, undefined, undefined, true);
    if (!fused.ok) throw new Error(fused.error);
    expect(await fused.bench.c(N, 0)).toMatchObject({ count: N });
  });

  it('the capacity a row names is the capacity its queues ran at', async () => {
    const tuned = await runA(false, 1024);
    expect(rowMismatch(tuned.plan, tuned.frame, { fuse: false, capacity: 1024 })).toBeNull();
    expect(rowMismatch(tuned.plan, tuned.frame, { fuse: false, capacity: 64 })).toMatch(
      /edge e0 ran at capacity 1024, the row says 64/,
    );
    expect(rowMismatch(tuned.plan, null, { fuse: false, capacity: 1024 })).toMatch(/no telemetry frame/);
  });
});
