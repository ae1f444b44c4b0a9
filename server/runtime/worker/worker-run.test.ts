import { describe, expect, it } from 'vitest';
import { planOf } from '../test-graphs.js';
import { WorkerRun } from './worker-run.js';

describe('a run in its own worker thread', () => {
  it('executes the graph, streams frames and reports exact totals', async () => {
    const frames: number[] = [];
    const statuses: string[] = [];
    const run = new WorkerRun(
      planOf(
        [
          ['src', 'generator', { rate: 20_000, count: 20_000 }],
          ['out', 'counter'],
        ],
        [['src', 'out']],
      ),
      { runId: 'w1', onFrame: (f) => frames.push(f.seq), onStatus: (s) => statuses.push(s) },
    );
    const result = await run.done;
    expect(result.status).toBe('completed');
    expect(result.totals).toMatchObject({ emitted: 20_000, delivered: 20_000, dropped: 0 });
    expect(frames.length).toBeGreaterThan(5);
    expect(statuses).toEqual(['running', 'completed']);
    expect(run.latestFrame()!.nodes.out!.processed).toBe(20_000);
  });

  it('a run past its memory limit fails with the reason while another run completes', async () => {
    // A million-item queue behind a stalled worker: the items alone outgrow a 40 MB heap.
    const hog = new WorkerRun(
      planOf(
        [
          ['src', 'generator', { rate: null, keys: 1_000_000 }],
          ['slow', 'worker', { serviceTimeMs: 60_000 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'slow', { capacity: 1_000_000 }],
          ['slow', 'out'],
        ],
      ),
      { runId: 'hog', memoryMb: 40 },
    );
    const fine = new WorkerRun(
      planOf(
        [
          ['src', 'generator', { rate: null, count: 200_000 }],
          ['out', 'counter'],
        ],
        [['src', 'out']],
      ),
      { runId: 'fine' },
    );
    const [hogResult, fineResult] = await Promise.all([hog.done, fine.done]);
    expect(hogResult.status).toBe('failed');
    expect(hogResult.error?.message).toContain('memory limit of 40 MB');
    expect(fineResult.status).toBe('completed');
    expect(fineResult.totals.delivered).toBe(200_000);
  });

  it('stops on command from the main thread', async () => {
    const run = new WorkerRun(
      planOf(
        [
          ['src', 'generator', { rate: 1000 }],
          ['out', 'counter'],
        ],
        [['src', 'out']],
      ),
      { runId: 'w3' },
    );
    await new Promise((r) => setTimeout(r, 800));
    run.stop('abort');
    const result = await run.done;
    expect(result.status).toBe('stopped');
  });
});
