import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { edge, node, openWithGraph, parseRate, SHOTS, selectNode } from './editor-helpers.js';

/*
 *   feed (200/s) ──e1 [16]──▶ view (browser sink: takes only what it is granted)
 *   logs (50/s)  ──e2──────▶ log (log sink: sampled lines to the console)
 *                 └─e3──────▶ dump (file sink: JSON lines, downloadable)
 *
 * With no credits the browser sink takes nothing: e1 fills and feed is held back. Granting
 * credits lets exactly that many items through; auto keeps them flowing.
 */
const graph = {
  schemaVersion: 1,
  name: 'you are the consumer',
  nodes: [
    node('feed', 'generator', 0, 0, { rate: 200 }),
    node('view', 'browser', 360, 0),
    node('logs', 'generator', 0, 240, { rate: 50 }),
    node('log', 'log', 360, 240, { format: '{key} = {value}', maxLinesPerSecond: 20 }),
    node('dump', 'file', 360, 480),
  ],
  edges: [
    edge('e1', 'feed', 'view', { capacity: 16 }),
    edge('e2', 'logs', 'log'),
    edge('e3', 'logs', 'dump'),
  ],
};

test('browser sink credits: the user is the slow consumer; log sink lines reach the console', async ({
  page,
}) => {
  await openWithGraph(page, graph);
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');

  // The Items tab opens by itself; no credits yet, so the queue fills and the source waits.
  await expect(page.getByTestId('credit-outstanding')).toHaveText('0 credits open');
  await expect(page.getByTestId('edge-label-e1')).toHaveAttribute('data-fill', 'red', { timeout: 10_000 });
  await expect
    .poll(async () => parseRate((await page.getByTestId('node-outrate-feed').textContent()) ?? ''))
    .toBeLessThan(20);
  await expect(page.getByTestId('items-received')).toHaveText('0 received');

  // Grant 10: exactly ten items arrive.
  await page.getByTestId('grant-10').click();
  await expect(page.getByTestId('items-received')).toHaveText('10 received');
  await expect(page.getByTestId('items-view').locator('tbody tr')).toHaveCount(10);
  await expect(page.getByTestId('credit-outstanding')).toHaveText('0 credits open');
  await page.getByTestId('grant-1').click();
  await expect(page.getByTestId('items-received')).toHaveText('11 received');
  await page.screenshot({ path: `${SHOTS}/sinks-browser-credits.png` });

  // Auto: the sink keeps up, the queue drains and the source runs at its rate (auto's window
  // grows to a second of the rate, so a browser that answers late still keeps up).
  await page.getByTestId('credit-auto').check();
  await expect
    .poll(async () => parseRate((await page.getByTestId('node-outrate-feed').textContent()) ?? ''), {
      timeout: 10_000,
    })
    .toBeGreaterThan(120);
  await expect(page.getByTestId('edge-label-e1')).toHaveAttribute('data-fill', 'green');

  // The log sink's sampled lines are in the console.
  await page.getByTestId('tab-console').click();
  await expect(page.getByTestId('console-lines')).toContainText(/k\d+ = \d+/);
  await page.screenshot({ path: `${SHOTS}/sinks-console.png` });

  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'stopped');

  // The file sink's output, from the inspector.
  await selectNode(page, 'dump');
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('run-endpoint').getByRole('link').click(),
  ]);
  const lines = (await readFile((await file.path()) ?? '', 'utf8')).trim().split('\n');
  expect(lines.length).toBeGreaterThan(10);
  expect(JSON.parse(lines[0] ?? '{}')).toHaveProperty('key');
});
