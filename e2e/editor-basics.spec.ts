import { expect, test } from '@playwright/test';
import { connect, handle, openEditor, SHOTS, selectNode } from './editor-helpers.js';

/*
 * Editing without running: click-to-add, validation as you edit, the inspector form, and the
 * keyboard (Esc, Ctrl+Enter, Delete).
 *
 *   generator-1 --e1--> counter-1
 */
test('click-to-add, live validation, inspector form and keyboard', async ({ page }) => {
  await openEditor(page);
  await page.getByTestId('palette-item-generator').click();
  await page.getByTestId('palette-item-counter').click();
  await expect(page.getByTestId('node-generator-1')).toBeVisible();
  await expect(page.getByTestId('node-counter-1')).toBeVisible();

  // The counter's input is not connected: the compiler's issue shows on the node and in the list.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('node-issue-counter-1')).toContainText('not connected');
  await expect(page.getByTestId('issues-list')).toContainText('counter-1');
  await expect(page.getByTestId('run-button')).toBeDisabled();

  await connect(page, handle(page, 'generator-1', 'out'), handle(page, 'counter-1', 'in'));
  await expect(page.getByTestId('node-issue-counter-1')).toHaveCount(0);
  await expect(page.getByTestId('run-button')).toBeEnabled();

  // An out-of-range value is a located issue: under the field, on the node, and Run says why.
  await selectNode(page, 'generator-1');
  const inspector = page.getByTestId('inspector');
  await expect(inspector).toContainText('Emits items');
  // Text that is no number says so under the box, with the value that still holds.
  await page.getByTestId('param-rate').fill('fast');
  await expect(page.getByTestId('param-rate-nan')).toHaveText('Not a number: Rate stays 100');
  await page.getByTestId('param-rate').fill('0');
  await expect(page.getByTestId('param-rate-nan')).toHaveCount(0);
  await expect(inspector.locator('.param__issue')).toBeVisible();
  await expect(page.getByTestId('node-issue-generator-1')).toBeVisible();
  await expect(page.getByTestId('run-button')).toBeDisabled();
  await page.screenshot({ path: `${SHOTS}/editor-invalid-param.png` });

  // Enums are selects; nullable numbers accept "none".
  await page.getByTestId('param-pattern').selectOption('poisson');
  await expect(page.getByTestId('param-pattern')).toHaveValue('poisson');
  await page.getByTestId('param-rate').fill('');
  await expect(page.getByTestId('run-button')).toBeEnabled();

  // The edge inspector edits the queue.
  await page.getByTestId('edge-label-e1').click();
  await page.getByTestId('param-capacity').fill('8');
  await page.getByTestId('param-overflow').selectOption('drop-oldest');
  await expect(page.getByTestId('edge-label-e1')).toContainText('/8');
  await expect(page.getByTestId('edge-label-e1')).toContainText('drop old');

  // Esc deselects; Ctrl+Enter runs; Delete removes the selected node and its edges.
  await page.keyboard.press('Escape');
  await expect(inspector).toContainText('Graph');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('node-outrate-generator-1')).toHaveText(/\/s$/);
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'stopped');
  await selectNode(page, 'counter-1');
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('node-counter-1')).toHaveCount(0);
  await expect(page.getByTestId('edge-label-e1')).toHaveCount(0);
});
