import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../../test-helpers/until.js';
import { planOf } from '../test-graphs.js';
import { SpareRunThread } from './spare-run-thread.js';
import { WorkerRun } from './worker-run.js';

const plan = () =>
  planOf(
    [
      ['src', 'generator', { rate: 20_000, count: 20_000 }],
      ['out', 'counter'],
    ],
    [['src', 'out']],
  );

let spare: SpareRunThread | undefined;
afterEach(async () => {
  await spare?.close();
  spare = undefined;
});

describe('a spare run thread', () => {
  it('runs the next run, exactly as a fresh thread would, and a new spare takes its place', async () => {
    spare = new SpareRunThread(512);
    spare.prime();
    const first = spare.spareThreadId;
    expect(first).toBeGreaterThan(0);
    const seen = new Set<number>([first!]);
    for (const runId of ['s1', 's2']) {
      const statuses: string[] = [];
      const frames: number[] = [];
      const before = spare.spareThreadId!;
      const run = new WorkerRun(plan(), {
        runId,
        spare,
        onStatus: (s) => statuses.push(s),
        onFrame: (f) => frames.push(f.seq),
      });
      // Taken: the run has the spare's thread, and a new one is started for the run after.
      expect(spare.spareThreadId).toBeUndefined();
      const result = await run.done;
      expect(result.status).toBe('completed');
      expect(result.totals).toMatchObject({ emitted: 20_000, delivered: 20_000, dropped: 0 });
      expect(statuses).toEqual(['running', 'completed']);
      expect(frames.length).toBeGreaterThan(0);
      expect(run.latestFrame()!.nodes.out!.processed).toBe(20_000);
      const next = await until(
        () => spare!.spareThreadId,
        (id) => id !== undefined,
        'the next spare',
      );
      expect(seen.has(next!)).toBe(false); // one run per thread, as without a spare
      expect(before).not.toBe(next);
      seen.add(next!);
    }
  });

  it('is not used by a run with another memory limit, which gets its own thread', async () => {
    spare = new SpareRunThread(512);
    spare.prime();
    const id = spare.spareThreadId;
    const run = new WorkerRun(plan(), { runId: 'm1', spare, memoryMb: 256 });
    expect(spare.spareThreadId).toBe(id);
    expect((await run.done).totals.delivered).toBe(20_000);
    expect(spare.spareThreadId).toBe(id);
  });

  it('ends with close and starts none after', async () => {
    spare = new SpareRunThread(512);
    spare.prime();
    expect(spare.spareThreadId).toBeDefined();
    await spare.close();
    expect(spare.spareThreadId).toBeUndefined();
    spare.prime();
    expect(spare.spareThreadId).toBeUndefined();
    // A run still starts, on a thread of its own.
    const run = new WorkerRun(plan(), { runId: 'c1', spare });
    expect((await run.done).status).toBe('completed');
    expect(spare.spareThreadId).toBeUndefined();
  });
});
