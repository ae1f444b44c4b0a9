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

/** Opens the graph at 1440×900, runs it until e1 is full, zooms out below `below`: the layer, painting. */
async function runZoomedOut(page: Page, below: number) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openWithGraph(page, graph);
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('edge-label-e1')).toHaveAttribute('data-fill', 'red');
  while ((await zoomOf(page)) >= below) {
    await page.getByTestId('zoom-out-button').click();
    await page.waitForTimeout(200);
  }
  const layer = page.getByTestId('overview-layer');
  await expect(layer).toHaveAttribute('data-seq', /^\d+$/);
  return layer;
}

test('zoomed out, the overview layer paints the live fill of each queue and the state of each node', async ({
  page,
}) => {
  // A run and a dozen zoom steps; the headroom is for a busy two-core machine.
  test.setTimeout(240_000);
  const layer = await runZoomedOut(page, 0.4);
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

test('in overview the cards and edges paint nothing in the DOM, the layer draws them, and they still take clicks', async ({
  page,
}) => {
  test.setTimeout(240_000);
  // Past the overview threshold (0.25): titles go, and the layer paints outlines, stripes, edges.
  await runZoomedOut(page, 0.22);
  const card = page.getByTestId('node-slow');
  await expect(card).toHaveClass(/is-overview/);
  // The DOM card paints no outline or stripe, and the edge path is not painted at all.
  const looks = await page.evaluate(`(() => {
    const el = document.querySelector('[data-testid="node-slow"]');
    return { border: getComputedStyle(el).borderTopColor, stripe: getComputedStyle(el, '::before').visibility };
  })()`);
  expect(looks).toEqual({ border: 'rgba(0, 0, 0, 0)', stripe: 'hidden' });
  const path = page.locator('[data-testid="rf__edge-e2"] path.sl-edge');
  await expect(path).toHaveCSS('visibility', 'hidden');
  // The layer draws them instead: slow's stripe in the transform colour (#a78bfa) at its top edge.
  const zoom = await zoomOf(page);
  const box = await card.boundingBox();
  if (!box) throw new Error('no card box');
  await expect
    .poll(
      async () => {
        const [r, g, b] = await pixelAt(page, box.x + box.width / 2, box.y + 1.5 * zoom);
        return Math.abs(r! - 0xa7) < 40 && Math.abs(g! - 0x8b) < 40 && b! > 200;
      },
      { message: "slow's category stripe is painted by the layer" },
    )
    .toBe(true);
  // Clicks still reach the transparent card and the hidden edge (its wide interaction path).
  await card.click({ position: { x: box.width / 2, y: box.height / 2 } });
  await expect(page.locator('.react-flow__node[data-id="slow"]')).toHaveClass(/selected/);
  const hit = await page
    .locator('[data-testid="rf__edge-e2"] path.react-flow__edge-interaction')
    .boundingBox();
  if (!hit) throw new Error('no edge box');
  // A quarter along the edge, clear of its gauge in the middle.
  await page.mouse.click(hit.x + hit.width * 0.25, hit.y + hit.height / 2);
  await expect(page.locator('[data-testid="rf__edge-e2"]')).toHaveClass(/selected/);
  await page.screenshot({ path: `${SHOTS}/overview-layer-outlines.png` });
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'stopped');
});
