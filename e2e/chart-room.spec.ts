import { expect, test } from '@playwright/test';
import { openEditor } from './editor-helpers.js';

/*
 * A lesson at 1280 × 720 shortens the bottom panel so its graph reads whole; selecting a queue
 * (what the lessons ask for) opens the inspector and narrows the centre. The charts' head stays
 * one line there, so the plots keep room to draw.
 *
 *   source ──hot [16]──▶ spill ──cold [1,000]──▶ worker ──▶ sink
 *   small-source ──small-queue [16]──▶ small-worker ──▶ small-sink
 */
test.use({ viewport: { width: 1280, height: 720 } });

test('a lesson with a queue selected at 1280 × 720: the charts head is one line', async ({ page }) => {
  await openEditor(page);
  await page.getByTestId('gallery-button').click();
  await page.getByTestId('example-two-level-buffer').click();
  await expect(page.getByTestId('lesson-panel')).toBeVisible();
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await page.getByTestId('edge-label-hot').click();
  await expect(page.getByTestId('inspector')).toContainText('hot');
  await expect(page.getByTestId('chart-subject')).toHaveText('Queue hot');
  const head = await page.locator('.charts-tab__head').boundingBox();
  expect(head!.height).toBeLessThanOrEqual(30);
  await page.screenshot({ path: '/tmp/shots/qa/chart-room-1280.png' });
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'stopped');
});
