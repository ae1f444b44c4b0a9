import { expect, type Page, test } from '@playwright/test';
import { edge, fitView, node, openWithGraph, SHOTS, selectNode } from './editor-helpers.js';

/*
 * Issue 20, the canvas: node labels (on the node, in the inspector and the bottleneck sentence),
 * the context menus of nodes, queues and the empty canvas, inserting a node into a queue by
 * dropping it there, and align / distribute. Shots at 1280 × 720, 1440 × 900 and a phone (to
 * SHOTS_DIR, default e2e/screenshots).
 */

test.use({ viewport: { width: 1280, height: 720 } });

//   src (2,000/s) ──e1 [64]──▶ work (2 ms: 500/s) ──e2──▶ out
const slowConsumer = {
  schemaVersion: 1,
  name: 'labels',
  nodes: [
    node('src', 'generator', 0, 0, { rate: 2000 }),
    node('work', 'worker', 320, 0, { serviceTimeMs: 2 }),
    node('out', 'counter', 640, 0),
  ],
  edges: [edge('e1', 'src', 'work'), edge('e2', 'work', 'out')],
};

async function rightClick(page: Page, testId: string) {
  await page.getByTestId(testId).locator('.sl-node__header').click({ button: 'right' });
}

test('rename from the context menu: the label shows on the node, in the inspector and in the bottleneck sentence', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openWithGraph(page, slowConsumer);
  await fitView(page);
  await rightClick(page, 'node-work');
  const menu = page.getByTestId('node-menu');
  await expect(menu).toBeVisible();
  await expect(menu.getByTestId('node-menu-follow-next')).toBeVisible();
  await menu.getByTestId('node-menu-rename').click();
  await expect(menu).toHaveCount(0);
  const field = page.getByTestId('field-label');
  await expect(field).toBeFocused();
  await field.fill('Slow DB');
  const shown = page.getByTestId('node-work');
  await expect(shown.locator('.sl-node__title')).toHaveText('Slow DB');
  await expect(shown.locator('.sl-node__id')).toHaveText('work');
  await expect(page.getByTestId('inspector')).toContainText('Slow DB');

  await page.keyboard.press('Escape');
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 300 } });
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('bottleneck-banner')).toContainText('Slow DB (work) is the bottleneck', {
    timeout: 15_000,
  });
  await page.screenshot({ path: `${SHOTS}/canvas-label-bottleneck-1280.png` });
});

test('context menus: Escape closes; duplicate and delete a node; disconnect a queue; align from the pane', async ({
  page,
}) => {
  await openWithGraph(page, slowConsumer);
  await fitView(page);
  // Escape closes, and the first item has the keyboard.
  await rightClick(page, 'node-out');
  await expect(page.getByTestId('node-menu-rename')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('node-menu-duplicate')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('node-menu')).toHaveCount(0);

  await rightClick(page, 'node-out');
  await page.getByTestId('node-menu-duplicate').click();
  await expect(page.getByTestId('node-counter-1')).toBeVisible();
  await rightClick(page, 'node-counter-1');
  await page.getByTestId('node-menu-delete').click();
  await expect(page.getByTestId('node-counter-1')).toHaveCount(0);

  // A queue's menu: disconnect removes it.
  await page.getByTestId('edge-label-e2').click({ button: 'right' });
  await expect(page.getByTestId('edge-menu')).toContainText('e2: work → out');
  await page.getByTestId('edge-menu-disconnect').click();
  await expect(page.getByTestId('rf__edge-e2')).toHaveCount(0);
  await expect(page.getByTestId('rf__edge-e1')).toHaveCount(1);

  // Select all from the pane's menu, then line the nodes' tops up.
  await page.locator('.react-flow__pane').click({ button: 'right', position: { x: 30, y: 300 } });
  await page.getByTestId('pane-menu-select-all').click();
  await page.locator('.react-flow__pane').click({ button: 'right', position: { x: 30, y: 300 } });
  await expect(page.getByTestId('menu-distribute-h')).toBeEnabled();
  await page.screenshot({ path: `${SHOTS}/canvas-pane-menu-1280.png` });
  await page.keyboard.press('Escape');
});

