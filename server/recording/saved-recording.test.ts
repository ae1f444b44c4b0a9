import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  FramesResponse,
  RecordingResponse,
  SaveRecordingResponse,
  TimelineResponse,
} from '../../shared/protocol/recording-api.js';
import type { TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { createApp } from '../app.js';
import { DEFAULT_LIMITS } from '../config.js';
import { FakeClock } from '../runtime/test-helpers/fake-clock.js';
import { SqliteGraphStore } from '../store/sqlite-graph-store.js';
import { graphOf } from '../test-helpers/graph-of.js';
import {
  type StartedRun,
  sendJson,
  startRunOn,
  startTestApp,
  type TestApp,
} from '../test-helpers/start-app.js';
import { until } from '../test-helpers/until.js';

// Saved recordings on the real app: saved from a run (fake clock), read back by slug, exported
// and imported again; none of it starts a run.

const graph = graphOf(
  [
    ['src', 'generator', { rate: 300 }],
    ['work', 'worker', { serviceTimeMs: 5 }],
    ['out', 'counter'],
  ],
  [
    ['src', 'work', { capacity: 40, overflow: 'drop-oldest' }],
    ['work', 'out', { capacity: 10 }],
  ],
);

let app: TestApp;
let clock: FakeClock;
afterEach(async () => {
  await app?.close();
  app = undefined as unknown as TestApp;
});

async function recordedRun(seconds: number, limits = {}) {
  clock = new FakeClock();
  const staticDir = path.join(`${process.env.TMPDIR ?? '/tmp'}`, `sluice-rec-static-${process.pid}`);
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Sluice</title>');
  app = await startTestApp(limits, { clock, staticDir });
  const run = await startRunOn(app.url, { ...graph, name: 'a "quoted"/name' });
  const socket = await app.connect();
  const frames: TelemetryFrame[] = [];
  socket.on('run:telemetry', (f) => frames.push(f));
  await socket.emitWithAck('run:subscribe', { runId: run.runId, token: run.watchToken });
  await clock.advanceBy(seconds * 1000);
  return { run, frames };
}

async function stop(run: StartedRun, frames: TelemetryFrame[]) {
  await sendJson('POST', `${app.url}/api/runs/${run.runId}/stop`, { mode: 'abort' }, run.auth);
  await clock.runUntil(app.runs.get(run.runId)!.done, clock.now() + 5_000);
  const last = app.runs.get(run.runId)!.latestFrame()!;
  await until(
    () => frames.at(-1)?.seq,
    (s) => s === last.seq,
    'the last frame on the socket',
  );
}

const started = async () =>
  Number(/^sluice_runs_started_total (\d+)$/m.exec(await (await fetch(`${app.url}/metrics`)).text())?.[1]);

const api = (method: string, p: string, body?: unknown, headers?: Record<string, string>) =>
  sendJson(method, `${app.url}/api${p}`, body, headers);

describe('saved recordings', () => {
  it('save → GET by slug gives back every frame as the socket sent it; never starts a run', async () => {
    const { run, frames } = await recordedRun(2);
    // While the run goes: a snapshot so far. A watch token may not save.
    const watcher = await api(
      'POST',
      `/runs/${run.runId}/recording`,
      {},
      { authorization: `Bearer ${run.watchToken}` },
    );
    expect(watcher.status).toBe(403);
    const early = await api('POST', `/runs/${run.runId}/recording`, {}, run.auth);
    expect(early.status).toBe(201);
    await clock.advanceBy(1_000);
    await stop(run, frames);
    const saved = await api('POST', `/runs/${run.runId}/recording`, {}, run.auth);
    expect(saved.status).toBe(201);
    const { slug } = saved.body as unknown as SaveRecordingResponse;
    expect(slug).toMatch(/^[a-z0-9]{12}$/);

    const before = await started();
    expect(before).toBe(1);
    const got = await api('GET', `/recordings/${slug}`);
    expect(got.status).toBe(200);
    const body = got.body as unknown as RecordingResponse;
    expect(body.frames).toStrictEqual(frames);
    expect(body).toMatchObject({
      slug,
      name: 'a "quoted"/name',
      hz: 10,
      thinned: null,
      endT: frames.at(-1)!.t,
    });
    expect(body.graph).toMatchObject({ nodes: graph.nodes.map((n) => ({ id: n.id })) });
    expect(body.events.map((e) => e.type === 'status' && e.status)).toEqual(['running', 'stopped']);
    expect(body.next).toBeUndefined();

    // The early snapshot stopped where the run was then, and stays so.
    const snap = (await api('GET', `/recordings/${(early.body as unknown as SaveRecordingResponse).slug}`))
      .body as unknown as RecordingResponse;
    expect(snap.frames).toStrictEqual(frames.slice(0, snap.frames.length));
    expect(snap.frames.length).toBeLessThan(frames.length);
    expect(snap.events.map((e) => e.type === 'status' && e.status)).toEqual(['running']);

    const win = (await api('GET', `/recordings/${slug}/frames?from=500&to=1500`))
      .body as unknown as FramesResponse;
    expect(win.frames).toStrictEqual(frames.filter((f) => f.t >= 500 && f.t <= 1500));
    const timeline = (await api('GET', `/recordings/${slug}/timeline`)).body as unknown as TimelineResponse;
    expect(timeline.points.length).toBe(frames.length);
    expect(timeline).toMatchObject({ ended: true, hz: 10 });

    // The page a shared link opens is the app's.
    const page = await fetch(`${app.url}/r/${slug}?t=1.5`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Sluice</title>');
    expect((await api('GET', '/recordings/nope')).status).toBe(404);
    expect((await api('GET', '/recordings/nope/frames')).status).toBe(404);
    expect(await started()).toBe(before);
  });

  it('export → import gives the same frames and events under a new slug', async () => {
    const { run, frames } = await recordedRun(1.5);
    await api('PATCH', `/runs/${run.runId}/params`, { nodes: { work: { serviceTimeMs: 1 } } }, run.auth);
    await clock.advanceBy(500);
    await stop(run, frames);
    const { slug } = (await api('POST', `/runs/${run.runId}/recording`, {}, run.auth))
      .body as unknown as SaveRecordingResponse;
    const exported = await fetch(`${app.url}/api/recordings/${slug}/export`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toBe(
      'attachment; filename=a-quoted-name.sluice-recording.json',
    );
    const file = (await exported.json()) as Record<string, unknown>;
    expect(file).toMatchObject({ format: 'sluice-recording', version: 1, name: 'a "quoted"/name', hz: 10 });

    const before = await started();
    const imported = await api('POST', '/recordings', file);
    expect(imported.status).toBe(201);
    const again = (
      await api('GET', `/recordings/${(imported.body as unknown as SaveRecordingResponse).slug}`)
    ).body as unknown as RecordingResponse;
    const original = (await api('GET', `/recordings/${slug}`)).body as unknown as RecordingResponse;
    expect(again.frames).toStrictEqual(frames);
    expect(again.events).toStrictEqual(original.events);
    expect(again.events.map((e) => e.type)).toEqual(['status', 'edit', 'status']);
    // Imported files have no timeline beside them: it is rebuilt from the frames, the same.
    const t1 = (await api('GET', `/recordings/${again.slug}/timeline`)).body as unknown as TimelineResponse;
    const t0 = (await api('GET', `/recordings/${slug}/timeline`)).body as unknown as TimelineResponse;
    expect(t1.points).toEqual(t0.points);
    expect(await started()).toBe(before);
  });

  it('after a run ends its recording is read from its file; the oldest files go past SLUICE_KEEP_RECORDINGS', async () => {
    const { run, frames } = await recordedRun(1, { keepRecordings: 1 });
    await stop(run, frames);
    await app.recordings.flush();
    const fromFile = await api('GET', `/runs/${run.runId}/frames`, undefined, run.auth);
    expect(fromFile.status).toBe(200);
    expect((fromFile.body as unknown as FramesResponse).frames).toStrictEqual(frames);
    expect((fromFile.body as unknown as FramesResponse).ended).toBe(true);

    const second = await startRunOn(app.url, graph);
    await clock.advanceBy(500);
    await sendJson('POST', `${app.url}/api/runs/${second.runId}/stop`, { mode: 'abort' }, second.auth);
    await clock.runUntil(app.runs.get(second.runId)!.done, clock.now() + 5_000);
    await app.recordings.flush();
    const gone = await api('GET', `/runs/${run.runId}/frames`, undefined, run.auth);
    expect(gone.status).toBe(404);
    expect(gone.body.message).toContain('SLUICE_KEEP_RECORDINGS');
    expect((await api('GET', `/runs/${run.runId}/timeline`, undefined, run.auth)).status).toBe(404);
    expect((await api('GET', `/runs/${second.runId}/frames`, undefined, second.auth)).status).toBe(200);
  });

  it('a restarted server still answers a run recording to its tokens, from the file', async () => {
    const { run, frames } = await recordedRun(1);
    await stop(run, frames);
    await app.recordings.flush();
    // A second server on the same DATA_DIR knows nothing of the run but its recording's file.
    const store = SqliteGraphStore.open(app.dataDir);
    const again = createApp({ limits: DEFAULT_LIMITS, store, dataDir: app.dataDir });
    await new Promise<void>((resolve) => again.httpServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(again.httpServer.address() as AddressInfo).port}/api/runs/${run.runId}`;
    try {
      expect(again.runs.get(run.runId)).toBeUndefined();
      const read = await sendJson('GET', `${url}/frames`, undefined, {
        authorization: `Bearer ${run.watchToken}`,
      });
      expect(read.status).toBe(200);
      expect((read.body as unknown as FramesResponse).frames).toStrictEqual(frames);
      expect((await sendJson('GET', `${url}/timeline`)).status).toBe(401);
      expect(
        (await sendJson('GET', `${url}/timeline`, undefined, { authorization: 'Bearer nope' })).status,
      ).toBe(403);
      const watcherSave = await sendJson(
        'POST',
        `${url}/recording`,
        {},
        { authorization: `Bearer ${run.watchToken}` },
      );
      expect(watcherSave.status).toBe(403);
      const ownerSave = await sendJson('POST', `${url}/recording`, {}, run.auth);
      expect(ownerSave.status).toBe(201);
    } finally {
      await again.close();
      store.close();
    }
  });
});
