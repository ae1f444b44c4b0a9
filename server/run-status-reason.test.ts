import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunInfo } from '../shared/protocol/api.js';
import type { RunStatusMessage } from '../shared/protocol/socket-events.js';
import { sendJson, slowConsumerGraph, startTestApp, type TestApp } from './test-helpers/start-app.js';

let app: TestApp;
afterEach(async () => {
  await app.close();
});

describe('why the server stopped a run reaches its subscribers', () => {
  it('sends the duration limit as `reason` on run:status, and GET /api/runs/:id gives it too', async () => {
    // ARRANGE: a run the duration limit (SLUICE_MAX_RUN_MS) stops, watched over a real socket
    app = await startTestApp({ maxRunDurationMs: 1500 });
    const socket = await app.connect();
    const statuses: RunStatusMessage[] = [];
    socket.on('run:status', (s) => statuses.push(s));
    const { body } = await sendJson('POST', `${app.url}/api/runs`, { graph: slowConsumerGraph });
    const runId = body.runId as string;
    const token = body.runToken as string;

    // ACT
    const ack = await socket.emitWithAck('run:subscribe', { runId, token });
    expect(ack).toMatchObject({ ok: true });
    if (ack.ok && ack.status === 'stopped') statuses.push({ runId, status: ack.status, reason: ack.reason! });
    await app.runs.get(runId)!.done;

    // ASSERT
    await vi.waitFor(() => expect(statuses.map((s) => s.status)).toContain('stopped'));
    expect(statuses.find((s) => s.status === 'stopped')).toEqual({
      runId,
      status: 'stopped',
      reason: 'run duration limit of 2 s reached',
    });
    const info = (
      await sendJson('GET', `${app.url}/api/runs/${runId}`, undefined, { authorization: `Bearer ${token}` })
    ).body as unknown as RunInfo;
    expect(info.reason).toBe('run duration limit of 2 s reached');
    // A late subscriber learns it from the ack.
    const late = await (await app.connect()).emitWithAck('run:subscribe', { runId, token });
    expect(late).toMatchObject({
      ok: true,
      status: 'stopped',
      reason: expect.stringContaining('duration limit'),
    });
  });
});
