import { mkdirSync, readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { fitView, openWithGraph, SHOT_SIZES, SHOTS } from './editor-helpers.js';

/*
 * The charts' time window (issue 20): 30 s, 5 min and the whole run switch the axis while a run
 * goes; the choice is kept per browser; after a reload the whole run is read back from the
 * recording, so it still starts at 0. The run's CSV downloads from the Charts tab with rows for
 * every node and queue. Shot at 1280 × 720, 1440 × 900 and a phone (SHOTS_DIR).
 */

//   src (300/s) ──q [200, block]──▶ work (4 ms) ──out-q──▶ out
const GRAPH = {
  schemaVersion: 1,
  name: 'chart window',
  nodes: [
    { id: 'src', kind: 'generator', position: { x: 0, y: 0 }, params: { rate: 300 } },
    { id: 'work', kind: 'worker', position: { x: 420, y: 0 }, params: { serviceTimeMs: 4 } },
    { id: 'out', kind: 'counter', position: { x: 840, y: 0 }, params: {} },
  ],
  edges: [
    { id: 'q', source: 'src', target: 'work', capacity: 200, overflow: 'block' },
    { id: 'out-q', source: 'work', target: 'out', capacity: 64, overflow: 'block' },
  ],
};

test.use({ viewport: { width: 1280, height: 720 } });

/** The throughput chart's plot: its x range and first sample's time (s), as the chart marks them. */
async function axis(page: Page): Promise<{ min: number; max: number; first: number }> {
  const plot = page.getByTestId('chart-throughput').locator('.chart__plot');
  const [min, max, first] = await Promise.all(
    ['data-x-min', 'data-x-max', 'data-first-t'].map((a) => plot.getAttribute(a)),
  );
  return { min: Number(min), max: Number(max), first: first ? Number(first) : Number.NaN };
}

/** Seconds the run has gone, from the timeline's end. */
async function runSeconds(page: Page): Promise<number> {
  return Number(await page.getByTestId('timeline-track').getAttribute('aria-valuemax'));
}

async function shootAll(page: Page, name: string) {
  for (const s of SHOT_SIZES) {
    await page.setViewportSize({ width: s.width, height: s.height });
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SHOTS}/${name}-${s.name}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test('chart window: 30 s, 5 min and the whole run while running; the whole run starts at 0 after a reload', async ({
  page,
  browser,
}) => {
  test.setTimeout(480_000);
  mkdirSync(SHOTS, { recursive: true });
  await openWithGraph(page, GRAPH);
  await fitView(page);
  await page.getByTestId('tab-charts').click();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await expect.poll(() => runSeconds(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(4);

  // 30 s: the axis spans 30 s, ending now (or at 30 s while the run is younger: it fills from the left).
  const span = async () => {
    const a = await axis(page);
    return Math.round((a.max - a.min) * 10) / 10;
  };
  await page.getByTestId('chart-window-30s').click();
  await expect(page.getByTestId('chart-window-30s')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(span).toBe(30);
  expect((await axis(page)).max).toBeGreaterThanOrEqual(Math.min(30, await runSeconds(page)) - 1);
  await shootAll(page, 'chart-window-30s');

  // 5 min: 300 s from 0 (the run is younger).
  await page.getByTestId('chart-window-5m').click();
  await expect.poll(span).toBe(300);
  expect((await axis(page)).min).toBe(0);
  await shootAll(page, 'chart-window-5m');

  // The whole run: from 0 to the newest sample, and it grows.
  await page.getByTestId('chart-window-run').click();
  await expect.poll(span).toBeLessThan(300);
  const before = await axis(page);
  expect(before.min).toBe(0);
  expect(before.max).toBeGreaterThanOrEqual(4);
  expect(before.first).toBeLessThan(1);
  await expect.poll(async () => (await axis(page)).max, { timeout: 15_000 }).toBeGreaterThan(before.max + 1);
  await shootAll(page, 'chart-window-run');

  // Reload well into the run: the choice is kept, and the whole run is read back from the recording.
  await expect.poll(() => runSeconds(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(8);
  await page.reload();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('chart-window-run')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await axis(page)).first, { timeout: 20_000 }).toBeLessThan(1);
  const after = await axis(page);
  expect(after.min).toBe(0);
  expect(after.max).toBeGreaterThanOrEqual(8);
  // The samples from before the reload carry values: the throughput legend reads a rate.
  await expect(page.getByTestId('chart-throughput').locator('[data-value]').first()).toHaveText(/\/s$/);
  await shootAll(page, 'chart-window-run-reloaded');

  // 5 min after the reload also starts from the recording, not from the reload.
  await page.getByTestId('chart-window-5m').click();
  await expect.poll(span).toBe(300);
  expect((await axis(page)).first).toBeLessThan(1);

  // The run's CSV from the Charts tab: the header, then a row per node and queue per frame.
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', /stopped|completed/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('chart-csv').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^run-.+\.csv$/);
  const lines = readFileSync((await download.path())!, 'utf8')
    .trimEnd()
    .split('\n');
  expect(lines[0]).toMatch(/^t,kind,id,depth,capacity,inRate,outRate,dropped,/);
  const rows = lines.slice(1).map((l) => l.split(','));
  const ids = new Set(rows.map((r) => `${r[1]} ${r[2]}`));
  expect([...ids].sort()).toEqual(['edge out-q', 'edge q', 'node out', 'node src', 'node work']);
  // One row per node and queue per frame: ~10 frames a second for 8 s and more.
  const frames = new Set(rows.map((r) => r[0]));
  expect(frames.size).toBeGreaterThan(60);
  expect(rows.length).toBe(frames.size * 5);

  // Its saved recording (/r/<slug>, a fresh browser): the whole run from the recording, and its CSV.
  await page.getByTestId('save-recording').click();
  const link = await page.getByTestId('recording-link').inputValue();
  const other = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const viewer = await other.newPage();
  await viewer.addInitScript("localStorage.setItem('sluice:gallery-seen', '1')");
  await viewer.goto(new URL(link).pathname);
  await expect(viewer.getByTestId('recording-banner')).toContainText('Recording of chart window', {
    timeout: 30_000,
  });
  await viewer.getByTestId('tab-charts').click();
  // 5 min (a fresh browser's window) on a recording of ~10 s spans the recording: before, its
  // axis ran on to 5:00 and the whole run was a sliver at the left.
  await expect(viewer.getByTestId('chart-window-5m')).toHaveAttribute('aria-pressed', 'true');
  await expect
    .poll(async () => {
      const a = await axis(viewer);
      return a.max - a.min;
    })
    .toBeLessThan(60);
  await viewer.screenshot({ path: `${SHOTS}/chart-window-recording-5m-1280.png` });
  await viewer.getByTestId('chart-window-run').click();
  await expect.poll(async () => (await axis(viewer)).first, { timeout: 20_000 }).toBeLessThan(1);
  expect((await axis(viewer)).max).toBeGreaterThanOrEqual(8);
  await viewer.screenshot({ path: `${SHOTS}/chart-window-recording-1280.png` });
  const [saved] = await Promise.all([
    viewer.waitForEvent('download'),
    viewer.getByTestId('chart-csv').click(),
  ]);
  expect(saved.suggestedFilename()).toMatch(/^recording-.+\.csv$/);
  const savedLines = readFileSync((await saved.path())!, 'utf8')
    .trimEnd()
    .split('\n');
  expect(savedLines[0]).toBe(lines[0]);
  expect(new Set(savedLines.slice(1).map((l) => l.split(',').slice(1, 3).join(' ')))).toEqual(ids);
  await other.close();
});
