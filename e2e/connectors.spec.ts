import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DiscardPolicy, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { expect, type Page, test } from '@playwright/test';
import { startNats, type TestNats } from '../server/test-helpers/nats-server.js';
import { type BuiltProcess, startBuiltServer } from './built-server.js';
import { edge, fitView, node, parseCount, SHOTS } from './editor-helpers.js';

/*
 *   app.log ─▶ tail(file-tail) ─▶ parse(parse-log) ─▶ count
 *   "orders" ─▶ orders(nats-in, core) ─▶ work(2 ms) ─▶ pub(nats-out, JetStream "DONE": 100 max, discard new)
 *
 * The real connectors on a built server with SLUICE_TAIL_DIR set and a real nats-server: lines
 * appended to the file are counted; the full stream behind pub holds the graph (its queue red).
 */

let nats: TestNats;
let nc: NatsConnection;
let app: BuiltProcess & { url: string };
let tailDir: string;
let dataDir: string;

function graph(natsUrl: string, tailPath = 'app.log') {
  return {
    schemaVersion: 1,
    name: 'connectors',
    nodes: [
      node('tail', 'file-tail', 0, 0, { path: tailPath, from: 'start', pollMs: 50 }),
      node('parse', 'parse-log', 300, 0),
      node('count', 'counter', 600, 0),
      node('orders', 'nats-in', 0, 260, { url: natsUrl, subject: 'orders', bufferSize: 2_000 }),
      node('work', 'worker', 300, 260, { serviceTimeMs: 2 }),
      node('pub', 'nats-out', 600, 260, { url: natsUrl, mode: 'jetstream', subject: 'done' }),
    ],
    edges: [
      edge('e1', 'tail', 'parse'),
      edge('e2', 'parse', 'count'),
      edge('e3', 'orders', 'work'),
      edge('e4', 'work', 'pub', { capacity: 32 }),
    ],
  };
}

async function open(page: Page, doc: object) {
  const draft = JSON.stringify({ doc, meta: null, savedKey: null });
  await page.addInitScript(`localStorage.setItem('sluice:gallery-seen', '1');
    if (!sessionStorage.getItem('sluice:e2e-seeded')) {
      sessionStorage.setItem('sluice:e2e-seeded', '1');
      localStorage.setItem('sluice:draft:v2', ${JSON.stringify(draft)});
    }`);
  await page.goto(`${app.url}/`);
  await expect(page.getByTestId('node-tail')).toBeVisible();
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  nats = await startNats();
  nc = await connect({ servers: nats.url });
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name: 'DONE', subjects: ['done'], max_msgs: 100, discard: DiscardPolicy.New });
  tailDir = mkdtempSync(path.join(tmpdir(), 'sluice-e2e-tail-'));
  dataDir = mkdtempSync(path.join(tmpdir(), 'sluice-e2e-conn-'));
  writeFileSync(path.join(tailDir, 'app.log'), '');
  app = await startBuiltServer({ SLUICE_TAIL_DIR: tailDir, DATA_DIR: dataDir });
});

test.afterAll(async () => {
  await app?.stop();
  await nc?.close();
  await nats?.stop();
  for (const d of [tailDir, dataDir]) if (d) rmSync(d, { recursive: true, force: true });
});

test('the connectors’ params read sensibly in the inspector at every size', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await open(page, graph(nats.url));
  for (const id of ['orders', 'pub', 'tail']) {
    await page.getByTestId(`node-${id}`).locator('.sl-node__header').click();
    await expect(page.getByTestId('inspector')).toContainText(id);
    const first = page.getByTestId('field-url').or(page.getByTestId('field-path'));
    await first.scrollIntoViewIfNeeded();
    await expect(first).toBeInViewport();
    await page.screenshot({ path: `${SHOTS}/connectors-inspector-${id}-1280.png` });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByTestId('node-orders').locator('.sl-node__header').click();
  await page.getByTestId('field-mode').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/connectors-inspector-orders-1440.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/connectors-phone-390.png` });
});

test('lines appended to the file are counted; a full stream behind nats-out holds its queue full', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await open(page, graph(nats.url));
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');

  const lines = Array.from({ length: 40 }, (_, i) => `2024-01-01T00:00:0${i % 10}Z|INFO|line ${i}\n`).join(
    '',
  );
  appendFileSync(path.join(tailDir, 'app.log'), lines);
  await expect
    .poll(async () => parseCount((await page.getByTestId('node-processed-count').textContent()) ?? ''))
    .toBe(40);

  for (let i = 0; i < 400; i++) nc.publish('orders', JSON.stringify({ order: i }));
  await nc.flush();
  await expect(page.getByTestId('edge-label-e4')).toHaveAttribute('data-fill', 'red', { timeout: 20_000 });
  // The run console says why pub holds its items.
  await page.getByTestId('tab-console').click();
  await expect(page.getByTestId('console-lines')).toContainText('refuses more');
  await page.screenshot({ path: `${SHOTS}/connectors-running-1440.png` });
  await page.setViewportSize({ width: 1280, height: 720 });
  await fitView(page);
  await page.screenshot({ path: `${SHOTS}/connectors-running-1280.png` });
});

test('a tail path outside SLUICE_TAIL_DIR is refused at start, naming the node', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await open(page, graph(nats.url, '../secret'));
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('issues-list')).toContainText('"../secret" is outside SLUICE_TAIL_DIR');
  await expect(page.getByTestId('run-status')).not.toHaveAttribute('data-status', 'running');
  await page.screenshot({ path: `${SHOTS}/connectors-refused-path-1280.png` });
});
