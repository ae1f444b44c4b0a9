import { expect, type Page, test } from '@playwright/test';
import { edge, node, openWithGraph, SHOTS, selectNode } from './editor-helpers.js';

/*
 *   src (300/s) ──e1──▶ work (1 ms) ──e2──▶ out
 *
 * While it runs, e2 is deleted and a counter added: a run cannot take either live, so the canvas
 * says they wait for the next run and keeps drawing e2 (with its live numbers) as what runs.
 * Apply restarts the run with the canvas's graph (once it can start); then nothing waits.
 */
const graph = {
  schemaVersion: 1,
  name: 'held edits',
  nodes: [
    node('src', 'generator', 0, 0, { rate: 300 }),
    node('work', 'worker', 360, 0, { serviceTimeMs: 1 }),
    node('out', 'counter', 720, 0),
  ],
  edges: [edge('e1', 'src', 'work'), edge('e2', 'work', 'out')],
};

/** The ids of nodes not drawn whole inside the canvas, or under its toolbar or banners (run in the page). */
const OUT_OF_VIEW = `(() => {
  const box = (el) => el.getBoundingClientRect();
  const canvas = box(document.querySelector('[data-testid="canvas"]'));
  const overlays = [...document.querySelectorAll('.canvas-toolbar, .canvas-banner')].map(box);
  const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  return [...document.querySelectorAll('.react-flow__node')]
    .filter((n) => {
      const r = box(n);
      const inside =
        r.left >= canvas.left && r.right <= canvas.right && r.top >= canvas.top && r.bottom <= canvas.bottom;
      return !inside || overlays.some((o) => hit(r, o));
    })
    .map((n) => n.getAttribute('data-id'));
})()`;

/** Every node drawn whole inside the canvas and clear of its toolbar and banners. */
async function expectWholeGraphInView(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(OUT_OF_VIEW), { message: 'nodes out of view or under an overlay' })
    .toEqual([]);
}

test('structural edits while running wait for the next run, and the canvas keeps drawing what runs', async ({
  page,
}) => {
  // Two runs and a restart; the headroom is for a busy two-core machine.
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openWithGraph(page, graph);
  await page.getByTestId('run-button').click();
  const status = page.getByTestId('run-status');
  await expect(status).toHaveAttribute('data-status', 'running');
  const e2 = page.getByTestId('edge-label-e2');
  await expect(e2).not.toHaveAttribute('data-fill', 'none');
  const runId = page.locator('.status-bar__run');
  const firstRun = (await runId.textContent()) ?? '';

  // Delete the running edge e2.
  await e2.click();
  await expect(page.getByTestId('inspector')).toContainText('e2');
  await page.keyboard.press('Delete');
  const banner = page.getByTestId('held-banner');
  await expect(banner).toContainText('1 change waits for the next run');
  await expect(banner).toContainText('1 edge removed');
  // Still drawn, marked as deleted, and its gauge still moves with the run's frames.
  await expect(e2).toBeVisible();
  await expect(e2).toHaveAttribute('data-held', 'removed');
  await expect(page.locator('.react-flow__edge[data-id="e2"]')).toHaveCount(1);
  await expect(e2).not.toHaveAttribute('data-fill', 'none');

  // Add a node: it is drawn as not running yet.
  await page.getByTestId('palette-item-counter').click();
  await expect(banner).toContainText('2 changes wait for the next run');
  await expect(banner).toContainText('1 node added · 1 edge removed');
  await expect(page.getByTestId('held-counter-1')).toHaveText('next run');
  // The held graph is wider than the one framed: it is framed again, the source not cut off.
  await expectWholeGraphInView(page);

  // A reload re-attaches to the run and shows the same held edits (the draft keeps its run).
  await expect
    .poll(() => page.evaluate("localStorage.getItem('sluice:draft:v2')?.includes('counter-1')"))
    .toBe(true);
  await page.reload();
  await expect(status).toHaveAttribute('data-status', 'running', { timeout: 15_000 });
  await expect(runId).toHaveText(firstRun);
  await expect(banner).toContainText('1 node added · 1 edge removed');
  await expect(e2).toHaveAttribute('data-held', 'removed');
  await expect(page.getByTestId('held-counter-1')).toHaveText('next run');
  await expectWholeGraphInView(page);
  // Neither counter has an input now: the canvas's graph could not start, so Apply says why.
  await expect(page.getByTestId('held-apply')).toBeDisabled();
  await expect(page.getByTestId('held-apply')).toHaveAttribute('title', /not connected/);
  await page.keyboard.press('Escape');
  await page.screenshot({ path: `${SHOTS}/held-edits-notice.png` });
  // The same at a laptop's 1280 × 720 and on a phone: look at them.
  for (const [w, h] of [
    [1280, 720],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await expect(banner).toBeVisible();
    // While edits are held the canvas keeps the held graph framed as it changes size.
    await expectWholeGraphInView(page);
    await page.screenshot({ path: `${SHOTS}/held-edits-notice-${w}.png` });
  }
  await page.setViewportSize({ width: 1440, height: 900 });

  // Discard brings back the running structure; undo brings the edits back again.
  await page.getByTestId('held-discard').click();
  await expect(banner).toHaveCount(0);
  await expect(e2).not.toHaveAttribute('data-held');
  await expect(page.getByTestId('node-counter-1')).toHaveCount(0);
  await page.getByTestId('undo-button').click();
  await expect(banner).toContainText('2 changes wait for the next run');
  // Delete both unconnected counters: what is left (src → work) can run.
  for (const id of ['counter-1', 'out']) {
    await selectNode(page, id);
    await page.keyboard.press('Delete');
  }
  await expect(banner).toContainText('2 changes wait for the next run');
  await expect(banner).toContainText('1 node removed · 1 edge removed');
  // The deleted counter still runs: drawn as a ghost, with the edge into it.
  await expect(page.getByTestId('held-out')).toHaveText('deleted');
  await expect(page.getByTestId('held-apply')).toBeEnabled();

  // Apply = restart: a new run of the canvas's graph; nothing waits, e2 is gone for good.
  await page.getByTestId('held-apply').click();
  await expect(banner).toHaveCount(0, { timeout: 15_000 });
  await expect(status).toHaveAttribute('data-status', 'running');
  await expect(e2).toHaveCount(0);
  await expect(page.getByTestId('node-out')).toHaveCount(0);
  await expect(runId).not.toHaveText(firstRun);
  await page.getByTestId('stop-button').click();
  await expect(status).toHaveAttribute('data-status', 'stopped');
});
