import { expect, type Page, test } from '@playwright/test';
import { edge, node, openEditor, openWithGraph, SHOTS, selectNode } from './editor-helpers.js';

/*
 *   src ──e1──▶ out        saved by browser A; browser B sees none of A's work until it holds A's token
 */
const graph = {
  schemaVersion: 1,
  name: 'alice pipeline',
  nodes: [node('src', 'generator', 0, 0, { rate: 50 }), node('out', 'counter', 360, 0)],
  edges: [edge('e1', 'src', 'out')],
};

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
];

/** One screenshot per size, a phone last (the dialog stays open while the viewport changes). */
async function shots(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SHOTS}/privacy-${name}-${size.width}.png` });
  }
  await page.setViewportSize(SIZES[1]!);
}

async function openFileDialog(page: Page): Promise<void> {
  await page.getByTestId('file-menu').click();
  await page.getByTestId('menu-open').click();
  await expect(page.getByTestId('open-dialog')).toBeVisible();
}

test('Open lists only your graphs and the examples; the owner claims edit rights elsewhere with the token', async ({
  browser,
}) => {
  test.setTimeout(180_000); // two browsers, nine screenshots: longer than one spec's default
  // Browser A saves: the new graph's edit token is shown once, with Copy.
  const a = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const pageA = await a.newPage();
  await openWithGraph(pageA, graph);
  await pageA.keyboard.press('Control+s');
  await expect(pageA.getByTestId('doc-status')).toHaveText('saved · r1');
  const tokenDialog = pageA.getByTestId('edit-token-dialog');
  await expect(tokenDialog).toBeVisible();
  const token = await pageA.getByTestId('edit-token-value').inputValue();
  const stored = String(await pageA.evaluate("localStorage.getItem('sluice:tokens:v1')"));
  expect(Object.values(JSON.parse(stored) as Record<string, string>)).toEqual([token]);
  await pageA.getByTestId('copy-edit-token').click();
  await expect(pageA.getByTestId('copy-edit-token')).toHaveText('Copied');
  expect(await pageA.evaluate('navigator.clipboard.readText()')).toBe(token);
  await shots(pageA, 'first-save-token');
  await pageA.getByTestId('edit-token-done').click();
  await expect(tokenDialog).toHaveCount(0);
  const slug = new URL(pageA.url()).pathname.split('/').pop() ?? '';
  expect(pageA.url()).not.toContain(token);

  // A's Open: its own graph and the examples.
  await openFileDialog(pageA);
  await expect(pageA.getByTestId('graph-list').locator('li')).toHaveCount(1);
  await expect(pageA.getByTestId(`open-${slug}`)).toContainText('alice pipeline');
  await expect(pageA.getByTestId('open-examples').locator('li').first()).toBeVisible();
  await shots(pageA, 'open-own');
  await pageA.keyboard.press('Escape');

  // Browser B, fresh: Open lists only the examples, none of A's work.
  const b = await browser.newContext();
  const pageB = await b.newPage();
  await openEditor(pageB);
  await openFileDialog(pageB);
  await expect(pageB.getByTestId('open-empty')).toBeVisible();
  await expect(pageB.getByTestId('graph-list').locator('li')).toHaveCount(0);
  await expect(pageB.getByTestId('open-examples').locator('li').first()).toBeVisible();
  await expect(pageB.getByTestId('open-dialog')).not.toContainText('alice pipeline');
  await shots(pageB, 'open-empty');
  // Not only the editor: the server itself lists nothing to a browser without tokens.
  const listed = await (await pageB.request.get('/api/graphs')).json();
  expect(listed).toEqual({ graphs: [], nextCursor: null });

  // B opens A's link (pasted into Open): read-only until the right token is pasted.
  await pageB.getByTestId('open-link-input').fill('not a link');
  await pageB.getByTestId('open-link').click();
  await expect(pageB.getByTestId('open-dialog')).toContainText('Paste a link like');
  await pageB.getByTestId('open-link-input').fill(new URL(`/g/${slug}`, pageA.url()).href);
  await pageB.getByTestId('open-link').click();
  await expect(pageB.getByTestId('open-dialog')).toHaveCount(0);
  await expect(pageB).toHaveURL(new RegExp(`/g/${slug}$`));
  await expect(pageB.getByTestId('read-only-banner')).toBeVisible();
  await pageB.getByTestId('claim-button').click();
  await expect(pageB.getByTestId('claim-dialog')).toBeVisible();
  await pageB.getByTestId('claim-token').fill('x'.repeat(32));
  await pageB.getByTestId('claim-submit').click();
  await expect(pageB.getByTestId('claim-error')).toContainText('does not open this graph');
  await expect(pageB.getByTestId('read-only-banner')).toBeVisible();
  await shots(pageB, 'claim-refused');
  await pageB.getByTestId('claim-token').fill(` ${token} `);
  await shots(pageB, 'claim');
  await pageB.getByTestId('claim-submit').click();
  await expect(pageB.getByTestId('claim-dialog')).toHaveCount(0);
  await expect(pageB.getByTestId('read-only-banner')).toHaveCount(0);

  // Now B edits and saves a new revision of A's graph (no new graph, no new token).
  await selectNode(pageB, 'src');
  await expect(pageB.getByTestId('param-rate')).toBeEnabled();
  await pageB.getByTestId('param-rate').fill('75');
  await pageB.keyboard.press('Control+s');
  await expect(pageB.getByTestId('doc-status')).toHaveText('saved · r2');
  await expect(pageB.getByTestId('edit-token-dialog')).toHaveCount(0);
  expect(new URL(pageB.url()).pathname).toBe(`/g/${slug}`);
  const saved = await (await pageB.request.get(`/api/graphs/${slug}`)).json();
  expect(saved).toMatchObject({ revision: 2, graph: { nodes: [{ id: 'src', params: { rate: 75 } }, {}] } });

  // And B's Open lists it now: the token is held in this browser.
  await openFileDialog(pageB);
  await expect(pageB.getByTestId(`open-${slug}`)).toContainText('alice pipeline');
  await a.close();
  await b.close();
});
