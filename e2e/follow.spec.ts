import { expect, type Page, test } from '@playwright/test';
import { openEditor, SHOTS } from './editor-helpers.js';

/*
 * Following one item (issue 18) in the slow-consumer lesson:
 *
 *   source (2,000/s) ──queue [64, block]──▶ worker (2 ms: 500/s) ──out──▶ sink
 *
 * Once the queue is full, an item the source emits arrives behind 63 others and waits for each
 * of them and itself to take the worker's 2 ms: about 64 × 2 = 128 ms in `queue`. Its token
 * shows on the canvas, the Trace tab's waterfall gives that wait, and with the queue switched to
 * drop-newest the edge inspector lists the items it drops.
 */

/**
 * A token on the canvas, checked on every paint (an item spends ~130 ms in the graph): any that
 * shows, or the labelled one (the Trace tab's item) in a given state.
 */
async function waitForToken(page: Page, state?: 'queued'): Promise<void> {
  const selector = state
    ? `.trace-token.is-shown[data-state="${state}"]`
    : '[data-testid^="trace-token-"]:not([data-state="gone"])';
  // A function, not text (the page's CSP forbids eval); typed by hand: this file has no DOM types.
  type Doc = { document: { querySelector: (s: string) => unknown } };
  await page.waitForFunction(
    (sel) => (globalThis as unknown as Doc).document.querySelector(sel) !== null,
    selector,
    {
      polling: 'raf',
      timeout: 15_000,
    },
  );
}

async function openSlowConsumer(page: Page): Promise<void> {
  await openEditor(page);
  await page.getByTestId('gallery-button').click();
  await page.getByTestId('example-slow-consumer').click();
  await expect(page.getByTestId('gallery-dialog')).toHaveCount(0);
  await expect(page.getByTestId('node-worker')).toBeVisible();
}

async function runUntilFull(page: Page): Promise<void> {
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('edge-label-queue')).toHaveAttribute('data-fill', 'red', { timeout: 15_000 });
}

test.describe('follow one item', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('the token moves, the waterfall gives the queue wait, a dropping queue lists its drops', async ({
    page,
  }) => {
    // About a minute; the headroom is for a busy two-core machine.
    test.setTimeout(240_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await openSlowConsumer(page);

    // Before a run: the Trace tab says what to do, and Follow waits for the run.
    await page.getByTestId('tab-trace').click();
    await expect(page.getByTestId('trace-empty')).toContainText('Follow a node to see one item’s path');
    await page.getByTestId('node-source').click({ button: 'right' });
    await expect(page.getByTestId('node-menu-follow-next')).toBeDisabled();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('node-menu')).toHaveCount(0);

    await runUntilFull(page);

    // Right-click the source: follow the next item it emits.
    await page.getByTestId('node-source').click({ button: 'right' });
    await expect(page.getByTestId('node-menu')).toBeVisible();
    await page.getByTestId('node-menu-follow-next').click();
    await expect(page.getByTestId('toast').last()).toContainText('Following the next item from source');
    await expect(page.getByTestId('tab-trace')).toHaveAttribute('aria-selected', 'true');

    // The waterfall: the item is delivered, and its wait in `queue` is ≈ 64 × 2 ms. The worker
    // takes several items at a time, so the depth an item meets on arrival in the full queue is
    // 40–63, not always 63: each item ahead, and then itself, costs the worker's 2 ms.
    await expect(page.getByTestId('trace-summary')).toContainText('delivered', { timeout: 15_000 });
    const queueRow = page.getByTestId('waterfall-row-queue');
    const wait = Number(await queueRow.getAttribute('data-wait-ms'));
    const ahead = Number(await queueRow.getAttribute('data-depth'));
    expect(wait).toBeGreaterThanOrEqual(70);
    expect(wait).toBeLessThanOrEqual(200);
    expect(ahead).toBeGreaterThanOrEqual(30);
    expect(Math.abs(wait - (ahead + 1) * 2)).toBeLessThanOrEqual(0.25 * (ahead + 1) * 2 + 10);
    await expect(page.getByTestId('waterfall-row-queue')).toContainText(/wait \d+ ms · \d+ ahead/);
    await expect(page.getByTestId('waterfall-row-worker')).toContainText(/service \d(\.\d)? ms/);
    await expect(page.getByTestId('waterfall-mark-delivered')).toBeVisible();

    // Following 1 in 20 from the inspector keeps tokens on the canvas.
    await page.getByTestId('node-source').locator('.sl-node__header').click();
    await page.getByTestId('follow-every-n').fill('20');
    await page.getByTestId('follow-every').click();
    await expect(page.getByTestId('follow-stop')).toHaveText('Stop 1 in 20');
    await waitForToken(page, 'queued');
    await page.screenshot({ path: `${SHOTS}/follow-1440.png` });

    for (const size of [
      { width: 1280, height: 720 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(size);
      await page.waitForTimeout(400);
      await waitForToken(page);
      await page.screenshot({ path: `${SHOTS}/follow-${size.width}.png` });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('follow-stop').click();
    await expect(page.getByTestId('follow-every')).toBeVisible();

    // The queue drops instead of blocking: its inspector lists the last items dropped.
    await page.getByTestId('edge-label-queue').click();
    await page.getByTestId('param-overflow').selectOption('drop-newest');
    await expect(page.getByTestId('drop-ledger-row').first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('drop-ledger-row').first()).toContainText('drop-newest');
    await page.screenshot({ path: `${SHOTS}/follow-drop-ledger.png` });

    await page.getByTestId('stop-button').click();
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'stopped');
    expect(pageErrors, 'errors in the page').toEqual([]);
  });
});
