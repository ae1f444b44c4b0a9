import { expect, type Page, test } from '@playwright/test';
import { openEditor, SHOTS } from './editor-helpers.js';

/*
 * Every lesson opens framed whole beside its lesson: each node inside the canvas and clear of
 * every overlay (toolbar, banners, minimap), its title and numbers at 11 px or more on screen,
 * and no queue gauge hidden under a node. On a phone the graph is shown whole with Run and Stop
 * in reach.
 */
interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
type Example = { id: string; title: string; graph: { nodes: Array<{ id: string }> } };

const MIN_TEXT_PX = 11;

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y;
const inside = (a: Box, b: Box) =>
  a.x >= b.x - 0.5 &&
  a.y >= b.y - 0.5 &&
  a.x + a.width <= b.x + b.width + 0.5 &&
  a.y + a.height <= b.y + b.height + 0.5;

async function examples(page: Page): Promise<Example[]> {
  const res = await page.request.get('/api/examples');
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { examples: Example[] }).examples;
}

/** Waits until the canvas stops moving (the lesson's spread, then its framing). */
async function settled(page: Page): Promise<void> {
  const viewport = page.locator('.react-flow__viewport');
  let last = '';
  await expect
    .poll(
      async () => {
        const now = `${await viewport.getAttribute('style')}|${await page.locator('.react-flow__node').count()}`;
        const still = now === last;
        last = now;
        return still;
      },
      { intervals: [250] },
    )
    .toBe(true);
}

/** What the page draws, in one pass: boxes of nodes, overlays, gauges and the smallest node text. */
interface Measured {
  canvas: Box;
  overlays: Array<Box & { what: string }>;
  nodes: Array<Box & { id: string; text: number }>;
  gauges: Array<Box & { id: string }>;
}

// Runs in the page; written as text so this file needs no DOM types (as in editor-helpers.ts).
const MEASURE = `(() => {
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  };
  const canvas = document.querySelector('[data-testid="canvas"]');
  const overlays = [
    ...canvas.querySelectorAll('.canvas-toolbar, .canvas-banner, .react-flow__minimap, .react-flow__controls'),
  ].map((el) => ({ what: el.className.toString().split(' ')[0], ...box(el) }));
  const nodes = [...document.querySelectorAll('.react-flow__node')].map((el) => {
    // On-screen size: the font size times the scale the canvas draws the text at.
    const texts = [...el.querySelectorAll('.sl-node__title, .sl-metric__value')].map(
      (t) => Number.parseFloat(getComputedStyle(t).fontSize) * (t.getBoundingClientRect().height / t.offsetHeight || 0),
    );
    return { id: el.getAttribute('data-id') || '', ...box(el), text: Math.min(...texts) };
  });
  const gauges = [...document.querySelectorAll('[data-testid^="edge-label-"]')].map((el) => ({
    id: el.getAttribute('data-testid') || '',
    ...box(el),
  }));
  return { canvas: box(canvas), overlays, nodes, gauges };
})()`;

async function measure(page: Page): Promise<Measured> {
  return (await page.evaluate(MEASURE)) as Measured;
}

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
]) {
  test(`every lesson at ${viewport.width}×${viewport.height}: whole, clear of overlays, readable`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(viewport);
    await openEditor(page);
    const all = await examples(page);
    for (const example of all) {
      await test.step(example.id, async () => {
        await page.getByTestId('gallery-button').click();
        await page.getByTestId(`example-${example.id}`).click();
        await expect(page.getByTestId('lesson-panel')).toContainText(example.title);
        await expect(page.locator('.react-flow__node')).toHaveCount(example.graph.nodes.length);
        await settled(page);
        const m = await measure(page);
        const lesson = await page.getByTestId('lesson-panel').boundingBox();
        expect(lesson, 'the lesson is open').not.toBeNull();
        for (const n of m.nodes) {
          expect(inside(n, m.canvas), `${n.id} inside the canvas`).toBe(true);
          expect(overlaps(n, lesson!), `${n.id} clear of the lesson`).toBe(false);
          for (const o of m.overlays) expect(overlaps(n, o), `${n.id} clear of ${o.what}`).toBe(false);
          expect(n.text, `${n.id}: smallest title or number, px on screen`).toBeGreaterThanOrEqual(
            MIN_TEXT_PX,
          );
          for (const g of m.gauges) expect(overlaps(g, n), `${g.id} not under ${n.id}`).toBe(false);
        }
        await page.screenshot({ path: `${SHOTS}/layout-${viewport.width}-${example.id}.png` });
      });
    }
  });
}

test('a phone shows the whole graph with Run and Stop in reach', async ({ page }) => {
  test.setTimeout(180_000);
  const all = await examples(page);
  for (const id of ['slow-consumer', 'unbuffered-vs-buffered', 'log-pipeline']) {
    const example = all.find((e) => e.id === id)!;
    await test.step(id, async () => {
      const context = await page
        .context()
        .browser()!
        .newContext({ viewport: { width: 390, height: 844 } });
      const phone = await context.newPage();
      // A first visit: the gallery greets it, and the example is picked there.
      await phone.goto('/');
      await phone.getByTestId(`example-${id}`).click();
      await expect(phone.locator('.react-flow__node')).toHaveCount(example.graph.nodes.length);
      await settled(phone);
      const m = await measure(phone);
      expect(m.canvas.height).toBeGreaterThan(300);
      expect(m.canvas.width).toBeGreaterThan(300);
      for (const n of m.nodes) {
        expect(inside(n, m.canvas), `${n.id} inside the canvas`).toBe(true);
        for (const o of m.overlays) expect(overlaps(n, o), `${n.id} clear of ${o.what}`).toBe(false);
      }
      // Run and Stop: on screen, not covered, and they work.
      const run = phone.getByTestId('run-button');
      const stop = phone.getByTestId('stop-button');
      for (const b of [run, stop]) {
        const r = (await b.boundingBox())!;
        expect(r.x >= 0 && r.x + r.width <= 390 && r.y >= 0 && r.height >= 30).toBe(true);
      }
      await run.click();
      await expect(phone.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
      await expect(
        phone.locator('[data-testid^="edge-label-"][data-fill]:not([data-fill="none"])').first(),
      ).toBeVisible();
      await phone.waitForTimeout(1_000);
      await phone.screenshot({ path: `${SHOTS}/layout-390-${id}.png` });
      await stop.click();
      await expect(phone.getByTestId('run-status')).toHaveAttribute('data-status', 'stopped');
      await context.close();
    });
  }
});
