import { expect, test } from '@playwright/test';
import { clickPane, connect, fitView, handle, openEditor, SHOTS, selectNode } from './editor-helpers.js';

/*
 * Editing like in any serious node editor:
 *
 *   generator-1 ──e1──▶ worker-1 ──e2──▶ worker-2 ──e3──▶ counter-1
 *                          ▲                  │
 *                          └──── refused ─────┘  (a cycle)
 */
test('connection rules, undo/redo, copy/paste, duplicate, multi-select, layout, dynamic ports', async ({
  page,
}) => {
  await openEditor(page);
  for (const kind of ['generator', 'worker', 'worker', 'counter'])
    await page.getByTestId(`palette-item-${kind}`).click();
  await page.keyboard.press('Escape');
  await fitView(page);
  await connect(page, handle(page, 'generator-1', 'out'), handle(page, 'worker-1', 'in'));
  await connect(page, handle(page, 'worker-1', 'out'), handle(page, 'worker-2', 'in'));
  await connect(page, handle(page, 'worker-2', 'out'), handle(page, 'counter-1', 'in'));
  await expect(page.locator('[data-testid^="edge-label-"]')).toHaveCount(3);

  // A cycle is refused while dragging, with the reason next to the pointer, and on release.
  await connect(page, handle(page, 'worker-2', 'error'), handle(page, 'worker-1', 'in'), async () => {
    await expect(page.getByTestId('connection-hint')).toContainText('cycle');
    await page.screenshot({ path: `${SHOTS}/editing-cycle-refused.png` });
  });
  await expect(page.getByTestId('toast').last()).toContainText('That would make a cycle');
  // Input to input is refused too.
  await connect(page, handle(page, 'worker-1', 'in'), handle(page, 'counter-1', 'in'));
  await expect(page.locator('[data-testid^="edge-label-"]')).toHaveCount(3);

  // Undo / redo: the last connection, then a burst of typing as one step.
  await clickPane(page);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('edge-label-e3')).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('edge-label-e3')).toBeVisible();
  await selectNode(page, 'worker-1');
  await page.getByTestId('param-serviceTimeMs').fill('');
  await page.getByTestId('param-serviceTimeMs').pressSequentially('25');
  await expect(page.getByTestId('node-worker-1')).toBeVisible();
  await clickPane(page);
  await page.keyboard.press('Control+z');
  await selectNode(page, 'worker-1');
  await expect(page.getByTestId('param-serviceTimeMs')).toHaveValue('10');
  await page.getByTestId('redo-button').click();
  await expect(page.getByTestId('param-serviceTimeMs')).toHaveValue('25');

  // Delete a node with its edges, and bring everything back with one undo.
  await selectNode(page, 'worker-2');
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('node-worker-2')).toHaveCount(0);
  await expect(page.locator('[data-testid^="edge-label-"]')).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('node-worker-2')).toBeVisible();
  await expect(page.locator('[data-testid^="edge-label-"]')).toHaveCount(3);

  // Copy / paste one node, then multi-select two and duplicate them with the edge between them.
  await selectNode(page, 'counter-1');
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(page.getByTestId('node-counter-2')).toBeVisible();
  await selectNode(page, 'generator-1');
  await selectNode(page, 'worker-1', ['Shift']);
  await expect(page.getByTestId('selection-summary')).toContainText('2 nodes');
  await page.keyboard.press('Control+d');
  await expect(page.getByTestId('node-generator-2')).toBeVisible();
  await expect(page.getByTestId('node-worker-3')).toBeVisible();
  await expect(page.locator('[data-testid^="edge-label-"]')).toHaveCount(4);

  // Auto-layout (L): left to right in dataflow order.
  await page.keyboard.press('Escape');
  await page.keyboard.press('l');
  const x = async (id: string) => (await page.getByTestId(`node-${id}`).boundingBox())?.x ?? Number.NaN;
  await expect
    .poll(
      async () =>
        (await x('generator-1')) < (await x('worker-1')) && (await x('worker-1')) < (await x('worker-2')),
    )
    .toBe(true);
  await page.screenshot({ path: `${SHOTS}/editing-after-layout.png` });

  // Dynamic ports: a round-robin's outputs follow its `outputs` param.
  await page.getByTestId('palette-item-round-robin').click();
  await expect(handle(page, 'round-robin-1', 'out1')).toHaveCount(1);
  await page.getByTestId('param-outputs').fill('4');
  await expect(handle(page, 'round-robin-1', 'out3')).toHaveCount(1);
  await page.getByTestId('param-outputs').fill('2');
  await expect(handle(page, 'round-robin-1', 'out3')).toHaveCount(0);

  // The shortcut sheet.
  await clickPane(page);
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts-dialog')).toContainText('Duplicate the selection');
  await page.screenshot({ path: `${SHOTS}/editing-shortcuts.png` });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts-dialog')).toHaveCount(0);

  // The bottom panel collapses, expands and resizes by its top edge.
  const panel = page.getByTestId('bottom-panel');
  await page.getByTestId('bottom-toggle').click();
  await expect(page.getByTestId('chart-throughput')).toHaveCount(0);
  await page.getByTestId('bottom-toggle').click();
  const before = (await panel.boundingBox())?.height ?? 0;
  const grip = await page.getByTestId('bottom-resize').boundingBox();
  if (!grip) throw new Error('no resize grip');
  await page.mouse.move(grip.x + 200, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + 200, grip.y - 120, { steps: 6 });
  await page.mouse.up();
  await expect.poll(async () => (await panel.boundingBox())?.height ?? 0).toBeGreaterThan(before + 80);
});

test('expressions: highlighted, checked as you type, with the language reference', async ({ page }) => {
  await openEditor(page);
  await page.getByTestId('palette-item-filter').click();
  const input = page.getByTestId('param-expression');
  await input.fill('value > ');
  await expect(page.getByTestId('param-expression-error')).toBeVisible();
  await expect(page.getByTestId('node-issue-filter-1')).toBeVisible();
  await input.fill('value > 5 and lower(level) == "error"');
  await expect(page.getByTestId('param-expression-error')).toHaveCount(0);
  await expect(page.locator('.expr__layer .tok--function')).toHaveText('lower');
  await page.getByTestId('language-reference').locator('summary').click();
  await expect(page.getByTestId('language-reference')).toContainText('Functions');
  await input.fill('value >> 5');
  await expect(page.getByTestId('param-expression-error')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/editing-expression.png` });
});
