import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COORDINATOR_GONE_REASON } from '../../shared/protocol/instances.js';
import type { RunStatusMessage } from '../../shared/protocol/socket-events.js';
import type { TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { type ChildServer, startChildServer } from '../test-helpers/child-server.js';
import { graphOf } from '../test-helpers/graph-of.js';
import { startNats, type TestNats } from '../test-helpers/nats-server.js';
import { startPostgres, type TestPostgres } from '../test-helpers/postgres.js';
import { type RunnerProcess, startRunner } from '../test-helpers/runner-process.js';
import { until } from '../test-helpers/until.js';

/*
 * Issue 19's proof: two server instances (real processes, SLUICE_CLUSTER=1) on one Postgres and
 * one nats-server, two runners with one slot each. Any instance serves any run; a run whose
 * coordinator is SIGKILLed ends `failed` for its watchers on the other instance.
 */
const endless = graphOf(
  [
    ['src', 'generator', { rate: 50 }],
    ['out', 'counter'],
  ],
  [['src', 'out']],
);

let nats: TestNats;
let pgc: TestPostgres;
let a: ChildServer;
let b: ChildServer;
const runners: RunnerProcess[] = [];
const sockets: Socket[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  [nats, pgc] = await Promise.all([startNats(), startPostgres()]);
  const databaseUrl = await pgc.database();
  const env = (id: string) => ({
    SLUICE_CLUSTER: '1',
    SLUICE_NATS_URL: nats.url,
    DATABASE_URL: databaseUrl,
    SLUICE_INSTANCE_ID: id,
    // Counted over both instances.
    SLUICE_MAX_SUBSCRIBERS: '2',
  });
  const dir = () => {
    const d = mkdtempSync(path.join(tmpdir(), 'sluice-inst-'));
    dirs.push(d);
    return d;
  };
  // A first (it migrates the database), then the rest at once.
  a = await startChildServer(dir(), env('inst-a'));
  const started = await Promise.all([
    startChildServer(dir(), env('inst-b')),
    startRunner(nats.url, { SLUICE_RUNNER_SLOTS: '1', SLUICE_RUNNER_ID: 'runner-1' }),
    startRunner(nats.url, { SLUICE_RUNNER_SLOTS: '1', SLUICE_RUNNER_ID: 'runner-2' }),
  ]);
  b = started[0];
  runners.push(started[1], started[2]);
}, 180_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  for (const s of [a, b]) s?.child.kill('SIGKILL');
  await Promise.all(runners.map((r) => r.stop('SIGKILL')));
  await nats?.stop();
  await pgc?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}, 60_000);

