/**
 * Screenshots of the distributed-mode UI to look at (a script, not a test): a broker edge, a ×2
 * node with its replica breakdown, and the Cluster panel, at 1280×720, 1440×900 and 390×844.
 * The live numbers are a made-up frame put into the client's telemetry store, and the Cluster
 * panel's answer is made up too: this only shows how things are drawn. e2e/distributed.spec.ts
 * checks the same UI against a real nats-server, server and runners.
 *
 *   PORT=3307 DATA_DIR=$(mktemp -d) npx tsx server/main.ts --dev &   # Vite serves the sources
 *   SLUICE_URL=http://127.0.0.1:3307 node --import tsx e2e/look/distributed-look.ts
 *
 * Shots land in e2e/screenshots/dist-*.png.
 */
import { chromium, type Page } from '@playwright/test';
import { edgeTelemetry as edge, nodeTelemetry as node } from '../../shared/analysis/test-telemetry.js';

const URL = process.env.SLUICE_URL ?? 'http://127.0.0.1:3307';
const OUT = 'e2e/screenshots';

/*
 *   gen ──e1 [nats, 200]──▶ work ×2 (process "pool") ──e2 (auto: nats)──▶ out
 */
const graph = {
  schemaVersion: 1,
  name: 'broker demo',
  nodes: [
    { id: 'gen', kind: 'generator', position: { x: 0, y: 0 }, params: { rate: 1000 } },
    {
      id: 'work',
      kind: 'worker',
      position: { x: 420, y: 0 },
      params: { serviceTimeMs: 4 },
      process: 'pool',
      replicas: 2,
    },
    { id: 'out', kind: 'counter', position: { x: 840, y: 0 }, params: {} },
  ],
  edges: [
    { id: 'e1', source: 'gen', target: 'work', capacity: 200, overflow: 'block', transport: 'nats' },
    { id: 'e2', source: 'work', target: 'out', capacity: 64, overflow: 'block' },
  ],
};

const frame = {
  runId: 'look',
  seq: 1,
  t: 4200,
  edges: {
    e1: edge({
      depth: 150,
      capacity: 200,
      inRate: 520,
      outRate: 500,
      blockedRatio: 0.42,
      oldestAgeMs: 290,
      transport: 'nats',
      redelivered: 12,
    }),
    e2: edge({ depth: 2, inRate: 500, outRate: 500, oldestAgeMs: 3, transport: 'nats', redelivered: 0 }),
  },
  nodes: {
    gen: node({ outRate: 520, busy: 0.05, idle: 0, backpressured: 0.95, processed: 2184 }),
    work: node({
      inRate: 500,
      outRate: 500,
      busy: 0.97,
      idle: 0.03,
      p50Ms: 4,
      p99Ms: 4.6,
      processed: 2034,
      replicas: [
        {
          runner: 'runner-a-7f3k',
          inRate: 250,
          outRate: 250,
          busy: 0.98,
          idle: 0.02,
          backpressured: 0,
          processed: 1020,
        },
        {
          runner: 'runner-b-q81z',
          inRate: 250,
          outRate: 250,
          busy: 0.96,
          idle: 0.04,
          backpressured: 0,
          processed: 1014,
        },
      ],
    }),
    out: node({ inRate: 500, busy: 0.01, idle: 0.99, processed: 2030, e2eP50Ms: 300, e2eP99Ms: 340 }),
  },
};

const cluster = {
  mode: 'nats',
  runners: [
    {
      id: 'runner-a-7f3k',
      host: 'build-01',
      slots: 4,
      slotsInUse: 2,
      heartbeatAgeMs: 420,
      parts: ['r1/main', 'r1/work#0'],
    },
    {
      id: 'runner-b-q81z',
      host: 'build-02',
      slots: 4,
      slotsInUse: 1,
      heartbeatAgeMs: 2600,
      parts: ['r1/work#1'],
    },
  ],
};

async function open(page: Page): Promise<void> {
  const draft = JSON.stringify({ doc: graph, meta: null, savedKey: null });
  await page.addInitScript(`localStorage.setItem('sluice:gallery-seen', '1');
    localStorage.setItem('sluice:draft:v2', ${JSON.stringify(draft)});`);
  await page.route('**/api/cluster', (route) => route.fulfill({ json: cluster }));
  await page.goto(URL);
  await page.getByTestId('node-work').waitFor();
  // The same module instance the app uses: Vite serves it by its source path.
  await page.evaluate(async (f) => {
    const path = '/src/stores/telemetry-store.ts';
    const m = await import(/* @vite-ignore */ path);
    m.useTelemetryStore.getState().reset(100);
    m.useTelemetryStore.getState().setFrame(f, {});
  }, frame);
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  for (const [w, h] of [
    [1280, 720],
    [1440, 900],
    [390, 844],
  ] as const) {
    const page = await browser.newPage({
      viewport: { width: w, height: h },
      deviceScaleFactor: w > 720 ? 2 : 1,
    });
    await open(page);
    await page
      .getByTestId('fit-button')
      .click()
      .catch(() => undefined);
    await page.waitForTimeout(600);
    await page.screenshot({ path: `${OUT}/dist-canvas-${w}x${h}.png` });
    // A close-up of the broker edge between the generator and the replicated worker.
    const a = await page.getByTestId('node-gen').boundingBox();
    const b = await page.getByTestId('node-work').boundingBox();
    if (a && b && w > 720) {
      const clip = {
        x: a.x + a.width - 60,
        y: a.y - 30,
        width: b.x - a.x - a.width + 180,
        height: b.height + 60,
      };
      await page.screenshot({ path: `${OUT}/dist-closeup-${w}x${h}.png`, clip });
    }
    if (w > 720) {
      await page.getByTestId('node-work').locator('.sl-node__header').click();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${OUT}/dist-replicas-${w}x${h}.png` });
      await page.getByTestId('edge-label-e1').hover();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${OUT}/dist-hover-${w}x${h}.png` });
      await page.getByTestId('edge-label-e1').click();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${OUT}/dist-edge-${w}x${h}.png` });
      // Where it runs: a source cannot be replicated (locked, with the reason), the worker can.
      for (const id of ['gen', 'work']) {
        await page.getByTestId(`node-${id}`).locator('.sl-node__header').click();
        await page.getByTestId('node-dist').scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${OUT}/dist-fields-${id}-${w}x${h}.png` });
      }
      await page.keyboard.press('Escape');
      await page.getByTestId('file-menu').click();
      await page.getByTestId('menu-cluster').click();
    } else {
      await page.evaluate(async () => {
        const path = '/src/stores/ui-store.ts';
        const m = await import(/* @vite-ignore */ path);
        m.useUiStore.getState().openDialog('cluster');
      });
    }
    await page.getByTestId('cluster-runners').waitFor();
    await page.screenshot({ path: `${OUT}/dist-cluster-${w}x${h}.png` });
    await page.close();
  }
} finally {
  await browser.close();
}
