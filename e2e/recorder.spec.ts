import { expect, type Page, test } from '@playwright/test';
import { edge, node, openWithGraph, parseCount } from './editor-helpers.js';

/*
 *   src (1,000/s) ──e1 [1,000, block]──▶ work (2 ms: ≤ 500/s) ──e2──▶ out
 *
 * The queue gains ~500 items a second: about a quarter full at 0.5 s (green), full from ~2 s on
 * (1000/1000, red) with the worker the bottleneck. The flight recorder (issue 17) keeps every
 * frame, so the canvas can be put back at either instant after the run.
 */
const graph = {
  schemaVersion: 1,
  name: 'recorder e2e',
  nodes: [
    node('src', 'generator', 0, 0, { rate: 1000 }),
    node('work', 'worker', 360, 0, { serviceTimeMs: 2 }),
    node('out', 'counter', 720, 0),
  ],
  edges: [edge('e1', 'src', 'work', { capacity: 1000, overflow: 'block' }), edge('e2', 'work', 'out')],
};

const SHOTS = '/tmp/shots/recclient';

// Each test runs a 5 s graph, reloads or opens a second browser, and steps frame by frame: on
// a 2-core machine under other load that is more than the suite's 60 s.
test.setTimeout(240_000);

/** The instant the timeline shows (s), from the track's slider value. */
async function cursorAt(page: Page): Promise<number> {
  return Number(await page.getByTestId('timeline-track').getAttribute('aria-valuenow'));
}

/** The newest recorded instant (s). */
async function endOf(page: Page): Promise<number> {
  return Number(await page.getByTestId('timeline-track').getAttribute('aria-valuemax'));
}

/**
 * Drags the cursor to about `s` seconds as a user does (press on the track, move, release), then
 * steps frame by frame with ← / → until it is within a frame of `s`.
 */
