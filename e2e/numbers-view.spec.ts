import { expect, type Page, test } from '@playwright/test';
import {
  edge,
  node,
  openEditor,
  openWithGraph,
  parseRate,
  SHOT_SIZES,
  SHOTS,
  selectNode,
} from './editor-helpers.js';

/*
 * The numbers the user reads: the bottleneck sentence with its evidence, the per-frame chart of
 * a rate limiter, a failed run, timestamps in the Items tab, and averages once a run has ended.
 * Each view is shot at 1280 × 720 and 1440 × 900 (and a phone where it matters): look at them.
 */

async function shoot(
  page: Page,
  name: string,
  sizes: ReadonlyArray<(typeof SHOT_SIZES)[number]> = SHOT_SIZES,
) {
  for (const s of sizes) {
    await page.setViewportSize({ width: s.width, height: s.height });
    // Let the canvas and charts take the new size before the shot.
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SHOTS}/numbers-${name}-${s.name}.png` });
  }
}

async function openExample(page: Page, id: string) {
  await openEditor(page);
  await page.getByTestId('gallery-button').click();
  await page.getByTestId(`example-${id}`).click();
  await expect(page.getByTestId('gallery-dialog')).toHaveCount(0);
}

async function stop(page: Page) {
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'stopped');
}

test.use({ viewport: { width: 1280, height: 720 } });

/*
 *   source (2,000/s) ──queue [64, block]──▶ worker (2 ms: 500/s) ──▶ sink
 */
test('slow consumer: the bottleneck sentence quotes its numbers; after the run, rates are averages', async ({
  page,
}) => {
  // Three viewports of screenshots and a few seconds of running on a busy two-core machine.
  test.setTimeout(180_000);
  await openExample(page, 'slow-consumer');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  const banner = page.getByTestId('bottleneck-banner');
  await expect(banner).toContainText(
    /worker is the bottleneck: [\d,.k]+ items\/s offered × [\d.]+ ms ÷ 1 lane = [\d.,]+ × what it can serve; (queue fills its 64 slots in [\d.]+ m?s at that rate, and )?source waits \d+% of its time for room in queue\./,
    { timeout: 15_000 },
  );
  await expect(page.getByTestId('bottleneck-source')).toHaveCount(0);
  await shoot(page, 'slow-consumer-running');
  await page.setViewportSize({ width: 1280, height: 720 });

  await stop(page);
  // The rates no longer show the last frame's: they are the run's averages, and say so.
  await expect(page.getByTestId('node-inrate-worker')).toBeVisible();
  await expect(page.getByTestId('node-worker')).toContainText('avg in');
  await expect(page.getByTestId('status-avg')).toContainText('avg over run');
  const avg = parseRate((await page.getByTestId('node-outrate-worker').textContent()) ?? '');
  expect(avg).toBeGreaterThan(100);
  expect(avg).toBeLessThan(700);
  // So does how the nodes spent their time: the worker was busy and the source held back all run
  // long, although at the end every lane is idle.
  const share = async (nodeId: string, key: 'busy' | 'bp') =>
    Number(
      /(\d+)%/.exec(
        (await page.getByTestId(`node-${nodeId}`).locator(`.state-bar__key--${key}`).textContent()) ?? '',
      )?.[1],
    );
  expect(await share('worker', 'busy')).toBeGreaterThanOrEqual(80);
  expect(await share('source', 'bp')).toBeGreaterThanOrEqual(50);
  await expect(page.getByTestId('node-worker').locator('.state-bar')).toHaveAttribute(
    'title',
    /^Over the run: /,
  );
  await page.getByTestId('edge-label-queue').click();
  await expect(page.getByTestId('edge-live')).toContainText('avg over run');
  const blocked = /Producer blocked\s*(\d+)%/.exec((await page.getByTestId('edge-live').textContent()) ?? '');
  expect(Number(blocked?.[1])).toBeGreaterThanOrEqual(50);
  // Little's law over the run (the last frame has no items leaving to measure a wait on): the
  // full queue's mean depth, and out rate × mean wait, agree.
  const little = /≈ [\d,.]+\/s × [\d,.]+ ms = ([\d,.]+) \(mean depth ([\d,.]+)\)/.exec(
    (await page.getByTestId('edge-live').textContent()) ?? '',
  );
  expect(little, 'Little’s law over the run').not.toBeNull();
  const [lw, meanDepth] = [Number(little![1]), Number(little![2])];
  expect(meanDepth).toBeGreaterThan(40);
  expect(Math.abs(lw - meanDepth) / meanDepth).toBeLessThan(0.25);
  await shoot(page, 'slow-consumer-ended', SHOT_SIZES.slice(0, 2));
});

/*
 *   token-source (bursty) ──▶ token-bucket (200/s, burst 100) ──▶ token-sink
 *   leaky-source (bursty) ──▶ leaky-bucket (200/s, burst 100) ──▶ leaky-sink
 */
test('token vs leaky bucket: the throughput chart starts per frame, and the toggle switches it', async ({
  page,
}) => {
  // Three viewports of screenshots and a few seconds of running on a busy two-core machine.
  test.setTimeout(180_000);
  await openExample(page, 'token-vs-leaky-bucket');
  // A lesson at 1280 × 720 starts with the bottom panel folded: open the charts.
  await page.getByTestId('tab-charts').click();
  await expect(page.getByTestId('chart-view-per-frame')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await selectNode(page, 'token-bucket');
  await expect(page.getByTestId('chart-throughput')).toContainText('Throughput per frame');
  await expect(page.getByTestId('node-token-bucket').getByTestId('limiter-gauge-value')).toHaveText(
    /^[\d,.k]+\/[\d,.k]+$/,
  );
  // A few seconds of bursts on the chart.
  await page.waitForTimeout(4_000);
  await shoot(page, 'token-vs-leaky-per-frame', SHOT_SIZES.slice(0, 2));
  await page.setViewportSize({ width: 1280, height: 720 });

  await page.getByTestId('chart-view-smoothed').click();
  await expect(page.getByTestId('chart-throughput')).toContainText('Throughput (≈1 s average)');
  await expect(page.getByTestId('chart-view-smoothed')).toHaveAttribute('aria-pressed', 'true');
  await stop(page);
});

/*
 *   gen (2,000/s) ──e1──▶ resize (worker, 100 ms, every item fails, errorPolicy fail) ──e2──▶ out
 *   The first item fails after 100 ms, by when e1 holds items that will never be delivered.
 */
test('a failed run is unmissable: banner and status name the node once, the node is marked', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openWithGraph(page, {
    schemaVersion: 1,
    name: 'fails at once',
    nodes: [
      node('gen', 'generator', 0, 0, { rate: 2000 }),
      node('resize', 'worker', 300, 0, { serviceTimeMs: 100, failureRate: 1 }),
      node('out', 'counter', 600, 0),
    ],
    edges: [edge('e1', 'gen', 'resize'), edge('e2', 'resize', 'out')],
  });
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'failed', { timeout: 15_000 });
  const banner = page.getByTestId('run-error-banner');
  await expect(banner).toContainText('resize failed with “simulated failure');
  await expect(banner).not.toContainText('resize: resize');
  await expect(page.getByTestId('status-message')).toHaveText(/^resize failed: simulated failure/);
  await expect(page.getByTestId('node-failed-resize')).toBeVisible();
  await expect(page.getByTestId('node-resize')).toHaveClass(/has-failed/);
  await expect(page.getByTestId('node-failed-gen')).toHaveCount(0);
  // What the failure stranded in queues is lost, and named so: never "nothing lost" beside it.
  const live = page.getByTestId('status-live');
  await expect(page.getByTestId('status-leftInQueues')).toHaveText(/^[1-9][\d,]* left in queues$/);
  await expect(live).not.toContainText('nothing lost');
  await expect(live).not.toContainText('queued');
  await shoot(page, 'failed-run');
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByTestId('runs-button').click();
  const totals = page.getByTestId('run-row-totals');
  await expect(totals).toContainText(/[1-9][\d,]* left in queues/);
  await expect(totals).not.toContainText('nothing lost');
  await shoot(page, 'failed-run-runs-panel');
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 1280, height: 720 });
  // The banner leads to the node.
  await banner.click();
  await expect(page.getByTestId('inspector')).toContainText('resize');
});

/*
 *   feed (200/s) ──e1 [16]──▶ view (browser sink)
 */
test('Items tab: generator timestamps read as a time of day', async ({ page }) => {
  await openWithGraph(page, {
    schemaVersion: 1,
    name: 'items',
    nodes: [node('feed', 'generator', 0, 0, { rate: 200 }), node('view', 'browser', 360, 0)],
    edges: [edge('e1', 'feed', 'view', { capacity: 16 })],
  });
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await page.getByTestId('grant-10').click();
  await expect(page.getByTestId('items-received')).toHaveText('10 received');
  const table = page.getByTestId('items-view');
  await expect(table.locator('thead th')).toHaveText(['#', 'id', 'ts', 'key', 'value']);
  const ts = table.locator('tbody tr').first().locator('td').nth(2);
  await expect(ts).toHaveText(/^\d\d:\d\d:\d\d\.\d{3}$/);
  await expect(ts).toHaveAttribute('title', /^\d{13} \(epoch ms\)$/);
  await shoot(page, 'items-tab', SHOT_SIZES.slice(0, 2));
  await page.setViewportSize({ width: 1280, height: 720 });
  await stop(page);
});
