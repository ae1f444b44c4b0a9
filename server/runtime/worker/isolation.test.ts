import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../shared/compiler/plan.js';
import { planOf } from '../test-graphs.js';
import { WorkerRun } from './worker-run.js';

/*
 * Runs are isolated: each executes in its own worker thread with a memory limit; whatever happens
 * there, the run ends `failed` with a reason and the main thread carries on serving.
 *
 * Not tested here: that two CPU-busy runs use two cores at once (process CPU time > 1.3 × wall).
 * Measured on this 2-core machine shared with other jobs (load average 8–12), the ratio was
 * 0.3–0.9 over 1.5 s: it says more about the neighbours than about the runs, so it cannot be a
 * reliable assertion here.
 */

/** Counts ticks of a 10 ms interval on the main thread and the longest gap between two. */
function heartbeat() {
  const started = performance.now();
  let last = started;
  let ticks = 0;
  let longestGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
    ticks++;
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      const now = performance.now();
      return { ticks, longestGap: Math.max(longestGap, now - last), elapsed: now - started };
    },
  };
}

describe.concurrent('run isolation (worker threads)', () => {
  it('a run past its memory limit ends failed with the reason while the main event loop keeps ticking', async () => {
    //   src(∞, a million keys) ──[cap 1 000 000]──▶ slow(60 s) ──▶ out      (in a 40 MB heap)
    // ARRANGE: the heartbeat starts once the run's thread is up and running
    let beat: ReturnType<typeof heartbeat> | undefined;
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
      {
        runId: 'hog',
        memoryMb: 40,
        telemetryHz: 10,
        onStatus: (s) => {
          if (s === 'running') beat ??= heartbeat();
        },
      },
    );

    // ACT
    const result = await hog.done;
    expect(beat).toBeDefined();
    const { ticks, longestGap, elapsed } = beat!.stop();

    // ASSERT: failed for memory; the main thread kept ticking and was never stalled for long.
    // Generous: the hog's allocation and GC compete with the main thread for a loaded 2-core box
    // (measured 30–70 % of the ideal tick count, longest gap 0.26–0.7 s).
    expect(result.status).toBe('failed');
    expect(result.error?.message).toContain('memory limit of 40 MB');
    expect(hog.status).toBe('failed');
    expect(elapsed).toBeGreaterThan(100); // the run lived long enough for the heartbeat to mean something
    expect(ticks).toBeGreaterThanOrEqual(Math.floor((elapsed / 10) * 0.1));
    expect(longestGap).toBeLessThan(3_000);
  });

  it('a graph that throws inside its thread ends failed with the error message', async () => {
    // ARRANGE: a plan naming a kind this runtime does not have (a stale or tampered plan) makes
    // the run's own thread throw while building the run.
    const plan: Plan = planOf(
      [
        ['src', 'generator', { rate: null, count: 10 }],
        ['out', 'counter'],
      ],
      [['src', 'out']],
    );
    const tampered = structuredClone(plan);
    tampered.nodes[1]!.kind = 'no-such-kind' as never;
    const statuses: string[] = [];
    const beat = heartbeat();

    // ACT
    const result = await new WorkerRun(tampered, { runId: 'bad', onStatus: (s) => statuses.push(s) }).done;
    const { ticks } = beat.stop();

    // ASSERT
    expect(result.status).toBe('failed');
    expect(result.error?.message).toMatch(/^run crashed: .+/);
    expect(statuses.at(-1)).toBe('failed');
    expect(ticks).toBeGreaterThan(0);
  });

  it('a node that fails mid-run (error policy fail) ends the run failed, naming the node and the item', async () => {
    //   src(∞, 500 items) ──▶ work(fails 1 in 2, policy fail) ──▶ out
    const result = await new WorkerRun(
      planOf(
        [
          ['src', 'generator', { rate: null, count: 500 }],
          ['work', 'worker', { serviceTimeMs: 0, failureRate: 0.5, errorPolicy: 'fail' }],
          ['out', 'counter'],
        ],
        [
          ['src', 'work'],
          ['work', 'out'],
        ],
      ),
      { runId: 'fail' },
    ).done;
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ nodeId: 'work' });
    expect(result.error?.message).toMatch(/^work: simulated failure \(item \d+\)$/);
  });
});
