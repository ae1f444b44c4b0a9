import { describe, expect, it } from 'vitest';
import { graphOf } from '../test-helpers/graph-of.js';
import { coordinatorPerFile } from '../test-helpers/nats-per-file.js';
import { startRunner } from '../test-helpers/runner-process.js';
import { postJson, sendJson, startTestApp } from '../test-helpers/start-app.js';
import { until } from '../test-helpers/until.js';

const fx = coordinatorPerFile();

describe('following items on a distributed run', () => {
  it('is refused with 409 saying so, and so is the drop ledger', async () => {
    //   [p1: gen(100/s) ──▶ work] ──[e2 nats]──▶ [p2: out]
    const app = await startTestApp({}, { cluster: fx.cluster });
    const runner = await startRunner(fx.nats.url, { SLUICE_RUNNER_ID: 'r1', SLUICE_RUN_MEMORY_MB: '128' });
    try {
      await until(
        () => fx.cluster.registry.alive().map((r) => r.id),
        (ids) => ids.includes('r1'),
        'the runner heard',
      );
      const graph = graphOf(
        [
          ['gen', 'generator', { rate: 100 }],
          ['work', 'worker', { serviceTimeMs: 1 }],
          ['out', 'counter'],
        ],
        [
          ['gen', 'work'],
          ['work', 'out'],
        ],
      );
      for (const n of graph.nodes) Object.assign(n, { process: n.id === 'out' ? 'p2' : 'p1' });
      const created = await postJson(`${app.url}/api/runs`, { graph });
      expect(created.status).toBe(201);
      const { runId, runToken } = created.body as { runId: string; runToken: string };
      const auth = { authorization: `Bearer ${runToken}` };
      const trace = await sendJson(
        'POST',
        `${app.url}/api/runs/${runId}/trace`,
        { nodeId: 'gen', count: 1 },
        auth,
      );
      expect(trace.status).toBe(409);
      expect(trace.body.message).toBe('tracing is not available for distributed runs yet');
      const drops = await sendJson('GET', `${app.url}/api/runs/${runId}/edges/e1/drops`, undefined, auth);
      expect(drops.status).toBe(409);
      expect(drops.body.message).toMatch(/not available for distributed runs yet/);
      await sendJson('POST', `${app.url}/api/runs/${runId}/stop`, { mode: 'abort' }, auth);
    } finally {
      await runner.stop('SIGTERM');
      await app.close();
    }
  }, 120_000);
});
