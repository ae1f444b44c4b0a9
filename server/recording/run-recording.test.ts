import { afterEach, describe, expect, it } from 'vitest';
import type { FramesResponse, TimelineResponse } from '../../shared/protocol/recording-api.js';
import type { TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { FakeClock } from '../runtime/test-helpers/fake-clock.js';
import { graphOf } from '../test-helpers/graph-of.js';
import {
  type StartedRun,
  sendJson,
  startRunOn,
  startTestApp,
  type TestApp,
} from '../test-helpers/start-app.js';
import { until } from '../test-helpers/until.js';

// The flight recorder on the real app: a run on the fake clock (exact times), frames as a real
// socket.io client received them, read back over HTTP.

const pipeline = graphOf(
  [
    ['src', 'generator', { rate: 200 }],
    ['work', 'worker', { serviceTimeMs: 10 }],
    ['out', 'counter'],
  ],
  [
    ['src', 'work', { capacity: 50, overflow: 'drop-newest' }],
    ['work', 'out', { capacity: 10 }],
  ],
);

let app: TestApp;
let clock: FakeClock;
afterEach(async () => {
  await app?.close();
  app = undefined as unknown as TestApp;
});

const get = async <T>(run: StartedRun, path: string, token = run.runToken) =>
  (await sendJson('GET', `${app.url}/api/runs/${run.runId}/${path}`, undefined, {
    authorization: `Bearer ${token}`,
  })) as { status: number; body: T & Record<string, unknown> };

/** Starts a run and a socket that keeps every frame it is sent. */
async function watched(graph: unknown = pipeline, limits = {}) {
  if (app === undefined) {
    clock = new FakeClock();
    app = await startTestApp(limits, { clock });
  }
  const run = await startRunOn(app.url, graph);
  const socket = await app.connect();
  const frames: TelemetryFrame[] = [];
  socket.on('run:telemetry', (f) => frames.push(f));
  expect(
    await socket.emitWithAck('run:subscribe', { runId: run.runId, token: run.watchToken }),
  ).toMatchObject({
    ok: true,
  });
  return { run, frames };
}

async function stop(run: StartedRun) {
  await sendJson('POST', `${app.url}/api/runs/${run.runId}/stop`, { mode: 'abort' }, run.auth);
  return clock.runUntil(app.runs.get(run.runId)!.done, clock.now() + 5_000);
}

describe('a run is recorded', () => {
  it('from its first frame to its last, with status changes and live edits at their times', async () => {
    const { run, frames } = await watched();
    await clock.advanceBy(1_500);
    const edit = await sendJson(
      'PATCH',
      `${app.url}/api/runs/${run.runId}/params`,
      { nodes: { work: { serviceTimeMs: 2 } }, edges: { e1: { capacity: 80 } } },
      run.auth,
    );
    expect(edit.status).toBe(200);
    const editAt = clock.now();
    await clock.advanceBy(1_000);

    // During the run: what the socket got so far, and ended false.
    await until(
      () => frames.length,
      (n) => n >= 25,
      'frames on the socket',
    );
    const during = await get<FramesResponse>(run, 'frames');
    expect(during.status).toBe(200);
    expect(during.body.ended).toBe(false);
    expect(during.body.frames.slice(0, frames.length)).toStrictEqual(
      frames.slice(0, during.body.frames.length),
    );

    await stop(run);
    await until(
      () => frames.at(-1)?.totals?.emitted === app.runs.get(run.runId)!.totals().emitted,
      Boolean,
      'the last frame',
    );
    const after = await get<FramesResponse>(run, 'frames', run.watchToken);
    expect(after.status).toBe(200);
    expect(after.body.frames).toStrictEqual(frames);
    expect(after.body).toMatchObject({ ended: true, endT: frames.at(-1)!.t, thinned: null });
    expect(after.body.next).toBeUndefined();

    const events = after.body.events;
    expect(events.map((e) => (e.type === 'status' ? e.status : e.type))).toEqual([
      'running',
      'edit',
      'stopped',
    ]);
    expect(events[0]!.t).toBe(0);
    // The edit lands where the fake clock was when it was applied, on the frames' time axis.
    expect(events[1]).toEqual({
      t: editAt,
      type: 'edit',
      by: 'owner',
      nodes: { work: { serviceTimeMs: { from: 10, to: 2 } } },
      edges: { e1: { capacity: { from: 50, to: 80 } } },
      summary: 'work.serviceTimeMs 10 → 2; e1.capacity 50 → 80',
    });
    const framesAroundEdit = frames.filter((f) => Math.abs(f.t - editAt) <= 100);
    expect(framesAroundEdit.length).toBeGreaterThan(0);
    expect(events[2]!.t).toBeGreaterThanOrEqual(frames.at(-1)!.t);
  });

  it('answers windows of frames and a timeline; 400 names a bad from or to', async () => {
    const { run, frames } = await watched();
    await clock.advanceBy(3_000);
    await stop(run);
    await until(
      () => frames.length,
      (n) => n === app.runs.get(run.runId)!.latestFrame()!.seq,
      'every frame',
    );

    const win = await get<FramesResponse>(run, 'frames?from=1000&to=2000');
    expect(win.body.frames).toStrictEqual(frames.filter((f) => f.t >= 1000 && f.t <= 2000));
    expect(win.body.frames.length).toBeGreaterThan(5);
    expect((await get<FramesResponse>(run, 'frames?from=999999')).body.frames).toEqual([]);

    const timeline = await get<TimelineResponse>(run, 'timeline');
    expect(timeline.status).toBe(200);
    expect(timeline.body.points).toEqual(
      frames.map((f) => [f.t, f.edges.e1!.depth + f.edges.e2!.depth, f.totals!.dropped]),
    );
    expect(timeline.body).toMatchObject({
      hz: 10,
      ended: true,
      startT: frames[0]!.t,
      endT: frames.at(-1)!.t,
    });
    expect(timeline.body.points.some(([, , dropped]) => dropped > 0)).toBe(true);

    for (const [query, field] of [
      ['from=abc', 'from'],
      ['to=', 'to'],
      ['from=5&to=1', 'to'],
      ['step=-1', 'step'],
      ['step=abc', 'step'],
    ]) {
      const bad = await get<FramesResponse>(run, `frames?${query}`);
      expect(bad.status).toBe(400);
      expect(bad.body.issues).toEqual([expect.objectContaining({ path: field })]);
    }
    expect((await get(run, 'frames', 'not-a-token')).status).toBe(403);
    expect((await sendJson('GET', `${app.url}/api/runs/${run.runId}/frames`)).status).toBe(401);
    expect((await sendJson('GET', `${app.url}/api/runs/nope/frames`, undefined, run.auth)).status).toBe(404);
  });

  it('pages a long window: at most 600 frames, then next; the pages together are every frame', async () => {
    const { run, frames } = await watched();
    await clock.advanceBy(65_000);
    await stop(run);
    const last = app.runs.get(run.runId)!.latestFrame()!;
    await until(
      () => frames.at(-1)?.seq,
      (s) => s === last.seq,
      'every frame on the socket',
    );
    expect(frames.length).toBeGreaterThan(600);

    const first = (await get<FramesResponse>(run, 'frames')).body;
    expect(first.frames).toHaveLength(600);
    expect(first.next).toBe(frames[600]!.t);
    expect(first.events.map((e) => e.type === 'status' && e.status)).toEqual(['running']);
    const rest = (await get<FramesResponse>(run, `frames?from=${first.next}`)).body;
    expect(rest.next).toBeUndefined();
    expect([...first.frames, ...rest.frames]).toStrictEqual(frames);
    expect(rest.events.map((e) => e.type === 'status' && e.status)).toEqual(['stopped']);
    // A bounded window inside one page has no next.
    const inside = (await get<FramesResponse>(run, `frames?from=${first.next}&to=${first.next! + 1000}`))
      .body;
    expect(inside.frames).toStrictEqual(frames.slice(600, 611));
    expect(inside.next).toBeUndefined();
  }, 120_000);

  it('reads a long run at chart resolution with step: each frame at least step ms after the one before, paged the same', async () => {
    const { run, frames } = await watched();
    await clock.advanceBy(65_000);
    await stop(run);
    const last = app.runs.get(run.runId)!.latestFrame()!;
    await until(
      () => frames.at(-1)?.seq,
      (s) => s === last.seq,
      'every frame on the socket',
    );
    // What a reader walking the frames with the same rule keeps.
    const walk = (from: TelemetryFrame[], step: number) => {
      const kept: TelemetryFrame[] = [];
      for (const f of from) if (kept.length === 0 || f.t >= kept.at(-1)!.t + step) kept.push(f);
      return kept;
    };
    const expected = walk(frames, 1000);
    const stepped = (await get<FramesResponse>(run, 'frames?step=1000')).body;
    expect(stepped.next).toBeUndefined();
    expect(stepped.frames).toStrictEqual(expected);
    expect(stepped.frames.length).toBeGreaterThan(60);
    expect(stepped.frames.length).toBeLessThan(frames.length / 5);
    // A window, stepped, starts at its own first frame.
    const part = (await get<FramesResponse>(run, 'frames?from=30050&to=40000&step=2500')).body;
    expect(part.frames).toStrictEqual(
      walk(
        frames.filter((f) => f.t >= 30050 && f.t <= 40000),
        2500,
      ),
    );
    expect(part.frames).toHaveLength(4);
  }, 120_000);

  it('records a run in its own worker thread (the server default), on the real clock', async () => {
    app = await startTestApp();
    const run = await startRunOn(app.url, pipeline);
    const socket = await app.connect();
    const frames: TelemetryFrame[] = [];
    socket.on('run:telemetry', (f) => frames.push(f));
    await socket.emitWithAck('run:subscribe', { runId: run.runId, token: run.watchToken });
    await until(
      () => frames.length,
      (n) => n >= 5,
      'frames from the worker thread',
    );
    await sendJson('POST', `${app.url}/api/runs/${run.runId}/stop`, { mode: 'abort' }, run.auth);
    await app.runs.get(run.runId)!.done;
    const last = app.runs.get(run.runId)!.latestFrame()!;
    await until(
      () => frames.at(-1)?.seq,
      (s) => s === last.seq,
      'the last frame on the socket',
    );
    const body = (await get<FramesResponse>(run, 'frames')).body;
    // A socket that joined late missed the first frames: the recording has them.
    expect(body.frames.slice(-frames.length)).toStrictEqual(frames);
    expect(body.frames[0]!.seq).toBe(1);
    expect(body.events.map((e) => e.type === 'status' && e.status)).toEqual(['running', 'stopped']);
    expect(body.events.at(-1)!.t).toBeGreaterThanOrEqual(last.t);
  });

  it('answers a run still starting in its worker thread with its (empty) timeline, not 404', async () => {
    // The editor asks for the timeline as soon as Run answers; the thread has not reported yet.
    app = await startTestApp();
    const run = await startRunOn(app.url, pipeline);
    const early = await get<TimelineResponse>(run, 'timeline');
    expect(early.status).toBe(200);
    expect(early.body.ended).toBe(false);
    await sendJson('POST', `${app.url}/api/runs/${run.runId}/stop`, { mode: 'abort' }, run.auth);
    await app.runs.get(run.runId)!.done;
    const body = (await get<FramesResponse>(run, 'frames')).body;
    expect(body.events.map((e) => e.type === 'status' && e.status)).toContain('stopped');
  });

  it('stays within its budget when events alone would outgrow it (edits in a loop)', async () => {
    const { run } = await watched(pipeline, { maxRecordingMb: 0.02 }); // 20 kB
    await clock.advanceBy(1_000);
    for (let i = 0; i < 300; i++) {
      const res = await sendJson(
        'PATCH',
        `${app.url}/api/runs/${run.runId}/params`,
        { nodes: { work: { serviceTimeMs: 1 + (i % 5) } } },
        run.auth,
      );
      expect(res.status).toBe(200);
    }
    const view = (await app.recordings.view(run.runId))!;
    const events = view.rec.eventsBetween(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
    expect(events.length).toBeGreaterThan(10);
    expect(events.length).toBeLessThan(300);
    // At most one event past the budget.
    expect(view.rec.byteSize).toBeLessThanOrEqual(0.02 * 1024 * 1024 + JSON.stringify(events.at(-1)).length);
  });
});
