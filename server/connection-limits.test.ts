import { connect as netConnect, type Socket } from 'node:net';
import { io as connect } from 'socket.io-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from './test-helpers/start-app.js';

let app: TestApp;
afterEach(async () => {
  await app?.close();
});

/** A raw TCP client that keeps everything the server sends it. */
function rawClient(url: string): Promise<{ socket: Socket; received: () => string; ended: Promise<void> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let data = '';
    const socket = netConnect({ host: hostname, port: Number(port) });
    const ended = new Promise<void>((r) => socket.once('close', () => r()));
    socket.on('data', (d) => {
      data += String(d);
    });
    socket.once('connect', () => resolve({ socket, received: () => data, ended }));
    socket.once('error', reject);
  });
}

const hostOf = (url: string) => new URL(url).host;

async function requestsServed(): Promise<number> {
  const { values } = await app.metrics.httpRequests.get();
  return values.reduce((sum, v) => sum + v.value, 0);
}

describe('connections per remote address', () => {
  it('refuses one past the cap with 429 (HTTP and socket.io) and takes new ones once some close', async () => {
    app = await startTestApp({ maxConnectionsPerIp: 3 });
    const held = await Promise.all([rawClient(app.url), rawClient(app.url), rawClient(app.url)]);

    // ACT: a fourth connection from the same address, with a request that would change state.
    const extra = await rawClient(app.url);
    extra.socket.write(
      `POST /api/graphs HTTP/1.1\r\nHost: ${hostOf(app.url)}\r\nContent-Type: application/json\r\n` +
        'Content-Length: 2\r\n\r\n{}',
    );
    await extra.ended;
    expect(extra.received()).toMatch(/^HTTP\/1\.1 429 Too Many Requests/);
    expect(extra.received()).toContain('"error":"too_many_connections"');
    expect(extra.received()).toContain('SLUICE_MAX_CONNECTIONS_PER_IP');
    // The refused request never reached the app.
    expect(await requestsServed()).toBe(0);

    const ws = connect(app.url, { transports: ['websocket'], forceNew: true, reconnection: false });
    const refused = await new Promise<boolean>((resolve) => {
      ws.once('connect', () => resolve(false));
      ws.once('connect_error', () => resolve(true));
    });
    ws.close();
    expect(refused).toBe(true);

    // Freed slots are taken again (once the server has seen them close).
    for (const c of held) c.socket.destroy();
    await vi.waitFor(async () => expect((await fetch(`${app.url}/api/health`)).status).toBe(200), {
      timeout: 5_000,
      interval: 50,
    });
  });
});

describe('slow requests', () => {
  it('a body that stops half-way gets 408 after requestTimeout and the connection is closed', async () => {
    app = await startTestApp({ requestTimeoutMs: 600, headersTimeoutMs: 600 });
    const c = await rawClient(app.url);
    c.socket.write(
      `POST /api/graphs HTTP/1.1\r\nHost: ${hostOf(app.url)}\r\nContent-Type: application/json\r\n` +
        'Content-Length: 1000\r\n\r\n{"schemaVersion": 1, "na',
    );
    await c.ended;
    expect(c.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
  });

  it('headers that never end get 408 too', async () => {
    app = await startTestApp({ requestTimeoutMs: 5_000, headersTimeoutMs: 600 });
    const c = await rawClient(app.url);
    c.socket.write(`GET /api/health HTTP/1.1\r\nHost: ${hostOf(app.url)}\r\nX-Slow: 1`);
    await c.ended;
    expect(c.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
  });
});
