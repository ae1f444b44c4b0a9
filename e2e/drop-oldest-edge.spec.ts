import { expect, type Page, test } from '@playwright/test';
import { openWithGraph, parseRate, SHOTS } from './editor-helpers.js';

/*
 *   src (1,000/s) ──oldest [32, drop-oldest]──▶ slow (worker, 4 ms) ──▶ out
 *
 * Under drop-oldest every arrival is accepted and evicts an older item. The queue's rows must
 * add up live and after the run: ~1,000/s arriving, ~750/s (75 %) evicted.
 */
const graph = {
  schemaVersion: 1,
  name: 'drop-oldest queue',
  nodes: [
    { id: 'src', kind: 'generator', position: { x: 0, y: 0 }, params: { rate: 1000 } },
    { id: 'slow', kind: 'worker', position: { x: 400, y: 0 }, params: { serviceTimeMs: 4 } },
    { id: 'out', kind: 'counter', position: { x: 800, y: 0 }, params: {} },
  ],
  edges: [
    {
      id: 'oldest',
      source: 'src',
      sourcePort: 'out',
      target: 'slow',
      targetPort: 'in',
      capacity: 32,
      overflow: 'drop-oldest',
    },
    {
      id: 'm1',
      source: 'slow',
      sourcePort: 'out',
      target: 'out',
      targetPort: 'in',
      capacity: 64,
      overflow: 'block',
    },
  ],
};

/** The value of one row of the queue's Live section. */
async function rowValue(page: Page, label: string): Promise<string> {
  const dt = page.getByTestId('edge-live').locator('dt', { hasText: label }).first();
  return (await dt.locator('xpath=following-sibling::dd[1]').textContent()) ?? '';
}

test('a drop-oldest queue: arrivals counted once and the evicted share, live and over the run', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openWithGraph(page, graph);
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await page.getByTestId('edge-label-oldest').click();
  const live = page.getByTestId('edge-live');
  await expect(live).toContainText('Drop rate (oldest evicted)');
  await expect(live).not.toContainText('accepted + dropped');
  await expect
    .poll(async () => parseRate(await rowValue(page, 'Arriving')), { timeout: 20_000 })
    .toBeGreaterThan(800);
  await page.waitForTimeout(3_000);
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'stopped');
  await expect(live).toContainText('avg over run');
  // Over the run: about the source's 1,000/s, not in + dropped (before: 1,722/s and '(43%)').
  const arriving = parseRate(await rowValue(page, 'Arriving'));
  expect(arriving).toBeGreaterThan(600);
  expect(arriving).toBeLessThan(1_150);
  const share = /\((\d+)%\)/.exec(await rowValue(page, 'Drop rate (oldest evicted)'));
  expect(Number(share?.[1])).toBeGreaterThan(60);
  await page.screenshot({ path: `${SHOTS}/drop-oldest-edge-ended-1440.png` });
});
