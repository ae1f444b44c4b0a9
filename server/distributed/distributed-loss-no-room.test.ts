import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEARTBEAT_MS } from '../../shared/protocol/cluster.js';
import { postJson } from '../test-helpers/start-app.js';
import { distributedGraph, startTestCluster, type TestCluster, until } from './test-cluster.js';

/*
 * SIGKILL of a runner when the runner left has no room for its parts: the run fails naming the
 * lost runner, and none of its parts is started again afterwards. (The survivor's aborted
 * replica freed the slots, and the coordinator's silence check used to place the lost parts
 * there for a run already failed: the source then ran unsupervised until its orphan timeout.)
 *
 *   two runners × 2 slots:  a = [main: gen, out] + work#1,  b = work#0 (1 free; the lost need 2)
 */
let c: TestCluster;
beforeAll(async () => {
  c = await startTestCluster(['a', 'b'], 2);
}, 120_000);
afterAll(async () => {
  await c?.close();
});

describe('a runner lost with no room left for its parts', () => {
  it('fails the run naming the runner and starts none of its parts again', async () => {
    const graph = distributedGraph(
      [
        ['gen', 'generator', { rate: 200 }],
        ['work', 'worker', { serviceTimeMs: 10 }],
        ['out', 'counter'],
      ],
      [
        ['gen', 'work'],
        ['work', 'out'],
      ],
      { work: { replicas: 2 } },
    );
    const created = await postJson(`${c.app.url}/api/runs`, { graph });
    expect(created.status).toBe(201);
    const { runId, runToken } = created.body as { runId: string; runToken: string };
    const partsOn = (id: string) =>
      (c.cluster.registry.alive().find((r) => r.id === id)?.parts ?? []).filter((p) =>
        p.startsWith(`${runId}/`),
      );
    // ARRANGE: running, main on a beside a replica, the other replica alone on b
    await until(
      () => c.info(runId, runToken),
      (r) => r.status === 'running',
      'the run to start',
      90_000,
    );
    await until(
      () => partsOn('a').length + partsOn('b').length,
      (n) => n === 3,
      'all three parts listed',
      30_000,
    );
    expect(partsOn('a')).toContain(`${runId}/main`);
    const own = partsOn('b');
    expect(own).toHaveLength(1);

    // ACT
    await c.runners.find((r) => r.id === 'a')!.stop('SIGKILL');

    // ASSERT: failed, naming the runner and why it could not go on
    const end = await until(
      () => c.info(runId, runToken),
      (r) => ['completed', 'stopped', 'failed'].includes(r.status),
      'the run to end',
      60_000,
    );
    expect(end.status).toBe('failed');
    expect(end.error?.message).toMatch(/runner a was lost with part .*no runner has a free slot/);
    // b's heartbeats over the next seconds list none of a's parts (it ran main as an orphan);
    // its own aborted replica may linger in a heartbeat sent before it ended.
    const seen = new Set<string>();
    const until3 = Date.now() + 3 * HEARTBEAT_MS + 500;
    while (Date.now() < until3) {
      for (const p of partsOn('b')) if (!own.includes(p)) seen.add(p);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect([...seen]).toEqual([]);
    expect(await c.streams()).toEqual([]);
  }, 240_000);
});
