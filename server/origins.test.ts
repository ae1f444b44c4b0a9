import { afterEach, describe, expect, it } from 'vitest';
import { sendJson, slowConsumerGraph, startTestApp, type TestApp } from './test-helpers/start-app.js';

let app: TestApp;
afterEach(async () => {
  await app.close();
});

const FRIEND = 'https://friend.example';

describe('only the app’s own origin (and listed ones) may write or open sockets', () => {
  it('refuses a cross-origin write with 403 JSON, allows same-origin and origin-less writes and any read', async () => {
    app = await startTestApp();
    const evil = await sendJson('POST', `${app.url}/api/graphs`, slowConsumerGraph, {
      origin: 'https://evil.example',
    });
    expect(evil.status).toBe(403);
    expect(evil.body).toMatchObject({ error: 'forbidden_origin' });
    const opaque = await sendJson(
      'POST',
      `${app.url}/api/runs`,
      { graph: slowConsumerGraph },
      { origin: 'null' },
    );
    expect(opaque.status).toBe(403);
    const same = await sendJson('POST', `${app.url}/api/graphs`, slowConsumerGraph, { origin: app.url });
    expect(same.status).toBe(201);
    expect((await sendJson('POST', `${app.url}/api/graphs`, slowConsumerGraph)).status).toBe(201);
    const read = await fetch(`${app.url}/api/health`, { headers: { origin: 'https://evil.example' } });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets a listed origin write, with CORS headers and preflight', async () => {
    app = await startTestApp({}, { allowedOrigins: [FRIEND] });
    const res = await sendJson('POST', `${app.url}/api/graphs`, slowConsumerGraph, { origin: FRIEND });
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe(FRIEND);
    const preflight = await fetch(`${app.url}/api/graphs/x`, {
      method: 'OPTIONS',
      headers: { origin: FRIEND, 'access-control-request-method': 'PUT' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
  });

  it('refuses a socket.io connection from a foreign origin, accepts its own and listed ones', async () => {
    app = await startTestApp({}, { allowedOrigins: [FRIEND] });
    await expect(app.connect({ origin: 'https://evil.example' })).rejects.toThrow();
    await expect(app.connect({ origin: app.url })).resolves.toBeDefined();
    await expect(app.connect({ origin: FRIEND })).resolves.toBeDefined();
  });
});
