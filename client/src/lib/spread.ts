import type { XYPosition } from '@xyflow/react';

export interface Box {
  id: string;
  position: XYPosition;
  width: number;
  height: number;
}

/**
 * Stretches a grid-like layout until its boxes no longer crowd each other, keeping every node's
 * place relative to the others ("above", "left of" stay true). Columns end up at least `gapX`
 * apart (room for the queue gauge on the edge between them), rows `gapY`.
 *
 * @example spread([{ id: 'a', position: { x: 0, y: 0 }, width: 232, height: 140 },
 *                  { id: 'b', position: { x: 220, y: 0 }, width: 232, height: 140 }]).get('b') // { x: 368, y: 0 }
 */
export function spread(boxes: readonly Box[], gapX = 136, gapY = 48): Map<string, XYPosition> {
  const minStep = (values: number[]) => {
    const sorted = [...new Set(values.map((v) => Math.round(v)))].sort((a, b) => a - b);
    let step = Number.POSITIVE_INFINITY;
    for (let i = 1; i < sorted.length; i++) step = Math.min(step, sorted[i]! - sorted[i - 1]!);
    return step;
  };
  const width = Math.max(0, ...boxes.map((b) => b.width));
  const height = Math.max(0, ...boxes.map((b) => b.height));
  const dx = minStep(boxes.map((b) => b.position.x));
  const dy = minStep(boxes.map((b) => b.position.y));
  const sx = Number.isFinite(dx) ? Math.max(1, (width + gapX) / dx) : 1;
  const sy = Number.isFinite(dy) ? Math.max(1, (height + gapY) / dy) : 1;
  const snap = (v: number) => Math.round(v / 16) * 16;
  return new Map(boxes.map((b) => [b.id, { x: snap(b.position.x * sx), y: snap(b.position.y * sy) }]));
}
