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

const BASE = process.env.SLUICE_URL ?? 'http://127.0.0.1:3000';
const SECONDS = Number(process.env.SECONDS ?? 10);
const HZ = Number(process.env.HZ ?? 10);
const SIZES = (process.env.SIZES ?? '200x250,500x625')
  .split(',')
  .map((s) => s.split('x').map(Number) as [number, number]);

interface Doc {
  schemaVersion: 1;
  name: string;
  nodes: Array<{ id: string; kind: string; position: { x: number; y: number }; params: object }>;
  edges: Array<{
    id: string;
    source: string;
    sourcePort: string;
    target: string;
    targetPort: string;
    capacity: number;
    overflow: string;
  }>;
}

export function bigGraph(nodeCount: number, edgeCount: number): Doc {
  const chains = Math.ceil(nodeCount / 5);
  const doc: Doc = { schemaVersion: 1, name: `perf ${nodeCount}x${edgeCount}`, nodes: [], edges: [] };
  const add = (source: string, target: string) => {
    if (doc.edges.length >= edgeCount) return;
    doc.edges.push({
      id: `e${doc.edges.length + 1}`,
      source,
      sourcePort: 'out',
      target,
      targetPort: 'in',
      capacity: 32,
      overflow: 'block',
    });
  };
  for (let c = 0; c < chains; c++) {
    const ids = ['g', 'a', 'b', 'd', 's'].map((p) => `${p}${c}`);
    const kinds = ['generator', 'worker', 'worker', 'worker', 'counter'];
    ids.forEach((id, j) => {
      if (doc.nodes.length >= nodeCount) return;
      const params =
        j === 0
          ? { rate: 40 }
          : j === 2
            ? { serviceTimeMs: 30 }
            : kinds[j] === 'worker'
              ? { serviceTimeMs: 5 }
              : {};
      // Chains side by side in blocks of four, so the whole graph is roughly as wide as it is tall.
      const x = (c % 4) * 5 * 368 + j * 368;
      const y = Math.floor(c / 4) * 208;
      doc.nodes.push({ id, kind: kinds[j]!, position: { x, y }, params });
    });
  }
  const has = new Set(doc.nodes.map((n) => n.id));
  for (let c = 0; c < chains; c++) {
    const [g, a, b, d, s] = ['g', 'a', 'b', 'd', 's'].map((p) => `${p}${c}`) as [
      string,
      string,
      string,
      string,
      string,
    ];
    for (const [x, y] of [
      [g, a],
      [a, b],
      [b, d],
      [d, s],
    ] as const)
      if (has.has(x) && has.has(y)) add(x, y);
  }
  for (const pair of [
    ['g', 'b'],
    ['a', 'd'],
    ['b', 's'],
  ] as const) {
    for (let c = 0; c < chains; c++) {
      const x = `${pair[0]}${c}`;
      const y = `${pair[1]}${c}`;
      if (has.has(x) && has.has(y)) add(x, y);
    }
  }
  return doc;
}

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
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  const draft = JSON.stringify({ doc, meta: null, savedKey: null });
  // Page scripts are text: tsx would wrap functions in a helper the page does not have.
  await page.addInitScript(`
    localStorage.setItem('sluice:gallery-seen', '1');
    localStorage.setItem('sluice:telemetry-hz', '${HZ}');
    localStorage.setItem('sluice:draft:v2', ${JSON.stringify(draft)});
    ${
      process.env.EXTRA_CSS
        ? `document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = ${JSON.stringify(process.env.EXTRA_CSS)};
      document.head.append(style);
    });`
        : ''
    }`);
  await page.goto(BASE);
  await page.locator('.react-flow__node').first().waitFor();
  await page.getByTestId('run-button').waitFor({ state: 'visible' });
  await page.waitForFunction('!document.querySelector(\'[data-testid="run-button"]\').disabled', null, {
    timeout: 30_000,
  });
  await page.getByTestId('run-button').click();
  await page.waitForSelector('[data-testid="run-status"][data-status="running"]', { timeout: 30_000 });
  await page.waitForTimeout(1_500);
  const drawn = () => page.locator('.react-flow__node').count();
  const zoom = async () =>
    Number(
      /scale\(([\d.]+)\)/.exec(
        String(await page.evaluate("document.querySelector('.react-flow__viewport').style.transform")),
      )?.[1],
    );
  const results: Array<[string, ReturnType<typeof stats>]> = [];
  const phase = async (label: string) => {
    const s = stats(await measure(page, SECONDS));
    results.push([`${label}: zoom ${(await zoom()).toFixed(2)}, ${await drawn()} nodes drawn`, s]);
    if (process.env.SHOTS) await page.screenshot({ path: `e2e/screenshots/perf-${nodes}-${label}.png` });
  };
  await phase('fitted');
  // Zoom in to the most detail on screen: just past the low-detail threshold, then 100 %.
  await page.keyboard.press('Escape');
  await page.getByTestId('canvas').hover();
  while ((await zoom()) < 0.52) {
    await page.mouse.wheel(0, -60);
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(300);
  await phase('detail');
  while ((await zoom()) < 1) {
    await page.mouse.wheel(0, -100);
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(300);
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

if (process.env.PERF_IMPORT_ONLY) process.exitCode = 0;
else await main();

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
