/**
 * A/B of two clients in one browser, taking turns (a script, not a test): what one drawn
 * telemetry frame costs the page's main thread in CPU time, beside the frame times. On a shared
 * machine the load moves frame times by 2–10× from one minute to the next; CPU time per drawn
 * frame, taken by turns in the same minutes, moves far less (RESULTS.md).
 *
 *   A_URL=http://127.0.0.1:3001 B_URL=http://127.0.0.1:3002 node --import tsx e2e/perf/frame-cost.ts
 *
 * Both pages open the same big graph (big-graph.ts) at the same view and keep it; then, ROUNDS
 * times, A runs for SECONDS while B is stopped, then B while A is stopped. Options
 * (environment): SIZE (default 500x650), VIEW (fitted | detail | zoom-1, default detail),
 * ROUNDS (default 4), SECONDS (default 6), HZ (default 10), B_CSS (a style sheet added to B only:
 * a CSS change tried on one build, then A_URL = B_URL).
 */
import { loadavg } from 'node:os';
import { type CDPSession, chromium, type Page } from '@playwright/test';
import { bigGraph, openRunning, zoomTo } from './big-graph.js';

const A_URL = process.env.A_URL ?? 'http://127.0.0.1:3000';
const B_URL = process.env.B_URL ?? A_URL;
const [NODES, EDGES] = (process.env.SIZE ?? '500x650').split('x').map(Number) as [number, number];
const VIEW = process.env.VIEW ?? 'detail';
const ROUNDS = Number(process.env.ROUNDS ?? 4);
const SECONDS = Number(process.env.SECONDS ?? 6);
const HZ = Number(process.env.HZ ?? 10);

interface Window {
  p50: number;
  p95: number;
  frames: number;
  /** Animation frames in which the canvas's DOM changed (or the overview layer painted). */
  drawn: number;
  /** Main-thread CPU ms per second, and per drawn frame. */
  cpu: number;
  cpuPerDrawn: number;
  /** The renderer process's CPU (every thread: main, compositor, raster) per drawn frame. */
  processPerDrawn: number;
  layout: number;
  style: number;
  script: number;
  load: number;
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as {
    metrics: Array<{ name: string; value: number }>;
  };
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function open(url: string, css: string | undefined): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await openRunning(await browserP, bigGraph(NODES, EDGES), HZ, url, css);
  await page.keyboard.press('Escape');
  if (VIEW === 'detail') await zoomTo(page, 0.52);
  if (VIEW === 'zoom-1') await zoomTo(page, 1, 100);
  await stop(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return { page, cdp };
}

async function stop(page: Page): Promise<void> {
  await page.getByTestId('stop-button').click();
  await page.waitForSelector('[data-testid="run-status"]:not([data-status="running"])', { timeout: 60_000 });
}

async function run(page: Page): Promise<void> {
  await page.waitForFunction('!document.querySelector(\'[data-testid="run-button"]\').disabled', null, {
    timeout: 120_000,
  });
  await page.getByTestId('run-button').click();
  await page.waitForSelector('[data-testid="run-status"][data-status="running"]', { timeout: 120_000 });
}

async function measure(page: Page, cdp: CDPSession): Promise<Window> {
  const before = await metrics(cdp);
  const load0 = loadavg()[0]!;
  const r = (await page.evaluate(`new Promise((done) => {
    const deltas = [];
    let drawn = 0, dirty = false;
    const layer = document.querySelector('[data-testid="overview-layer"]');
    let seq = layer ? layer.dataset.seq : undefined;
    const watch = new MutationObserver(() => { dirty = true; });
    watch.observe(document.querySelector('.react-flow__viewport'), {
      subtree: true, attributes: true, characterData: true, childList: true,
    });
    let last = performance.now();
    const end = last + ${SECONDS * 1000};
    requestAnimationFrame(function tick(now) {
      deltas.push(now - last);
      last = now;
      const s = layer ? layer.dataset.seq : undefined;
      if (dirty || s !== seq) drawn += 1;
      dirty = false;
      seq = s;
      if (now < end) requestAnimationFrame(tick);
      else { watch.disconnect(); done({ deltas, drawn }); }
    });
  })`)) as { deltas: number[]; drawn: number };
  const after = await metrics(cdp);
  const d = (k: string) => ((after[k] ?? 0) - (before[k] ?? 0)) * 1000;
  const wall = d('Timestamp') / 1000;
  const sorted = [...r.deltas].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
  return {
    p50: q(0.5),
    p95: q(0.95),
    frames: r.deltas.length,
    drawn: r.drawn,
    cpu: d('ThreadTime') / wall,
    cpuPerDrawn: d('ThreadTime') / Math.max(1, r.drawn),
    processPerDrawn: d('ProcessTime') / Math.max(1, r.drawn),
    layout: d('LayoutDuration') / wall,
    style: d('RecalcStyleDuration') / wall,
    script: d('ScriptDuration') / wall,
    load: (load0 + loadavg()[0]!) / 2,
  };
}

const browserP = chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});

const fmt = (w: Window) =>
  `p50 ${w.p50.toFixed(1)} p95 ${w.p95.toFixed(1)} ms, ${w.frames} frames, ${w.drawn} drawn, CPU ${w.cpu.toFixed(0)} ms/s = ${w.cpuPerDrawn.toFixed(1)} ms per drawn frame, renderer process ${w.processPerDrawn.toFixed(1)} ms (layout ${w.layout.toFixed(0)}, style ${w.style.toFixed(0)}, script ${w.script.toFixed(0)} ms/s), load ${w.load.toFixed(1)}`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

try {
  const a = await open(A_URL, undefined);
  const b = await open(B_URL, process.env.B_CSS);
  const results: Record<'A' | 'B', Window[]> = { A: [], B: [] };
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [name, side] of [
      ['A', a],
      ['B', b],
    ] as const) {
      // Only the page in front gets every animation frame: the one behind is throttled.
      await side.page.bringToFront();
      await run(side.page);
      await side.page.waitForTimeout(1_500);
      const w = await measure(side.page, side.cdp);
      await stop(side.page);
      results[name].push(w);
      console.log(`round ${round} ${name}: ${fmt(w)}`);
    }
  }
  console.log(`\n${NODES} × ${EDGES}, ${VIEW}, ${ROUNDS} rounds of ${SECONDS} s: median (min–max)`);
  for (const name of ['A', 'B'] as const) {
    const ws = results[name];
    const col = (f: (w: Window) => number, digits = 1) =>
      `${median(ws.map(f)).toFixed(digits)} (${Math.min(...ws.map(f)).toFixed(digits)}–${Math.max(...ws.map(f)).toFixed(digits)})`;
    console.log(
      `  ${name}: p50 ${col((w) => w.p50)} ms, p95 ${col((w) => w.p95)} ms, drawn ${col((w) => w.drawn, 0)}, CPU/drawn ${col((w) => w.cpuPerDrawn)} ms, renderer/drawn ${col((w) => w.processPerDrawn)} ms, CPU ${col((w) => w.cpu, 0)} ms/s, load ${col((w) => w.load)}`,
    );
  }
} finally {
  await (await browserP).close();
}
