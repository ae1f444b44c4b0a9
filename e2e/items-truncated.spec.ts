import { expect, test } from '@playwright/test';
import { edge, node, openWithGraph, SHOTS } from './editor-helpers.js';

/*
 *   big (20/s, 64 KB payload) ──e1──▶ view (browser sink)
 *
 * The server sends the browser a preview of each item: its small fields, the payload cut to its
 * first characters, and the whole item's size, which the Items tab shows as "truncated, 64 KB".
 */
const graph = {
  schemaVersion: 1,
  name: 'big items',
  nodes: [
    node('big', 'generator', 0, 0, { rate: 20, payloadBytes: 65_536 }),
    node('view', 'browser', 360, 0),
  ],
  edges: [edge('e1', 'big', 'view')],
};

const VIEWPORTS = [
  { name: '1280x720', width: 1280, height: 720 },
  { name: '1440x900', width: 1440, height: 900 },
  { name: 'phone-390x844', width: 390, height: 844 },
];

test('Items tab marks items cut for display with their size', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openWithGraph(page, graph);
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await page.getByTestId('grant-10').click();
  await expect(page.getByTestId('items-received')).toHaveText('10 received');
  const rows = page.getByTestId('items-view').locator('tbody tr');
  await expect(rows).toHaveCount(10);
  await expect(rows.first().getByTestId('item-truncated')).toHaveText('truncated, 64 KB');
  // The preview keeps the item's own fields; the marker is not shown as one of them.
  const head = page.getByTestId('items-view').locator('thead');
  await expect(head).toContainText('payload');
  await expect(head).not.toContainText('_truncated');
  for (const vp of VIEWPORTS) {
    await page.setViewportSize({ width: vp.width, height: vp.height });
    await page.screenshot({ path: `${SHOTS}/items-truncated-${vp.name}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByTestId('stop-button').click();
});
