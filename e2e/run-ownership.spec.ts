import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { edge, node, openEditor, openWithGraph, SHOT_SIZES, SHOTS, selectNode } from './editor-helpers.js';

/*
 * Runs belong to the browser that started them (issue 14 and 15, client side):
 *
 *   feed (200/s) ──e1 [64]──▶ work (5 ms) ──e2──▶ sink
 *
 * The browser keeps each run's token; a reload re-attaches to its own live run; a closed tab's
 * run stops after the grace period (SLUICE_ORPHAN_GRACE_MS=2000 in playwright.config.ts) unless
 * "Keep running" is ticked; the Runs panel lists and stops runs; a watch link shows a run live,
 * read-only, in another browser.
 */
const graph = {
  schemaVersion: 1,
  name: 'owned pipeline',
  nodes: [
    node('feed', 'generator', 0, 0, { rate: 200 }),
    node('work', 'worker', 300, 0, { serviceTimeMs: 5 }),
    node('sink', 'counter', 600, 0),
  ],
  edges: [edge('e1', 'feed', 'work'), edge('e2', 'work', 'sink')],
};

interface StoredRun {
  runId: string;
  runToken?: string;
  watchToken?: string;
  graphName: string;
}

async function storedRuns(page: Page): Promise<StoredRun[]> {
  // Evaluated as text: e2e files have no DOM types.
  return page.evaluate("JSON.parse(localStorage.getItem('sluice:runs:v1') ?? '[]')");
}

async function runsActive(request: APIRequestContext): Promise<number> {
  const text = await (await request.get('/metrics')).text();
  return Number(/^sluice_runs_active (\d+)$/m.exec(text)?.[1] ?? Number.NaN);
}

async function runStatus(
  request: APIRequestContext,
  run: StoredRun,
): Promise<{ status: string; reason?: string }> {
  const res = await request.get(`/api/runs/${run.runId}`, {
    headers: { authorization: `Bearer ${run.runToken}` },
  });
  return res.json();
}

// The machine running e2e is shared and busy: starting a run's thread may take a while.
test.setTimeout(240_000);
const SLOW = { timeout: 30_000 };

const clock = (page: Page) => page.locator('.status-bar__clock');

/** The run's own clock moves on: frames keep arriving for this run. */
async function expectLive(page: Page): Promise<void> {
  const before = await clock(page).textContent();
  await expect.poll(() => clock(page).textContent(), SLOW).not.toBe(before);
}

async function startRun(page: Page): Promise<StoredRun> {
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running', SLOW);
  const [run] = await storedRuns(page);
  if (!run?.runToken) throw new Error('the browser kept no run token');
  return run;
}

test('a reloaded page re-attaches to its own run: live numbers again, and Stop works', async ({ page }) => {
  await openWithGraph(page, graph);
  const run = await startRun(page);
  await expect(page.locator('.status-bar__run')).toHaveText(run.runId);
  await expectLive(page);

  await page.reload();

  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running', SLOW);
  await expect(page.locator('.status-bar__run')).toHaveText(run.runId);
  await expectLive(page);
  await expect(page.getByTestId('node-outrate-feed')).not.toHaveText('—');
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'stopped', SLOW);
  expect((await runStatus(page.request, run)).status).toBe('stopped');
});

test('a tab closed past the grace period leaves no run behind; "Keep running" keeps one', async ({
  browser,
  request,
}) => {
  // ARRANGE: two tabs of their own, each with a run; the second ticks "Keep running".
  const closing = await (await browser.newContext()).newPage();
  await openWithGraph(closing, graph);
  const orphan = await startRun(closing);
  const keeping = await (await browser.newContext()).newPage();
  await openWithGraph(keeping, graph);
  await keeping.getByTestId('keep-running-toggle').check();
  const kept = await startRun(keeping);
  await expect(keeping.getByTestId('keep-running-toggle')).toBeChecked();
  expect(await runsActive(request)).toBe(2);

  // ACT: both tabs close.
  await closing.context().close();
  await keeping.context().close();

  // ASSERT: the orphan stops once the grace period is over, saying why; the kept one runs on.
  await expect.poll(async () => (await runStatus(request, orphan)).status, SLOW).toBe('stopped');
  expect((await runStatus(request, orphan)).reason).toMatch(/no one watching/);
  expect((await runStatus(request, kept)).status).toBe('running');
  expect(await runsActive(request)).toBe(1);
  await request.post(`/api/runs/${kept.runId}/stop`, {
    data: { mode: 'abort' },
    headers: { authorization: `Bearer ${kept.runToken}` },
  });
  await expect.poll(() => runsActive(request), SLOW).toBe(0);
});

