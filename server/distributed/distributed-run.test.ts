import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunStatusMessage } from '../../shared/protocol/socket-events.js';
import type { TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { nodeEntry } from '../test-helpers/node-entry.js';
import { postJson, sendJson } from '../test-helpers/start-app.js';
import { bearer, distributedGraph, startTestCluster, type TestCluster, until } from './test-cluster.js';

/*
 * The coordinator end to end with real runner processes on a real nats-server, through the real
 * app (REST and socket.io). These graphs run in one named process (one part, no broker edge):
 * what is under test is placement, start, frames, commands and the end of a run.
 */
let c: TestCluster;
beforeAll(async () => {
  c = await startTestCluster(['ra', 'rb']);
}, 120_000);
afterAll(() => c?.close());

describe('a distributed run through the app', () => {
  it('runs on a runner, streams merged frames to a socket, completes with its totals', async () => {
    //   [p1: gen(count 300) ──▶ out]
    const graph = distributedGraph(
      [
        ['gen', 'generator', { rate: 1000, count: 300 }],
        ['out', 'counter'],
      ],
      [['gen', 'out']],
      { gen: { process: 'p1' }, out: { process: 'p1' } },
    );
    const created = await postJson(`${c.app.url}/api/runs`, { graph });
    expect(created.status).toBe(201);
    const { runId, runToken } = created.body as { runId: string; runToken: string };
    const socket = await c.app.connect();
    const frames: TelemetryFrame[] = [];
    const statuses: string[] = [];
    socket.on('run:telemetry', (f) => frames.push(f));
    socket.on('run:status', (m: RunStatusMessage) => statuses.push(m.status));
    expect(await socket.emitWithAck('run:subscribe', { runId, token: runToken })).toMatchObject({ ok: true });

    const done = await until(
      () => c.info(runId, runToken),
      (r) => r.status === 'completed' || r.status === 'failed',
      'the run to end',
    );
    expect(done.error).toBeUndefined();
    expect(done.totals).toMatchObject({ emitted: 300, delivered: 300, dropped: 0 });
    await until(
      () => statuses,
      (s) => s.includes('completed'),
      'the completed status on the socket',
    );
    // Frames came through the coordinator: the run's id, its nodes, and the final totals.
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.at(-1)!.runId).toBe(runId);
    expect(frames.at(-1)!.nodes.out!.processed).toBe(300);
    expect(frames.at(-1)!.totals!.delivered).toBe(300);
    expect(await c.streams()).toEqual([]);
  }, 120_000);

  it('pauses, resumes and aborts across the cluster', async () => {
    //   [p1: gen(200/s, endless) ──▶ out]
    const graph = distributedGraph(
      [
        ['gen', 'generator', { rate: 200 }],
        ['out', 'counter'],
      ],
      [['gen', 'out']],
      { gen: { process: 'p1' }, out: { process: 'p1' } },
    );
    const { runId, runToken } = (await postJson(`${c.app.url}/api/runs`, { graph })).body as {
      runId: string;
      runToken: string;
    };
    const url = `${c.app.url}/api/runs/${runId}`;
    await until(
      () => c.info(runId, runToken),
      (r) => r.status === 'running' && r.totals.delivered > 20,
      'items flowing',
    );
    // ACT: pause; the count stops growing
    expect((await sendJson('POST', `${url}/pause`, {}, bearer(runToken))).status).toBeLessThan(300);
    const paused = await until(
      async () => [await c.info(runId, runToken), await c.info(runId, runToken)] as const,
      ([a]) => a.status === 'paused',
      'paused',
    );
    const before = paused[0].totals.delivered;
    await new Promise((r) => setTimeout(r, 700));
    const stillPaused = await c.info(runId, runToken);
    // One frame of slack: the part's last frame before the pause may arrive after it.
    expect(stillPaused.totals.delivered - before).toBeLessThanOrEqual(60);
    // resume: it grows again
    expect((await sendJson('POST', `${url}/resume`, {}, bearer(runToken))).status).toBeLessThan(300);
    await until(
      () => c.info(runId, runToken),
      (r) => r.status === 'running' && r.totals.delivered > stillPaused.totals.delivered + 40,
      'flowing again',
    );
    // abort: stopped, nothing left behind
    expect((await sendJson('POST', `${url}/stop`, { mode: 'abort' }, bearer(runToken))).status).toBeLessThan(
      300,
    );
    const end = await until(
      () => c.info(runId, runToken),
      (r) => r.status !== 'running',
      'stopped',
    );
    expect(end.status).toBe('stopped');
    expect(await c.streams()).toEqual([]);
  }, 120_000);

  it('the CLI runs a distributed graph with --nats through the same coordinator', async () => {
    const graph = distributedGraph(
      [
        ['gen', 'generator', { rate: 1000, count: 150 }],
        ['out', 'counter'],
      ],
      [['gen', 'out']],
      { gen: { process: 'p1' }, out: { process: 'p1' } },
    );
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'sluice-cli-')), 'g.json');
    await writeFile(file, JSON.stringify(graph));
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [...nodeEntry('server/cli.ts'), 'run', file, '--json', '--nats', c.nats.url],
      { cwd: process.cwd(), timeout: 90_000 },
    );
    const summary = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(summary).toMatchObject({ status: 'completed', totals: { emitted: 150, delivered: 150 } });
    // Before the first frame (seconds, while parts start) it says where the run goes.
    expect(stderr).toMatch(/^starting the run's parts on \d+ runners? \(.+\) of nats:/);
    expect(await c.streams()).toEqual([]);
  }, 120_000);
  it('relays credits to a browser sink on a runner and its items back to the socket', async () => {
    //   [main: src(2000/s)] ──[e1 nats, cap 8]──▶ [p2: view(browser)]
    const graph = distributedGraph(
      [
        ['src', 'generator', { rate: 2000 }],
        ['view', 'browser'],
      ],
      [['src', 'view', { capacity: 8 }]],
      { view: { process: 'p2' } },
    );
    const { runId, runToken } = (await postJson(`${c.app.url}/api/runs`, { graph })).body as {
      runId: string;
      runToken: string;
    };
    const socket = await c.app.connect();
    const ids: number[] = [];
    let frame: TelemetryFrame | undefined;
    socket.on('sink:items', (m) => ids.push(...m.items.map((i) => (i as { id: number }).id)));
    socket.on('run:telemetry', (f) => {
      frame = f;
    });
    await socket.emitWithAck('run:subscribe', { runId, token: runToken });
    // No credit: nothing comes, the broker edge fills to its capacity
    await until(
      () => frame?.edges.e1,
      (e) => e?.transport === 'nats' && e.depth === 8,
      'e1 full',
    );
    expect(ids).toEqual([]);
    // ACT: 10 credits
    expect(
      await socket.emitWithAck('sink:credit', { runId, nodeId: 'view', n: 10, token: runToken }),
    ).toEqual({
      ok: true,
    });
    // ASSERT: exactly the first 10, in order
    await until(
      () => ids.length,
      (n) => n >= 10,
      '10 items',
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(ids).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await sendJson('POST', `${c.app.url}/api/runs/${runId}/stop`, { mode: 'abort' }, bearer(runToken));
    await until(
      () => c.info(runId, runToken),
      (r) => r.status === 'stopped',
      'stopped',
    );
    expect(await c.streams()).toEqual([]);
  }, 120_000);
});
