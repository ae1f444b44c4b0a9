import { afterEach, describe, expect, it } from 'vitest';
import { realClock } from './runtime/clock.js';
import { sendJson, slowConsumerGraph, startTestApp, type TestApp } from './test-helpers/start-app.js';

let app: TestApp;
afterEach(async () => {
  await app.close();
});

describe('security headers', () => {
  it('keeps helmet’s CSP without upgrade-insecure-requests, so plain HTTP on a LAN address works', async () => {
    app = await startTestApp();
    const res = await fetch(`${app.url}/api/health`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'"); // helmet's other defaults stay
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});

describe('JSON routes take JSON only', () => {
  it('answers 415 unsupported_media_type to a body of another type, and acts on nothing', async () => {
    // ARRANGE: a running run
    app = await startTestApp({}, { clock: realClock });
    const { body } = await sendJson('POST', `${app.url}/api/runs`, { graph: slowConsumerGraph });
    const runId = body.runId as string;
    const send = (method: string, path: string, type: string, text: string) =>
      sendJson(method, `${app.url}${path}`, text, { 'content-type': type });

    // ACT + ASSERT: a text/plain stop would otherwise read as {} and stop the run
    const stop = await send('POST', `/api/runs/${runId}/stop`, 'text/plain', '{"mode":"abort"}');
    expect(stop.status).toBe(415);
    expect(stop.body).toMatchObject({
      error: 'unsupported_media_type',
      message: expect.stringContaining('text/plain'),
    });
    expect(app.runs.get(runId)!.status).toBe('running');
    const form = await send('POST', '/api/graphs', 'application/x-www-form-urlencoded', 'a=1');
    expect(form).toMatchObject({ status: 415, body: { error: 'unsupported_media_type' } });
    const patch = await send('PATCH', `/api/runs/${runId}/params`, 'text/plain', '{}');
    expect(patch.status).toBe(415);
  });

  it('still takes JSON (with a charset), bodiless POSTs, and NDJSON on the ingest route', async () => {
    app = await startTestApp({}, { clock: realClock });
    const graph = JSON.stringify(slowConsumerGraph);
    const saved = await sendJson('POST', `${app.url}/api/graphs`, graph, {
      'content-type': 'application/json; charset=utf-8',
    });
    expect(saved.status).toBe(201);
    const { body } = await sendJson('POST', `${app.url}/api/runs`, { graph: slowConsumerGraph });
    const auth = { authorization: `Bearer ${body.runToken as string}` };
    const pause = await fetch(`${app.url}/api/runs/${body.runId}/pause`, { method: 'POST', headers: auth });
    expect(pause.status).toBe(202);
    // The ingest route reads its own bodies: NDJSON reaches it (no such node here: 404, not 415).
    const ingest = await sendJson('POST', `${app.url}/api/runs/${body.runId}/ingest/src`, '{"a":1}\n', {
      'content-type': 'application/x-ndjson',
      ...auth,
    });
    expect(ingest).toMatchObject({ status: 404, body: { error: 'not_found' } });
  });
});
