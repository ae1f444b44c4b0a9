import { describe, expect, it } from 'vitest';
import type { FramesResponse } from '../../shared/protocol/recording-api.js';
import { graphOf } from '../test-helpers/graph-of.js';
import { coordinatorPerFile } from '../test-helpers/nats-per-file.js';
import { startRunner } from '../test-helpers/runner-process.js';
import { sendJson, startRunOn, startTestApp } from '../test-helpers/start-app.js';
import { until } from '../test-helpers/until.js';

// A distributed run's merged frames come through the same 'frame' event as any run's: its
// recording holds them, its broker edge included, up to the status it ended with.

const fx = coordinatorPerFile();

describe('a distributed run', () => {
  it('is recorded from its merged frames', async () => {
    const app = await startTestApp({}, { cluster: fx.cluster });
    const runner = await startRunner(fx.nats.url, { SLUICE_RUNNER_ID: 'rec', SLUICE_RUN_MEMORY_MB: '128' });
    try {
      await until(
        () => fx.cluster.registry.alive().map((r) => r.id),
        (ids) => ids.includes('rec'),
        'the runner',
      );
      //   [p1: gen ──▶ work] ──[e2 nats]──▶ [p2: out]
      const graph = graphOf(
        [
          ['gen', 'generator', { rate: 200, count: 300 }],
          ['work', 'worker', { serviceTimeMs: 1 }],
          ['out', 'counter'],
        ],
        [
          ['gen', 'work'],
          ['work', 'out'],
        ],
      );
      for (const n of graph.nodes) Object.assign(n, { process: n.id === 'out' ? 'p2' : 'p1' });
      const run = await startRunOn(app.url, graph);
      const info = async () =>
        (await sendJson('GET', `${app.url}/api/runs/${run.runId}`, undefined, run.auth)).body as {
          status: string;
        };
      await until(info, (r) => r.status === 'completed', 'the run to complete', 90_000);
      await app.recordings.flush();
      const res = await sendJson('GET', `${app.url}/api/runs/${run.runId}/frames`, undefined, run.auth);
      expect(res.status).toBe(200);
      const body = res.body as unknown as FramesResponse;
      expect(body.ended).toBe(true);
      expect(body.frames.length).toBeGreaterThan(2);
      expect(body.frames.at(-1)).toStrictEqual(app.runs.get(run.runId)!.latestFrame());
      expect(body.frames.at(-1)!.nodes.out!.processed).toBe(300);
      expect(body.frames.some((f) => f.edges.e2?.transport === 'nats')).toBe(true);
      const ts = body.frames.map((f) => f.t);
      expect(ts).toEqual([...ts].sort((a, b) => a - b));
      const statuses = body.events.map((e) => e.type === 'status' && e.status);
      expect(statuses.at(-1)).toBe('completed');
    } finally {
      await runner.stop('SIGKILL');
      await app.close();
    }
  }, 180_000);
});
