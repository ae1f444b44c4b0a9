/** How full a bounded queue is, as the colour the canvas draws it in. */
export type FillLevel = 'green' | 'yellow' | 'red';

/** Thresholds from the product brief: green < 60 % ≤ yellow < 85 % ≤ red. */
export const YELLOW_AT = 0.6;
export const RED_AT = 0.85;

/**
 * The fill ratio of a queue, 0..1. A rendezvous edge (capacity 0) holds nothing, so its ratio
 * is 0 unless something is (unexpectedly) queued.
 *
 * @example fillRatio(48, 64) // 0.75
 */
export function fillRatio(depth: number, capacity: number): number {
  if (capacity <= 0) return depth > 0 ? 1 : 0;
  return Math.min(1, Math.max(0, depth / capacity));
}

/**
 * @example fillLevel(64, 64) // 'red'
 * @example fillLevel(38, 64) // 'green' (59 %)
 */
export function fillLevel(depth: number, capacity: number): FillLevel {
  const ratio = fillRatio(depth, capacity);
  if (ratio >= RED_AT) return 'red';
  if (ratio >= YELLOW_AT) return 'yellow';
  return 'green';
}
