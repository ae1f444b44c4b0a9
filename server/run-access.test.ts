import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunInfo } from '../shared/protocol/api.js';
import { realClock } from './runtime/clock.js';
import { graphOf } from './test-helpers/graph-of.js';
import {
  type StartedRun,
  sendJson,
  startRunOn,
  startTestApp,
  type TestApp,
} from './test-helpers/start-app.js';

// Who may do what with a run: the run token controls it, the watch token only watches it, an
// ingest key only posts to its node. Real app on port 0, real sockets; runs inline on the real
// clock (cheap to start) so every route sees a live run.

let app: TestApp;
afterEach(async () => {
  await app?.close();
});

const WRONG = { authorization: 'Bearer not-the-token-of-this-run-at-all' };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A slow, endless run with every kind of route: a browser sink, a file sink and an ingest source. */
const everything = graphOf(
  [
    ['src', 'generator', { rate: 50 }],
    ['in', 'http-ingest'],
    ['view', 'browser'],
    ['out', 'file'],
  ],
  [
    ['src', 'view'],
    ['src', 'out'],
    ['in', 'out'],
  ],
);

async function started(): Promise<StartedRun> {
  const run = await startRunOn(app.url, everything);
  expect(run.runToken).toMatch(/^[A-Za-z0-9_-]{32,}$/);
  expect(run.watchToken).toMatch(/^[A-Za-z0-9_-]{32,}$/);
  expect(run.watchToken).not.toBe(run.runToken);
  return run;
}

