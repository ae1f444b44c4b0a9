import { expect, type Page, test } from '@playwright/test';
import {
  edge,
  fitView,
  node,
  openEditor,
  openWithGraph,
  parseCount,
  parseRate,
  SHOTS,
} from './editor-helpers.js';

/*
 * Issue 20, visual groups, in the slow-consumer lesson:
 *
 *   +-- Intake ------------------------+
 *   | source --queue [64]--> worker    | --out--> sink
 *   +----------------------------------+
 *
 * Group two nodes, drag the frame (both move, one undo step), collapse it while the lesson runs
 * (the box shows the group's live numbers: out ≈ the worker's 500/s, the full queue inside),
 * save, and open the shared link read-only: the group is drawn collapsed, with nothing to edit.
 * Shots at 1280 × 720, 1440 × 900 and a phone (to SHOTS_DIR, default e2e/screenshots).
 */

const SIZES = [
  { name: '1280', width: 1280, height: 720 },
  { name: '1440', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

test.use({ viewport: { width: 1280, height: 720 } });

/** React Flow places a node with a translate(x, y) on its wrapper. */
async function at(page: Page, id: string): Promise<{ x: number; y: number }> {
  const style = (await page.locator(`.react-flow__node[data-id="${id}"]`).getAttribute('style')) ?? '';
  const m = /translate\(([-\d.]+)px, ?([-\d.]+)px\)/.exec(style);
  return { x: Number(m?.[1]), y: Number(m?.[2]) };
}

async function shots(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.getByTestId('fit-button').click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SHOTS}/${name}-${size.name}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test('a group: made from two nodes, dragged as one, collapsed with live numbers, saved, shared read-only', async ({
  page,
  browser,
}) => {
  // A few minutes on a loaded two-core machine (a run, three sizes of shots twice, a second browser).
  test.setTimeout(480_000);
  await openEditor(page);
  await page.getByTestId('gallery-button').click();
  await page.getByTestId('example-slow-consumer').click();
  await expect(page.getByTestId('gallery-dialog')).toHaveCount(0);
  await expect(page.getByTestId('node-worker')).toBeVisible();

  // Group source and worker with Ctrl+G, and name it.
  await page.getByTestId('node-source').locator('.sl-node__header').click();
  await page
    .getByTestId('node-worker')
    .locator('.sl-node__header')
    .click({ modifiers: ['Shift'] });
  await page.keyboard.press('Control+g');
  const frame = page.getByTestId('group-g1');
  await expect(frame).toBeVisible();
  const title = page.getByTestId('group-title-input-g1');
  await expect(title).toBeFocused();
  await title.fill('Intake');
  await title.press('Enter');
  await expect(page.getByTestId('group-title-g1')).toHaveText('Intake');
  await expect(frame).toContainText('2 nodes');

  // Drag the frame by its title bar: both nodes move by the same step; the sink stays.
  const before = {
    source: await at(page, 'source'),
    worker: await at(page, 'worker'),
    sink: await at(page, 'sink'),
  };
  const bar = await page.getByTestId('group-title-g1').boundingBox();
  if (!bar) throw new Error('frame not visible');
  await page.mouse.move(bar.x + bar.width / 2, bar.y + bar.height / 2);
  await page.mouse.down();
  await page.mouse.move(bar.x + bar.width / 2 + 40, bar.y + bar.height / 2 + 120, { steps: 12 });
  await page.mouse.up();
  await expect.poll(async () => (await at(page, 'source')).y).toBeGreaterThan(before.source.y + 32);
  const moved = { source: await at(page, 'source'), worker: await at(page, 'worker') };
  expect(moved.worker.x - before.worker.x).toBe(moved.source.x - before.source.x);
  expect(moved.worker.y - before.worker.y).toBe(moved.source.y - before.source.y);
  expect(await at(page, 'sink')).toEqual(before.sink);
  // One undo puts both back; redo moves them again.
  await page.keyboard.press('Control+z');
  await expect.poll(() => at(page, 'worker')).toEqual(before.worker);
  expect(await at(page, 'source')).toEqual(before.source);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => at(page, 'worker')).toEqual(moved.worker);
  // Inside the frame (not on its bar) the canvas answers: its menu opens there.
  const body = await frame.boundingBox();
  if (!body) throw new Error('frame not visible');
  // Its left margin, below the bar (the bottom may sit under the panels).
  await page.mouse.click(body.x + 10, body.y + 60, { button: 'right' });
  await expect(page.getByTestId('pane-menu')).toBeVisible();
  await page.keyboard.press('Escape');
  await shots(page, 'canvas-group-expanded');

  // Run, then collapse: one box in place of the two nodes, the queue to the sink on its port.
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await page.getByTestId('group-toggle-g1').click();
  const box = page.getByTestId('group-box-g1');
  await expect(box).toBeVisible();
  await expect(page.getByTestId('node-worker')).toBeHidden();
  await expect(page.getByTestId('rf__edge-out')).toHaveAttribute('aria-label', /group:g1 to sink/);
  const out = page.getByTestId('group-out-g1');
  const queued = page.getByTestId('group-queued-g1');
  // The worker's ~500/s leave the group; the full queue between source and worker is inside it.
  await expect
    .poll(async () => parseRate((await out.textContent()) ?? ''), { timeout: 20_000 })
    .toBeGreaterThan(200);
  await expect
    .poll(async () => parseCount((await queued.textContent()) ?? ''), { timeout: 20_000 })
    .toBeGreaterThan(32);
  expect(parseRate((await page.getByTestId('group-in-g1').textContent()) ?? '')).toBe(0);
  // Live: the numbers move with the frames.
  const seen = new Set<string>();
  await expect
    .poll(
      async () => {
        seen.add((await box.locator('.sl-group-box__grid').textContent()) ?? '');
        return seen.size;
      },
      { timeout: 20_000, intervals: [300] },
    )
    .toBeGreaterThan(1);
  await shots(page, 'canvas-group-collapsed-live');
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).not.toHaveAttribute('data-status', 'running');
  // Ended: the rates are averaged over the run, as the nodes show them; on the timeline's cursor
  // the box shows that moment's numbers: the recording replays the aggregate too.
  await expect(box).toContainText('avg out', { timeout: 20_000 });
  expect(parseRate((await out.textContent()) ?? '')).toBeGreaterThan(200);
  const track = await page.getByTestId('timeline-track').boundingBox();
  if (!track) throw new Error('timeline not visible');
  await page.mouse.click(track.x + track.width * 0.6, track.y + track.height / 2);
  await expect(page.getByTestId('past-banner')).toBeVisible();
  await expect(box).not.toContainText('avg out');
  await expect
    .poll(async () => parseRate((await out.textContent()) ?? ''), { timeout: 20_000 })
    .toBeGreaterThan(200);
  await expect.poll(async () => parseCount((await queued.textContent()) ?? '')).toBeGreaterThan(32);

  // Saved with the group, collapsed.
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('doc-status')).toHaveText('saved · r1');
  await page.getByTestId('edit-token-done').click();
  const slug = page.url().split('/').pop();
  const res = await page.request.get(`/api/graphs/${slug}`);
  const stored = (await res.json()) as { graph: { groups?: unknown[] } };
  expect(stored.graph.groups).toEqual([
    { id: 'g1', title: 'Intake', color: expect.any(String), nodeIds: ['source', 'worker'], collapsed: true },
  ]);

  // Shared: the box is drawn, collapsed, with nothing to edit.
  await page.getByTestId('share-button').click();
  const link = await page.getByTestId('share-link').inputValue();
  await page.keyboard.press('Escape');
  const other = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  await other.addInitScript("localStorage.setItem('sluice:gallery-seen', '1')");
  await other.goto(new URL(link).pathname);
  await expect(other.getByTestId('read-only-banner')).toBeVisible();
  const shared = other.getByTestId('group-box-g1');
  await expect(shared).toBeVisible();
  await expect(shared).toContainText('Intake');
  await expect(other.getByTestId('node-worker')).toBeHidden();
  await expect(other.getByTestId('group-toggle-g1')).toHaveCount(0);
  await expect(other.getByTestId('group-color-g1')).toHaveCount(0);
  // Nothing on it answers the pointer: no group menu, no title to retype.
  await shared.click({ button: 'right', force: true });
  await expect(other.getByTestId('group-menu')).toHaveCount(0);
  await other.getByTestId('group-title-g1').dblclick({ force: true });
  await expect(other.getByTestId('group-title-input-g1')).toHaveCount(0);
  await shots(other, 'canvas-group-shared');
});

