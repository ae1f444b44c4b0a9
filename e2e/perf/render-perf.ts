/**
 * Rendering speed of the live view (a script, not a test): a big graph running at 10 Hz
 * telemetry, frame times measured in headless Chromium from requestAnimationFrame deltas.
 *
 *   npm run build && PORT=3000 node dist/server/server/main.js   # in one shell
 *   node --import tsx e2e/perf/render-perf.ts                     # in another
 *
 * Options (environment): SLUICE_URL (default http://127.0.0.1:3000), SIZES (default
 * "200x250,500x625": nodes x edges), SECONDS (default 10), HZ (default 10).
 *
 * Each graph is made of chains `gen → w1 → w2 → w3 → sink` plus cross edges inside a chain
 * (gen → w2, w1 → w3, w2 → sink) until the edge count is reached. Every queue is live, so every
 * edge label and node overlay updates on every frame. Measured twice per size: fitted (the
 * whole graph on screen, small) and at 100 % zoom (a part of it, large).
 *
 * Numbers and what they cost: RESULTS.md. Where the time goes: profile-render.ts.
 */
import { type Browser, chromium, type Page } from '@playwright/test';
import { bigGraph, openRunning, zoomOf, zoomTo } from './big-graph.js';

const SECONDS = Number(process.env.SECONDS ?? 10);
const HZ = Number(process.env.HZ ?? 10);
const SIZES = (process.env.SIZES ?? '200x250,500x625')
  .split(',')
  .map((s) => s.split('x').map(Number) as [number, number]);

function stats(deltas: number[]) {
  const sorted = [...deltas].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
  return {
    frames: deltas.length,
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    over33: deltas.filter((d) => d > 33.4).length,
  };
}

/**
 * requestAnimationFrame deltas (ms) over `seconds`. Passed as source text: tsx names inner
 * functions with a helper that does not exist in the page.
 */
async function measure(page: Page, seconds: number): Promise<number[]> {
  return page.evaluate(`new Promise((done) => {
    const deltas = [];
    let last = performance.now();
    const end = last + ${seconds * 1000};
    requestAnimationFrame(function tick(now) {
      deltas.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(tick);
      else done(deltas);
    });
  })`);
}

async function runSize(browser: Browser, nodes: number, edges: number): Promise<void> {
  const doc = bigGraph(nodes, edges);
  const page = await openRunning(browser, doc, HZ);
  await page.waitForTimeout(1_500);
  const drawn = () => page.locator('.react-flow__node').count();
  const results: Array<[string, ReturnType<typeof stats>]> = [];
  const phase = async (label: string) => {
    const s = stats(await measure(page, SECONDS));
    results.push([`${label}: zoom ${(await zoomOf(page)).toFixed(2)}, ${await drawn()} nodes drawn`, s]);
    if (process.env.SHOTS) await page.screenshot({ path: `e2e/screenshots/perf-${nodes}-${label}.png` });
  };
  await phase('fitted');
  // Zoom in to the most detail on screen: just past the low-detail threshold, then 100 %.
  await page.keyboard.press('Escape');
  await zoomTo(page, 0.52);
  await phase('detail');
  await zoomTo(page, 1, 100);
  await phase('zoom-1');
  const heap = Number(await page.evaluate('performance.memory ? performance.memory.usedJSHeapSize : 0'));
  await page.getByTestId('stop-button').click();
  await page.waitForSelector('[data-testid="run-status"][data-status="stopped"]', { timeout: 30_000 });
  const fmt = (s: ReturnType<typeof stats>) =>
    `frames ${s.frames}, p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, max ${s.max.toFixed(0)} ms, >33 ms: ${s.over33}`;
  console.log(`\n${nodes} nodes / ${doc.edges.length} edges at ${HZ} Hz telemetry, ${SECONDS} s per view`);
  for (const [label, s] of results) console.log(`  ${label.padEnd(42)} ${fmt(s)}`);
  console.log(`  JS heap ${(heap / 1e6).toFixed(0)} MB`);
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
