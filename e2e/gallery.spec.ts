import { expect, test } from '@playwright/test';
import { openEditor, parseRate, SHOTS } from './editor-helpers.js';

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

/*
 * Every lesson the server offers, as a student goes through the gallery: load it, run it for a
 * couple of seconds, see its lesson and live numbers on the canvas, stop it, open the next one.
 * An untouched example has nothing to lose, so switching lessons never asks to discard changes.
 * One screenshot per lesson at 1440 × 900 (e2e/screenshots/lesson-<id>.png): look at them.
 */
test.describe('every lesson', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('loads from the gallery, runs with live numbers beside its lesson, and stops', async ({
    page,
    request,
  }) => {
    // About 4 s a lesson (2 s of it running); the headroom is for a busy two-core machine.
    test.setTimeout(240_000);
    const res = await request.get('/api/examples');
    expect(res.ok()).toBe(true);
    const { examples } = (await res.json()) as {
      examples: Array<{ id: string; title: string; lesson: { steps: unknown[] } }>;
    };
    expect(examples.length).toBeGreaterThan(0);
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const prompts: string[] = [];
    page.on('dialog', (d) => {
      prompts.push(d.message());
      void d.dismiss();
    });
    await openEditor(page);

    const lesson = page.getByTestId('lesson-panel');
    const status = page.getByTestId('run-status');
    // A queue gauge coloured by a telemetry frame (not the 'none' it shows before one arrives).
    const liveGauges = page.locator('[data-testid^="edge-label-"][data-fill]:not([data-fill="none"])');
    for (const example of examples) {
      await test.step(example.id, async () => {
        await page.getByTestId('gallery-button').click();
        await page.getByTestId(`example-${example.id}`).click();
        await expect(page.getByTestId('gallery-dialog')).toHaveCount(0);
        await expect(lesson.locator('.lesson__title')).toHaveText(example.title);
        await expect(lesson.getByTestId('lesson-step')).toBeVisible();
        if (example.lesson.steps.length > 1)
          await expect(page.getByTestId('lesson-count')).toHaveText(
            `Step 1 of ${example.lesson.steps.length}`,
          );
        await expect(page.getByTestId('doc-status')).toHaveAttribute('data-state', 'new');

        await page.keyboard.press('Control+Enter');
        await expect(status).toHaveAttribute('data-status', 'running');
        const started = Date.now();
        await expect.poll(() => liveGauges.count(), { timeout: 10_000 }).toBeGreaterThan(0);
        // About two seconds of running: queues fill, rates settle, the bottleneck is named.
        await page.waitForTimeout(Math.max(0, 2_000 - (Date.now() - started)));
        await expect(status).toHaveAttribute('data-status', 'running');
        await page.screenshot({ path: `${SHOTS}/lesson-${example.id}.png` });

        await page.getByTestId('stop-button').click();
        await expect(status).toHaveAttribute('data-status', 'stopped');
        await expect(page.locator('[data-testid="toast"].toast--bad')).toHaveCount(0);
        expect(pageErrors, 'errors in the page').toEqual([]);
      });
    }
    expect(prompts, 'switching untouched lessons asks nothing').toEqual([]);
  });
});
