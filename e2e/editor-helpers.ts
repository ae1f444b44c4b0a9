import { expect, type Locator, type Page } from '@playwright/test';

/** Screenshots land here (ignored by git); look at them after a run. */
export const SHOTS = 'e2e/screenshots';

/** Drags a palette item onto the canvas at a point relative to the canvas' top-left corner. */
export async function dragKind(page: Page, kind: string, at: { x: number; y: number }): Promise<void> {
  await page.getByTestId(`palette-item-${kind}`).dragTo(page.getByTestId('canvas'), { targetPosition: at });
}

export function handle(page: Page, nodeId: string, port: string): Locator {
  return page.getByTestId(`node-${nodeId}`).locator(`.react-flow__handle[data-handleid="${port}"]`);
}

/** Connects two ports the way a user does: press on one handle, move, release on the other. */
export async function connect(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('handle not visible');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2 + 10, { steps: 8 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
}

/** Selects a node by clicking its header (not a port or a metric). */
export async function selectNode(page: Page, nodeId: string): Promise<void> {
  await page.getByTestId(`node-${nodeId}`).locator('.sl-node__header').click();
  await expect(page.getByTestId('inspector')).toContainText(nodeId);
}

/** Reads a rate label such as `498/s` or `1.9k/s` as items per second (NaN for `—`). */
export function parseRate(text: string): number {
  const m = /^([\d.]+)(k|M|G)?\/s$/.exec(text.trim());
  if (!m) return Number.NaN;
  const scale = { k: 1e3, M: 1e6, G: 1e9 }[m[2] as 'k' | 'M' | 'G'] ?? 1;
  return Number(m[1]) * scale;
}
