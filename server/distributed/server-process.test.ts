import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClusterResponse } from '../../shared/protocol/api.js';
import { HEARTBEAT_SUBJECT, type RunnerHeartbeat } from '../../shared/protocol/cluster.js';
import { startChildServer } from '../test-helpers/child-server.js';
import { startNats, type TestNats } from '../test-helpers/nats-server.js';
import { nodeEntry } from '../test-helpers/node-entry.js';

/* The real server process (server/main.ts) with SLUICE_NATS_URL: it joins, lists runners, and leaves cleanly. */
const dataDir = mkdtempSync(path.join(tmpdir(), 'sluice-nats-server-'));
let nats: TestNats;
beforeAll(async () => {
  nats = await startNats();
});
afterAll(async () => {
  await nats?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the server process with SLUICE_NATS_URL', () => {
  it('connects, lists a runner it hears in GET /api/cluster, and exits 0 on SIGTERM', {
    timeout: 90_000,
  }, async () => {
    const server = await startChildServer(dataDir, { SLUICE_NATS_URL: nats.url });
    const nc = await connect({ servers: nats.url });
    try {
      expect(server.logs.some((l) => l.msg === 'distributed mode: connected to NATS')).toBe(true);
      const hb: RunnerHeartbeat = {
        id: 'far-away',
        host: 'box-c',
        slots: 2,
        parts: [],
        startedAt: Date.now(),
        at: Date.now(),
        version: '0.1.0',
      };
      await vi.waitFor(
        async () => {
          nc.publish(HEARTBEAT_SUBJECT, JSON.stringify(hb));
          const body = (await (await fetch(`${server.url}/api/cluster`)).json()) as ClusterResponse;
          expect(body).toMatchObject({
            mode: 'nats',
            runners: [{ id: 'far-away', host: 'box-c', slots: 2 }],
          });
        },
        { timeout: 20_000, interval: 200 },
      );
      server.child.kill('SIGTERM');
      expect(await server.exited).toEqual({ code: 0, signal: null });
    } finally {
      await nc.close();
      server.child.kill('SIGKILL');
    }
  });

  it('exits 1 naming SLUICE_NATS_URL when the NATS server cannot be reached', {
    timeout: 90_000,
  }, async () => {
    const child = spawn(process.execPath, nodeEntry('server/main.ts'), {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env, DATA_DIR: dataDir, PORT: '0', SLUICE_NATS_URL: 'nats://127.0.0.1:1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += String(d);
    });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(out).toContain('cannot start: SLUICE_NATS_URL: cannot connect to NATS at nats://127.0.0.1:1');
  });
});