test('a group’s menu: rename, colour, ungroup and delete; a node dragged out leaves, dropped back in joins', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openWithGraph(page, {
    schemaVersion: 1,
    name: 'groups',
    nodes: [
      node('src', 'generator', 0, 0, { rate: 100 }),
      node('work', 'worker', 320, 0),
      // Below, so the row under src stays free to drag work into.
      node('out', 'counter', 640, 320),
    ],
    edges: [edge('e1', 'src', 'work'), edge('e2', 'work', 'out')],
    groups: [{ id: 'g1', title: 'Front', color: 'teal', nodeIds: ['src', 'work'] }],
  });
  await fitView(page);
  const frame = page.getByTestId('group-g1');
  await expect(frame).toHaveAttribute('data-color', 'teal');
  const menu = async () => {
    await page.getByTestId('group-title-g1').click({ button: 'right' });
    await expect(page.getByTestId('group-menu')).toBeVisible();
  };

  await menu();
  await page.getByTestId('group-menu-rename').click();
  await page.getByTestId('group-title-input-g1').fill('Ingest');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('group-title-g1')).toHaveText('Ingest');
  await menu();
  await page.getByTestId('group-menu-colour').click();
  await page.getByTestId('group-swatch-amber').click();
  await expect(frame).toHaveAttribute('data-color', 'amber');

  // Drag work into the free row under src, clear of the frame: it leaves the group (the frame
  // shrinks to src); dropped back with its centre on the frame, it joins again.
  const card = page.getByTestId('node-work');
  const header = card.locator('.sl-node__header');
  const moveCard = async (to: { x: number; y: number }) => {
    const [c, h] = [await card.boundingBox(), await header.boundingBox()];
    if (!c || !h) throw new Error('not visible');
    await page.mouse.move(h.x + 30, h.y + h.height / 2);
    await page.mouse.down();
    await page.mouse.move(h.x + 30 + to.x - c.x, h.y + h.height / 2 + to.y - c.y, { steps: 10 });
    await page.mouse.up();
  };
  const [src, out] = [
    await page.getByTestId('node-src').boundingBox(),
    await page.getByTestId('node-out').boundingBox(),
  ];
  if (!src || !out) throw new Error('not visible');
  await moveCard({ x: src.x, y: out.y });
  await expect(frame).toContainText('1 node');
  await expect(page.getByTestId('toast').filter({ hasText: 'left “Ingest”' })).toBeVisible();
  const [c, f] = [await card.boundingBox(), await frame.boundingBox()];
  if (!c || !f) throw new Error('not visible');
  await moveCard({ x: f.x + f.width / 2 - c.width / 2, y: f.y + f.height / 2 - c.height / 2 });
  await expect(frame).toContainText('2 nodes');

  // Ungroup keeps the nodes (undo brings the frame back); delete takes the nodes too.
  await menu();
  await page.getByTestId('group-menu-ungroup').click();
  await expect(frame).toHaveCount(0);
  await expect(page.getByTestId('node-work')).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(frame).toBeVisible();
  await menu();
  await expect(page.getByTestId('group-menu-delete')).toHaveText('Delete the group and its 2 nodes');
  await page.getByTestId('group-menu-delete').click();
  await expect(frame).toHaveCount(0);
  await expect(page.getByTestId('node-work')).toHaveCount(0);
  await expect(page.getByTestId('node-src')).toHaveCount(0);
  await expect(page.getByTestId('node-out')).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('group-title-g1')).toHaveText('Ingest');
});
