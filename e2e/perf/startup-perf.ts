/**
 * How soon the editor answers (a script, not a test), in headless Chromium on loopback:
 *
 * 1. First page load, cold cache: bytes transferred (navigation + every resource, as the
 *    Resource Timing API counts them: headers and compressed bodies), DOMContentLoaded, and
 *    time to interactive — when the palette is drawn and the main thread then stays free of
 *    long tasks (> 50 ms) for 1 s, counted to the end of the last long task before that.
 * 2. Run → first live numbers: RUNS times (default 20) on the same page, from the Run click
 *    to the first node's out-rate on the canvas turning from "—" into a number; p50 / p95.
 *
 *   npm run build && PORT=3000 node dist/server/server/main.js   # in one shell
 *   node --import tsx e2e/perf/startup-perf.ts                    # in another
 *
 * Options (environment): SLUICE_URL (default http://127.0.0.1:3000), RUNS (default 20),
 * LOADS (cold page loads, default 5), GAP_MS (a pause after each Stop before the next Run,
 * default 0: back to back; someone looking at the result waits seconds). Numbers: RESULTS.md.
 */
import { loadavg } from 'node:os';
import { type Browser, chromium } from '@playwright/test';
import { edge, node } from '../editor-helpers.js';
import { BASE } from './big-graph.js';

const RUNS = Number(process.env.RUNS ?? 20);
const LOADS = Number(process.env.LOADS ?? 5);
const GAP_MS = Number(process.env.GAP_MS ?? 0);

//   src (200/s) ──e1──▶ work (2 ms) ──e2──▶ out
const doc = {
  schemaVersion: 1,
  name: 'startup',
  nodes: [
    node('src', 'generator', 0, 0, { rate: 200 }),
    node('work', 'worker', 360, 0, { serviceTimeMs: 2 }),
    node('out', 'counter', 720, 0),
  ],
  edges: [edge('e1', 'src', 'work'), edge('e2', 'work', 'out')],
};

const q = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

/** Long tasks, recorded from the first script on (page scripts are text: see big-graph.ts). */
const WATCH_LONG_TASKS = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.startTime + e.duration]);
  }).observe({ type: 'longtask', buffered: true });
`;

async function firstLoad(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(`localStorage.setItem('sluice:gallery-seen', '1'); ${WATCH_LONG_TASKS}`);
  await page.goto(BASE);
  await page.getByTestId('palette-item-generator').waitFor({ timeout: 120_000 });
  const drawn = Number(await page.evaluate('performance.now()'));
  // Interactive once 1 s has passed with no long task (polled, in page time).
  let tti = drawn;
  for (;;) {
    const [now, tasks] = (await page.evaluate('[performance.now(), window.__longTasks]')) as [
      number,
      Array<[number, number]>,
    ];
    const lastEnd = tasks.reduce((m, [, end]) => Math.max(m, end), 0);
    tti = Math.max(drawn, lastEnd);
    if (now - tti >= 1_000) break;
    await page.waitForTimeout(200);
  }
  const timing = (await page.evaluate(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource');
    return {
      bytes: nav.transferSize + res.reduce((s, r) => s + r.transferSize, 0),
      decoded: nav.decodedBodySize + res.reduce((s, r) => s + r.decodedBodySize, 0),
      js: res.filter((r) => r.name.endsWith('.js')).reduce((s, r) => s + r.transferSize, 0),
      files: res.length + 1,
      dcl: nav.domContentLoadedEventEnd,
    };
  })()`)) as { bytes: number; decoded: number; js: number; files: number; dcl: number };
  await context.close();
  return { ...timing, drawn, tti };
}

/** Per run: ms from the click to the server's answer to Run (POST /api/runs), and to the first number. */
async function runToNumbers(browser: Browser): Promise<Array<{ reply: number; numbers: number }>> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const draft = JSON.stringify({ doc, meta: null, savedKey: null });
  await page.addInitScript(`
    localStorage.setItem('sluice:gallery-seen', '1');
    localStorage.setItem('sluice:draft:v2', ${JSON.stringify(draft)});`);
  await page.goto(BASE);
  await page.getByTestId('node-outrate-src').waitFor({ timeout: 120_000 });
  const times: Array<{ reply: number; numbers: number }> = [];
  for (let i = 0; i < RUNS; i++) {
    await page.waitForFunction('!document.querySelector(\'[data-testid="run-button"]\').disabled', null, {
      timeout: 60_000,
    });
    // From the click to the first number: a finished run's averages turn back into "—" first.
    const ms = (await page.evaluate(`new Promise((done) => {
      const el = document.querySelector('[data-testid="node-outrate-src"]');
      let dashed = false;
      const t0 = performance.now();
      const check = () => {
        if (el.textContent === '—') dashed = true;
        else if (dashed) {
          obs.disconnect();
          const post = performance.getEntriesByType('resource').filter((r) => /\\/api\\/runs$/.test(r.name)).pop();
          done({ numbers: performance.now() - t0, reply: post && post.startTime >= t0 ? post.responseEnd - t0 : NaN });
        }
      };
      const obs = new MutationObserver(check);
      obs.observe(el, { characterData: true, childList: true, subtree: true });
      document.querySelector('[data-testid="run-button"]').click();
      check();
    })`)) as { reply: number; numbers: number };
    times.push(ms);
    await page.getByTestId('stop-button').click();
    await page.waitForSelector('[data-testid="run-status"][data-status="stopped"]', { timeout: 60_000 });
    if (GAP_MS > 0) await page.waitForTimeout(GAP_MS);
  }
  await page.close();
  return times;
}

await main();

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    const loads: Array<Awaited<ReturnType<typeof firstLoad>>> = [];
    for (let i = 0; i < LOADS; i++) loads.push(await firstLoad(browser));
    const l = loads[0]!;
    const med = (k: 'dcl' | 'drawn' | 'tti') =>
      q(
        loads.map((x) => x[k]).sort((a, b) => a - b),
        0.5,
      );
    console.log(
      `first load (cold cache, ${LOADS} loads): ${(l.bytes / 1e3).toFixed(0)} kB transferred in ${l.files} files (JS ${(l.js / 1e3).toFixed(0)} kB), ${(l.decoded / 1e3).toFixed(0)} kB decoded; median DOMContentLoaded ${med('dcl').toFixed(0)} ms, palette drawn ${med('drawn').toFixed(0)} ms, interactive ${med('tti').toFixed(0)} ms (each: ${loads.map((x) => x.tti.toFixed(0)).join(', ')})`,
    );
    const runs = await runToNumbers(browser);
    const times = runs.map((r) => r.numbers).sort((a, b) => a - b);
    const replies = runs.map((r) => r.reply).sort((a, b) => a - b);
    console.log(
      `Run → first numbers (${times.length} runs${GAP_MS > 0 ? `, ${GAP_MS} ms apart` : ''}): p50 ${q(times, 0.5).toFixed(0)} ms, p95 ${q(times, 0.95).toFixed(0)} ms, min ${times[0]!.toFixed(0)}, max ${times[times.length - 1]!.toFixed(0)}; the server's answer to Run came at p50 ${q(replies, 0.5).toFixed(0)} ms, p95 ${q(replies, 0.95).toFixed(0)} ms`,
    );
    console.log(`  each, in order: ${runs.map((r) => r.numbers.toFixed(0)).join(', ')}`);
    console.log(
      `load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    await browser.close();
  }
}
