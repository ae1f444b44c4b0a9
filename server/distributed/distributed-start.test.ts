import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, connectCluster } from '../distributed/cluster.js';
import { graphOf } from '../test-helpers/graph-of.js';
import { startNats, type TestNats } from '../test-helpers/nats-server.js';
import { postJson, sendJson, startTestApp } from '../test-helpers/start-app.js';

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
});
