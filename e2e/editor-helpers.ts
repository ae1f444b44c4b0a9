import { expect, type Locator, type Page } from '@playwright/test';

/** Screenshots land here; look at them after a run. */
export const SHOTS = process.env.SHOTS_DIR ?? 'e2e/screenshots';
/** The three sizes the UI is judged at: laptop, desktop, phone. */
export const SHOT_SIZES = [
  { name: '1280', width: 1280, height: 720 },
  { name: '1440', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/**
 * Opens the editor as a returning visitor: the gallery that greets first visits stays closed
 * (the gallery spec tests that greeting on its own).
 */
export async function openEditor(page: Page, path = '/'): Promise<void> {
  await page.addInitScript("localStorage.setItem('sluice:gallery-seen', '1')");
  await page.goto(path);
  await expect(page.getByTestId('palette-item-generator')).toBeVisible();
}

/**
 * Opens the editor with a graph already on the canvas, as a draft kept from an earlier visit
 * (once per tab, so later reloads see what the test did, not the seed again).
 */
export async function openWithGraph(page: Page, doc: object): Promise<void> {
  const draft = JSON.stringify({ doc, meta: null, savedKey: null });
  // Scripts run in the page; written as text so this file needs no DOM types.
  await page.addInitScript(`
    if (!sessionStorage.getItem('sluice:e2e-seeded')) {
      sessionStorage.setItem('sluice:e2e-seeded', '1');
      localStorage.setItem('sluice:draft:v2', ${JSON.stringify(draft)});
    }`);
  await openEditor(page);
}

/** Drags a palette item onto the canvas at a point relative to the canvas' top-left corner. */
export async function dragKind(page: Page, kind: string, at: { x: number; y: number }): Promise<void> {
  await page.getByTestId(`palette-item-${kind}`).dragTo(page.getByTestId('canvas'), { targetPosition: at });
}

export function handle(page: Page, nodeId: string, port: string): Locator {
  return page.getByTestId(`node-${nodeId}`).locator(`.react-flow__handle[data-handleid="${port}"]`);
}

/**
 * Presses on one handle and moves onto another the way a user does. `whileOver` runs with the
 * button still down over the target (to look at the live hint), then the button is released.
 */
export async function connect(
  page: Page,
  from: Locator,
  to: Locator,
  whileOver?: () => Promise<void>,
): Promise<void> {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('handle not visible');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2 + 10, { steps: 8 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  if (whileOver) await whileOver();
  await page.mouse.up();
}

/** Selects a node by clicking its header (not a port or a metric). */
export async function selectNode(page: Page, nodeId: string, modifiers: Array<'Shift'> = []): Promise<void> {
  await page.getByTestId(`node-${nodeId}`).locator('.sl-node__header').click({ modifiers });
  if (modifiers.length === 0) await expect(page.getByTestId('inspector')).toContainText(nodeId);
}

/** Fits the graph in view and waits for the zoom animation to end (handles stop moving). */
export async function fitView(page: Page): Promise<void> {
  await page.getByTestId('fit-button').click();
  const transform = () => page.locator('.react-flow__viewport').getAttribute('style');
  let last = '';
  await expect
    .poll(
      async () => {
        const now = (await transform()) ?? '';
        const still = now === last;
        last = now;
        return still;
      },
      { intervals: [150] },
    )
    .toBe(true);
}

/** Clicks an empty spot of the canvas (clears the selection, takes focus out of form fields). */
export async function clickPane(page: Page): Promise<void> {
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 300 } });
}

/** Reads a rate label such as `498/s`, `1,998/s` or `12.3k/s` as items per second (NaN for `—`). */
export function parseRate(text: string): number {
  const m = /^([\d.,]+)(k|M|G)?\/s$/.exec(text.trim());
  if (!m?.[1]) return Number.NaN;
  const scale = { k: 1e3, M: 1e6, G: 1e9 }[m[2] as 'k' | 'M' | 'G'] ?? 1;
  return Number(m[1].replace(/,/g, '')) * scale;
}

/** Reads a compact count such as `1,204` or `12k`. */
export function parseCount(text: string): number {
  const m = /([\d.,]+)(k|M)?/.exec(text.replace(/\s/g, ''));
  if (!m?.[1]) return Number.NaN;
  return Number(m[1].replace(/,/g, '')) * ({ k: 1e3, M: 1e6 }[m[2] as 'k' | 'M'] ?? 1);
}

/** A node of a graph document, for seeding. */
export const node = (id: string, kind: string, x: number, y: number, params: object = {}) => ({
  id,
  kind,
  position: { x, y },
  params,
});

/** An edge of a graph document, for seeding. */
export const edge = (
  id: string,
  source: string,
  target: string,
  extra: { sourcePort?: string; targetPort?: string; capacity?: number; overflow?: string } = {},
) => ({
  id,
  source,
  sourcePort: extra.sourcePort ?? 'out',
  target,
  targetPort: extra.targetPort ?? 'in',
  capacity: extra.capacity ?? 64,
  overflow: extra.overflow ?? 'block',
});