test('the Runs panel lists this browser’s runs with their numbers and stops one', async ({ page }) => {
  await openWithGraph(page, graph);
  await page.getByTestId('runs-button').click();
  await expect(page.getByTestId('runs-empty')).toBeVisible();
  await page.keyboard.press('Escape');

  const run = await startRun(page);
  await page.getByTestId('runs-button').click();
  const row = page.locator(`[data-testid="run-row"][data-run-id="${run.runId}"]`);
  await expect(row).toHaveAttribute('data-status', 'running', SLOW);
  await expect(row).toContainText('owned pipeline');
  await expect(row).toContainText('just now');
  await expect(row.getByTestId('run-row-totals')).toContainText(/[1-9][\d,.k]* emitted/, SLOW);
  // Losses are named only when there are some, as in the footer: this graph loses nothing.
  await expect(row.getByTestId('run-row-totals')).toContainText('nothing lost');

  await row.getByTestId('run-row-stop').click();
  await expect(row).toHaveAttribute('data-status', 'stopped', SLOW);
  await expect(row.getByTestId('run-row-stop')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'stopped', SLOW);
});

test('a watch link shows the run live, read-only, in another browser; a bad key says so', async ({
  page,
  browser,
}) => {
  await openWithGraph(page, graph);
  await startRun(page);
  await page.getByTestId('share-button').click();
  const link = await page.getByTestId('watch-link').inputValue();
  const url = new URL(link);
  expect(url.pathname).toMatch(/^\/watch\/[\w-]+$/);
  // The key rides in the fragment, which browsers never send to the server.
  expect(url.hash.length).toBeGreaterThan(10);
  await page.keyboard.press('Escape');

  const watcher = await (await browser.newContext()).newPage();
  await openEditor(watcher, `${url.pathname}${url.hash}`).catch(() => undefined);
  await expect(watcher.getByTestId('watch-banner')).toHaveAttribute('data-state', 'live', SLOW);
  await expect(watcher.getByTestId('watch-chip')).toHaveText('Watching · read-only');
  await expect(watcher.getByTestId('node-work')).toBeVisible();
  await expectLive(watcher);
  // Nothing to run, stop, save or share: only Leave.
  for (const id of [
    'run-button',
    'stop-button',
    'drain-button',
    'save-button',
    'share-button',
    'keep-running',
  ])
    await expect(watcher.getByTestId(id)).toHaveCount(0);
  await expect(watcher.getByTestId('leave-watch')).toBeVisible();
  await selectNode(watcher, 'feed');
  await expect(watcher.getByTestId('param-rate')).toBeDisabled();

  // The owner stops it; the watcher sees it end.
  await page.getByTestId('stop-button').click();
  await expect(watcher.getByTestId('watch-banner')).toHaveAttribute('data-state', 'ended', SLOW);
  await expect(watcher.getByTestId('run-status')).toHaveAttribute('data-status', 'stopped', SLOW);

  // A link with a wrong key shows no run and says why.
  // (Another page first: a change of fragment alone would not load the page again.)
  await watcher.goto('about:blank');
  await watcher.goto(`${url.pathname}#not-the-key`);
  await expect(watcher.getByTestId('watch-banner')).toHaveAttribute('data-state', 'error', SLOW);
  await expect(watcher.getByTestId('watch-banner')).toContainText('not valid');
  await watcher.context().close();
});

