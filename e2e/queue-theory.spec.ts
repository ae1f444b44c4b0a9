import { expect, type Page, test } from '@playwright/test';
import { openEditor, SHOT_SIZES, SHOTS, selectNode } from './editor-helpers.js';

/*
 * Theory beside reality (issue 18): the queueing-theory lesson's queue card shows Little's law and
 * the M/M/1 model's mean wait and depth beside the measured ones; the worker's inspector shows ρ in
 * words. Shot at 1280 × 720, 1440 × 900 and a phone (to SHOTS_DIR, default e2e/screenshots).
 */

test.use({ viewport: { width: 1280, height: 720 } });

async function hoverQueue(page: Page) {
  await page.getByTestId('edge-label-queue').hover();
  return page.getByTestId('edge-card-queue');
}

//   source (Poisson 80/s) ──queue [1024]──▶ worker (exponential, 10 ms) ──▶ sink
test('queueing theory: the queue card puts the M/M/1 prediction beside the measurement', async ({ page }) => {
  // A few seconds of running and five screenshots on a busy two-core machine.
  test.setTimeout(240_000);
  await openEditor(page);
  await page.getByTestId('gallery-button').click();
  await page.getByTestId('example-queueing-theory').click();
  await expect(page.getByTestId('gallery-dialog')).toHaveCount(0);

  // Before the run the model is known from the drawn graph; nothing is measured yet.
  let card = await hoverQueue(page);
  await expect(card).toContainText('M/M/1 at ρ 0.80');
  await expect(card).toContainText('40 ms / —');

  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  card = await hoverQueue(page);
  // Measured numbers arrive: a mean wait and Little's law with both sides.
  await expect(card).toContainText(/Wait: model \/ measured40 ms \/ [\d.]+ m?s/, { timeout: 15_000 });
  await expect(card).toContainText(/\/s × [\d.]+ m?s = [\d.]+ \(measured \d+\)/);
  await expect(card).toContainText(/Mean depth: model \/ λ·W3\.2 \/ [\d.]+/);
  for (const s of SHOT_SIZES.slice(0, 2)) {
    await page.setViewportSize({ width: s.width, height: s.height });
    await page.waitForTimeout(400);
    card = await hoverQueue(page);
    await expect(card).toBeVisible();
    // The whole card is on screen, not cut by the window's edge.
    const box = (await card.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(s.width);
    expect(box.y + box.height).toBeLessThanOrEqual(s.height);
    await page.screenshot({ path: `${SHOTS}/queue-theory-card-${s.name}.png` });
  }
  // A phone has no hover and no canvas: its list shows the worker's ρ and the queue's mean wait.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId('phone-row-worker')).toContainText(/ρ 0\.\d/);
  await expect(page.getByTestId('phone-queue-queue')).toContainText(/wait [\d.]+ m?s/);
  await page.screenshot({ path: `${SHOTS}/queue-theory-phone.png` });

  // The worker's ρ, in words, in its inspector.
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.mouse.move(5, 5);
  await selectNode(page, 'worker');
  const live = page.getByTestId('node-live');
  await expect(live).toContainText(/Utilization ρ0\.\d\d: asked for \d+% of what it can serve/);
  await expect(live).toContainText(/Mean service[\d.]+ ms/);
  for (const s of SHOT_SIZES.slice(0, 2)) {
    await page.setViewportSize({ width: s.width, height: s.height });
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SHOTS}/queue-theory-inspector-${s.name}.png` });
  }
  await page.getByTestId('stop-button').click();
  // After the run, over the run: before, both rows fell to dashes beside 'In / out (avg over run)'.
  await expect(live).toContainText(
    /Utilization ρ \(avg over run\)0\.\d\d: asked for \d+% of what it can serve/,
  );
  await expect(live).toContainText(/Mean service \(avg over run\)[\d.]+ ms/);
});
