import type { XYPosition } from '@xyflow/react';

/** A node as align and distribute see it: where it is and how big it was drawn. */
export interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export type AlignMode = 'left' | 'centre' | 'top' | 'middle';
export type DistributeAxis = 'horizontal' | 'vertical';

/**
 * New positions lining the boxes up: left edges on the leftmost, centres on the selection's
 * middle column, tops on the topmost, or centres on its middle row. Only boxes that move are in
 * the answer.
 *
 * @example align([{ id: 'a', x: 0, y: 0, width: 100, height: 50 }, { id: 'b', x: 40, y: 90, width: 100, height: 50 }], 'left').get('b') // { x: 0, y: 90 }
 */
export function align(boxes: readonly Box[], mode: AlignMode): Map<string, XYPosition> {
  const out = new Map<string, XYPosition>();
  if (boxes.length < 2) return out;
  const left = Math.min(...boxes.map((b) => b.x));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const top = Math.min(...boxes.map((b) => b.y));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  for (const b of boxes) {
    const p =
      mode === 'left'
        ? { x: left, y: b.y }
        : mode === 'centre'
          ? { x: Math.round((left + right) / 2 - b.width / 2), y: b.y }
          : mode === 'top'
            ? { x: b.x, y: top }
            : { x: b.x, y: Math.round((top + bottom) / 2 - b.height / 2) };
    if (p.x !== b.x || p.y !== b.y) out.set(b.id, p);
  }
  return out;
}

/**
 * New positions spacing the boxes evenly along an axis: the first and last (by position) stay,
 * the ones between get equal gaps between their edges, so boxes of different sizes still look
 * evenly spaced. Needs three boxes; order along the axis is kept.
 */
export function distribute(boxes: readonly Box[], axis: DistributeAxis): Map<string, XYPosition> {
  const out = new Map<string, XYPosition>();
  if (boxes.length < 3) return out;
  const horizontal = axis === 'horizontal';
  const start = (b: Box) => (horizontal ? b.x : b.y);
  const size = (b: Box) => (horizontal ? b.width : b.height);
  const sorted = [...boxes].sort((a, b) => start(a) - start(b) || a.id.localeCompare(b.id));
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  const span = start(last) + size(last) - start(first);
  const filled = sorted.reduce((sum, b) => sum + size(b), 0);
  const gap = (span - filled) / (sorted.length - 1);
  let at = start(first);
  for (const b of sorted) {
    const p = horizontal ? { x: Math.round(at), y: b.y } : { x: b.x, y: Math.round(at) };
    if (p.x !== b.x || p.y !== b.y) out.set(b.id, p);
    at += size(b) + gap;
  }
  return out;
}
