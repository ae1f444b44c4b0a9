import { expect, test } from '@playwright/test';
import { openWithGraph, SHOT_SIZES, SHOTS, selectNode } from './editor-helpers.js';

/*
 *   src (500/s) ──▶ sliding (sliding window, 200 per 1,000 ms, drop) ──▶ out
 *
 * The sliding window's gauge has the longest label ('used in window') and, offered 2.5 × its
 * rate in drop mode, a 'limited' rate of about 300/s: the card must show all of it.
 */
const graph = {
  schemaVersion: 1,
  name: 'sliding window, drop mode',
  nodes: [
    { id: 'src', kind: 'generator', position: { x: 0, y: 0 }, params: { rate: 500 } },
    {
      id: 'sliding',
      kind: 'rate-limit',
      position: { x: 300, y: 0 },
      params: { algorithm: 'sliding-window', rate: 200, windowMs: 1000, mode: 'drop' },
    },
    { id: 'out', kind: 'counter', position: { x: 600, y: 0 }, params: {} },
  ],
  edges: [
    {
      id: 'e1',
      source: 'src',
      sourcePort: 'out',
      target: 'sliding',
      targetPort: 'in',
      capacity: 64,
      overflow: 'block',
    },
    {
      id: 'e2',
      source: 'sliding',
      sourcePort: 'out',
      target: 'out',
      targetPort: 'in',
      capacity: 64,
      overflow: 'block',
    },
  ],
};

test('a sliding window in drop mode: its gauge fits its card, and ρ says the excess is dropped', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openWithGraph(page, graph);
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  const gauge = page.getByTestId('node-sliding').getByTestId('limiter-gauge');
  await expect(gauge).toContainText(/limited [1-9]/);

  // Every part of the gauge inside the card: before, 'limited 300/s' ran past its right edge.
  const parts = await gauge.evaluate((el) => {
    const card = el.closest('.sl-node')!.getBoundingClientRect();
    return [...el.children].map((c) => ({
      cls: c.className,
      right: c.getBoundingClientRect().right,
      cardRight: card.right,
    }));
  });
  for (const p of parts) expect(p.right, `${p.cls} inside the card`).toBeLessThanOrEqual(p.cardRight);
  expect(await gauge.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

  await selectNode(page, 'sliding');
  await expect(page.getByTestId('node-live')).toContainText(/drop mode discards the excess/);
  await expect(page.getByTestId('node-live')).not.toContainText('cannot keep up');
  // Its 5 ms is the spacing its 200/s allows, not a time it spends serving each item.
  await expect(page.getByTestId('node-live')).toContainText(/Spacing at its rate5 ms/);
  for (const s of SHOT_SIZES) {
    await page.setViewportSize({ width: s.width, height: s.height });
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SHOTS}/limiter-card-${s.name}.png` });
  }
  // On a phone the numbers are rows of text: the limiter's drops and gauge are there too
  // (before, the row read 'in 500/s out 204/s busy 1% ρ 2.5' and nothing of the 5,707 dropped).
  const row = page.getByTestId('phone-row-sliding');
  await expect(row).toContainText(/dropped [1-9]/);
  await expect(row).toContainText(/used in window \d+\/200/);
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'stopped');
});
