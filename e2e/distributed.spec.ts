import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startNats, type TestNats } from '../server/test-helpers/nats-server.js';
import { type BuiltProcess, startBuiltRunner, startBuiltServer } from './built-server.js';
import { edge, node, SHOTS, selectNode } from './editor-helpers.js';

/*
 * Distributed mode end to end: a real nats-server, the built app with SLUICE_NATS_URL, and two
 * real runner processes. Nothing is faked: the frames come from the coordinator's merge of the
 * runners' parts and the stream's own state.
 *
 *   gen (1,000/s) ──e1 [nats, capacity 200]──▶ work ×2 (20 ms each: ≈100/s together) ──e2──▶ out
 */
const RUNNERS = ['runner-a', 'runner-b'];
const graph = {
  schemaVersion: 1,
  name: 'distributed',
  nodes: [
    node('gen', 'generator', 0, 0, { rate: 1000 }),
    { ...node('work', 'worker', 420, 0, { serviceTimeMs: 20 }), replicas: 2 },
    node('out', 'counter', 840, 0),
  ],
  edges: [{ ...edge('e1', 'gen', 'work', { capacity: 200 }), transport: 'nats' }, edge('e2', 'work', 'out')],
};

let nats: TestNats;
let app: BuiltProcess & { url: string };
let runners: BuiltProcess[] = [];
let dataDir: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  nats = await startNats();
  dataDir = mkdtempSync(path.join(tmpdir(), 'sluice-e2e-dist-'));
  app = await startBuiltServer({ SLUICE_NATS_URL: nats.url, DATA_DIR: dataDir });
  runners = await Promise.all(
    RUNNERS.map((id) => startBuiltRunner({ SLUICE_NATS_URL: nats.url, SLUICE_RUNNER_ID: id })),
  );
});

test.afterAll(async () => {
  await Promise.all(runners.map((r) => r.stop()));
  await app?.stop();
  await nats?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('a broker edge fills in front of a worker ×2 whose replicas run on two runners', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const draft = JSON.stringify({ doc: graph, meta: null, savedKey: null });
  await page.addInitScript(`localStorage.setItem('sluice:gallery-seen', '1');
    if (!sessionStorage.getItem('sluice:e2e-seeded')) {
      sessionStorage.setItem('sluice:e2e-seeded', '1');
      localStorage.setItem('sluice:draft:v2', ${JSON.stringify(draft)});
    }`);
  await page.goto(`${app.url}/`);

  // Before the run: drawn from the document alone.
  const e1 = page.getByTestId('edge-label-e1');
  await expect(e1).toHaveAttribute('data-transport', 'nats');
  await expect(page.getByTestId('edge-nats-e1')).toBeVisible();
  await expect(page.locator('.sl-broker-track')).toHaveCount(2); // e2 leaves a replicated node: nats too
  await expect(page.getByTestId('replicas-work')).toHaveText('×2');
  // A broker edge's capacity is the stream's max_msgs: no rendezvous hint (0 is refused there).
  await e1.click();
  await expect(page.getByTestId('capacity-hint')).toHaveText(/max_msgs.*cannot cross a broker/);

  // The Cluster panel lists both runners the server hears.
  await page.getByTestId('file-menu').click();
  await page.getByTestId('menu-cluster').click();
  await expect(page.getByTestId('cluster-mode')).toHaveAttribute('data-mode', 'nats');
  const rows = page.getByTestId('cluster-runner');
  await expect(rows).toHaveCount(2);
  expect((await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-runner')))).sort()).toEqual(
    RUNNERS,
  );
  await page.keyboard.press('Escape');

  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running', { timeout: 30_000 });

  // The stream in front of the slow replicas fills: depth read from the gauge, `depth/200`.
  await expect
    .poll(
      async () =>
        Number(
          /^([\d,]+)\//
            .exec(((await e1.locator('.sl-edge-label__text').textContent()) ?? '').trim())?.[1]
            ?.replace(/,/g, '') ?? 0,
        ),
      {
        timeout: 30_000,
      },
    )
    .toBeGreaterThan(0);
  await expect(e1).toHaveAttribute('data-transport', 'nats');

  // The Cluster panel says which runner runs which part of this run (before: a tooltip only).
  await page.getByTestId('file-menu').click();
  await page.getByTestId('menu-cluster').click();
  const parts = page.getByTestId('cluster-runner-parts');
  await expect(parts.filter({ hasText: 'work#0' })).toHaveCount(1);
  await expect(parts.filter({ hasText: 'work#1' })).toHaveCount(1);
  await expect(parts.filter({ hasText: 'main' })).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS}/cluster-parts.png` });
  await page.keyboard.press('Escape');

  // The inspector breaks the worker down by replica: one on each runner.
  await selectNode(page, 'work');
  const replicas = page.getByTestId('replica-row');
  await expect(replicas).toHaveCount(2, { timeout: 15_000 });
  expect(
    (await replicas.evaluateAll((els) => els.map((el) => el.getAttribute('data-runner')))).sort(),
  ).toEqual(RUNNERS);
  await page.screenshot({ path: `${SHOTS}/distributed-running.png` });

  // Paused, the saturated replicas are not "the bottleneck at 0/s": the banner goes.
  await expect(page.getByTestId('bottleneck-banner')).toBeVisible({ timeout: 15_000 });
  await page.getByTestId('pause-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'paused');
  await expect(page.getByTestId('bottleneck-banner')).toHaveCount(0, { timeout: 10_000 });
  await page.getByTestId('pause-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');

  // Where a node runs is fixed when the run starts: a third replica waits for the next run.
  await page.getByTestId('field-replicas').fill('3');
  await expect(page.getByTestId('replicas-work')).toHaveText('×3');
  await expect(page.getByTestId('held-work')).toHaveText(/restart/i);
  await expect(replicas).toHaveCount(2);

  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', /stopped|completed/, {
    timeout: 30_000,
  });
});
