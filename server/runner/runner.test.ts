import type { NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../shared/compiler/plan.js';
import type { ClusterResponse } from '../../shared/protocol/api.js';
import {
  type PartEvent,
  runCommandSubject,
  runEventsSubject,
  runnerStartSubject,
  type StartPart,
  type StartPartReply,
} from '../../shared/protocol/cluster.js';
import { type Cluster, connectCluster } from '../distributed/cluster.js';
import { planOf } from '../runtime/test-graphs.js';
import { startNats, type TestNats } from '../test-helpers/nats-server.js';
import { type RunnerProcess, startRunner } from '../test-helpers/runner-process.js';
import { startTestApp, type TestApp } from '../test-helpers/start-app.js';
import { until } from '../test-helpers/until.js';

/*
 * Real runner processes on a real nats-server; this test plays the coordinator with plain NATS
 * requests and subscriptions. Parts are memory-only (a whole plan in one part).
 */
let nats: TestNats;
let cluster: Cluster;
let app: TestApp;
let runner: RunnerProcess;
beforeAll(async () => {
  nats = await startNats();
  cluster = await connectCluster(nats.url, { name: 'test-coordinator' });
  app = await startTestApp({}, { cluster });
  runner = await startRunner(nats.url, {
    SLUICE_RUNNER_ID: 'one-slot',
    SLUICE_RUNNER_SLOTS: '1',
    SLUICE_RUN_MEMORY_MB: '64',
  });
}, 90_000);
afterAll(async () => {
  await runner?.stop('SIGKILL');
  await app?.close();
  await cluster?.close();
  await nats?.stop();
});

const partOf = (runId: string, plan: Plan, partId = 'main'): StartPart => ({
  runId,
  part: { partId, process: 'main', replica: 0, replicaCount: 1, plan, brokerEdges: [] },
  telemetryHz: 10,
  ackWaitMs: 30_000,
});

/** Every event of the run, from before the part is asked to start. */
function listen(nc: NatsConnection, runId: string) {
  const events: PartEvent[] = [];
  const sub = nc.subscribe(runEventsSubject(runId), {
    callback: (_e, m) => {
      if (m.data.length === 0) return; // a part's is-anyone-listening probe
      events.push(m.json<PartEvent>());
    },
  });
  const done = async () =>
    (await until(() => events.find((e) => e.type === 'done'), Boolean, `done of ${runId}`, 30_000))!;
  return { events, done, close: () => sub.unsubscribe() };
}

async function startPart(runnerId: string, start: StartPart): Promise<StartPartReply> {
  const reply = await cluster.nc.request(runnerStartSubject(runnerId), JSON.stringify(start), {
    timeout: 30_000,
  });
  return reply.json<StartPartReply>();
}

const endless = () =>
  planOf(
    [
      ['src', 'generator', { rate: 500 }],
      ['out', 'counter'],
    ],
    [['src', 'out']],
  );

describe('a runner process', () => {
  it('announces itself: GET /api/cluster lists it with host, slots and heartbeat age', async () => {
    const body = await until(
      async () => (await (await fetch(`${app.url}/api/cluster`)).json()) as ClusterResponse,
      (b) => b.runners.some((r) => r.id === 'one-slot'),
      'the runner in /api/cluster',
    );
    expect(body.mode).toBe('nats');
    const info = body.runners.find((r) => r.id === 'one-slot')!;
    expect(info).toMatchObject({ slots: 1, slotsInUse: 0, parts: [] });
    expect(info.host).not.toBe('');
    expect(info.heartbeatAgeMs).toBeGreaterThanOrEqual(0);
    expect(info.heartbeatAgeMs).toBeLessThan(3_500);
  });

  it('runs a memory-only part to completion: frames with totals, then done with exact totals', async () => {
    const run = listen(cluster.nc, 'run-complete');
    const plan = planOf(
      [
        ['src', 'generator', { rate: 10_000, count: 10_000 }],
        ['out', 'counter'],
      ],
      [['src', 'out']],
    );
    expect(await startPart('one-slot', partOf('run-complete', plan))).toEqual({ ok: true });
    const done = await run.done();
    run.close();
    expect(done).toMatchObject({ partId: 'main', runnerId: 'one-slot', status: 'completed' });
    expect(done.type === 'done' && done.totals).toMatchObject({
      emitted: 10_000,
      delivered: 10_000,
      dropped: 0,
    });
    const frames = run.events.filter((e) => e.type === 'frame');
    expect(frames.length).toBeGreaterThan(2); // ≈1 s at 10 Hz
    const last = frames.at(-1)!;
    expect(last.type === 'frame' && last.frame.runId).toBe('run-complete');
    expect(last.type === 'frame' && last.broker).toEqual({});
    expect(last.type === 'frame' && last.totals.emitted).toBeGreaterThan(0);
    expect(run.events.filter((e) => e.type === 'status').map((e) => e.type === 'status' && e.status)).toEqual(
      ['running', 'completed'],
    );
    // Its slot is free again, as its heartbeat says.
    await until(
      () => cluster.registry.alive().find((r) => r.id === 'one-slot')?.slotsInUse,
      (n) => n === 0,
      'slot freed',
    );
  });

  it('refuses a part when all its slots are taken, and stops a part on the run command', async () => {
    const first = listen(cluster.nc, 'run-a');
    expect(await startPart('one-slot', partOf('run-a', endless()))).toEqual({ ok: true });
    const refused = await startPart('one-slot', partOf('run-b', endless()));
    expect(refused).toEqual({ ok: false, error: 'runner one-slot has all 1 slots in use' });
    expect(await startPart('one-slot', { ...partOf('run-a', endless()), telemetryHz: 99 })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^StartPart\.telemetryHz: /),
    });
    // Parts ignore what names no node of theirs; a stop is for every part of the run.
    cluster.nc.publish(
      runCommandSubject('run-a'),
      JSON.stringify({ type: 'update-node', nodeId: 'elsewhere', params: {} }),
    );
    cluster.nc.publish(runCommandSubject('run-a'), 'not json');
    cluster.nc.publish(runCommandSubject('run-a'), JSON.stringify({ type: 'stop', mode: 'abort' }));
    const done = await first.done();
    first.close();
    expect(done).toMatchObject({ status: 'stopped' });
    expect(done.type === 'done' && done.totals.emitted).toBeGreaterThan(0);
    await until(
      () => cluster.registry.alive().find((r) => r.id === 'one-slot')?.slotsInUse,
      (n) => n === 0,
      'slot freed',
    );
  });

  it('a part past its memory limit ends failed, reported by the runner; a plan that cannot start is refused', async () => {
    //   src(∞, a million keys) ──[cap 1 000 000]──▶ slow(60 s) ──▶ out      (in a 64 MB heap)
    const run = listen(cluster.nc, 'run-hog');
    const hog = planOf(
      [
        ['src', 'generator', { rate: null, keys: 1_000_000 }],
        ['slow', 'worker', { serviceTimeMs: 60_000 }],
        ['out', 'counter'],
      ],
      [
        ['src', 'slow', { capacity: 1_000_000 }],
        ['slow', 'out'],
      ],
    );
    expect(await startPart('one-slot', partOf('run-hog', hog))).toEqual({ ok: true });
    const done = await run.done();
    run.close();
    expect(done).toMatchObject({
      runnerId: 'one-slot',
      status: 'failed',
      error: { message: 'part exceeded its memory limit of 64 MB' },
    });

    const tampered = structuredClone(endless());
    tampered.nodes[1]!.kind = 'no-such-kind' as never;
    const reply = await startPart('one-slot', partOf('run-bad', tampered));
    expect(reply).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^part run-bad\/main did not start: part crashed: .+/),
    });
  });

  it('on SIGTERM stops its parts, each reports done, and the process exits 0', async () => {
    const run = listen(cluster.nc, 'run-term');
    expect(await startPart('one-slot', partOf('run-term', endless()))).toEqual({ ok: true });
    await until(() => run.events.some((e) => e.type === 'frame'), Boolean, 'a frame');
    const exit = await runner.stop('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    const done = await run.done();
    run.close();
    expect(done).toMatchObject({
      status: 'stopped',
      error: { message: 'runner one-slot shut down (SIGTERM)' },
    });
  });

  it('disappears from GET /api/cluster once SIGKILLed (dead after missing its heartbeats)', async () => {
    const dead: string[] = [];
    cluster.registry.onDead((id) => dead.push(id));
    const doomed = await startRunner(nats.url, { SLUICE_RUNNER_SLOTS: '2' });
    expect(doomed.id).toMatch(/^[A-Za-z0-9_-]+-[A-Za-z0-9_-]{8}$/);
    await until(() => cluster.registry.isAlive(doomed.id), Boolean, 'the runner alive');
    await doomed.stop('SIGKILL');
    await until(
      () => dead,
      (d) => d.includes(doomed.id),
      'its death',
      15_000,
    );
    const body = (await (await fetch(`${app.url}/api/cluster`)).json()) as ClusterResponse;
    expect(body.runners.map((r) => r.id)).not.toContain(doomed.id);
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toContain(`sluice_runner_up{runner="${doomed.id}",host=`);
    expect(metrics).toMatch(new RegExp(`sluice_runner_up\\{runner="${doomed.id}",host="[^"]*"\\} 0`));
  });

  it('without SLUICE_NATS_URL exits 1 saying so', async () => {
    const err = await startRunner(undefined).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/runner exited \(1\)/);
    expect((err as Error).message).toContain('SLUICE_NATS_URL is not set');
  });
});
