import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunStatusMessage } from '../shared/protocol/socket-events.js';
import { sendJson, slowConsumerGraph, startTestApp, type TestApp } from './test-helpers/start-app.js';

let app: TestApp;
afterEach(async () => {
  await app.close();
});

const startRun = async (graph: unknown) => sendJson('POST', `${app.url}/api/runs`, { graph });
const bearer = (body: Record<string, unknown>) => ({ authorization: `Bearer ${body.runToken as string}` });

describe('limits that protect the server, each with its own error', () => {
  it('stops a run at the duration limit and says why', async () => {
    app = await startTestApp({ maxRunDurationMs: 400 });
    const { body } = await startRun(slowConsumerGraph);
    const result = await app.runs.get(body.runId as string)!.done;
    expect(result.status).toBe('stopped');
    const info = await sendJson('GET', `${app.url}/api/runs/${body.runId}`, undefined, bearer(body));
    expect(info.body).toMatchObject({
      status: 'stopped',
      stopReason: expect.stringContaining('duration limit'),
    });
  });

  it('refuses a generator faster than the rate limit, naming the node and field', async () => {
    app = await startTestApp({ maxGeneratorRate: 1000 });
    const res = await startRun(slowConsumerGraph); // its source asks for 2,000/s
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: 'limit_exceeded',
      message: expect.stringContaining('maxGeneratorRate'),
    });
    expect(res.body.issues).toEqual([
      expect.objectContaining({ path: 'nodes.0.params.rate', nodeId: 'src' }),
    ]);
  });

  it('refuses a subscriber beyond the per-run limit; a repeated subscribe by the same socket is fine', async () => {
    app = await startTestApp({ maxSubscribersPerRun: 1 });
    const { body } = await startRun(slowConsumerGraph);
    const runId = body.runId as string;
    const token = body.runToken as string;
    const first = await app.connect();
    const second = await app.connect();
    expect(await first.emitWithAck('run:subscribe', { runId, token })).toMatchObject({ ok: true });
    expect(await first.emitWithAck('run:subscribe', { runId, token })).toMatchObject({ ok: true });
    expect(await second.emitWithAck('run:subscribe', { runId, token })).toMatchObject({
      ok: false,
      error: 'too_many_subscribers',
      message: expect.stringContaining('maxSubscribersPerRun'),
    });
    await first.emitWithAck('run:unsubscribe', { runId });
    expect(await second.emitWithAck('run:subscribe', { runId, token })).toMatchObject({ ok: true });
  });
});

describe('a failing run', () => {
  it('ends failed naming its node, tells subscribers, and the server carries on', async () => {
    app = await startTestApp();
    const failing = structuredClone(slowConsumerGraph);
    failing.nodes[1]!.params = { serviceTimeMs: 1, failureRate: 1 } as never; // errorPolicy defaults to fail
    const socket = await app.connect();
    const statuses: RunStatusMessage[] = [];
    socket.on('run:status', (s) => statuses.push(s));
    const { body } = await startRun(failing);
    const runId = body.runId as string;
    const ack = await socket.emitWithAck('run:subscribe', { runId, token: body.runToken as string });
    // The run may already have failed by the time we subscribed: the ack then carries it.
    if (ack.ok && ack.status === 'failed') statuses.push({ runId, status: ack.status, error: ack.error! });
    await app.runs.get(runId)!.done;
    await vi.waitFor(() => expect(statuses.map((s) => s.status)).toContain('failed'));
    const failed = statuses.find((s) => s.status === 'failed')!;
    expect(failed.error).toMatchObject({ nodeId: 'work', message: expect.stringContaining('work') });
    const info = await sendJson('GET', `${app.url}/api/runs/${runId}`, undefined, bearer(body));
    expect(info.body).toMatchObject({ status: 'failed', error: { nodeId: 'work' } });

    expect((await sendJson('GET', `${app.url}/api/health`)).status).toBe(200);
    const next = await startRun(slowConsumerGraph);
    expect(next.status).toBe(201);
  });
});
