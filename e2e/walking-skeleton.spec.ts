import { expect, test } from '@playwright/test';
import { connect, dragKind, handle, openEditor, parseRate, SHOTS, selectNode } from './editor-helpers.js';

/*
 * The walking skeleton, as a user does it:
 *
 *   generator-1 (rate 2000/s) --e1[64, block]--> worker-1 (2 ms) --e2[64, block]--> counter-1
 *
 * The worker serves at most 500 items/s, so e1 must fill to 64/64 (red) and the counter must
 * settle near 500/s. Both numbers only appear if the server runs the graph and telemetry flows.
 */
test('draw, configure, run and stop a slow-consumer pipeline', async ({ page }) => {
  await openEditor(page);
  await expect(page.getByTestId('palette-item-generator')).toBeVisible();
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await expect(page.getByTestId('run-button')).toBeDisabled();
  await page.screenshot({ path: `${SHOTS}/empty-editor.png` });

  // Drag the three kinds from the palette onto the canvas.
  await dragKind(page, 'generator', { x: 160, y: 240 });
  await dragKind(page, 'worker', { x: 510, y: 240 });
  await dragKind(page, 'counter', { x: 860, y: 240 });
  for (const id of ['generator-1', 'worker-1', 'counter-1'])
    await expect(page.getByTestId(`node-${id}`)).toBeVisible();
  await expect(page.getByTestId('empty-state')).toHaveCount(0);

  // Unconnected inputs are compile issues: Run stays disabled and says why.
  await expect(page.getByTestId('run-button')).toBeDisabled();
  await expect(page.getByTestId('run-button')).toHaveAttribute('title', /not connected/);

  // Join the ports by dragging between handles.
  await connect(page, handle(page, 'generator-1', 'out'), handle(page, 'worker-1', 'in'));
  await connect(page, handle(page, 'worker-1', 'out'), handle(page, 'counter-1', 'in'));
  await expect(page.getByTestId('edge-label-e1')).toBeVisible();
  await expect(page.getByTestId('edge-label-e2')).toBeVisible();
  await expect(page.getByTestId('edge-label-e1')).toContainText('/64');

  // Configure through the generated inspector forms.
  await selectNode(page, 'generator-1');
  await page.getByTestId('param-rate').fill('2000');
  await selectNode(page, 'worker-1');
  await page.getByTestId('param-serviceTimeMs').fill('2');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('issues-list')).toContainText('None');

  // Run.
  await expect(page.getByTestId('run-button')).toBeEnabled();
  // Telemetry at 20 Hz for this run: the rate goes with the run request.
  await page.getByTestId('telemetry-hz').selectOption('20');
  const [runRequest] = await Promise.all([
    page.waitForRequest((r) => r.url().endsWith('/api/runs') && r.method() === 'POST'),
    page.getByTestId('run-button').click(),
  ]);
  expect(runRequest.postDataJSON()).toMatchObject({ telemetryHz: 20 });
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');

  // The queue into the worker fills to capacity and turns red.
  const intoWorker = page.getByTestId('edge-label-e1');
  await expect(intoWorker).toHaveText(/64\/64/, { timeout: 5_000 });
  await expect(intoWorker).toHaveAttribute('data-fill', 'red');

  // The counter settles near the worker's capacity: 1 item / 2 ms = 500/s.
  const counterIn = page.getByTestId('node-inrate-counter-1');
  await expect
    .poll(async () => parseRate((await counterIn.textContent()) ?? ''), { timeout: 10_000, intervals: [250] })
    .toBeGreaterThanOrEqual(400);
  const settled = parseRate((await counterIn.textContent()) ?? '');
  expect(settled).toBeGreaterThanOrEqual(400);
  expect(settled).toBeLessThanOrEqual(600);
  // The generator is held back by the full queue: it is backpressured, not emitting 2000/s.
  expect(parseRate((await page.getByTestId('node-outrate-generator-1').textContent()) ?? '')).toBeLessThan(
    700,
  );
  await expect(intoWorker).toHaveAttribute('data-fill', 'red');
  // The worker is busy at the bottom of a full queue: it is marked as the bottleneck.
  await expect(page.getByTestId('bottleneck-worker-1')).toBeVisible();
  await expect(page.getByTestId('bottleneck-generator-1')).toHaveCount(0);
  // …and the banner says why in one sentence, with the numbers it rests on.
  await expect(page.getByTestId('bottleneck-banner')).toContainText(
    /worker-1 is the bottleneck: [\d,.k]+ items\/s offered × [\d.]+ ms ÷ 1 lane = [\d.,]+ × what it can serve; (e1 fills its [\d,]+ slots in [\d.]+ m?s at that rate, and )?generator-1 waits \d+% of its time for room in e1/,
  );
  // The charts fill from the run's history (whole run while nothing is selected).
  await expect(page.getByTestId('chart-subject')).toHaveText('Whole run');
  await expect(page.getByTestId('chart-throughput').locator('[data-value]').nth(1)).toHaveText(/\/s$/);
  await page.screenshot({ path: `${SHOTS}/walking-skeleton-running.png` });

  // Hovering a queue shows every one of its metrics.
  await intoWorker.hover();
  const card = page.getByTestId('edge-card-e1');
  for (const metric of [
    'Depth',
    'In rate',
    'Out rate',
    'Dropped',
    'Producer blocked',
    'Oldest item',
    'Full in',
  ])
    await expect(card).toContainText(metric);
  await expect(card).toContainText('64 / 64');
  await page.screenshot({ path: `${SHOTS}/walking-skeleton-hover-card.png` });

  // The queue's inspector shows its live numbers next to its settings.
  await intoWorker.click();
  await expect(page.getByTestId('edge-live')).toContainText('64 / 64');
  await expect(page.getByTestId('chart-subject')).toHaveText('Queue e1');
  await expect(page.getByTestId('param-capacity')).toHaveValue('64');
  await page.screenshot({ path: `${SHOTS}/walking-skeleton-queue-inspector.png` });

  // Stop ends the run.
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'stopped');
  await expect(page.getByTestId('run-status')).toHaveText('stopped');
  await expect(page.getByTestId('stop-button')).toBeDisabled();
  await expect(page.getByTestId('run-button')).toBeEnabled();
  await page.screenshot({ path: `${SHOTS}/walking-skeleton-stopped.png` });
});
