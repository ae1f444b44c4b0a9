import { expect, type Page, test } from '@playwright/test';
import { edge, node, openWithGraph, SHOTS } from './editor-helpers.js';

/*
 * A phone (390 × 844) is a monitor: the canvas is the overview, and below it every node's live
 * numbers are text at a size one reads without zooming (at the zoom that fits a graph on the
 * screen the canvas's own numbers are a few px high). A failed run's banner and message are on
 * screen. Larger screens show no such list.
 *
 *   src (2,000/s) ──e1 [64]──▶ slow (worker, 2 ms: 500/s) ──e2──▶ out
 */
const graph = {
  schemaVersion: 1,
  name: 'phone numbers',
  nodes: [
    node('src', 'generator', 0, 0, { rate: 2000 }),
    node('slow', 'worker', 360, 0, { serviceTimeMs: 2 }),
    node('out', 'counter', 720, 0),
  ],
  edges: [edge('e1', 'src', 'slow'), edge('e2', 'slow', 'out')],
};

const PHONE = { width: 390, height: 844 };

/** The element's box is wholly on the phone's screen. */
async function expectOnScreen(page: Page, testId: string): Promise<void> {
  const r = await page.getByTestId(testId).first().boundingBox();
  expect(r, `${testId} is laid out`).not.toBeNull();
  expect(r!.x >= 0 && r!.y >= 0, `${testId} starts on screen`).toBe(true);
  expect(r!.x + r!.width <= PHONE.width + 0.5, `${testId} ends within the width`).toBe(true);
  expect(r!.y + r!.height <= PHONE.height + 0.5, `${testId} ends within the height`).toBe(true);
}

test('a phone lists every node with its live numbers, readable', async ({ page }) => {
  test.setTimeout(120_000);
  // The graph is opened on a larger screen (the phone folds the palette it goes through).
  await openWithGraph(page, graph);
  await page.setViewportSize(PHONE);
  await expect(page.getByTestId('phone-numbers')).toBeVisible();
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('phone-out-src')).toHaveText(/^out [1-9]/);
  await expect(page.getByTestId('phone-queue-e1')).toContainText(/queue from src\s*[1-9]\d*\/64/);
  for (const id of ['src', 'slow', 'out']) await expectOnScreen(page, `phone-row-${id}`);
  // Readable: the numbers are at least 13 px on screen (the canvas's are ~5 px at fit zoom).
  await expect(page.getByTestId('phone-out-src')).toHaveCSS('font-size', /^(1[3-9]|[2-9]\d)(\.\d+)?px$/);
  // The canvas stays as the overview.
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  expect(canvas.height).toBeGreaterThan(300);
  await page.waitForTimeout(1_000);
  await page.screenshot({ path: `${SHOTS}/phone-numbers-390.png` });
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'stopped');
  // On a larger screen the canvas carries the numbers: no list.
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(page.getByTestId('phone-numbers')).toHaveCount(0);
});

test('a failed run on a phone: the banner and the reason are on screen', async ({ page }) => {
  test.setTimeout(120_000);
  await openWithGraph(page, {
    ...graph,
    name: 'fails on a phone',
    nodes: [
      graph.nodes[0],
      node('slow', 'worker', 360, 0, { serviceTimeMs: 100, failureRate: 1 }),
      graph.nodes[2],
    ],
  });
  await page.setViewportSize(PHONE);
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'failed', { timeout: 15_000 });
  await expect(page.getByTestId('run-error-banner')).toContainText('slow failed');
  await expectOnScreen(page, 'run-error-banner');
  await expect(page.getByTestId('status-message')).toHaveText(/^slow failed/);
  await expectOnScreen(page, 'status-message');
  await expectOnScreen(page, 'status-leftInQueues');
  await expect(page.getByTestId('node-failed-slow').first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/phone-failed-run-390.png` });
});

/*
 * A lesson picked from the gallery on a phone: the left column is folded there, so the lesson
 * heads the numbers under the canvas — its step, Back / Next and the change to apply in reach.
 *
 *   source (2,000/s) ──queue [64]──▶ worker (2 ms) ──out──▶ sink
 */
test('a lesson picked on a phone shows its steps under the canvas; a step applies live', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize(PHONE);
  await page.goto('/');
  await page.getByTestId('example-slow-consumer').click();
  const lesson = page.getByTestId('lesson-panel');
  await expect(lesson).toBeVisible();
  await expect(lesson).toContainText('Look at');
  await expectOnScreen(page, 'lesson-next');
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await page.getByTestId('lesson-next').click();
  await page.getByTestId('lesson-next').click();
  await expect(page.getByTestId('lesson-count')).toHaveText('Step 3 of 4');
  // Below the step's text: the numbers' list scrolls to it.
  await page.getByTestId('lesson-apply').scrollIntoViewIfNeeded();
  await expectOnScreen(page, 'lesson-apply');
  await page.getByTestId('lesson-apply').click();
  await expect(page.getByTestId('toast').last()).toContainText('Applied to the running graph');
  // Folded, it is one line and the numbers are back in view.
  await page.getByTestId('lesson-toggle').click();
  await expectOnScreen(page, 'phone-row-source');
  await page.screenshot({ path: `${SHOTS}/phone-lesson-390.png` });
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'stopped');
});
