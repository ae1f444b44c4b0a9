import { expect, type Locator, type Page, test } from '@playwright/test';
import { edge, fitView, node, openWithGraph, SHOT_SIZES, SHOTS } from './editor-helpers.js';

/*
 * Issue 20: notes are edits like any other (Ctrl+Z / Ctrl+Shift+Z undo and redo adding, writing,
 * moving, resizing, duplicating and deleting one), a note has its own menu (edit, duplicate,
 * delete), and a queue's menu taps it and follows an item into it while the graph runs. Shots at
 * 1280 × 720, 1440 × 900 and a phone (SHOTS_DIR).
 */

test.use({ viewport: { width: 1280, height: 720 } });

//   src (100/s) ──e1──▶ work (1 ms) ──e2──▶ out
const GRAPH = {
  schemaVersion: 1,
  name: 'menus',
  nodes: [
    node('src', 'generator', 0, 0, { rate: 100 }),
    node('work', 'worker', 320, 0, { serviceTimeMs: 1 }),
    node('out', 'counter', 640, 0),
  ],
  edges: [edge('e1', 'src', 'work'), edge('e2', 'work', 'out')],
};

const undo = (page: Page) => page.keyboard.press('Control+z');
const redo = (page: Page) => page.keyboard.press('Control+Shift+z');
const box = async (l: Locator) => {
  const b = await l.boundingBox();
  if (!b) throw new Error('not visible');
  return b;
};

async function shootMenu(page: Page, open: () => Promise<void>, name: string) {
  for (const s of SHOT_SIZES) {
    await page.setViewportSize({ width: s.width, height: s.height });
    await page.keyboard.press('Escape');
    await open();
    await page.screenshot({ path: `${SHOTS}/${name}-${s.name}.png` });
  }
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 1280, height: 720 });
}

test('a note: its menu edits, duplicates and deletes it; every note edit undoes and redoes', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openWithGraph(page, GRAPH);
  await fitView(page);
  const pane = page.locator('.react-flow__pane');
  await pane.click({ button: 'right', position: { x: 30, y: 300 } });
  await page.getByTestId('pane-menu-add-note').click();
  const note = page.getByTestId('note-n1');
  const wrapper = page.locator('.react-flow__node[data-id="note:n1"]');
  await expect(note).toBeVisible();

  // Adding undoes and redoes.
  await undo(page);
  await expect(note).toHaveCount(0);
  await redo(page);
  await expect(note).toBeVisible();

  // Edit from the note's menu; the text undoes to what it was.
  const openNoteMenu = () => note.click({ button: 'right' });
  await openNoteMenu();
  const menu = page.getByTestId('note-menu');
  await expect(menu.getByTestId('note-menu-edit')).toBeVisible();
  await expect(menu.getByTestId('note-menu-duplicate')).toBeVisible();
  await expect(menu.getByTestId('note-menu-delete')).toBeVisible();
  await menu.getByTestId('note-menu-edit').click();
  const editor = page.getByTestId('note-editor-n1');
  await expect(editor).toBeFocused();
  await editor.fill('## Queue notes\nThe **worker** keeps up.');
  await page.keyboard.press('Escape');
  const body = page.getByTestId('note-body-n1');
  await expect(body.locator('h4')).toHaveText('Queue notes');
  await undo(page);
  await expect(body).toContainText('Double-click to edit.');
  await redo(page);
  await expect(body.locator('h4')).toHaveText('Queue notes');

  // Move by dragging: one step back to where it was.
  const start = await box(wrapper);
  await page.mouse.move(start.x + 60, start.y + 40);
  await page.mouse.down();
  await page.mouse.move(start.x + 120, start.y + 50, { steps: 5 });
  await page.mouse.move(start.x + 220, start.y + 60, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await box(wrapper)).x).toBeGreaterThan(start.x + 80);
  await undo(page);
  await expect.poll(async () => Math.round((await box(wrapper)).x)).toBe(Math.round(start.x));
  await redo(page);
  await expect.poll(async () => (await box(wrapper)).x).toBeGreaterThan(start.x + 80);

  // Resize by the grip: one step.
  await note.click();
  await fitView(page);
  const before = await box(wrapper);
  const grip = await box(page.getByTestId('note-grip-n1'));
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + 140, grip.y + 30, { steps: 10 });
  await page.mouse.up();
  await expect.poll(async () => (await box(wrapper)).width).toBeGreaterThan(before.width + 60);
  await undo(page);
  await expect.poll(async () => Math.round((await box(wrapper)).width)).toBe(Math.round(before.width));
  await redo(page);
  await expect.poll(async () => (await box(wrapper)).width).toBeGreaterThan(before.width + 60);

  await shootMenu(page, openNoteMenu, 'note-menu');

  // Duplicate from the menu: a second note with the same text; undo removes it.
  await openNoteMenu();
  await page.getByTestId('note-menu-duplicate').click();
  const copy = page.getByTestId('note-n2');
  await expect(copy.locator('h4')).toHaveText('Queue notes');
  await undo(page);
  await expect(copy).toHaveCount(0);

  // Delete from the menu; undo brings it back with its text.
  await openNoteMenu();
  await page.getByTestId('note-menu-delete').click();
  await expect(note).toHaveCount(0);
  await undo(page);
  await expect(body.locator('h4')).toHaveText('Queue notes');
});

