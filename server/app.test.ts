import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CatalogResponse, RunInfo } from '../shared/protocol/api.js';
import type { TelemetryFrame } from '../shared/protocol/telemetry.js';
import {
  postJson,
  sendJson,
  slowConsumerGraph,
  startRunOn,
  startTestApp,
  type TestApp,
} from './test-helpers/start-app.js';

let app: TestApp;
beforeEach(async () => {
  app = await startTestApp({ maxConcurrentRuns: 2 });
});
afterEach(async () => {
  await app.close();
});

describe('REST', () => {
  it('answers health and serves the catalog with JSON Schema params', async () => {
    const health = await (await fetch(`${app.url}/api/health`)).json();
    expect(health).toMatchObject({ ok: true, version: expect.any(String) });
    const { kinds } = (await (await fetch(`${app.url}/api/catalog`)).json()) as CatalogResponse;
    const generator = kinds.find((k) => k.kind === 'generator')!;
    expect(generator.outputs).toEqual(['out']);
    const schema = generator.params as {
      properties: Record<string, { default?: unknown }>;
      additionalProperties: boolean;
    };
    expect(schema.properties.rate!.default).toBe(100);
    expect(schema.additionalProperties).toBe(false);
    const reference = (await (await fetch(`${app.url}/api/expressions/reference`)).json()) as {
      functions: Array<{ name: string }>;
    };
    expect(reference.functions.map((f) => f.name)).toEqual(expect.arrayContaining(['lower', 'hash']));
  });

  it('rejects unknown kinds, missing nodes and out-of-range params with located issues', async () => {
    const bad = structuredClone(slowConsumerGraph);
    bad.nodes[0]!.params = { rate: -5 };
    bad.nodes[1]!.kind = 'wrker';
    bad.edges[1]!.target = 'nowhere';
    const res = await postJson(`${app.url}/api/runs`, { graph: bad });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('compile_failed');
    const issues = res.body.issues as Array<Record<string, string>>;
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'nodes.0.params.rate', nodeId: 'src' }),
        expect.objectContaining({
          path: 'nodes.1.kind',
          nodeId: 'work',
          message: expect.stringContaining('wrker'),
        }),
        expect.objectContaining({
          path: 'edges.1.target',
          edgeId: 'e2',
          message: expect.stringContaining('nowhere'),
        }),
      ]),
    );
  });

  it('never answers 500 to malformed or oversized bodies', async () => {
    const notJson = await fetch(`${app.url}/api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"graph":',
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: 'invalid_json' });
    const huge = await postJson(`${app.url}/api/runs`, { graph: { name: 'x'.repeat(2 * 1024 * 1024) } });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toBe('too_large');
    const poisoned = await postJson(
      `${app.url}/api/runs`,
      '{"graph":{"schemaVersion":1,"nodes":[],"__proto__":{"x":1}}}',
    );
    expect(poisoned.status).toBe(400);
    expect(JSON.stringify(poisoned.body.issues)).toContain('__proto__');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    const unknownRun = await fetch(`${app.url}/api/runs/nope`);
    expect(unknownRun.status).toBe(404);
  });

  it('refuses runs beyond the concurrency limit with 429 naming it', async () => {
    expect((await postJson(`${app.url}/api/runs`, { graph: slowConsumerGraph })).status).toBe(201);
    expect((await postJson(`${app.url}/api/runs`, { graph: slowConsumerGraph })).status).toBe(201);
    const third = await sendJson('POST', `${app.url}/api/runs`, { graph: slowConsumerGraph });
    expect(third.status).toBe(429);
    expect(third.body).toMatchObject({
      error: 'too_many_runs',
      message: expect.stringContaining('2 runs are already executing (the limit, SLUICE_MAX_RUNS). Stop one'),
    });
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('a live run over socket.io', () => {
  it('streams frames in which the worker queue fills and the sink settles at the worker rate, then stops', async () => {
    const socket = await app.connect();
    const { runId, runToken, auth } = await startRunOn(app.url, slowConsumerGraph);
    const frames: TelemetryFrame[] = [];
    const statuses: string[] = [];
    socket.on('run:telemetry', (f) => frames.push(f));
    socket.on('run:status', (s) => statuses.push(s.status));
    const ack = await socket.emitWithAck('run:subscribe', { runId, token: runToken });
    expect(ack).toMatchObject({ ok: true });
    expect(['starting', 'running']).toContain((ack as { status: string }).status);

    // The run's thread needs a moment to start; then the queue fills within a second.
    await vi.waitFor(() => expect(frames.length).toBeGreaterThan(0), { timeout: 10_000, interval: 50 });
    const first = frames[0]!;
    await new Promise((r) => setTimeout(r, 2500));
    const last = frames.at(-1)!;
    expect(last.seq - first.seq).toBeGreaterThanOrEqual(15); // ≈10 Hz over 2.5 s
    expect(last.seq).toBeGreaterThan(frames[0]!.seq);
    // The queue is full, or one short: every 2 ms the worker takes an item and the source puts the
    // next one in on its own 2,000/s schedule, up to 0.5 ms later — so a frame can catch 63.
    expect(last.edges.e1!.capacity).toBe(64);
    expect(last.edges.e1!.depth).toBeGreaterThanOrEqual(63);
    const recent = frames.filter((f) => f.seq > last.seq - 10);
    expect(Math.max(...recent.map((f) => f.edges.e1!.depth))).toBe(64);
    // A 2,000/s source waits on its own schedule 500/2000 of the time and on the queue the rest.
    expect(last.edges.e1!.blockedRatio).toBeGreaterThan(0.6);
    expect(last.edges.e1!.blockedRatio).toBeLessThan(0.9);
    expect(last.nodes.out!.inRate).toBeGreaterThan(440);
    expect(last.nodes.out!.inRate).toBeLessThan(560);
    expect(last.nodes.src!.backpressured).toBeGreaterThan(0.6);
    expect(last.nodes.src!.outRate).toBeLessThan(560); // slowed to the worker's pace, not 2,000/s
    expect(last.nodes.work!.busy).toBeGreaterThan(0.9);

    const stop = await sendJson('POST', `${app.url}/api/runs/${runId}/stop`, { mode: 'abort' }, auth);
    expect(stop.status).toBe(202);
    await app.runs.get(runId)!.done;
    await new Promise((r) => setTimeout(r, 50));
    expect(statuses).toContain('stopped');
    const info = (await sendJson('GET', `${app.url}/api/runs/${runId}`, undefined, auth))
      .body as unknown as RunInfo;
    expect(info.status).toBe('stopped');
    expect(info.totals.delivered).toBeGreaterThan(1000);
    expect(info.totals.dropped).toBe(0);
  });

  it('answers a bad subscribe with an error ack', async () => {
    const socket = await app.connect();
    expect(await socket.emitWithAck('run:subscribe', { runId: 'missing' })).toMatchObject({
      ok: false,
      error: 'not_found',
    });
    expect(await socket.emitWithAck('run:subscribe', { nope: 1 } as never)).toMatchObject({ ok: false });
  });
});
