import { expect, type Page, test } from '@playwright/test';
import { edge, node, openWithGraph, SHOTS } from './editor-helpers.js';

/*
 *   src (2,000/s) ──e1 (20)──▶ slow (50 ms) ──e2──▶ out
 *
 * e1 fills to red at once and slow is busy all the time. Zoomed out past the low-detail
 * threshold the overview layer (one <canvas> under the graph) paints them: the pixel under e1's
 * gauge is red, the one at the start of slow's state bar is "busy" blue, and the layer takes
 * every new telemetry frame.
 */
const graph = {
  schemaVersion: 1,
  name: 'overview layer',
  nodes: [
    node('src', 'generator', 0, 0, { rate: 2000 }),
    node('slow', 'worker', 360, 0, { serviceTimeMs: 50 }),
    node('out', 'counter', 720, 0),
  ],
  edges: [edge('e1', 'src', 'slow', { capacity: 20 }), edge('e2', 'slow', 'out')],
};

const zoomOf = async (page: Page) =>
  Number(
    /scale\(([\d.]+)\)/.exec((await page.locator('.react-flow__viewport').getAttribute('style')) ?? '')?.[1],
  );

/** The overview layer's pixel under a page point, as [r, g, b, a] (run in the page). */
const pixelAt = (page: Page, x: number, y: number) =>
  page.evaluate(`(() => {
    const c = document.querySelector('[data-testid="overview-layer"]');
    const box = c.getBoundingClientRect();
    const k = c.width / box.width;
    return [...c.getContext('2d').getImageData(Math.round((${x} - box.left) * k), Math.round((${y} - box.top) * k), 1, 1).data];
  })()`) as Promise<number[]>;

test('zoomed out, the overview layer paints the live fill of each queue and the state of each node', async ({
  page,
}) => {
  // A run and a dozen zoom steps; the headroom is for a busy two-core machine.
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openWithGraph(page, graph);
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('edge-label-e1')).toHaveAttribute('data-fill', 'red');

  while ((await zoomOf(page)) >= 0.4) {
    await page.getByTestId('zoom-out-button').click();
    await page.waitForTimeout(200);
  }
  const layer = page.getByTestId('overview-layer');
  await expect(layer).toHaveAttribute('data-seq', /^\d+$/);
  // Low detail: the DOM gauge is a transparent click target now; its colour comes from the layer.
  const gauge = page.getByTestId('edge-label-e1');
  await expect(gauge).toHaveClass(/sl-edge-bar/);
  const g = await gauge.boundingBox();
  if (!g) throw new Error('no gauge box');
  await expect
    .poll(
      async () => {
        const [r, gr, b] = await pixelAt(page, g.x + g.width / 2, g.y + g.height / 2);
        return r! > 200 && gr! < 150 && b! < 150;
      },
      { message: "e1's gauge is painted red (full)" },
    )
    .toBe(true);

  const zoom = await zoomOf(page);
  const card = await page.getByTestId('node-slow').boundingBox();
  if (!card) throw new Error('no card box');
  // 20 flow px into the bar (it starts 11 in from the card's side, 11 + 16 up from its bottom).
  await expect
    .poll(
      async () => {
        const [r, gr, b] = await pixelAt(page, card.x + 31 * zoom, card.y + card.height - 19 * zoom);
        return b! > 200 && r! < 140 && gr! > 130;
      },
      { message: "slow's state bar starts busy blue" },
    )
    .toBe(true);

  // Every telemetry frame reaches the layer, none skipped in turns: the sequence keeps moving.
  const seq = Number(await layer.getAttribute('data-seq'));
  await expect.poll(async () => Number(await layer.getAttribute('data-seq'))).toBeGreaterThan(seq + 3);
  await page.screenshot({ path: `${SHOTS}/overview-layer.png` });

  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'stopped');
});
