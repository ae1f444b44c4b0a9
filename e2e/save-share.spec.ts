import { expect, test } from '@playwright/test';
import { edge, node, openEditor, openWithGraph, SHOTS, selectNode } from './editor-helpers.js';

/*
 *   src ──e1──▶ out        saved, renamed, shared by link, opened elsewhere read-only, forked
 */
const graph = {
  schemaVersion: 1,
  name: 'share me',
  nodes: [node('src', 'generator', 0, 0, { rate: 50 }), node('out', 'counter', 360, 0)],
  edges: [edge('e1', 'src', 'out')],
};

test('save, revisions, share a read-only link, fork it in another browser', async ({ page, browser }) => {
  test.setTimeout(120_000); // two browsers and a dozen steps: over a minute on a busy machine
  await openWithGraph(page, graph);
  const status = page.getByTestId('doc-status');
  await expect(status).toHaveText('not saved');

  // First save: a new graph, its address in the bar, the edit token nowhere in it.
  await page.keyboard.press('Control+s');
  await expect(status).toHaveText('saved · r1');
  await expect(page).toHaveURL(/\/g\/[A-Za-z0-9_-]+$/);
  await page.getByTestId('edit-token-done').click(); // the token, shown once (privacy.spec.ts)
  const slug = new URL(page.url()).pathname.split('/').pop() ?? '';
  const tokens = String(await page.evaluate("localStorage.getItem('sluice:tokens:v1') ?? ''"));
  const token = Object.values(JSON.parse(tokens) as Record<string, string>)[0] ?? '';
  expect(token.length).toBeGreaterThan(10);
  expect(page.url()).not.toContain(token);

  // Rename: unsaved changes show, Save makes revision 2.
  await page.getByTestId('graph-name').fill('shared pipeline');
  await expect(status).toHaveText('unsaved changes');
  await page.getByTestId('save-button').click();
  await expect(status).toHaveText('saved · r2');

  // Revisions: restore r1 (an undoable edit), then undo it.
  await page.getByTestId('file-menu').click();
  await page.getByTestId('menu-revisions').click();
  await expect(page.getByTestId('revision-list').locator('li')).toHaveCount(2);
  await page.getByTestId('restore-1').click();
  await expect(page.getByTestId('graph-name')).toHaveValue('share me');
  await expect(status).toHaveText('unsaved changes');
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 300 } });
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('graph-name')).toHaveValue('shared pipeline');
  await expect(status).toHaveText('saved · r2');

  // Replacing a graph with unsaved changes asks first; declining keeps it.
  await selectNode(page, 'src');
  await page.getByTestId('param-rate').fill('60');
  await expect(status).toHaveText('unsaved changes');
  page.once('dialog', (d) => {
    expect(d.message()).toContain('unsaved changes');
    void d.dismiss();
  });
  await page.getByTestId('file-menu').click();
  await page.getByTestId('menu-new').click();
  await expect(page.getByTestId('node-src')).toBeVisible();
  await page.keyboard.press('Control+s');
  await expect(status).toHaveText('saved · r3');

  // The share link.
  await page.getByTestId('share-button').click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toMatch(new RegExp(`/g/${slug}$`));
  expect(link).not.toContain(token);
  await page.screenshot({ path: `${SHOTS}/save-share-dialog.png` });
  await page.keyboard.press('Escape');

  // Someone else opens it: read-only, no run started, nothing editable — then forks it.
  const other = await (await browser.newContext()).newPage();
  await openEditor(other, new URL(link).pathname);
  await expect(other.getByTestId('read-only-banner')).toBeVisible();
  await expect(other.getByTestId('graph-name')).toHaveValue('shared pipeline');
  await expect(other.getByTestId('doc-status')).toHaveText('read-only · r3');
  await expect(other.getByTestId('run-status')).toHaveAttribute('data-status', 'idle');
  await expect(other.getByTestId('palette-item-generator')).toBeDisabled();
  await selectNode(other, 'src');
  await expect(other.getByTestId('param-rate')).toBeDisabled();
  await other.keyboard.press('Delete');
  await expect(other.getByTestId('node-src')).toBeVisible();
  await other.screenshot({ path: `${SHOTS}/save-share-read-only.png` });

  await other.getByTestId('fork-button').click();
  await other.getByTestId('edit-token-done').click(); // the fork's own token, shown once
  await expect(other.getByTestId('read-only-banner')).toHaveCount(0);
  await expect(other.getByTestId('graph-name')).toHaveValue('shared pipeline (fork)');
  await expect(other.getByTestId('doc-status')).toHaveText('saved · r1');
  await expect(other).not.toHaveURL(new RegExp(`/g/${slug}$`));
  await selectNode(other, 'src');
  await expect(other.getByTestId('param-rate')).toBeEnabled();
  await other.getByTestId('palette-item-worker').click();
  await other.keyboard.press('Control+s');
  await expect(other.getByTestId('doc-status')).toHaveText('saved · r2');
  await other.screenshot({ path: `${SHOTS}/save-share-forked.png` });

  // The original is untouched by the fork; Open lists this browser's graph, not the other's fork.
  await page.reload();
  await expect(page.getByTestId('doc-status')).toHaveText('saved · r3');
  await expect(page.getByTestId('node-worker-1')).toHaveCount(0);
  await page.getByTestId('file-menu').click();
  await page.getByTestId('menu-open').click();
  await expect(page.getByTestId(`open-${slug}`)).toContainText('shared pipeline');
  await expect(page.getByTestId('graph-list')).not.toContainText('(fork)');
  await page.screenshot({ path: `${SHOTS}/save-share-open-dialog.png` });
  await other.context().close();
});