test('a queue’s menu taps it and follows an item into it while the graph runs', async ({ page }) => {
  test.setTimeout(300_000);
  await openWithGraph(page, GRAPH);
  await fitView(page);
  const openEdgeMenu = () => page.getByTestId('edge-label-e2').click({ button: 'right' });

  // Before a run: offered, but disabled with the reason.
  await openEdgeMenu();
  await expect(page.getByTestId('edge-menu-tap')).toBeDisabled();
  await expect(page.getByTestId('edge-menu-tap')).toHaveAttribute('title', 'Start the run to tap an edge');
  await expect(page.getByTestId('edge-menu-follow')).toBeDisabled();
  await shootMenu(page, openEdgeMenu, 'edge-menu');

  // Kept running: on a loaded machine a page busy for 20 s loses its socket, and the run would
  // stop after the orphan grace (5 s here) before the menu is tried again.
  await page.getByTestId('keep-running-toggle').check();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await openEdgeMenu();
  const menu = page.getByTestId('edge-menu');
  await expect(menu).toContainText('e2: work → out');
  await expect(page.getByTestId('edge-menu-tap')).toHaveText('Tap this edge');
  await expect(page.getByTestId('edge-menu-follow')).toHaveText('Follow next item from work');
  await expect(page.getByTestId('edge-menu-disconnect')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/edge-menu-running-1280.png` });

  // Tap: the Taps tab opens and fills with items entering e2.
  await openEdgeMenu();
  await page.getByTestId('edge-menu-tap').click();
  await expect(page.getByTestId('tab-taps')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('tap-chip-e2')).toBeVisible();
  await expect(page.getByTestId('tap-row').first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('tap-row').first()).toContainText('e2');
  // The menu now offers to untap, and does.
  await openEdgeMenu();
  await expect(page.getByTestId('edge-menu-tap')).toHaveText('Untap this edge');
  await page.getByTestId('edge-menu-tap').click();
  await expect(page.getByTestId('tap-chip-e2')).toHaveCount(0);

  // Follow: the Trace tab opens on an item from work.
  await openEdgeMenu();
  await page.getByTestId('edge-menu-follow').click();
  await expect(page.getByTestId('tab-trace')).toHaveAttribute('aria-selected', 'true');
  await expect(
    page.getByTestId('toast').filter({ hasText: 'Following the next item from work' }),
  ).toBeVisible();

  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', /stopped|completed/);
});