describe('REST: run control needs the run token', () => {
  it('answers 401 without a token, 403 with a wrong one or the watch token, 2xx with the run token', async () => {
    app = await startTestApp({}, { clock: realClock });
    const run = await started();
    const at = (p: string) => `${app.url}/api/runs/${run.runId}${p}`;
    // Each control call, in an order in which each can succeed in turn.
    const calls: [string, string, unknown, number][] = [
      ['PATCH', '/params', { nodes: { src: { rate: 20 } } }, 200],
      ['PATCH', '', { keepRunning: true }, 200],
      ['POST', '/pause', undefined, 202],
      ['POST', '/resume', undefined, 202],
      ['GET', '/files/out', undefined, 200],
      ['POST', '/stop', { mode: 'drain' }, 202],
    ];
    for (const [method, path, body, ok] of calls) {
      const what = `${method} ${path}`;
      const before = app.runs.get(run.runId)!.status;
      const none = await fetch(at(path), {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(none.status, what).toBe(401);
      expect(await none.json(), what).toMatchObject({ error: 'unauthorized' });
      expect(none.headers.get('www-authenticate'), what).toBe('Bearer');
      for (const headers of [WRONG, bearer(run.watchToken)]) {
        const refused = await sendJson(method, at(path), body, headers);
        expect(refused.status, what).toBe(403);
        expect(refused.body, what).toMatchObject({ error: 'forbidden' });
      }
      expect(app.runs.get(run.runId)!.status, `${what} refused changes nothing`).toBe(before);
      const res = await fetch(at(path), {
        method,
        headers: { 'content-type': 'application/json', ...run.auth },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(res.status, what).toBe(ok);
    }
    // Unknown runs stay 404 with or without a token.
    for (const headers of [{}, run.auth]) {
      const missing = await sendJson('POST', `${app.url}/api/runs/nope/stop`, { mode: 'abort' }, headers);
      expect(missing).toMatchObject({ status: 404, body: { error: 'not_found' } });
    }
  });

  it('lets the run or watch token read the run; only the owner sees its keys', async () => {
    app = await startTestApp({}, { clock: realClock });
    const run = await started();
    const info = (headers: Record<string, string>) =>
      sendJson('GET', `${app.url}/api/runs/${run.runId}`, undefined, headers);
    expect((await info({})).status).toBe(401);
    expect((await info(WRONG)).status).toBe(403);
    const watched = (await info(bearer(run.watchToken))).body as unknown as RunInfo;
    expect(watched).toMatchObject({ runId: run.runId, access: 'watcher' });
    expect(watched.ingestKeys).toBeUndefined();
    expect(JSON.stringify(watched)).not.toContain(run.runToken);
    const owned = (await info(run.auth)).body as unknown as RunInfo;
    expect(owned).toMatchObject({
      access: 'owner',
      watchToken: run.watchToken,
      keepRunning: false,
      shareWatch: false,
      ingestKeys: { in: expect.stringMatching(/^[A-Za-z0-9_-]{32,}$/) },
    });
    expect(Object.keys(owned.ingestKeys!)).toEqual(['in']);
  });
});

describe('socket.io: watching and credits', () => {
  it('subscribes with the run or watch token; credits only with the run token', async () => {
    app = await startTestApp({}, { clock: realClock });
    const run = await started();
    const { runId } = run;
    const socket = await app.connect();
    expect(await socket.emitWithAck('run:subscribe', { runId })).toMatchObject({
      ok: false,
      error: 'unauthorized',
    });
    expect(await socket.emitWithAck('run:subscribe', { runId, token: 'wrong' })).toMatchObject({
      ok: false,
      error: 'forbidden',
    });
    expect(app.io.sockets.adapter.rooms.get(`run:${runId}`)).toBeUndefined();
    expect(await socket.emitWithAck('run:subscribe', { runId: 'nope', token: run.runToken })).toMatchObject({
      ok: false,
      error: 'not_found',
    });

    // A watcher sees frames but cannot open the browser sink's tap.
    const frames: unknown[] = [];
    socket.on('run:telemetry', (f) => frames.push(f));
    expect(await socket.emitWithAck('run:subscribe', { runId, token: run.watchToken })).toMatchObject({
      ok: true,
    });
    await vi.waitFor(() => expect(frames.length).toBeGreaterThan(0), { timeout: 5000 });
    const credit = (token?: string) =>
      socket.emitWithAck('sink:credit', { runId, nodeId: 'view', n: 5, ...(token ? { token } : {}) });
    expect(await credit()).toMatchObject({ ok: false, error: 'unauthorized' });
    expect(await credit('wrong')).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await credit(run.watchToken)).toMatchObject({ ok: false, error: 'forbidden' });
    const items: unknown[] = [];
    socket.on('sink:items', (m) => items.push(...m.items));
    await new Promise((r) => setTimeout(r, 300));
    expect(items, 'no credit was granted, so no item flows').toEqual([]);

    // The owner's credit opens it: exactly the granted items arrive.
    expect(await credit(run.runToken)).toEqual({ ok: true });
    await vi.waitFor(() => expect(items).toHaveLength(5), { timeout: 5000 });
  });
});

describe('http-ingest keys', () => {
  it('takes items with the node’s key or the run token; 401 without, 403 with another', async () => {
    app = await startTestApp({}, { clock: realClock });
    const twoIngests = graphOf(
      [
        ['a', 'http-ingest'],
        ['b', 'http-ingest'],
        ['out', 'counter'],
      ],
      [
        ['a', 'out'],
        ['b', 'out'],
      ],
    );
    const run = await startRunOn(app.url, twoIngests);
    const owned = (await sendJson('GET', `${app.url}/api/runs/${run.runId}`, undefined, run.auth))
      .body as unknown as RunInfo;
    const keys = owned.ingestKeys!;
    expect(Object.keys(keys).sort()).toEqual(['a', 'b']);
    expect(keys.a).not.toBe(keys.b);
    const post = (node: string, headers: Record<string, string>) =>
      sendJson('POST', `${app.url}/api/runs/${run.runId}/ingest/${node}`, { v: 1 }, headers);

    expect(await post('a', {})).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    expect(await post('a', WRONG)).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect(await post('a', bearer(keys.b!))).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect(await post('a', bearer(run.watchToken))).toMatchObject({ status: 403 });
    expect(await post('a', bearer(keys.a!))).toMatchObject({ status: 202, body: { accepted: 1 } });
    expect(await post('b', run.auth)).toMatchObject({ status: 202, body: { accepted: 1 } });
    expect((await sendJson('POST', `${app.url}/api/runs/nope/ingest/a`, {}, run.auth)).status).toBe(404);
    await vi.waitFor(() => expect(app.runs.get(run.runId)!.totals().delivered).toBe(2), { timeout: 5000 });
  });
});

describe('watch links published on a saved graph', () => {
  it('GET /api/graphs/:slug/live-run finds the newest shared live run, and nothing else', async () => {
    app = await startTestApp({}, { clock: realClock });
    const graph = graphOf(
      [
        ['src', 'generator', { rate: 10 }],
        ['out', 'counter'],
      ],
      [['src', 'out']],
    );
    const saved = (await sendJson('POST', `${app.url}/api/graphs`, graph)).body as {
      id: string;
      slug: string;
    };
    const liveRun = () => sendJson('GET', `${app.url}/api/graphs/${saved.slug}/live-run`);

    const older = await startRunOn(app.url, { graphId: saved.id });
    const newer = await startRunOn(app.url, { graphId: saved.slug });
    expect(await liveRun()).toMatchObject({ status: 404, body: { error: 'no_live_run' } });

    const share = (run: StartedRun, headers = run.auth) =>
      sendJson('PATCH', `${app.url}/api/runs/${run.runId}`, { shareWatch: true }, headers);
    expect((await share(older, bearer(older.watchToken))).status).toBe(403);
    expect(await share(older)).toMatchObject({ status: 200, body: { shareWatch: true, keepRunning: false } });
    expect((await liveRun()).body).toEqual({
      runId: older.runId,
      watchToken: older.watchToken,
      status: 'running',
    });
    expect(await share(newer)).toMatchObject({ status: 200 });
    expect((await liveRun()).body).toMatchObject({ runId: newer.runId, watchToken: newer.watchToken });
    // What it hands out only watches.
    const socket = await app.connect();
    const { watchToken } = (await liveRun()).body as { watchToken: string };
    expect(
      await socket.emitWithAck('run:subscribe', { runId: newer.runId, token: watchToken }),
    ).toMatchObject({
      ok: true,
    });

    // Ended runs are not live; unpublishing hides it.
    await sendJson('POST', `${app.url}/api/runs/${newer.runId}/stop`, { mode: 'abort' }, newer.auth);
    await app.runs.get(newer.runId)!.done;
    expect((await liveRun()).body).toMatchObject({ runId: older.runId });
    await sendJson('PATCH', `${app.url}/api/runs/${older.runId}`, { shareWatch: false }, older.auth);
    expect(await liveRun()).toMatchObject({ status: 404, body: { error: 'no_live_run' } });

    // A run of an unsaved graph has nowhere to be published.
    const adHoc = await startRunOn(app.url, graph);
    expect(await share(adHoc)).toMatchObject({ status: 409, body: { error: 'not_saved' } });
    expect((await sendJson('GET', `${app.url}/api/graphs/nope/live-run`)).status).toBe(404);
    const bad = await sendJson(
      'PATCH',
      `${app.url}/api/runs/${adHoc.runId}`,
      { keepRunning: 'yes' },
      adHoc.auth,
    );
    expect(bad).toMatchObject({
      status: 400,
      body: { issues: [expect.objectContaining({ path: 'keepRunning' })] },
    });
  });
});

describe('/metrics', () => {
  const graph = graphOf(
    [
      ['source-node-x', 'generator', { rate: 100 }],
      ['sink-node-y', 'counter'],
    ],
    [['source-node-x', 'sink-node-y']],
  );

  async function scrapeWhileRunning(headers: Record<string, string> = {}) {
    const run = await startRunOn(app.url, graph);
    await vi.waitFor(() => expect(app.runs.get(run.runId)!.latestFrame()).toBeTruthy(), { timeout: 5000 });
    const res = await fetch(`${app.url}/metrics`, { headers });
    return { run, status: res.status, text: await res.text() };
  }

  it('names no run, node or edge unless SLUICE_METRICS_RUN_LABELS opts in', async () => {
    app = await startTestApp({}, { clock: realClock });
    const hidden = await scrapeWhileRunning();
    expect(hidden.status).toBe(200);
    expect(hidden.text).not.toContain(hidden.run.runId);
    expect(hidden.text).not.toMatch(/run_id|node_id|edge_id|source-node-x|sink-node-y/);
    // The aggregates stay.
    expect(hidden.text).toMatch(/^sluice_runs_active 1$/m);
    expect(hidden.text).toMatch(/^sluice_run_status\{status="running"\} 1$/m);
    await app.close();

    app = await startTestApp({}, { clock: realClock, metrics: { runLabels: true } });
    const shown = await scrapeWhileRunning();
    expect(shown.text).toContain(`run_id="${shown.run.runId}"`);
    expect(shown.text).toContain('node_id="sink-node-y"');
  });

  it('needs SLUICE_METRICS_TOKEN as a bearer token when one is set', async () => {
    app = await startTestApp({}, { clock: realClock, metrics: { runLabels: false, token: 'scrape-secret' } });
    for (const headers of [{}, WRONG, { authorization: 'Basic c2NyYXBlLXNlY3JldA==' }]) {
      const res = await fetch(`${app.url}/metrics`, { headers });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: 'unauthorized' });
    }
    const ok = await fetch(`${app.url}/metrics`, { headers: bearer('scrape-secret') });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/^sluice_runs_active 0$/m);
  });
});

describe('429 too_many_runs', () => {
  it('says what to do, and when to try again', async () => {
    app = await startTestApp({ maxConcurrentRuns: 1 }, { clock: realClock });
    await startRunOn(app.url, everything);
    const refused = await sendJson('POST', `${app.url}/api/runs`, { graph: everything });
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      error: 'too_many_runs',
      message:
        '1 run is already executing (the limit, SLUICE_MAX_RUNS). Stop one of yours from the Runs panel, or wait for one to finish, then try again.',
    });
    expect(refused.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
  });
});
