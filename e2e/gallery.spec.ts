import { expect, test } from '@playwright/test';
import { parseRate, SHOTS } from './editor-helpers.js';

/*
 * The teaching gallery greets a first visit; an example loads with its lesson, and a step's
 * change can be applied to the running graph from the lesson itself.
 *
 *   source (2,000/s) ──queue [64, block]──▶ worker (2 ms) ──▶ sink
 */
test('first visit opens the gallery; an example runs with its lesson and applies a step live', async ({
  page,
}) => {
  await page.goto('/');
  const gallery = page.getByTestId('gallery-dialog');
  await expect(gallery).toBeVisible();
  await expect(page.getByTestId('example-slow-consumer')).toContainText('Slow consumer');
  await page.screenshot({ path: `${SHOTS}/gallery.png` });

  await page.getByTestId('example-slow-consumer').click();
  await expect(gallery).toHaveCount(0);
  const lesson = page.getByTestId('lesson-panel');
  await expect(lesson).toContainText('Look at');
  await expect(lesson).toContainText('Why');
  await expect(page.getByTestId('lesson-count')).toHaveText('Step 1 of 4');
  await expect(page.getByTestId('node-worker')).toBeVisible();

  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('edge-label-queue')).toHaveAttribute('data-fill', 'red', { timeout: 10_000 });
  await expect(page.getByTestId('bottleneck-worker')).toBeVisible();

  // Step 3 makes the worker twice as fast; applied live, the source's rate follows to ~1,000/s.
  await page.getByTestId('lesson-next').click();
  await page.getByTestId('lesson-next').click();
  await expect(page.getByTestId('lesson-count')).toHaveText('Step 3 of 4');
  await expect(page.getByTestId('lesson-apply')).toHaveText('Apply this change live');
  await page.getByTestId('lesson-apply').click();
  await expect(page.getByTestId('toast').last()).toContainText('Applied to the running graph');
  await expect
    .poll(async () => parseRate((await page.getByTestId('node-outrate-source').textContent()) ?? ''), {
      timeout: 10_000,
    })
    .toBeGreaterThan(800);
  await page.screenshot({ path: `${SHOTS}/gallery-lesson-running.png` });
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'stopped');

  // The greeting happens once: a reload keeps the example and does not reopen the gallery.
  await page.reload();
  await expect(page.getByTestId('node-worker')).toBeVisible();
  await expect(gallery).toHaveCount(0);
  await page.getByTestId('gallery-button').click();
  await expect(gallery).toBeVisible();
});