test('align and distribute the selection from a node’s menu', async ({ page }) => {
  await openWithGraph(page, {
    schemaVersion: 1,
    name: 'align',
    nodes: [node('a', 'counter', 0, 0), node('b', 'counter', 96, 400), node('c', 'counter', 900, 160)],
    edges: [],
  });
  await fitView(page);
  await page.keyboard.press('Control+a');
  await rightClick(page, 'node-b');
  await page.getByTestId('menu-align-top').click();
  // React Flow places a node with a translate(x, y) transform on its wrapper.
  const y = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`).getAttribute('style');
  await expect
    .poll(async () => new Set([await y('a'), await y('b'), await y('c')].map((t) => t?.split(',')[1])).size)
    .toBe(1);
  await rightClick(page, 'node-b');
  await page.getByTestId('menu-distribute-h').click();
  const xs = async () =>
    Promise.all(
      ['a', 'b', 'c'].map(async (id) => Number(/translate\(([-\d.]+)px/.exec((await y(id)) ?? '')?.[1])),
    );
  // a at 0 and c at 900 stay; b moves to the middle (all three the same width).
  await expect.poll(xs).toEqual([0, 450, 900]);
});

test('dropping a node from the palette onto a queue inserts it: src → new → work, settings copied', async ({
  page,
}) => {
  await openWithGraph(page, {
    ...slowConsumer,
    edges: [edge('e1', 'src', 'work', { capacity: 500, overflow: 'drop-oldest' }), edge('e2', 'work', 'out')],
  });
  await fitView(page);
  const label = await page.getByTestId('edge-label-e1').boundingBox();
  const canvas = await page.getByTestId('canvas').boundingBox();
  if (!label || !canvas) throw new Error('not visible');
  await page.getByTestId('palette-item-map').dragTo(page.getByTestId('canvas'), {
    targetPosition: { x: label.x + label.width / 2 - canvas.x, y: label.y + label.height / 2 - canvas.y },
  });
  await expect(page.getByTestId('node-map-1')).toBeVisible();
  await expect(page.getByTestId('rf__edge-e3')).toHaveCount(1);
  // e1 now ends at the new node; e3 leaves it for work with e1's settings.
  await expect(page.getByTestId('rf__edge-e1')).toHaveAttribute('aria-label', /src to map-1/);
  await expect(page.getByTestId('rf__edge-e3')).toHaveAttribute('aria-label', /map-1 to work/);
  // The new node sits over e3's label: click it the way the label's own handler sees it.
  await page.getByTestId('edge-label-e3').dispatchEvent('click');
  await expect(page.getByTestId('inspector')).toContainText('drop');
  await expect(page.getByTestId('param-capacity')).toHaveValue('500');
  // One undo takes the whole insertion back.
  await page.keyboard.press('Escape');
  await page.getByTestId('undo-button').click();
  await expect(page.getByTestId('node-map-1')).toHaveCount(0);
  await expect(page.getByTestId('rf__edge-e1')).toHaveAttribute('aria-label', /src to work/);
});

test('dragging an unconnected node onto a queue inserts it', async ({ page }) => {
  await openWithGraph(page, {
    ...slowConsumer,
    nodes: [...slowConsumer.nodes, node('lone', 'worker', 320, 320)],
  });
  await fitView(page);
  const header = page.getByTestId('node-lone').locator('.sl-node__header');
  const from = await header.boundingBox();
  const label = await page.getByTestId('edge-label-e2').boundingBox();
  if (!from || !label) throw new Error('not visible');
  await page.mouse.move(from.x + 40, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(label.x + label.width / 2, label.y + label.height / 2, { steps: 12 });
  await page.mouse.up();
  await expect(page.getByTestId('rf__edge-e2')).toHaveAttribute('aria-label', /work to lone/);
  await expect(page.getByTestId('rf__edge-e3')).toHaveAttribute('aria-label', /lone to out/);
  await selectNode(page, 'lone');
});

test('a note: added from the canvas menu, edited on double-click, resized; kept by save and reload; read-only when shared', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await openWithGraph(page, slowConsumer);
  await fitView(page);
  await page.locator('.react-flow__pane').click({ button: 'right', position: { x: 30, y: 300 } });
  await page.getByTestId('pane-menu-add-note').click();
  const note = page.getByTestId('note-n1');
  await expect(note).toBeVisible();
  // Markdown, and markup that must stay text.
  await note.dblclick();
  const editor = page.getByTestId('note-editor-n1');
  await expect(editor).toBeFocused();
  await editor.fill('# Why it is slow\n- the **DB** takes 2 ms\n<img src=x onerror="window.pwned=1">');
  await page.keyboard.press('Escape');
  const body = page.getByTestId('note-body-n1');
  await expect(body.locator('h3')).toHaveText('Why it is slow');
  await expect(body.locator('li strong')).toHaveText('DB');
  await expect(body).toContainText('<img src=x onerror="window.pwned=1">');
  await expect(body.locator('img')).toHaveCount(0);

  // Resize by the corner grip (selected notes show it).
  await note.click();
  const wrapper = page.locator('.react-flow__node[data-id="note:n1"]');
  await fitView(page);
  const before = await wrapper.boundingBox();
  const grip = page.getByTestId('note-grip-n1');
  const g = await grip.boundingBox();
  if (!before || !g) throw new Error('not visible');
  await page.mouse.move(g.x + g.width / 2, g.y + g.height / 2);
  await page.mouse.down();
  await page.mouse.move(g.x + 120, g.y + 10, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => (await wrapper.boundingBox())?.width ?? 0).toBeGreaterThan(before.width + 60);
  for (const size of [
    { name: '1280', width: 1280, height: 720 },
    { name: '1440', width: 1440, height: 900 },
    { name: 'phone', width: 390, height: 844 },
  ]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SHOTS}/canvas-note-${size.name}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 720 });

  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('doc-status')).toHaveText('saved · r1');
  await page.getByTestId('edit-token-done').click();
  await page.reload();
  await expect(page.getByTestId('note-body-n1').locator('h3')).toHaveText('Why it is slow');
  // The stored document has the note at its new size (zoom-independent: flow units).
  const res = await page.request.get(`/api/graphs/${page.url().split('/').pop()}`);
  const stored = (await res.json()) as { graph: { notes?: { id: string; width: number; text: string }[] } };
  expect(stored.graph.notes?.[0]?.id).toBe('n1');
  expect(stored.graph.notes?.[0]?.text).toContain('# Why it is slow');
  expect(stored.graph.notes?.[0]?.width).toBeGreaterThan(300);

  // Shared: read-only, no editor on double-click, no resize handles.
  await page.getByTestId('share-button').click();
  const link = await page.getByTestId('share-link').inputValue();
  await page.keyboard.press('Escape');
  const other = await (await browser.newContext()).newPage();
  await other.addInitScript("localStorage.setItem('sluice:gallery-seen', '1')");
  await other.goto(new URL(link).pathname);
  await expect(other.getByTestId('read-only-banner')).toBeVisible();
  await other.getByTestId('note-n1').dblclick();
  await expect(other.getByTestId('note-editor-n1')).toHaveCount(0);
  await other.getByTestId('note-n1').click();
  await expect(other.locator('.react-flow__node[data-id="note:n1"] .react-flow__resize-control')).toHaveCount(
    0,
  );
});
