import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect as netConnect, type Socket as Socket_ } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/protocol/socket-events.js';
import { DATABASE_FILE } from './store/open-database.js';
import { type ChildServer, startChildServer } from './test-helpers/child-server.js';
import { tcpOf } from './test-helpers/stall-socket.js';
import { sendJson, slowConsumerGraph } from './test-helpers/start-app.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'sluice-shutdown-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('SIGTERM', () => {
  it('stops running runs, closes the database and exits 0 within 10 s', { timeout: 60_000 }, async () => {
    const server = await startChildServer(dataDir);
    const saved = await sendJson('POST', `${server.url}/api/graphs`, slowConsumerGraph);
    expect(saved.status).toBe(201);
    const runIds: string[] = [];
    const tokens: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { body } = await sendJson('POST', `${server.url}/api/runs`, { graph: slowConsumerGraph });
      runIds.push(body.runId as string);
      tokens.push(body.runToken as string);
    }
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(server.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    const statuses: string[] = [];
    socket.on('run:status', (s) => statuses.push(`${s.runId}:${s.status}`));
    await new Promise((r) => socket.once('connect', () => r(undefined)));
    for (const [i, runId] of runIds.entries())
      await socket.emitWithAck('run:subscribe', { runId, token: tokens[i] });
    await vi.waitFor(
      async () => {
        const info = await sendJson('GET', `${server.url}/api/runs/${runIds[1]}`, undefined, {
          authorization: `Bearer ${tokens[1]}`,
        });
        expect(info.body.status).toBe('running');
      },
      { timeout: 30_000, interval: 50 },
    );
    expect(existsSync(path.join(dataDir, `${DATABASE_FILE}-wal`))).toBe(true);

    const started = performance.now();
    server.child.kill('SIGTERM');
    const { code } = await server.exited;
    const tookMs = performance.now() - started;
    socket.close();

    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(10_000);
    // Subscribers heard every run stop before the server went away.
    for (const runId of runIds) expect(statuses).toContain(`${runId}:stopped`);
    expect(server.logs.map((l) => l.msg)).toContain('stopped: runs ended, database closed');
    // A cleanly closed WAL database checkpoints and removes its -wal file; the save is in the main file.
    expect(existsSync(path.join(dataDir, `${DATABASE_FILE}-wal`))).toBe(false);
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM graphs').get()).toEqual({ n: 1 });
    db.close();
  });
});

/** A client that keeps a request open: its headers sent, its body only begun. */
function halfSentBody(url: string, path = '/api/graphs'): Promise<Socket_> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: hostname, port: Number(port) }, () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\n` +
          'Content-Length: 100000\r\n\r\n{"schemaVersion": 1, "na',
      );
      resolve(socket);
    });
    socket.on('error', reject);
  });
}

/** SIGTERM, then what a clean stop leaves behind: exit 0, the store closed (no -wal) and readable. */
async function expectCleanStop(server: ChildServer, dir: string) {
  const started = performance.now();
  server.child.kill('SIGTERM');
  const { code } = await server.exited;
  const tookMs = performance.now() - started;
  const lastLogs = JSON.stringify(server.logs.slice(-4).map((l) => [l.time, l.msg, l.err]));
  expect(code, lastLogs).toBe(0);
  expect(tookMs).toBeLessThan(10_000);
  expect(server.logs.map((l) => l.msg)).toContain('stopped: runs ended, database closed');
  expect(existsSync(path.join(dir, `${DATABASE_FILE}-wal`))).toBe(false);
  const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
  expect(db.prepare('SELECT COUNT(*) AS n FROM graphs').get()).toEqual({ n: 1 });
  db.close();
}

describe('SIGTERM with a client that holds a connection open', () => {
  it('a socket that stopped reading: exits 0 within 10 s, database closed', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sluice-shutdown-stall-'));
    try {
      const server = await startChildServer(dir);
      expect((await sendJson('POST', `${server.url}/api/graphs`, slowConsumerGraph)).status).toBe(201);
      const { body } = await sendJson('POST', `${server.url}/api/runs`, { graph: slowConsumerGraph });
      const runId = body.runId as string;
      const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(server.url, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
      });
      await new Promise((r) => socket.once('connect', () => r(undefined)));
      await socket.emitWithAck('run:subscribe', { runId, token: body.runToken as string });
      // Frozen like a suspended tab: it never reads the WebSocket close, so ws would wait 30 s for it.
      tcpOf(socket).pause();
      await expectCleanStop(server, dir);
      socket.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a request body that stops half-way: exits 0 within 10 s, database closed', {
    timeout: 60_000,
  }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sluice-shutdown-body-'));
    try {
      const server = await startChildServer(dir);
      expect((await sendJson('POST', `${server.url}/api/graphs`, slowConsumerGraph)).status).toBe(201);
      const held = await halfSentBody(server.url);
      await expectCleanStop(server, dir);
      held.destroy();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
