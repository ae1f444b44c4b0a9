import { HEARTBEAT_MS } from '../../shared/protocol/cluster.js';
import { graphOf } from '../test-helpers/graph-of.js';
import { startNats, type TestNats } from '../test-helpers/nats-server.js';
import { type RunnerProcess, startRunner } from '../test-helpers/runner-process.js';
import { startTestApp, type TestApp } from '../test-helpers/start-app.js';
import { type Cluster, connectCluster } from './cluster.js';

/** A real nats-server, the real app with its cluster on port 0, and real runner processes. */
export interface TestCluster {
  nats: TestNats;
  cluster: Cluster;
  app: TestApp;
  runners: RunnerProcess[];
  /** Streams JetStream holds now (every run's). */
  streams(): Promise<string[]>;
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

/** Polls `read` until `ok`; the timeout is a hang guard, not a speed assertion. */
export async function until<T>(
  read: () => T | Promise<T>,
  ok: (v: T) => boolean,
  what: string,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
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
