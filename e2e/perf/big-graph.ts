/**
 * What the perf scripts share (render-perf.ts measures frame times, profile-render.ts traces where
 * they go): the big graph, opening it in the editor with a run going, and zooming the canvas.
 * Page scripts are passed as text: tsx would wrap functions in a helper the page does not have.
 */
import type { Browser, Page } from '@playwright/test';

export const BASE = process.env.SLUICE_URL ?? 'http://127.0.0.1:3000';

export interface Doc {
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

/**
 * Opens the editor at `base` on `doc` (as the browser's draft, gallery dismissed, telemetry at
 * `hz`), starts the run and waits until it is running. `css` (by default EXTRA_CSS from the
 * environment) adds a style sheet to the page.
 */
export async function openRunning(
  browser: Browser,
  doc: Doc,
  hz: number,
  base = BASE,
  css = process.env.EXTRA_CSS,
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  const draft = JSON.stringify({ doc, meta: null, savedKey: null });
  await page.addInitScript(`
    localStorage.setItem('sluice:gallery-seen', '1');
    localStorage.setItem('sluice:telemetry-hz', '${hz}');
    localStorage.setItem('sluice:draft:v2', ${JSON.stringify(draft)});
    ${
      css
        ? `document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = ${JSON.stringify(css)};
      document.head.append(style);
    });`
        : ''
    }`);
  await page.goto(base);
  await page.locator('.react-flow__node').first().waitFor({ timeout: 300_000 });
  await page.getByTestId('run-button').waitFor({ state: 'visible' });
  await page.waitForFunction('!document.querySelector(\'[data-testid="run-button"]\').disabled', null, {
    timeout: 120_000,
  });
  await page.getByTestId('run-button').click();
  await page.waitForSelector('[data-testid="run-status"][data-status="running"]', { timeout: 120_000 });
  return page;
}

/** The canvas zoom, read from the viewport's transform. */
export async function zoomOf(page: Page): Promise<number> {
  return Number(
    /scale\(([\d.]+)\)/.exec(
      String(await page.evaluate("document.querySelector('.react-flow__viewport').style.transform")),
    )?.[1],
  );
}

/** Wheels the canvas in until its zoom reaches `target`, then lets it settle. */
export async function zoomTo(page: Page, target: number, step = 60): Promise<void> {
  await page.getByTestId('canvas').hover();
  while ((await zoomOf(page)) < target) {
    await page.mouse.wheel(0, -step);
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(300);
}
