import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/protocol/socket-events.js';
import { DATABASE_FILE } from './store/open-database.js';
import { startChildServer } from './test-helpers/child-server.js';
import { sendJson, slowConsumerGraph } from './test-helpers/start-app.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'sluice-shutdown-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('SIGTERM', () => {
  it('stops running runs, closes the database and exits 0 within 10 s', { timeout: 60_000 }, async () => {
    const server = await startChildServer(dataDir);
    const saved = await sendJson('POST', `${server.url}/api/graphs`, slowConsumerGraph);
    expect(saved.status).toBe(201);
    const runIds: string[] = [];
    for (let i = 0; i < 2; i++) {
      runIds.push(
        (await sendJson('POST', `${server.url}/api/runs`, { graph: slowConsumerGraph })).body.runId as string,
      );
    }
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(server.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    const statuses: string[] = [];
    socket.on('run:status', (s) => statuses.push(`${s.runId}:${s.status}`));
    await new Promise((r) => socket.once('connect', () => r(undefined)));
    for (const runId of runIds) await socket.emitWithAck('run:subscribe', { runId });
    await vi.waitFor(
      async () => {
        const info = await sendJson('GET', `${server.url}/api/runs/${runIds[1]}`);
        expect(info.body.status).toBe('running');
      },
      { timeout: 10_000, interval: 50 },
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
