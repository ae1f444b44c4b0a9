import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startNats, type TestNats } from '../server/test-helpers/nats-server.js';
import { startPostgres, type TestPostgres } from '../server/test-helpers/postgres.js';
import { type BuiltProcess, startBuiltRunner, startBuiltServer } from './built-server.js';
import { edge, node, parseRate, SHOTS } from './editor-helpers.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

/*
 * Issue 19's promise to a browser: a watch page reaches instance A through a load balancer (a
 * TCP relay); A coordinates the run and is SIGKILLed. The relay sends the reconnect to instance B,
 * the page subscribes again there and — once B knows A is dead — shows the run failed with the
 * reason, instead of a frozen "running".
 *
 *   src (1,000/s) ──e1──▶ work (2 ms) ──e2──▶ out      (on a runner: every run does, in a cluster)
 */
const graph = {
  schemaVersion: 1,
  name: 'instance death',
  nodes: [
    node('src', 'generator', 0, 0, { rate: 1000 }),
    node('work', 'worker', 360, 0, { serviceTimeMs: 2 }),
    node('out', 'counter', 720, 0),
  ],
  edges: [edge('e1', 'src', 'work'), edge('e2', 'work', 'out')],
};

let nats: TestNats;
let pg: TestPostgres;
let dataDir: string;
let runner: BuiltProcess;
let a: BuiltProcess & { url: string };
let b: BuiltProcess & { url: string };
let proxy: TcpProxy;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dataDir = mkdtempSync(path.join(tmpdir(), 'sluice-e2e-instances-'));
  [nats, pg] = await Promise.all([startNats(), startPostgres()]);
  const databaseUrl = await pg.database();
  runner = await startBuiltRunner({ SLUICE_NATS_URL: nats.url, DATA_DIR: path.join(dataDir, 'runner') });
  const instance = (name: string) =>
    startBuiltServer({
      SLUICE_CLUSTER: '1',
      SLUICE_INSTANCE_ID: name,
      SLUICE_NATS_URL: nats.url,
      DATABASE_URL: databaseUrl,
      DATA_DIR: path.join(dataDir, name),
      SLUICE_ALLOWED_HOSTS: '127.0.0.1',
    });
  a = await instance('instance-a');
  b = await instance('instance-b');
  proxy = await startTcpProxy(Number(a.ready.port));
});

test.afterAll(async () => {
  await proxy?.close();
  await Promise.all([a?.stop(), b?.stop()]);
  await runner?.stop();
  await pg?.stop();
  await nats?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('the instance coordinating a watched run dies: the page reconnects to another and shows the run failed', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  const res = await fetch(`${a.url}/api/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ graph, keepRunning: true }),
  });
  expect(res.status).toBe(201);
  const run = (await res.json()) as { runId: string; watchToken: string };

  await page.addInitScript(`localStorage.setItem('sluice:gallery-seen', '1');`);
  await page.goto(`${proxy.url}/watch/${run.runId}#${run.watchToken}`);
  await expect(page.getByTestId('watch-banner')).toHaveAttribute('data-state', 'live', { timeout: 60_000 });
  await expect
    .poll(async () => parseRate((await page.getByTestId('node-outrate-work').textContent()) ?? ''), {
      timeout: 60_000,
    })
    .toBeGreaterThan(100);

  // The load balancer now sends everything to B; A dies without a word.
  proxy.hold();
  a.child.kill('SIGKILL');
  proxy.cut();
  await expect(page.getByTestId('reconnect-banner')).toBeVisible();
  proxy.retarget(Number(b.ready.port));
  proxy.release();

  await expect(page.getByTestId('reconnect-banner')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
  await expect(page.getByTestId('run-error-banner')).toContainText('coordinated');
  await expect(page.getByTestId('watch-banner')).toHaveAttribute('data-state', 'ended');
  await page.screenshot({ path: `${SHOTS}/instance-died-1280.png` });
});
