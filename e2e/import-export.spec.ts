import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { edge, node, openWithGraph, SHOTS } from './editor-helpers.js';

/*
 *   src ──e1 [8, drop-oldest]──▶ work ──e2──▶ out       exported, then imported back
 */
const graph = {
  schemaVersion: 1,
  name: 'round trip',
  nodes: [
    node('src', 'generator', 0, 0, { rate: 300, pattern: 'poisson' }),
    node('work', 'worker', 352, 0, { serviceTimeMs: 3 }),
    node('out', 'counter', 704, 0),
  ],
  edges: [edge('e1', 'src', 'work', { capacity: 8, overflow: 'drop-oldest' }), edge('e2', 'work', 'out')],
};

const nodeIds = (page: import('@playwright/test').Page) =>
  page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')).sort());

test('export downloads the document; a bad import shows its issues and changes nothing; a good one round-trips', async ({
  page,
}) => {
  await openWithGraph(page, graph);

  // Export: `<name>.json`, the graph document exactly.
  await page.getByTestId('file-menu').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('menu-export').click(),
  ]);
  expect(download.suggestedFilename()).toBe('round trip.json');
  const exported = JSON.parse(await readFile((await download.path()) ?? '', 'utf8'));
  expect(exported).toEqual(graph);

  // Not JSON: refused, nothing to import.
  await page.getByTestId('file-menu').click();
  await page.getByTestId('menu-import').click();
  await page.getByTestId('import-file').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{ "schemaVersion": 1, "nodes": [ '),
  });
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-kind', 'invalid');
  await expect(page.getByTestId('import-result')).toContainText('not JSON');
  await expect(page.getByTestId('import-accept')).toBeDisabled();

  // An empty file: said so by name (before, the dialog showed nothing at all).
  await page.getByTestId('import-file').setInputFiles({
    name: 'empty.json',
    mimeType: 'application/json',
    buffer: Buffer.from(''),
  });
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-kind', 'invalid');
  await expect(page.getByTestId('import-result')).toContainText('empty.json is empty');
  await expect(page.getByTestId('import-accept')).toBeDisabled();

  // A graph with a cycle and an unknown kind: its compiler issues, each located.
  const bad = {
    schemaVersion: 1,
    name: 'bad',
    nodes: [node('a', 'worker', 0, 0), node('b', 'worker', 300, 0), node('c', 'teleporter', 600, 0)],
    edges: [edge('x', 'a', 'b'), edge('y', 'b', 'a')],
  };
  await page.getByTestId('import-file').setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(bad)),
  });
  const issues = page.getByTestId('import-issues');
  await expect(issues).toContainText(/cycle/i);
  await expect(issues).toContainText('teleporter');
  await page.screenshot({ path: `${SHOTS}/import-bad-file.png` });
  // Cancel: the graph on the canvas is exactly as it was.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('import-dialog')).toHaveCount(0);
  expect(await nodeIds(page)).toEqual(['out', 'src', 'work']);
  await expect(page.getByTestId('graph-name')).toHaveValue('round trip');

  // Import the exported file into an emptied canvas: the same graph comes back.
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('file-menu').click();
  await page.getByTestId('menu-new').click();
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await page.getByTestId('file-menu').click();
  await page.getByTestId('menu-import').click();
  await page.getByTestId('import-file').setInputFiles((await download.path()) ?? '');
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-kind', 'ok');
  await page.getByTestId('import-accept').click();
  expect(await nodeIds(page)).toEqual(['out', 'src', 'work']);
  await expect(page.getByTestId('edge-label-e1')).toContainText('/8');
  await expect(page.getByTestId('edge-label-e1')).toContainText('drop old');
  const [again] = await Promise.all([
    page.waitForEvent('download'),
    (async () => {
      await page.getByTestId('file-menu').click();
      await page.getByTestId('menu-export').click();
    })(),
  ]);
  expect(JSON.parse(await readFile((await again.path()) ?? '', 'utf8'))).toEqual(graph);

  // The imported graph is not saved yet: leaving the page asks first.
  const leaving = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const prompt = await leaving;
  expect(prompt.type()).toBe('beforeunload');
  await prompt.accept();
});
