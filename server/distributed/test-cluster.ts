import type { RunInfo } from '../../shared/protocol/api.js';
import { HEARTBEAT_MS } from '../../shared/protocol/cluster.js';
import { graphOf } from '../test-helpers/graph-of.js';
import { startNats, type TestNats } from '../test-helpers/nats-server.js';
import { type RunnerProcess, startRunner } from '../test-helpers/runner-process.js';
import { sendJson, startTestApp, type TestApp } from '../test-helpers/start-app.js';
import { until } from '../test-helpers/until.js';
import { type Cluster, connectCluster } from './cluster.js';

export { until };

/** The `Authorization` header of a run token. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A real nats-server, the real app with its cluster on port 0, and real runner processes. */
export interface TestCluster {
  nats: TestNats;
  cluster: Cluster;
  app: TestApp;
  runners: RunnerProcess[];
  /** Streams JetStream holds now (every run's). */
  streams(): Promise<string[]>;
  /** `GET /api/runs/:runId` with the run token. */
  info(runId: string, token: string): Promise<RunInfo>;
  close(): Promise<void>;
}

export async function startTestCluster(
  runnerIds: string[],
  slots = 4,
  env: Record<string, string> = {},
): Promise<TestCluster> {
  const nats = await startNats();
  const cluster = await connectCluster(nats.url, { name: 'test-coordinator' });
  const app = await startTestApp({}, { cluster });
  const runners = await Promise.all(
    runnerIds.map((id) =>
      startRunner(nats.url, {
        SLUICE_RUNNER_ID: id,
        SLUICE_RUNNER_SLOTS: String(slots),
        SLUICE_RUN_MEMORY_MB: '128',
        ...env,
      }),
    ),
  );
  await until(
    () => cluster.registry.alive().length,
    (n) => n >= runnerIds.length,
    'every runner in the registry',
    5 * HEARTBEAT_MS,
  );
  return {
    nats,
    cluster,
    app,
    runners,
    async info(runId, token) {
      return (await sendJson('GET', `${app.url}/api/runs/${runId}`, undefined, bearer(token)))
        .body as unknown as RunInfo;
    },
    async streams() {
      const names: string[] = [];
      for await (const s of cluster.jsm.streams.names()) names.push(s);
      return names;
    },
    async close() {
      await Promise.all(runners.map((r) => r.stop('SIGKILL')));
      await app.close();
      await cluster.close();
      await nats.stop();
    },
  };
}

type NodeSpec = Parameters<typeof graphOf>[0][number];
type EdgeSpec = Parameters<typeof graphOf>[1][number];

/** `graphOf` with distributed fields: `dist` maps node ids to `{ process?, replicas? }`. */
export function distributedGraph(
  nodes: NodeSpec[],
  edges: EdgeSpec[],
  dist: Record<string, { process?: string; replicas?: number }>,
) {
  const g = graphOf(nodes, edges);
  for (const n of g.nodes) Object.assign(n, dist[n.id] ?? {});
  return g;
}