async function send(method: string, url: string, body?: unknown, token?: string) {
  const res = await fetch(url, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {}
  return { status: res.status, body: json, text, headers: res.headers };
}

type Started = { runId: string; runToken: string; watchToken: string };

/** Starts a run, waiting out a 429 while an earlier run's runner slot frees (heartbeats lag). */
async function startRun(server: ChildServer, graphId: string): Promise<Started> {
  const res = await until(
    () => send('POST', `${server.url}/api/runs`, { graphId }),
    (r) => r.status !== 429,
    'a free runner slot',
  );
  expect(res.status).toBe(201);
  return res.body as Started;
}

/** A socket.io client (websocket only: no sticky sessions) that keeps what it hears. */
async function watcher(server: ChildServer, runId: string, token: string) {
  const socket = connect(server.url, { transports: ['websocket'], forceNew: true });
  sockets.push(socket);
  const frames: TelemetryFrame[] = [];
  const statuses: RunStatusMessage[] = [];
  socket.on('run:telemetry', (f) => frames.push(f));
  socket.on('run:status', (m) => statuses.push(m));
  const ack = (await socket.emitWithAck('run:subscribe', { runId, token })) as Record<string, unknown>;
  return { socket, frames, statuses, ack };
}

let graphId: string;
let slug: string;

describe('two stateless instances, two runners, Postgres and NATS', { timeout: 90_000 }, () => {
  it('a graph saved on A opens by its slug on B', async () => {
    const saved = await send('POST', `${a.url}/api/graphs`, { ...endless, name: 'lesson' });
    expect(saved.status).toBe(201);
    graphId = saved.body.id as string;
    slug = saved.body.slug as string;
    const opened = await send('GET', `${b.url}/api/graphs/${saved.body.slug as string}`);
    expect(opened.status).toBe(200);
    expect(opened.body.graph).toMatchObject({ name: 'lesson', nodes: [{ id: 'src' }, { id: 'out' }] });
    // Each instance hears the other and the runners.
    const cluster = await until(
      () => send('GET', `${b.url}/api/cluster`),
      (r) =>
        (r.body.instances as unknown[] | undefined)?.length === 2 &&
        (r.body.runners as unknown[]).length === 2,
      'B to hear both instances and both runners',
    );
    expect(cluster.body.instance).toBe('inst-b');
    expect((cluster.body.instances as { id: string }[]).map((i) => i.id).sort()).toEqual([
      'inst-a',
      'inst-b',
    ]);
    expect((cluster.body.runners as { id: string }[]).map((r) => r.id).sort()).toEqual([
      'runner-1',
      'runner-2',
    ]);
  });

  it('a run started on B is watched and stopped from A; forwarding keeps every answer', async () => {
    const run = await startRun(b, graphId);
    const w = await watcher(a, run.runId, run.watchToken);
    expect(w.ack).toMatchObject({ ok: true });
    await until(
      () => w.frames.length,
      (n) => n >= 3,
      'frames on A of a run on B',
    );
    expect(w.frames.every((f) => f.runId === run.runId)).toBe(true);
    // Subscribers per run are counted across instances: one on A, one on B, and a third is refused.
    const second = await watcher(b, run.runId, run.watchToken);
    expect(second.ack).toMatchObject({ ok: true, status: 'running' });
    const third = await watcher(a, run.runId, run.watchToken);
    expect(third.ack).toMatchObject({ ok: false, error: 'too_many_subscribers' });
    second.socket.close();

    // The owner shares the watch link through A; A finds it on B for the graph's slug.
    const shared = await send('PATCH', `${a.url}/api/runs/${run.runId}`, { shareWatch: true }, run.runToken);
    expect(shared.body).toMatchObject({ shareWatch: true });
    const live = await send('GET', `${a.url}/api/graphs/${slug}/live-run`);
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ runId: run.runId, watchToken: run.watchToken, status: 'running' });

    // Forwarded to B and answered by B's routes: the status, and B's own refusals.
    const info = await send('GET', `${a.url}/api/runs/${run.runId}`, undefined, run.runToken);
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ runId: run.runId, status: 'running', access: 'owner' });
    expect((await send('GET', `${a.url}/api/runs/${run.runId}`, undefined, 'x'.repeat(32))).status).toBe(403);
    expect((await send('POST', `${a.url}/api/runs/${run.runId}/stop`, {}, run.watchToken)).status).toBe(403);
    expect((await send('GET', `${a.url}/api/runs/nope`, undefined, run.runToken)).status).toBe(404);
    // The loop guard: a request already forwarded is answered where it lands.
    const guarded = await fetch(`${a.url}/api/runs/${run.runId}`, {
      headers: { authorization: `Bearer ${run.runToken}`, 'x-sluice-forwarded': '1' },
    });
    expect(guarded.status).toBe(404);
    // A body bigger than one NATS message is refused with the reason, not a 500.
    const big = await fetch(`${a.url}/api/runs/${run.runId}/ingest/src`, {
      method: 'POST',
      headers: { authorization: `Bearer ${run.runToken}`, 'content-type': 'application/x-ndjson' },
      body: `${'{"x":1}\n'.repeat(200_000)}`,
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { message: string }).message).toMatch(/another server instance/);

    const stopped = await send(
      'POST',
      `${a.url}/api/runs/${run.runId}/stop`,
      { mode: 'abort' },
      run.runToken,
    );
    expect(stopped.status).toBe(202);
    await until(
      () => w.statuses,
      (s) => s.some((m) => m.status === 'stopped'),
      'the stop seen on A',
    );
    const after = await send('GET', `${b.url}/api/runs/${run.runId}`, undefined, run.watchToken);
    expect(after.body.status).toBe('stopped');
  });

  it('every runner slot taken: POST /api/runs answers 429 too_many_runs naming the limit', async () => {
    // Two instances place runs at once on stale heartbeats: a refused start moves to the free runner.
    const started = await Promise.all([startRun(a, graphId), startRun(b, graphId)]);
    for (const r of started)
      await until(
        () => send('GET', `${a.url}/api/runs/${r.runId}`, undefined, r.runToken),
        (res) => ((res.body.totals as { emitted?: number } | undefined)?.emitted ?? 0) > 0,
        'both runs going, one per runner',
      );
    const refused = await until(
      async () => {
        const res = await send('POST', `${a.url}/api/runs`, { graphId });
        // Until the runners' heartbeats list both runs a start may still be admitted (and fail).
        if (res.status === 201) started.push(res.body as Started);
        return res;
      },
      (r) => r.status === 429,
      'the third run refused',
    );
    expect(refused.body).toMatchObject({ error: 'too_many_runs' });
    expect(refused.body.message).toMatch(/SLUICE_RUNNER_SLOTS/);
    expect(refused.body.message).toMatch(/start another runner/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    for (const r of started) {
      const res = await send('POST', `${b.url}/api/runs/${r.runId}/stop`, { mode: 'abort' }, r.runToken);
      expect(res.status).toBe(202);
    }
  });

  it('A is SIGKILLed while it coordinates a run: the watcher on B sees it failed within 5 s', async () => {
    const run = await startRun(a, graphId);
    const w = await watcher(b, run.runId, run.watchToken);
    expect(w.ack).toMatchObject({ ok: true });
    await until(
      () => w.frames.length,
      (n) => n >= 2,
      'frames on B of a run on A',
    );
    a.child.kill('SIGKILL');
    await a.exited;
    // The 5 s bound is the contract: a browser never waits on a dead run.
    const failed = await until(
      () => w.statuses.find((m) => m.status === 'failed'),
      (m) => m !== undefined,
      'failed on B',
      5_000,
    );
    expect(failed?.reason).toBe(COORDINATOR_GONE_REASON);
    // Commands for it are answered at once: 503 with the reason, never a hang or a 500.
    const stop = await send('POST', `${b.url}/api/runs/${run.runId}/stop`, { mode: 'abort' }, run.runToken);
    expect(stop.status).toBe(503);
    expect(stop.body).toMatchObject({ error: 'coordinator_gone' });
    expect(stop.body.message).toMatch(/stopped; the run ended failed/);
    // A late subscriber hears the same end from the registry.
    const late = await watcher(b, run.runId, run.watchToken);
    expect(late.ack).toMatchObject({ ok: true, status: 'failed', reason: COORDINATOR_GONE_REASON });
    const wrong = await watcher(b, run.runId, 'y'.repeat(32));
    expect(wrong.ack).toMatchObject({ ok: false });
  });
});
