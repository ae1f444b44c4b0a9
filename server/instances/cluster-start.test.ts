import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { nodeEntry } from '../test-helpers/node-entry.js';

/* The contract's start-up rule, on the real process: SLUICE_CLUSTER=1 without NATS or Postgres exits 1 naming what is missing. */
const dataDir = mkdtempSync(path.join(tmpdir(), 'sluice-cluster-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function start(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const base: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '0' };
  delete base.SLUICE_NATS_URL;
  delete base.DATABASE_URL;
  const child = spawn(process.execPath, nodeEntry('server/main.ts'), {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += String(d);
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

it('SLUICE_CLUSTER=1 without DATABASE_URL or SLUICE_NATS_URL: exit 1 naming the variable', {
  timeout: 120_000,
}, async () => {
  const [noDb, noNats] = await Promise.all([
    start({ SLUICE_CLUSTER: '1', SLUICE_NATS_URL: 'nats://127.0.0.1:1' }),
    start({ SLUICE_CLUSTER: '1', DATABASE_URL: 'postgres://127.0.0.1:1/x' }),
  ]);
  expect(noDb.code).toBe(1);
  expect(noDb.out).toContain('cannot start: SLUICE_CLUSTER=1 needs DATABASE_URL');
  expect(noNats.code).toBe(1);
  expect(noNats.out).toContain('cannot start: SLUICE_CLUSTER=1 needs SLUICE_NATS_URL');
});
