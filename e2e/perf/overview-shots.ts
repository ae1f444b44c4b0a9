/**
 * Screenshots of a big graph running (a script, not a test): fitted (the overview layer) and at
 * detail zoom (DOM cards), at 1280×720, 1440×900 and a phone. Look at them after a change to
 * overview-layer.tsx or overview-paint.ts.
 *
 *   SLUICE_URL=http://127.0.0.1:3000 OUT=/tmp/shots node --import tsx e2e/perf/overview-shots.ts
 *
 * Options (environment): SIZE (default 500x650), OUT (default e2e/screenshots), VIEWPORTS
 * (default 1280,1440,phone).
 */
import { chromium } from '@playwright/test';
import { bigGraph, openRunning, zoomOf, zoomTo } from './big-graph.js';

const [nodes, edges] = (process.env.SIZE ?? '500x650').split('x').map(Number) as [number, number];
const OUT = process.env.OUT ?? 'e2e/screenshots';
const ALL = [
  { name: '1280', width: 1280, height: 720 },
  { name: '1440', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];
/** VIEWPORTS=1440,phone takes only those. */
const VIEWPORTS = ALL.filter(
  (v) => !process.env.VIEWPORTS || process.env.VIEWPORTS.split(',').includes(v.name),
);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await openRunning(browser, bigGraph(nodes, edges), 10);
  for (const v of VIEWPORTS) {
    await page.setViewportSize({ width: v.width, height: v.height });
    await page.keyboard.press('Escape');
    // Fit: the toolbar's button where there is one (a phone keeps the whole graph framed).
    const fit = page.getByTestId('fit-button');
    if (await fit.isVisible()) await fit.click();
    await page.waitForTimeout(2_000);
    await page.screenshot({ path: `${OUT}/overview-${nodes}-${v.name}-fitted.png`, timeout: 120_000 });
    console.log(`${v.name}: fitted at zoom ${(await zoomOf(page)).toFixed(2)}`);
    if (v.name === 'phone') continue;
    await zoomTo(page, 0.3, 40);
    await page.waitForTimeout(1_000);
    await page.screenshot({ path: `${OUT}/overview-${nodes}-${v.name}-zoom03.png`, timeout: 120_000 });
    await zoomTo(page, 0.55, 40);
    await page.waitForTimeout(1_000);
    await page.screenshot({ path: `${OUT}/overview-${nodes}-${v.name}-detail.png`, timeout: 120_000 });
    console.log(`${v.name}: detail at zoom ${(await zoomOf(page)).toFixed(2)}`);
  }
  await page.getByTestId('stop-button').click();
} finally {
  await browser.close();
}