test('a shared graph’s page offers the owner’s live run when the owner shares it', async ({
  page,
  browser,
}) => {
  await openWithGraph(page, { ...graph, name: 'shared live' });
  await page.keyboard.press('Control+s');
  await page.getByTestId('edit-token-done').click(); // the edit token, shown once (privacy.spec.ts)
  await expect(page.getByTestId('doc-status')).toHaveText(/saved/);
  await startRun(page);
  await page.getByTestId('share-button').click();
  const shareLink = await page.getByTestId('share-link').inputValue();
  await page.getByTestId('share-watch-toggle').check();
  await expect(page.getByTestId('share-watch-toggle')).toBeChecked();
  await page.keyboard.press('Escape');

  const visitor = await (await browser.newContext()).newPage();
  await openEditor(visitor, new URL(shareLink).pathname);
  await expect(visitor.getByTestId('read-only-banner')).toBeVisible();
  // With the watch button too, the banner's text and its three buttons all fit, at every size:
  // before, at 1280 × 720 and on a phone the text read 'Read-…' and Fork lay past the screen's
  // edge; at 1440 × 900 the text stood one word a line over the graph (found by the new-user pass).
  for (const size of SHOT_SIZES) {
    await visitor.setViewportSize({ width: size.width, height: size.height });
    await expect(visitor.getByTestId('watch-owner-run')).toBeVisible();
    await visitor.waitForTimeout(300);
    const fit = await visitor.getByTestId('read-only-banner').evaluate((el) => {
      const b = el.getBoundingClientRect();
      const right = Math.min(b.right, el.ownerDocument.documentElement.clientWidth) + 0.5;
      return [...el.children].map((c) => {
        const r = c.getBoundingClientRect();
        return { what: c.textContent, inside: r.left >= b.left - 0.5 && r.right <= right, width: r.width };
      });
    });
    for (const f of fit) expect(f.inside, `${f.what} inside the banner at ${size.name}`).toBe(true);
    expect(fit[0]!.width, `the banner's text has room at ${size.name}`).toBeGreaterThan(200);
    await visitor.screenshot({ path: `${SHOTS}/shared-with-live-run-${size.name}.png` });
  }
  await visitor.getByTestId('watch-owner-run').click();
  await expect(visitor.getByTestId('watch-banner')).toHaveAttribute('data-state', 'live', SLOW);
  await expectLive(visitor);
  await page.getByTestId('stop-button').click();
  await expect(visitor.getByTestId('watch-banner')).toHaveAttribute('data-state', 'ended', SLOW);
  await visitor.context().close();
});

test('an http-ingest node shows its key and a curl example that works while the run goes', async ({
  page,
}) => {
  await openWithGraph(page, {
    schemaVersion: 1,
    name: 'ingest',
    nodes: [node('in', 'http-ingest', 0, 0), node('sink', 'counter', 300, 0)],
    edges: [edge('e1', 'in', 'sink')],
  });
  await startRun(page);
  await selectNode(page, 'in');
  const key = (await page.getByTestId('ingest-key').textContent()) ?? '';
  expect(key.length).toBeGreaterThan(10);
  await expect(page.getByTestId('ingest-curl')).toContainText(`Authorization: Bearer ${key}`);
  await page.screenshot({ path: `${SHOTS}/run-ownership-ingest-key.png` });

  // What the example says works: the key lets the items in.
  const [run] = await storedRuns(page);
  const url = `/api/runs/${run?.runId}/ingest/in`;
  expect((await page.request.post(url, { data: { value: 1 } })).status()).toBe(401);
  const ok = await page.request.post(url, {
    data: { value: 1 },
    headers: { authorization: `Bearer ${key}` },
  });
  expect(ok.status()).toBe(202);
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'stopped', SLOW);
});

const VIEWPORTS = [
  { name: '1280x720', width: 1280, height: 720 },
  { name: '1440x900', width: 1440, height: 900 },
  { name: 'phone-390x844', width: 390, height: 844 },
];

test('screenshots: keep-running toggle, Runs panel and watch view at three sizes', async ({
  page,
  browser,
}) => {
  await openWithGraph(page, graph);
  await page.getByTestId('keep-running-toggle').check();
  const run = await startRun(page);
  await page.getByTestId('share-button').click();
  const link = new URL(await page.getByTestId('watch-link').inputValue());
  await page.keyboard.press('Escape');
  const watcher = await (await browser.newContext()).newPage();
  await openEditor(watcher, `${link.pathname}${link.hash}`).catch(() => undefined);
  await expect(watcher.getByTestId('watch-banner')).toHaveAttribute('data-state', 'live', SLOW);

  for (const v of VIEWPORTS) {
    await page.setViewportSize(v);
    await expect(page.getByTestId('keep-running-toggle')).toBeChecked();
    await page.screenshot({ path: `${SHOTS}/run-ownership-keep-running-${v.name}.png` });
    await page.getByTestId('runs-button').click();
    await expect(page.locator(`[data-testid="run-row"][data-run-id="${run.runId}"]`)).toHaveAttribute(
      'data-status',
      'running',
      SLOW,
    );
    await page.screenshot({ path: `${SHOTS}/run-ownership-runs-panel-${v.name}.png` });
    await page.keyboard.press('Escape');
    await watcher.setViewportSize(v);
    await expectLive(watcher);
    await watcher.screenshot({ path: `${SHOTS}/run-ownership-watch-${v.name}.png` });
  }
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'stopped', SLOW);
  await watcher.context().close();
});
