import { expect, test } from '@playwright/test';
import { edge, node, openWithGraph } from './editor-helpers.js';

/*
 *   src (2,000/s) ──e1──▶ m (map) ──e2──▶ f (filter) ──e3──▶ k (counter)
 *
 * Issue 21's fast path from the editor: e1 cannot fuse (a generator with a rate keeps its queue) and says
 * why; e2 can, is switched on in the edge inspector, and once running its gauge reads "fused"
 * (the frame says so) while e1 and e3 keep their queues.
 */
const graph = {
  schemaVersion: 1,
  name: 'fast path',
  nodes: [
    node('src', 'generator', 0, 0, { rate: 2000 }),
    node('m', 'map', 300, 0, { expression: 'value * 2' }),
    node('f', 'filter', 600, 0, { expression: 'id % 2 == 0' }),
    node('k', 'counter', 900, 0),
  ],
  edges: [edge('e1', 'src', 'm'), edge('e2', 'm', 'f'), edge('e3', 'f', 'k')],
};

const SHOTS = '/tmp/shots/rtperf';
const VIEWPORTS = [
  { name: '1280x720', width: 1280, height: 720 },
  { name: '1440x900', width: 1440, height: 900 },
  { name: 'phone-390x844', width: 390, height: 844 },
];

test('fuse an edge from its inspector; the running gauge reads fused', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openWithGraph(page, graph);
  await page.getByTestId('edge-label-e1').click();
  await expect(page.getByTestId('param-fuse')).toBeDisabled();
  await expect(page.getByTestId('fuse-hint')).toContainText('"src" is a generator');
  await page.getByTestId('edge-label-e2').click();
  await expect(page.getByTestId('param-fuse')).toBeEnabled();
  await page.getByTestId('param-fuse').check();
  await expect(page.getByTestId('fuse-hint')).toContainText('one loop');
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('edge-fused-e2')).toHaveText('⇉ fused');
  await expect(page.getByTestId('edge-fused-e1')).toHaveCount(0);
  await expect(page.getByTestId('edge-fused-e3')).toHaveCount(0);
  // No queue to tune while it runs fused: the live fields wait, the switch stays for the next run.
  await expect(page.getByTestId('fused-note')).toBeVisible();
  await expect(page.getByTestId('param-capacity')).toBeDisabled();
  await expect(page.getByTestId('param-fuse')).toBeEnabled();
  for (const vp of VIEWPORTS) {
    await page.setViewportSize({ width: vp.width, height: vp.height });
    await page.waitForTimeout(300); // let the layout settle before the picture (not an assertion)
    await page.screenshot({ path: `${SHOTS}/fusion-${vp.name}.png` });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByTestId('stop-button').click();
});
