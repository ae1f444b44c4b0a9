import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { slowConsumerGraph, startTestApp, type TestApp } from './test-helpers/start-app.js';

/**
 * DNS rebinding: a page on evil.example re-points its name at 127.0.0.1. Its requests are then
 * "same-origin" (Origin http://evil.example:PORT, Host evil.example:PORT) — only the Host
 * allow-list tells them apart. fetch() cannot set Host, so these go through node:http.
 */
let app: TestApp;
afterEach(async () => {
  await app.close();
});

const port = () => new URL(app.url).port;

function request(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port: port(),
        method,
        path,
        headers: { ...(data ? { 'content-type': 'application/json' } : {}), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : {} }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

describe('a Host header this server is not is refused (DNS rebinding)', () => {
  it('refuses reads and writes for a rebound name with 403 forbidden_host, even when Origin matches it', async () => {
    // ARRANGE
    app = await startTestApp();
    const evil = `evil.example:${port()}`;
    // ACT
    const write = await request(
      'POST',
      '/api/graphs',
      { host: evil, origin: `http://${evil}` },
      slowConsumerGraph,
    );
    const read = await request('GET', '/api/graphs', { host: evil });
    const metrics = await request('GET', '/metrics', { host: evil });
    // ASSERT
    expect(write).toMatchObject({ status: 403, body: { error: 'forbidden_host' } });
    expect(read).toMatchObject({ status: 403, body: { error: 'forbidden_host' } });
    expect(metrics.status).toBe(403);
  });

  it('answers its own names on its own port', async () => {
    app = await startTestApp();
    for (const name of ['localhost', '127.0.0.1', '[::1]']) {
      const host = `${name}:${port()}`;
      expect((await request('GET', '/api/health', { host })).status, host).toBe(200);
      const write = await request(
        'POST',
        '/api/graphs',
        { host, origin: `http://${host}` },
        slowConsumerGraph,
      );
      expect(write.status, host).toBe(201);
    }
    expect((await request('GET', '/api/health', { host: '127.0.0.1:1' })).status).toBe(403);
  });

  it('answers the hosts of SLUICE_ALLOWED_ORIGINS and SLUICE_ALLOWED_HOSTS', async () => {
    app = await startTestApp(
      {},
      { allowedOrigins: ['https://sluice.example.org'], allowedHosts: ['box.lan'] },
    );
    expect((await request('GET', '/api/health', { host: 'sluice.example.org' })).status).toBe(200);
    expect((await request('GET', '/api/health', { host: `box.lan:${port()}` })).status).toBe(200);
    expect((await request('GET', '/api/health', { host: 'other.lan' })).status).toBe(403);
  });

  it('refuses a socket.io connection for a rebound name, accepts its own', async () => {
    app = await startTestApp();
    const evil = `evil.example:${port()}`;
    await expect(app.connect({ host: evil, origin: `http://${evil}` })).rejects.toThrow();
    await expect(app.connect({ host: evil })).rejects.toThrow();
    await expect(
      app.connect({ host: `localhost:${port()}`, origin: `http://localhost:${port()}` }),
    ).resolves.toBeDefined();
  });
});
