import { expect, type Locator, type Page, test } from '@playwright/test';
import { edge, fitView, node, openWithGraph } from './editor-helpers.js';

/*
 * Issue 20: notes are edits like any other (Ctrl+Z / Ctrl+Shift+Z undo and redo adding, writing,
 * moving, resizing, duplicating and deleting one), a note has its own menu (edit, duplicate,
 * delete), and a queue's menu taps it and follows an item into it while the graph runs. Shots at
 * 1280 × 720, 1440 × 900 and a phone (SHOTS_DIR).
 */

const SHOTS = process.env.SHOTS_DIR ?? 'e2e/screenshots';
const SIZES = [
  { name: '1280', width: 1280, height: 720 },
  { name: '1440', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

test.use({ viewport: { width: 1280, height: 720 } });

//   src (400/s) ──e1──▶ work (1 ms) ──e2──▶ out
const GRAPH = {
  schemaVersion: 1,
  name: 'menus',
  nodes: [
    node('src', 'generator', 0, 0, { rate: 400 }),
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
  for (const s of SIZES) {
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
