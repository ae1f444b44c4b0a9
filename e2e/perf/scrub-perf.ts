/**
 * Frame time while scrubbing a recording (issue 17; a script, not a test): a big graph runs for
 * RUN_SECONDS at 10 Hz, stops, and its recording is scrubbed in headless Chromium — the cursor
 * dragged back and forth across the timeline, then played at 4×, then the saved recording's
 * `/r/<slug>` page dragged the same way. Frame time is the gap between requestAnimationFrame
 * callbacks, as in render-perf.ts.
 *
 *   npm run build && PORT=3000 node dist/server/server/main.js   # in one shell
 *   node --import tsx e2e/perf/scrub-perf.ts                      # in another
 *
 * Options (environment): SLUICE_URL (default http://127.0.0.1:3000), SIZES (default "200x250"),
 * RUN_SECONDS (default 20), SECONDS (default 8 per phase).
 */
import { type Browser, chromium, type Page } from '@playwright/test';
import { bigGraph, openRunning } from './big-graph.js';

const RUN_SECONDS = Number(process.env.RUN_SECONDS ?? 20);
const SECONDS = Number(process.env.SECONDS ?? 8);
const SIZES = (process.env.SIZES ?? '200x250')
  .split(',')
  .map((s) => s.split('x').map(Number) as [number, number]);

interface Stats {
  frames: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function stats(deltas: number[]): Stats {
  const sorted = [...deltas].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
  return { frames: deltas.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: sorted.at(-1) ?? Number.NaN };
}

/** Starts collecting requestAnimationFrame deltas in the page; `collect` ends and returns them. */
async function startFrames(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.__deltas = [];
    window.__measuring = true;
    let last = performance.now();
    requestAnimationFrame(function tick(now) {
      window.__deltas.push(now - last);
      last = now;
      if (window.__measuring) requestAnimationFrame(tick);
    });
  })()`);
}

async function collect(page: Page): Promise<number[]> {
  return page.evaluate('(() => { window.__measuring = false; return window.__deltas; })()');
}

/** Drags the timeline cursor end to end and back for `seconds`, as a hand would (~60 moves/s). */
async function drag(page: Page, seconds: number): Promise<void> {
  const box = await page.getByTestId('timeline-track').boundingBox();
  if (!box) throw new Error('no timeline');
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 2, y);
  await page.mouse.down();
  const end = Date.now() + seconds * 1000;
  let f = 0;
  let dir = 1;
  while (Date.now() < end) {
    f += dir * 0.01;
    if (f >= 1 || f <= 0) dir = -dir;
    await page.mouse.move(box.x + 2 + Math.min(1, Math.max(0, f)) * (box.width - 4), y);
  }
  await page.mouse.up();
}

async function phase(page: Page, run: () => Promise<void>): Promise<Stats> {
  await startFrames(page);
  await run();
  return stats(await collect(page));
}

async function runSize(browser: Browser, nodes: number, edges: number): Promise<void> {
  const doc = bigGraph(nodes, edges);
  const page = await openRunning(browser, doc, 10);
  await page.waitForTimeout(RUN_SECONDS * 1000);
  await page.getByTestId('stop-button').click();
  await page.waitForSelector('[data-testid="run-status"][data-status="stopped"]', { timeout: 30_000 });
  const rows: Array<[string, Stats]> = [];
  rows.push(['run page: drag the cursor', await phase(page, () => drag(page, SECONDS))]);
  rows.push([
    'run page: play at 4×',
    await phase(page, async () => {
      await page.getByTestId('timeline-speed').selectOption('4');
      await page.getByTestId('timeline-play').click();
      await page.waitForTimeout(SECONDS * 1000);
      await page.getByTestId('timeline-play').click();
    }),
  ]);
  await page.getByTestId('save-recording').click();
  const link = await page.getByTestId('recording-link').inputValue();
  const heap = Number(await page.evaluate('performance.memory ? performance.memory.usedJSHeapSize : 0'));
  await page.goto(link);
  await page.getByTestId('timeline-track').waitFor();
  await page.waitForTimeout(1_000);
  rows.push(['/r/<slug>: drag the cursor', await phase(page, () => drag(page, SECONDS))]);
  console.log(
    `\n${nodes} nodes / ${doc.edges.length} edges, ${RUN_SECONDS} s recorded at 10 Hz, ${SECONDS} s per phase`,
  );
  console.log('| phase | frames | p50 ms | p95 ms | p99 ms | max ms |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [label, s] of rows)
    console.log(
      `| ${label} | ${s.frames} | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.p99.toFixed(1)} | ${s.max.toFixed(0)} |`,
    );
  console.log(`JS heap after scrubbing the run page: ${(heap / 1e6).toFixed(0)} MB`);
  await page.close();
}

await main();

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info'],
  });
  try {
    for (const [n, e] of SIZES) await runSize(browser, n, e);
  } finally {
    await browser.close();
  }
}
