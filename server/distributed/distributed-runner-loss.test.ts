import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { postJson } from '../test-helpers/start-app.js';
import { distributedGraph, startTestCluster, type TestCluster, until } from './test-cluster.js';

/*
 * SIGKILL of a runner holding one of two replicas, mid-run, on a finite source: the coordinator
 * starts the lost part again on the other runner, the shared consumer redelivers what the dead
 * one had not acked, and the run completes with every item at the sink at least once.
 */
let c: TestCluster;
const dataDir = mkdtempSync(path.join(tmpdir(), 'sluice-runner-data-'));
beforeAll(async () => {
  c = await startTestCluster(['ra', 'rb'], 4, { DATA_DIR: dataDir });
}, 120_000);
afterAll(async () => {
  await c?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a runner lost mid-run', () => {
  it('SIGKILL of the runner holding a replica: the run completes, every id arrives, duplicates ≤ redelivered', async () => {
    //   [main: gen(N) ─┐                      ┌─▶ out(file)]
    //                  └─[e1 nats]─▶ work ×2 ─[e2 nats]─┘
    const N = 1000;
    const graph = distributedGraph(
      [
        ['gen', 'generator', { rate: 100, count: N }],
        ['work', 'worker', { serviceTimeMs: 10 }],
        ['out', 'file'],
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
    const socket = await c.app.connect();
    const frames: TelemetryFrame[] = [];
    socket.on('run:telemetry', (f) => frames.push(f));
    const notes: string[] = [];
    socket.on('run:log', (m) => notes.push(...m.lines));
    await socket.emitWithAck('run:subscribe', { runId, token: runToken });

    // ARRANGE: flowing through both replicas
    await until(
      () => frames.at(-1)?.nodes.work?.replicas ?? [],
      (r) => r.length === 2 && r.every((x) => x.processed > 20),
      'both replicas working',
      90_000,
    );
    // The runner that holds a replica and not the main part (gen and the sink).
    const holders = c.cluster.registry.alive();
    const victim = holders.find(
      (r) => !r.parts.includes(`${runId}/main`) && r.parts.some((p) => p.startsWith(`${runId}/work#`)),
    );
    expect(victim, JSON.stringify(holders)).toBeDefined();
    const delivered = (await c.info(runId, runToken)).totals.delivered;
    expect(delivered).toBeLessThan(N / 2);

    // ACT
    await c.runners.find((r) => r.id === victim!.id)!.stop('SIGKILL');

    // ASSERT: it completes
    const end = await until(
      () => c.info(runId, runToken),
      (r) => ['completed', 'stopped', 'failed'].includes(r.status),
      'the run to end',
      120_000,
    );
    expect(end.error).toBeUndefined();
    expect(end.status).toBe('completed');
    const lines = readFileSync(path.join(dataDir, 'runs', runId, 'out.jsonl'), 'utf8')
      .trim()
      .split('\n');
    const ids = lines.map((l) => (JSON.parse(l) as { id: number }).id);
    const unique = new Set(ids);
    for (let i = 0; i < N; i++) expect(unique.has(i), `id ${i}`).toBe(true);
    const last = frames.at(-1)!;
    const redelivered = (last.edges.e1!.redelivered ?? 0) + (last.edges.e2!.redelivered ?? 0);
    expect(ids.length - unique.size).toBeLessThanOrEqual(redelivered);
    // The lost replica runs on the runner left.
    const replicas = last.nodes.work!.replicas!;
    expect(replicas.map((r) => r.runner)).toEqual(
      replicas.map(() => holders.find((h) => h.id !== victim!.id)!.id),
    );
    expect(replicas).toHaveLength(2);
    // The run console says what happened.
    expect(notes).toContainEqual(
      expect.stringMatching(
        new RegExp(`^part "work#[01]": runner ${victim!.id} was lost; started again on runner r[ab]$`),
      ),
    );
    if (process.env.SLUICE_TEST_REPORT)
      console.log({
        lines: ids.length,
        duplicates: ids.length - unique.size,
        redelivered,
        killedAt: delivered,
      });
    expect(await c.streams()).toEqual([]);
  }, 240_000);
});
