import { expect, type Page, test } from '@playwright/test';
import { edge, node, openEditor, openWithGraph, selectNode } from './editor-helpers.js';

/*
 * The expression language's regex engine (re2js) is not in the start bundle: it is fetched the
 * first time an expression or graph holds a `~=`, and the checks that need it wait for it.
 *
 *   src ──e1──▶ keep (filter) ──e2──▶ out
 */
const graph = (expression: string) => ({
  schemaVersion: 1,
  name: 'regex',
  nodes: [
    node('src', 'generator', 0, 0),
    node('keep', 'filter', 320, 0, { expression }),
    node('out', 'counter', 640, 0),
  ],
  edges: [edge('e1', 'src', 'keep'), edge('e2', 'keep', 'out')],
});

/** Paths of the scripts the page has requested so far. */
function watchScripts(page: Page): string[] {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  return scripts;
}
const engineFetched = (scripts: string[]) => scripts.some((s) => /\/assets\/re2js-[\w-]+\.js$/.test(s));

test('typing the first ~= fetches the engine; the expression and the node wait for it', async ({ page }) => {
  const scripts = watchScripts(page);
  await openWithGraph(page, graph('true'));
  await expect(page.getByTestId('run-button')).toBeEnabled();
  expect(scripts.length).toBeGreaterThan(0);
  expect(engineFetched(scripts)).toBe(false);

  await selectNode(page, 'keep');
  const input = page.getByTestId('param-expression');
  await input.fill('msg ~= "(unclosed"');
  await expect(page.getByTestId('param-expression-error')).toContainText('invalid regex');
  expect(engineFetched(scripts)).toBe(true);
  await expect(page.getByTestId('node-issue-keep')).toBeVisible();
  await expect(page.getByTestId('run-button')).toBeDisabled();

  await input.fill('msg ~= "^a.c$"');
  await expect(page.getByTestId('param-expression-error')).toHaveCount(0);
  await expect(page.getByTestId('node-issue-keep')).toHaveCount(0);
  await expect(page.getByTestId('run-button')).toBeEnabled();
});

test('a graph opened with a bad pattern shows its issue once the engine is here', async ({ page }) => {
  const scripts = watchScripts(page);
  await openWithGraph(page, graph('msg ~= "[a-"'));
  await expect(page.getByTestId('node-issue-keep')).toBeVisible();
  await expect(page.getByTestId('run-button')).toBeDisabled();
  expect(engineFetched(scripts)).toBe(true);
  await selectNode(page, 'keep');
  await expect(page.getByTestId('param-expression-error')).toContainText('invalid regex');
});

test('an imported document with a bad pattern is checked with the engine', async ({ page }) => {
  await openEditor(page);
  await page.getByTestId('file-menu').click();
  await page.getByTestId('menu-import').click();
  await page.getByTestId('import-text').fill(JSON.stringify(graph('msg ~= "(x"')));
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-kind', 'issues');
  await expect(page.getByTestId('import-issues')).toContainText('invalid regex');
  await page.getByTestId('import-text').fill(JSON.stringify(graph('msg ~= "^x+$"')));
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-kind', 'ok');
});
