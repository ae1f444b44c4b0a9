import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, connectCluster } from '../distributed/cluster.js';
import { graphOf } from '../test-helpers/graph-of.js';
import { startNats, type TestNats } from '../test-helpers/nats-server.js';
import { startRunner } from '../test-helpers/runner-process.js';
import { postJson, sendJson, startTestApp } from '../test-helpers/start-app.js';
import { until } from './test-cluster.js';

//   gen ──▶ work ×2 ──▶ out   (work replicated: both its edges are nats)
const replicated = graphOf(
  [
    ['gen', 'generator', { rate: 100, count: 10 }],
    ['work', 'worker', { serviceTimeMs: 2 }],
    ['out', 'counter'],
  ],
  [
    ['gen', 'work'],
    ['work', 'out'],
  ],
);
Object.assign(replicated.nodes[1]!, { replicas: 2 });

let nats: TestNats;
let cluster: Cluster;
beforeAll(async () => {
  nats = await startNats();
  cluster = await connectCluster(nats.url, { name: 'test-coordinator' });
}, 30_000);
afterAll(async () => {
  await cluster?.close();
  await nats?.stop();
});

describe('starting a distributed run', () => {
  it('without NATS configured: 400 on the replicated node, naming SLUICE_NATS_URL', async () => {
    const app = await startTestApp();
    try {
      const r = await postJson(`${app.url}/api/runs`, { graph: replicated });
      expect(r.status).toBe(400);
      const issues = r.body.issues as { nodeId?: string; path: string; message: string }[];
      expect(issues).toContainEqual(
        expect.objectContaining({
          nodeId: 'work',
          path: 'nodes.1.replicas',
          message: expect.stringContaining('SLUICE_NATS_URL'),
        }),
      );
    } finally {
      await app.close();
    }
  });

  it('with NATS but no runner with a free slot: 503 no_runner_slot, nothing left in JetStream', async () => {
    const app = await startTestApp({}, { cluster });
    try {
      const r = await sendJson('POST', `${app.url}/api/runs`, { graph: replicated });
      expect(r.status).toBe(503);
      expect(r.body.error).toBe('no_runner_slot');
      expect(r.body.message).toMatch(/^no runner has a free slot \(0 runners/);
      expect(r.headers.get('retry-after')).toBe('10');
      const left: string[] = [];
      for await (const s of cluster.jsm.streams.names()) left.push(s);
      expect(left).toEqual([]);
      // An ordinary graph still runs in this server with the cluster configured.
      const plain = await postJson(`${app.url}/api/runs`, {
        graph: graphOf(
          [
            ['gen', 'generator', { count: 5 }],
            ['out', 'counter'],
          ],
          [['gen', 'out']],
        ),
      });
      expect(plain.status).toBe(201);
    } finally {
      await app.close();
    }
  });
  it('the only runner lost mid-run: the run fails naming it, its streams are deleted', async () => {
    const app = await startTestApp({}, { cluster, metrics: { runLabels: true } });
    const solo = await startRunner(nats.url, { SLUICE_RUNNER_ID: 'solo', SLUICE_RUN_MEMORY_MB: '128' });
    try {
      await until(
        () => cluster.registry.alive().map((r) => r.id),
        (ids) => ids.includes('solo'),
        'the runner heard',
      );
      //   [p1: gen(200/s) ──▶ work] ──[e2 nats]──▶ [p2: out]
      const graph = graphOf(
        [
          ['gen', 'generator', { rate: 200 }],
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
      const get = async () =>
        (
          await sendJson('GET', `${app.url}/api/runs/${runId}`, undefined, {
            authorization: `Bearer ${runToken}`,
          })
        ).body as { status: string; totals: { delivered: number }; error?: { message: string } };
      await until(get, (r) => r.status === 'running' && r.totals.delivered > 10, 'items flowing', 90_000);
      // /metrics: the broker edge has a redelivery series, the memory edge none
      // (the series come from the merged frames, which start a tick after the parts' totals)
      const metrics = await until(
        async () => (await fetch(`${app.url}/metrics`)).text(),
        (text) => /^sluice_edge_queue_depth\{[^}]*edge_id="e2"/m.test(text),
        'a merged frame in /metrics',
      );
      expect(metrics).toMatch(/^sluice_edge_redelivered_items_total\{[^}]*edge_id="e2"/m);
      expect(metrics).not.toMatch(/^sluice_edge_redelivered_items_total\{[^}]*edge_id="e1"/m);
      // ACT
      await solo.stop('SIGKILL');
      // ASSERT: it does not wait for a runner that may not come back
      const end = await until(get, (r) => r.status !== 'running', 'the run to end', 60_000);
      expect(end.status).toBe('failed');
      expect(end.error?.message).toMatch(
        /^runner solo was lost with part "p1", "p2"; no runner has a free slot \(0 runners/,
      );
      const left: string[] = [];
      for await (const s of cluster.jsm.streams.names()) left.push(s);
      expect(left).toEqual([]);
    } finally {
      await solo.stop('SIGKILL');
      await app.close();
    }
  }, 180_000);
});
