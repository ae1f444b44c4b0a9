import { expect, test } from '@playwright/test';
import { node, openWithGraph } from './editor-helpers.js';

/*
 * A node's header with a process name and ×N keeps its id readable: the id is what the
 * bottleneck banner and the console name ("work is the bottleneck…"), and it was cut to "w…"
 * beside `workers ×4`. The process name gives way first (its full name is in the tooltip).
 */
test('a node in a named process with replicas shows its whole id', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openWithGraph(page, {
    schemaVersion: 1,
    name: 'badges',
    nodes: [{ ...node('work', 'worker', 0, 0, { serviceTimeMs: 20 }), replicas: 4, process: 'workers' }],
    edges: [],
  });
  const header = page.getByTestId('node-work').locator('.sl-node__header');
  await expect(page.getByTestId('replicas-work')).toHaveText('×4');
  await expect(page.getByTestId('process-work')).toBeVisible();
  const id = header.locator('.sl-node__id');
  await expect(id).toHaveText('work');
  // Not cut: the id's text fits its box.
  expect(await id.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  // The process badge is still there to read, at least a few characters of it.
  expect((await page.getByTestId('process-work').boundingBox())!.width).toBeGreaterThanOrEqual(24);
});
