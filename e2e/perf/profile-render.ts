/**
 * Where the main thread's time goes while a big graph runs (a script, not a test): a Chromium
 * trace of N seconds, summed per kind of work (script, style, layout, paint, composite, GC), and
 * the JS functions with the most self time. Companion of render-perf.ts (same graphs).
 *
 *   node --import tsx e2e/perf/profile-render.ts
 *
 * Options (environment): SLUICE_URL (default http://127.0.0.1:3000), SIZE (default "200x250"),
 * VIEW ("fitted" | "detail" | "zoom-1", default fitted), SECONDS (default 5), HZ (default 10),
 * EXTRA_CSS (a style sheet added to the page, to try a change without a build).
 * Build the client with `npx vite build --minify false` to read function names.
 */
import { chromium } from '@playwright/test';
import { bigGraph, openRunning, zoomTo } from './big-graph.js';
import { printInclusive } from './profile-tree.js';

const SECONDS = Number(process.env.SECONDS ?? 5);
const HZ = Number(process.env.HZ ?? 10);
const VIEW = process.env.VIEW ?? 'fitted';
const [NODES, EDGES] = (process.env.SIZE ?? '200x250').split('x').map(Number) as [number, number];

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  /** CPU time of the thread inside the event: unlike `dur`, not stretched when other processes take the core. */
  tdur?: number;
  tid: number;
  pid: number;
  cat: string;
  args?: {
    data?: { type?: string; nodeId?: number; clip?: number[]; layerId?: number };
    beginData?: { dirtyObjects?: number; totalObjects?: number; partialLayout?: boolean };
    endData?: { layoutRoots?: Array<{ nodeId?: number; depth?: number }> };
  };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await openRunning(browser, bigGraph(NODES, EDGES), HZ);
  await page.keyboard.press('Escape');
  if (VIEW === 'detail') await zoomTo(page, 0.52);
  if (VIEW === 'zoom-1') await zoomTo(page, 1);
  await page.waitForTimeout(1_500);

  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8',
    transferMode: 'ReportEvents',
  });
  await cdp.send('Profiler.start');
  // Counts animation frames, and those in which the canvas's DOM changed (a telemetry frame drawn).
  await page.evaluate(`(() => {
    let frames = 0, changed = 0, dirty = false;
    new MutationObserver(() => { dirty = true; }).observe(document.querySelector('.react-flow__viewport'), {
      subtree: true, attributes: true, characterData: true, childList: true,
    });
    requestAnimationFrame(function tick() {
      frames += 1;
      if (dirty) changed += 1;
      dirty = false;
      requestAnimationFrame(tick);
    });
    window.__drawn = () => ({ frames, changed });
  })()`);
  await page.waitForTimeout(SECONDS * 1_000);
  const { profile } = (await cdp.send('Profiler.stop')) as {
    profile: {
      nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
      samples: number[];
      timeDeltas: number[];
    };
  };
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.end');
  await done;

  if (process.env.TRACE_OUT)
    (await import('node:fs')).writeFileSync(process.env.TRACE_OUT, JSON.stringify(events));
  // The renderer's main thread: the one running the most FunctionCall / v8 work.
  const byThread = new Map<string, number>();
  for (const e of events)
    if (e.name === 'RunTask' && e.dur)
      byThread.set(`${e.pid}:${e.tid}`, (byThread.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur);
  const main = [...byThread.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const sums = new Map<string, number>();
  const cpu = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const e of events) {
    if (`${e.pid}:${e.tid}` !== main || !e.dur || e.ph !== 'X') continue;
    sums.set(e.name, (sums.get(e.name) ?? 0) + e.dur / 1000);
    cpu.set(e.name, (cpu.get(e.name) ?? 0) + (e.tdur ?? 0) / 1000);
    counts.set(e.name, (counts.get(e.name) ?? 0) + 1);
  }
  // Telemetry frames the page drew meanwhile: CPU ms per drawn frame is the measure the load moves least.
  const drawn = (await page.evaluate('window.__drawn()')) as { frames: number; changed: number };
  const pick = [
    'RunTask',
    'FunctionCall',
    'EventDispatch',
    'FireAnimationFrame',
    'TimerFire',
    'UpdateLayoutTree',
    'Layout',
    'PrePaint',
    'Paint',
    'Layerize',
    'UpdateLayer',
    'CompositeLayers',
    'Commit',
    'MajorGC',
    'MinorGC',
    'V8.GC_SCAVENGER',
    'ParseHTML',
  ];
  console.log(
    `\n${NODES} nodes / ${EDGES} edges, ${VIEW}, ${HZ} Hz, ${SECONDS} s traced (main thread ms per second, wall and CPU):`,
  );
  for (const name of pick) {
    const ms = sums.get(name);
    if (ms)
      console.log(
        `  ${name.padEnd(20)} ${(ms / SECONDS).toFixed(1).padStart(7)} ${((cpu.get(name) ?? 0) / SECONDS).toFixed(1).padStart(7)} cpu   ${((counts.get(name) ?? 0) / SECONDS).toFixed(1).padStart(5)}/s, ${(ms / (counts.get(name) ?? 1)).toFixed(1)} ms each`,
      );
  }

  const mainCpu = [...cpu.entries()].find(([k]) => k === 'RunTask')?.[1] ?? 0;
  console.log(
    `  ${drawn.frames} animation frames, ${drawn.changed} with canvas changes; main thread CPU ${(mainCpu / Math.max(1, drawn.changed)).toFixed(1)} ms per frame with changes`,
  );

  // How much each layout had to do.
  const layouts = events.filter((e) => `${e.pid}:${e.tid}` === main && e.name === 'Layout' && e.dur);
  if (layouts.length > 0) {
    const avg = (f: (e: TraceEvent) => number) => layouts.reduce((a, e) => a + f(e), 0) / layouts.length;
    console.log(
      `  layout: ${avg((e) => e.args?.beginData?.dirtyObjects ?? 0).toFixed(0)} dirty of ${avg((e) => e.args?.beginData?.totalObjects ?? 0).toFixed(0)} objects on average, ${layouts.filter((e) => e.args?.beginData?.partialLayout).length} of ${layouts.length} partial, ${avg((e) => e.args?.endData?.layoutRoots?.length ?? 0).toFixed(1)} layout roots (relayout boundaries) each`,
    );
  }

  // What gets painted: paint time per DOM node (the element whose paint was recorded).
  const paints = new Map<number, { ms: number; n: number }>();
  for (const e of events) {
    if (`${e.pid}:${e.tid}` !== main || e.name !== 'Paint' || !e.dur) continue;
    const id = e.args?.data?.nodeId ?? -1;
    const p = paints.get(id) ?? { ms: 0, n: 0 };
    p.ms += e.dur / 1000;
    p.n += 1;
    paints.set(id, p);
  }
  await cdp.send('DOM.getDocument', { depth: 0 });
  console.log('  paint by element (ms per second, paints per second):');
  for (const [id, p] of [...paints.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 8)) {
    let what = String(id);
    try {
      const { node } = (await cdp.send('DOM.describeNode', { backendNodeId: id })) as {
        node: { nodeName: string; attributes?: string[] };
      };
      const attrs = node.attributes ?? [];
      const cls = attrs[attrs.indexOf('class') + 1] ?? '';
      what = `${node.nodeName.toLowerCase()}.${cls.split(' ').slice(0, 2).join('.')}`;
    } catch {
      // The node is gone (re-rendered) or is not an element.
    }
    console.log(
      `    ${(p.ms / SECONDS).toFixed(1).padStart(6)}  ${(p.n / SECONDS).toFixed(1).padStart(5)}/s  ${what}`,
    );
  }

  // JS self time per function.
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byFn = new Map<string, number>();
  for (const n of profile.nodes) {
    const { functionName, url, lineNumber } = n.callFrame;
    const key = `${functionName || '(anon)'} ${url.split('/').pop() ?? ''}:${lineNumber + 1}`;
    byFn.set(key, (byFn.get(key) ?? 0) + (self.get(n.id) ?? 0) / 1000);
  }
  console.log('  top JS self time (ms per second):');
  for (const [k, ms] of [...byFn.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`    ${(ms / SECONDS).toFixed(1).padStart(6)}  ${k}`);
  printInclusive(profile, self, SECONDS);
  await page.getByTestId('stop-button').click();
} finally {
  await browser.close();
}
