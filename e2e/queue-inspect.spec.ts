import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { fitView, openWithGraph, SHOT_SIZES, SHOTS } from './editor-helpers.js';

/*
 * Inside a queue (issue 20): List queue and Empty queue from the edge inspector while running, a
 * tap on a wire filling the Taps tab, the run's CSV from the Charts tab. Shot at 1280 × 720, 1440 × 900 and a phone (SHOTS_DIR).
 */

//   src (2,000/s) ──q [300, block, expire 400 ms]──▶ work (2 ms) ──out-q──▶ out
const GRAPH = {
  schemaVersion: 1,
  name: 'queue inspect',
  nodes: [
    { id: 'src', kind: 'generator', position: { x: 0, y: 0 }, params: { rate: 2000 } },
    { id: 'work', kind: 'worker', position: { x: 420, y: 0 }, params: { serviceTimeMs: 2 } },
    { id: 'out', kind: 'counter', position: { x: 840, y: 0 }, params: {} },
  ],
  edges: [
    { id: 'q', source: 'src', target: 'work', capacity: 300, overflow: 'block', expireMs: 400 },
    { id: 'out-q', source: 'work', target: 'out', capacity: 64, overflow: 'block' },
  ],
};

test.use({ viewport: { width: 1280, height: 720 } });

/** Screenshots are slow on a loaded machine with a running graph: each state at the sizes that matter for it. */
async function shootAll(
  page: Page,
  name: string,
  sizes: ReadonlyArray<(typeof SHOT_SIZES)[number]> = SHOT_SIZES,
) {
  for (const s of sizes) {
    await page.setViewportSize({ width: s.width, height: s.height });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}/${name}-${s.name}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test('list, empty and tap a queue while running; expired items shown like drops', async ({ page }) => {
  test.setTimeout(420_000);
  await openWithGraph(page, GRAPH);
  await fitView(page);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  // The queue fills (300 at 500/s is 600 ms of waiting: past expireMs 400, items expire at the head).
  await expect(page.getByTestId('edge-expired-q')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('status-bar')).toContainText(/expired [\d,]+/);

  // List queue
  await page.getByTestId('edge-label-q').click();
  await expect(page.getByTestId('inspector')).toContainText('Expire after');
  await expect(page.getByTestId('param-expireMs')).toHaveValue('400');
  await page.getByTestId('queue-list-toggle').click();
  const rows = page.getByTestId('queue-list-row');
  await expect(rows).toHaveCount(200, { timeout: 10_000 }); // first and last 100 of ~300
  await expect(page.getByTestId('queue-list')).toContainText(/… [\d,]+ more …/);
  await expect(page.getByTestId('queue-list-depth')).toContainText(/\d+ waiting/);
  await expect(rows.first().locator('td').first()).toHaveText('1');
  await page.getByTestId('queue-list-refresh').click();
  await page.getByTestId('queue-list').scrollIntoViewIfNeeded();
  await shootAll(page, 'queue-list', SHOT_SIZES.slice(0, 2));

  // Empty queue, with a confirm
  await page.getByTestId('queue-empty').click();
  await expect(page.getByTestId('queue-empty-confirm')).toBeVisible();
  await shootAll(page, 'queue-empty-confirm', SHOT_SIZES.slice(0, 1));
  await page.getByTestId('queue-empty-confirm').click();
  await expect(page.getByTestId('queue-tools-note')).toContainText(/Removed [\d,]+ items/);
  await expect(page.getByTestId('edge-emptied-q')).toBeVisible();
  await expect(page.getByTestId('status-bar')).toContainText(/emptied [\d,]+/);

  // Tap the wire after the worker
  await page.getByTestId('edge-label-out-q').click();
  await page.getByTestId('tap-toggle').click();
  await expect(page.getByTestId('tab-taps')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('tap-chip-out-q')).toBeVisible();
  await expect(page.getByTestId('tap-row').first()).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('tap-row').first()).toContainText('out-q');
  await expect(page.getByTestId('tap-row').first()).toContainText('"id"');
  await expect(page.getByTestId('tap-toggle')).toHaveText('Untap');
  await shootAll(page, 'queue-tap', [SHOT_SIZES[0], SHOT_SIZES[2]]);
  await page.getByTestId('tap-toggle').click();
  await expect(page.getByTestId('tap-chip-out-q')).toHaveCount(0);
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'stopped');

  // CSV of the whole run from the Charts tab: the header, then rows per queue and node per frame.
  await page.getByTestId('tab-charts').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('chart-csv').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^run-.+\.csv$/);
  const text = readFileSync((await download.path())!, 'utf8');
  const lines = text.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^t,kind,id,depth,capacity,inRate,outRate,dropped,expired,emptied,/);
  const ids = new Set(lines.slice(1).map((l) => l.split(',').slice(1, 3).join(' ')));
  expect([...ids].sort()).toEqual(['edge out-q', 'edge q', 'node out', 'node src', 'node work']);
  expect(lines.length).toBeGreaterThan(5 * 20);
});
