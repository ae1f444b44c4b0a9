import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { type BuiltProcess, startBuiltServer } from './built-server.js';
import { edge, node, parseRate, SHOTS } from './editor-helpers.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

/*
 * A projector watching a student's run through a load balancer (here a TCP relay) when the
 * connection drops: the page says it is reconnecting, then its numbers go live again on their
 * own; a run that ended meanwhile shows its end; a server that restarted and lost the run says so.
 *
 *   src (1,000/s) ──e1──▶ work (2 ms: ≤ 500/s) ──e2──▶ out
 */
const graph = {
  schemaVersion: 1,
  name: 'projector',
  nodes: [
    node('src', 'generator', 0, 0, { rate: 1000 }),
    node('work', 'worker', 360, 0, { serviceTimeMs: 2 }),
    node('out', 'counter', 720, 0),
  ],
  edges: [edge('e1', 'src', 'work'), edge('e2', 'work', 'out')],
};

let server: BuiltProcess & { url: string };
let proxy: TcpProxy;
let dataDir: string;

// Its own server: the proxy's address must be an allowed host, and the last test restarts it.
const serverEnv = () => ({ DATA_DIR: dataDir, SLUICE_ALLOWED_HOSTS: '127.0.0.1' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(path.join(tmpdir(), 'sluice-e2e-reconnect-'));
  server = await startBuiltServer(serverEnv());
  proxy = await startTcpProxy(Number(server.ready.port));
});

test.afterAll(async () => {
  await proxy?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function startRun(): Promise<{ runId: string; runToken: string; watchToken: string }> {
  const res = await fetch(`${server.url}/api/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ graph, keepRunning: true }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { runId: string; runToken: string; watchToken: string };
}

const clock = (page: Page) => page.locator('.status-bar__clock').textContent();

async function watchLive(page: Page, run: { runId: string; watchToken: string }): Promise<void> {
  await page.addInitScript(`localStorage.setItem('sluice:gallery-seen', '1');`);
  await page.goto(`${proxy.url}/watch/${run.runId}#${run.watchToken}`);
  await expect(page.getByTestId('watch-banner')).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  await expect
    .poll(async () => parseRate((await page.getByTestId('node-outrate-work').textContent()) ?? ''), {
      timeout: 30_000,
    })
    .toBeGreaterThan(100);
}

test('the page says it is reconnecting, then its numbers go live again', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  const run = await startRun();
  await watchLive(page, run);
  await expect(page.getByTestId('reconnect-banner')).toHaveCount(0);

  proxy.hold();
  proxy.cut();
  const banner = page.getByTestId('reconnect-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('reconnecting');
  await expect(page.getByTestId('status-message')).toContainText('reconnecting');
  await expect(page.getByTestId('canvas')).toHaveClass(/is-offline/);
  // Nothing arrives while held: the run clock stands still at the last frame received.
  const frozen = await clock(page);
  await expect(banner).toContainText(/Lost the server [1-9]\d* s ago/);
  expect(await clock(page)).toBe(frozen);
  // Nothing over the canvas claims to be live meanwhile.
  await expect(page.getByTestId('bottleneck-banner')).toHaveCount(0);
  await expect(page.getByTestId('watch-banner')).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/reconnecting-1280.png` });

  proxy.release();
  await expect(banner).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId('canvas')).not.toHaveClass(/is-offline/);
  // Frames flow again: the run's clock moves on past where it froze, the rates are live.
  await expect.poll(() => clock(page), { timeout: 30_000 }).not.toBe(frozen);
  await expect
    .poll(async () => parseRate((await page.getByTestId('node-outrate-work').textContent()) ?? ''), {
      timeout: 30_000,
    })
    .toBeGreaterThan(100);
  await expect(page.getByTestId('watch-banner')).toHaveAttribute('data-state', 'live');
  await page.screenshot({ path: `${SHOTS}/reconnected-1280.png` });

  // The run ends while the page is away (seen on a phone): on reconnecting it shows the end, not
  // a frozen "running".
  await page.setViewportSize({ width: 390, height: 844 });
  proxy.hold();
  proxy.cut();
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(/Lost the server [1-9]\d* s ago/);
  await page.screenshot({ path: `${SHOTS}/reconnecting-phone.png` });
  const stop = await fetch(`${server.url}/api/runs/${run.runId}/stop`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${run.runToken}` },
    body: JSON.stringify({ mode: 'abort' }),
  });
  expect(stop.status).toBe(202);
  await expect
    .poll(async () => {
      const res = await fetch(`${server.url}/api/runs/${run.runId}`, {
        headers: { authorization: `Bearer ${run.runToken}` },
      });
      return ((await res.json()) as { status: string }).status;
    })
    .toBe('stopped');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  proxy.release();
  await expect(banner).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'stopped');
  await expect(page.getByTestId('watch-banner')).toHaveAttribute('data-state', 'ended');
  await page.screenshot({ path: `${SHOTS}/ended-while-away-phone.png` });
});

test('a server that restarted and lost the run: the page says so instead of waiting', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  const run = await startRun();
  await watchLive(page, run);

  proxy.hold();
  proxy.cut();
  await server.stop();
  server = await startBuiltServer(serverEnv());
  proxy.retarget(Number(server.ready.port));
  proxy.release();

  await expect(page.getByTestId('reconnect-banner')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'failed');
  await expect(page.getByTestId('run-error-banner')).toContainText('no longer knows this run');
  await page.screenshot({ path: `${SHOTS}/run-lost-1280.png` });
});

test('browser-sink credits spent while away are opened again: items flow after the reconnect', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  // src (2/s) ──▶ tap (browser sink): the page, as the run's owner, lets items through by credits.
  const sinkGraph = {
    schemaVersion: 1,
    name: 'credits',
    nodes: [node('src', 'generator', 0, 0, { rate: 2 }), node('tap', 'browser', 360, 0)],
    edges: [edge('e1', 'src', 'tap')],
  };
  const res = await fetch(`${server.url}/api/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ graph: sinkGraph, keepRunning: true }),
  });
  expect(res.status).toBe(201);
  const run = (await res.json()) as { runId: string; runToken: string };
  const delivered = async () => {
    const info = await fetch(`${server.url}/api/runs/${run.runId}`, {
      headers: { authorization: `Bearer ${run.runToken}` },
    });
    return ((await info.json()) as { totals: { delivered: number } }).totals.delivered;
  };

  await page.addInitScript(`localStorage.setItem('sluice:gallery-seen', '1');`);
  await page.goto(`${proxy.url}/watch/${run.runId}#${run.runToken}`);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running', { timeout: 30_000 });
  await page.getByTestId('tab-items').click();
  await page.getByTestId('grant-10').click();
  const received = async () =>
    Number(((await page.getByTestId('items-received').textContent()) ?? '').replace(/\D/g, ''));
  await expect.poll(received, { timeout: 30_000 }).toBeGreaterThan(0);

  // Away while the sink spends the rest of its 10 credits on items nobody receives.
  proxy.hold();
  proxy.cut();
  await expect(page.getByTestId('reconnect-banner')).toBeVisible();
  const before = await received();
  expect(before).toBeLessThan(10);
  await expect.poll(delivered, { timeout: 60_000 }).toBe(10);

  // Back: the page opens what it had granted and not received again, and items come.
  proxy.release();
  await expect(page.getByTestId('reconnect-banner')).toHaveCount(0, { timeout: 30_000 });
  await expect.poll(received, { timeout: 30_000 }).toBeGreaterThan(before);
  await expect.poll(delivered, { timeout: 30_000 }).toBeGreaterThan(10);
});
