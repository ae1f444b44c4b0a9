import { expect, type Page, test } from '@playwright/test';
import { openEditor, SHOTS } from './editor-helpers.js';

/*
 * A followed item in a recording (issue 18): in the slow-consumer lesson
 *
 *   source (2,000/s) ──queue [64, block]──▶ worker (2 ms: 500/s) ──out──▶ sink
 *
 * an item followed from the source waits ~128 ms in `queue` behind the items it met. The run is
 * stopped and saved; its /r/<slug> link, opened at an instant half-way through that wait, draws
 * the item's token on `queue`, half-way from where it came in to the head, and the Trace tab
 * shows its waterfall.
 */

interface RecordedHop {
  event: string;
  t: number;
  edgeId?: string;
  depth?: number;
}

/** Where the token of `traceId` is drawn: its state, edge and place along it (data-* of the token). */
async function tokenAt(page: Page, traceId: string) {
  const token = page.getByTestId(`trace-token-${traceId}`);
  await expect(token).toHaveCount(1, { timeout: 30_000 });
  await expect(token).not.toHaveAttribute('data-state', 'gone');
  return {
    state: await token.getAttribute('data-state'),
    edge: await token.getAttribute('data-edge'),
    along: Number(await token.getAttribute('data-along')),
  };
}

test('a followed item’s token replays on /r/<slug> where it was at the cursor', async ({ page }) => {
  test.setTimeout(240_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.setViewportSize({ width: 1440, height: 900 });
  await openEditor(page);
  await page.getByTestId('gallery-button').click();
  await page.getByTestId('example-slow-consumer').click();
  await expect(page.getByTestId('node-worker')).toBeVisible();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('edge-label-queue')).toHaveAttribute('data-fill', 'red', { timeout: 15_000 });

  // Follow the next item from the source; once delivered, stop and save the recording.
  await page.getByTestId('node-source').click({ button: 'right' });
  await page.getByTestId('node-menu-follow-next').click();
  await expect(page.getByTestId('trace-summary')).toContainText('delivered', { timeout: 15_000 });
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'stopped');
  await page.getByTestId('save-recording').click();
  const link = await page.getByTestId('recording-link').inputValue();
  const slug = new URL(link).pathname.split('/').pop() ?? '';

  // The recording holds the item: its hops on `queue`, on the frames' time axis.
  const res = await page.request.get(`/api/recordings/${slug}/traces`);
  expect(res.status()).toBe(200);
  const { traces } = (await res.json()) as { traces: Array<{ traceId: string; hops: RecordedHop[] }> };
  expect(traces).toHaveLength(1);
  const { traceId, hops } = traces[0]!;
  const enq = hops.find((h) => h.event === 'enqueued' && h.edgeId === 'queue')!;
  const deq = hops.find((h) => h.event === 'dequeued' && h.edgeId === 'queue')!;
  expect(enq.depth).toBeGreaterThanOrEqual(30);
  const wait = deq.t - enq.t;
  expect(wait).toBeGreaterThan(50);

  // Half-way through its wait: on `queue`, half of the items it met still ahead of it. The
  // queue is drawn from its tail (0.12 along the edge) to its head (0.88) over 64 places.
  const mid = enq.t + wait / 2;
  await page.goto(`/r/${slug}?t=${(mid / 1000).toFixed(3)}`);
  await expect(page.getByTestId('past-banner')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('tab-trace').click();
  const at = await tokenAt(page, traceId);
  const expected = 0.12 + 0.76 * (1 - enq.depth! / 2 / 64);
  expect(at).toMatchObject({ state: 'queued', edge: 'queue' });
  expect(Math.abs(at.along - expected)).toBeLessThanOrEqual(0.03);
  // The Trace tab shows that item's waterfall.
  await expect(page.getByTestId('trace-summary')).toContainText(`#${traceId.slice(-4)}`);
  await expect(page.getByTestId('waterfall-row-queue')).toHaveAttribute('data-depth', String(enq.depth));
  for (const size of [
    { width: 1440, height: 900 },
    { width: 1280, height: 720 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(size);
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SHOTS}/follow-replay-${size.width}.png` });
  }
  await page.setViewportSize({ width: 1440, height: 900 });

  // Just after its arrival it is nearer the tail; after it was taken and before it reached `out`,
  // it is at the worker (served 2 ms, or at once by a worker catching up on its schedule on a
  // loaded machine: then the hops are under a millisecond apart, hence the link's microseconds).
  await page.goto(`/r/${slug}?t=${((enq.t + 1) / 1000).toFixed(3)}`);
  const early = await tokenAt(page, traceId);
  expect(early).toMatchObject({ state: 'queued', edge: 'queue' });
  expect(early.along).toBeLessThan(at.along);
  const onOut = hops.find((h) => h.event === 'enqueued' && h.edgeId === 'out')!;
  await page.goto(`/r/${slug}?t=${((deq.t + onOut.t) / 2 / 1000).toFixed(6)}`);
  await expect
    .poll(async () => (await tokenAt(page, traceId)).state, { timeout: 30_000 })
    .toMatch(/moving|serving|passing/);
  expect(pageErrors, 'errors in the page').toEqual([]);
});
