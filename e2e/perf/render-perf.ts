/**
 * Rendering speed of the live view (a script, not a test): a big graph running at 10 Hz
 * telemetry, frame times measured in headless Chromium from requestAnimationFrame deltas.
 *
 *   npm run build && PORT=3000 node dist/server/server/main.js   # in one shell
 *   node --import tsx e2e/perf/render-perf.ts                     # in another
 *
 * Options (environment): SLUICE_URL (default http://127.0.0.1:3000), SIZES (default
 * "200x260,500x650,1000x1300": nodes x edges), SECONDS (default 10), HZ (default 10).
 *
 * Each graph is made of chains `gen → w1 → w2 → w3 → sink` plus cross edges inside a chain
 * (gen → w2, w1 → w3, w2 → sink) until the edge count is reached. Every queue is live, so every
 * edge label and node overlay updates on every frame. Measured three times per size: fitted (the
 * whole graph on screen, small), at detail zoom (just past the low-detail threshold) and at
 * 100 % zoom. Zoomed out, "layer Hz" is how many telemetry frames per second the overview
 * layer painted (its data-seq changes): every one, at 10 Hz, means nothing is staggered;
 * "DOM changes/s" counts mutation records inside the React Flow viewport (restyled bars, new
 * text), the work that made Chromium re-layer the page each tick.
 * The machine's load average is printed with each size: on a shared VM it moves the numbers.
 *
 * Numbers and what they cost: RESULTS.md. Where the time goes: profile-render.ts.
 */
import { loadavg } from 'node:os';
import { type Browser, chromium, type Page } from '@playwright/test';
import { bigGraph, openRunning, zoomOf, zoomTo } from './big-graph.js';

const SECONDS = Number(process.env.SECONDS ?? 10);
const HZ = Number(process.env.HZ ?? 10);
const SIZES = (process.env.SIZES ?? '200x260,500x650,1000x1300')
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
 * requestAnimationFrame deltas (ms) over `seconds`, and how many distinct frames the overview
 * layer showed meanwhile. Passed as source text: tsx names inner functions with a helper that
 * does not exist in the page.
 */
async function measure(
  page: Page,
  seconds: number,
): Promise<{ deltas: number[]; painted: number; mutations: number }> {
  return page.evaluate(`new Promise((done) => {
    const deltas = [];
    const seqs = new Set();
    const layer = document.querySelector('[data-testid="overview-layer"]');
    let mutations = 0;
    const watch = new MutationObserver((list) => { mutations += list.length; });
    watch.observe(document.querySelector('.react-flow__viewport'), {
      subtree: true, attributes: true, characterData: true, childList: true,
    });
    let last = performance.now();
    const end = last + ${seconds * 1000};
    requestAnimationFrame(function tick(now) {
      deltas.push(now - last);
      last = now;
      if (layer && layer.dataset.seq) seqs.add(layer.dataset.seq);
      if (now < end) requestAnimationFrame(tick);
      else {
        watch.disconnect();
        done({ deltas, painted: seqs.size, mutations });
      }
    });
  })`);
}

/** One line per size and view, for RESULTS.md. */
const table: string[] = [];

async function runSize(browser: Browser, nodes: number, edges: number): Promise<void> {
  const doc = bigGraph(nodes, edges);
  const page = await openRunning(browser, doc, HZ);
  await page.waitForTimeout(1_500);
  const drawn = () => page.locator('.react-flow__node').count();
  const results: Array<[string, ReturnType<typeof stats>]> = [];
  const phase = async (label: string) => {
    const load = loadavg()[0]!.toFixed(1);
    const { deltas, painted, mutations } = await measure(page, SECONDS);
    const dom = (mutations / SECONDS).toFixed(0);
    const s = stats(deltas);
    const zoom = await zoomOf(page);
    const hz = painted > 0 ? (painted / SECONDS).toFixed(1) : '–';
    results.push([
      `${label}: zoom ${zoom.toFixed(2)}, ${await drawn()} nodes drawn, layer ${hz} Hz, ${dom} DOM changes/s`,
      s,
    ]);
    table.push(
      `| ${nodes} | ${label} (${zoom.toFixed(2)}) | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.p99.toFixed(1)} | ${s.over33} / ${s.frames} | ${hz} | ${dom} | ${load} |`,
    );
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
  console.log(
    '\n| nodes | view (zoom) | p50 ms | p95 ms | p99 ms | >33 ms / frames | layer Hz | DOM changes/s | load |',
  );
  console.log(
    '| ----- | ----------- | ------ | ------ | ------ | --------------- | -------- | ------------- | ---- |',
  );
  for (const row of table) console.log(row);
}