async function scrubTo(page: Page, s: number): Promise<number> {
  const track = page.getByTestId('timeline-track');
  const box = await track.boundingBox();
  if (!box) throw new Error('timeline not visible');
  const min = Number(await track.getAttribute('aria-valuemin'));
  const span = Math.max(1, (await endOf(page)) - min);
  const x = (t: number) => box.x + (box.width * (t - min)) / span;
  await page.mouse.move(x(min + span / 2), box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(x(s), box.y + box.height / 2, { steps: 6 });
  await page.mouse.up();
  await expect(page.getByTestId('past-banner')).toBeVisible();
  // Arrow keys step frame by frame, and frames are ~0.1 s apart but not on the tenth (1.072,
  // 0.981 after a reload under load). Each press is awaited until the cursor moves (pressing
  // again before it had re-rendered overshot, back and forth), and stepping stops at the first
  // step that leads no closer. The caller reads the instant the cursor reached.
  let at = await cursorAt(page);
  for (let i = 0; i < 40 && Math.abs(at - s) > 0.05; i++) {
    await track.press(at < s ? 'ArrowRight' : 'ArrowLeft');
    await expect.poll(() => cursorAt(page)).not.toBe(at);
    const next = await cursorAt(page);
    const closer = Math.abs(next - s) < Math.abs(at - s);
    at = next;
    if (!closer) break;
  }
  expect(Math.abs(at - s)).toBeLessThanOrEqual(0.15);
  return at;
}

/** Items in a queue as its label reads them ("250/1,000" → 250). */
async function depthOf(page: Page, edgeId: string): Promise<number> {
  const text =
    (await page.getByTestId(`edge-label-${edgeId}`).locator('.sl-edge-label__text').textContent()) ?? '';
  return parseCount(text.split('/')[0] ?? '');
}

async function runsStarted(page: Page): Promise<number> {
  const text = await (await page.request.get('/metrics')).text();
  const m = /^sluice_runs_started_total (\d+)/m.exec(text);
  if (!m?.[1]) throw new Error('no sluice_runs_started_total in /metrics');
  return Number(m[1]);
}

test('scrub a finished run back to 0.5 s and 4 s; save it; replay it elsewhere without running it', async ({
  page,
  browser,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openWithGraph(page, graph);
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('timeline')).toBeVisible();
  // The timeline's end is the run's newest frame: stop once it has 5 s.
  await expect.poll(() => endOf(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(5);
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', /stopped|completed/);

  await scrubTo(page, 0.5);
  const early = await depthOf(page, 'e1');
  expect(early).toBeGreaterThan(100);
  expect(early).toBeLessThan(450);
  await expect(page.getByTestId('edge-label-e1')).toHaveAttribute('data-fill', 'green');
  await expect(page.getByTestId('bottleneck-work')).toHaveCount(0);
  await expect(page.getByTestId('past-banner')).toContainText(/Showing 0\.[456] s/);
  // The status bar and the charts' legends read that instant too: its items queued (not the
  // ~1,000 the stopped run "left in queues"), its rate (not the run's average).
  const live = page.getByTestId('status-live');
  await expect(live).toContainText(/queued [\d,]+/);
  await expect(live).not.toContainText('left in queues');
  await expect(page.getByTestId('status-avg')).toHaveCount(0);
  const queuedThen = parseCount((await live.textContent())?.match(/queued ([\d,]+)/)?.[1] ?? 'NaN');
  expect(queuedThen).toBeGreaterThan(100);
  expect(queuedThen).toBeLessThan(500);
  await expect
    .poll(async () =>
      parseCount((await page.getByTestId('chart-depth').locator('[data-value]').first().textContent()) ?? ''),
    )
    .toBeLessThan(500);
  await page.screenshot({ path: `${SHOTS}/scrub-0.5s-1440.png` });

  await scrubTo(page, 4);
  // Full: 1,000/1,000, or a few short in the instant the worker took some and a source on a
  // loaded machine had not refilled them yet (990 seen at load 20).
  expect(await depthOf(page, 'e1')).toBeGreaterThanOrEqual(950);
  await expect(page.getByTestId('edge-label-e1').locator('.sl-edge-label__text')).toHaveText(/\/1,000$/);
  await expect(page.getByTestId('edge-label-e1')).toHaveAttribute('data-fill', 'red');
  await expect(page.getByTestId('bottleneck-work')).toBeVisible();
  await expect(page.getByTestId('bottleneck-banner')).toContainText('work');
  await page.screenshot({ path: `${SHOTS}/scrub-4s-1440.png` });

  // Save: the owner gets a /r/<slug> link.
  await page.getByTestId('save-recording').click();
  const link = await page.getByTestId('recording-link').inputValue();
  expect(link).toMatch(/\/r\/[A-Za-z0-9_-]+$/);
  const before = await runsStarted(page);

  // A fresh browser (no tokens, no draft) opens the link: read-only, never a run.
  const other = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const viewer = await other.newPage();
  await viewer.goto(new URL(link).pathname);
  await expect(viewer.getByTestId('recording-banner')).toContainText('Recording of recorder e2e', {
    timeout: 30_000,
  });
  await expect(viewer.getByTestId('recording-banner')).toContainText('never runs anything');
  await expect(viewer.getByTestId('run-button')).toHaveCount(0);
  await expect(viewer.getByTestId('timeline')).toBeVisible();
  await expect.poll(() => endOf(viewer)).toBeGreaterThanOrEqual(5);

  // Replay at 0.25×: the cursor moves at a quarter of real time and the canvas follows it.
  await viewer.getByTestId('timeline-speed').selectOption('0.25');
  await viewer.getByTestId('timeline-play').click();
  await expect(viewer.getByTestId('past-banner')).toContainText('replay 0.25×');
  await expect.poll(() => cursorAt(viewer), { timeout: 20_000 }).toBeGreaterThan(0.6);
  await expect.poll(() => depthOf(viewer, 'e1'), { timeout: 20_000 }).toBeGreaterThan(0);
  await viewer.getByTestId('timeline-play').click();
  await viewer.screenshot({ path: `${SHOTS}/recording-replay-1280.png` });
  // Ctrl+Enter (run) does nothing here either.
  await viewer.locator('.react-flow__pane').click({ position: { x: 30, y: 200 } });
  await viewer.keyboard.press('Control+Enter');

  // A link to an instant opens scrubbed there.
  await viewer.goto(`${new URL(link).pathname}?t=4`);
  await expect(viewer.getByTestId('past-banner')).toContainText('Showing 4.0 s', { timeout: 30_000 });
  // Nothing runs here: the status bar says so (it read 'idle', as if ready to run).
  await expect(viewer.getByTestId('status-phase')).toHaveText('replay');
  await expect(viewer.getByTestId('edge-label-e1')).toHaveAttribute('data-fill', 'red');
  await expect(viewer.getByTestId('bottleneck-work')).toBeVisible();

  // Export the recording as a file, and import that file: a new link replays the same run.
  const slug = new URL(link).pathname.split('/').pop() ?? '';
  const file = await page.request.get(`/api/recordings/${slug}/export`);
  expect(file.ok()).toBe(true);
  // The editor asks before leaving a graph with unsaved changes; the user says leave.
  page.on('dialog', (d) => void d.accept());
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('recording-dialog')).toHaveCount(0);
  await page.getByTestId('file-menu').click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('menu-import-recording').click();
  await (await chooser).setFiles({
    name: 'recorder-e2e.json',
    mimeType: 'application/json',
    buffer: Buffer.from(await file.body()),
  });
  await page.waitForURL(/\/r\/[A-Za-z0-9_-]+$/);
  expect(new URL(page.url()).pathname).not.toBe(`/r/${slug}`);
  await expect(page.getByTestId('recording-banner')).toContainText('Recording of recorder e2e', {
    timeout: 30_000,
  });
  await expect.poll(() => endOf(page)).toBeGreaterThanOrEqual(5);

  expect(await runsStarted(page)).toBe(before);
  await other.close();
});

test('reload during a run, then scrub back to before the reload', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openWithGraph(page, graph);
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await expect.poll(() => endOf(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(2.5);

  await page.reload();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('timeline')).toBeVisible();
  // The history from before the reload is back: the timeline starts at the run's start.
  await expect.poll(() => endOf(page), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);

  const at = await scrubTo(page, 1);
  // The banner names the instant the cursor is at (1.0 s, or the frame beside it when none was at 1.0).
  await expect(page.getByTestId('past-banner')).toContainText(
    new RegExp(`Showing ${at.toFixed(1).replace('.', '\\.')} s — the run is at \\d+\\.\\d s`),
  );
  const depth = await depthOf(page, 'e1');
  expect(depth).toBeGreaterThan(0);
  expect(depth).toBeLessThan(1000);
  await page.screenshot({ path: `${SHOTS}/reload-scrubbed-1280.png` });

  // The run went on meanwhile: Live returns to it.
  await page.getByTestId('timeline-live').click();
  await expect(page.getByTestId('past-banner')).toHaveCount(0);
  await expect(page.getByTestId('edge-label-e1')).toHaveAttribute('data-fill', 'red');
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', /stopped|completed/);
});
