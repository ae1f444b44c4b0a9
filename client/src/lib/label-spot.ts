export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where along an edge a label may sit, most wanted first: the middle, then outwards in turn, in
 * steps of 5 % (fine enough to find the gap between two columns on a long edge).
 */
export const LABEL_STOPS = [
  0.5,
  ...Array.from({ length: 8 }, (_, i) => [0.45 - i * 0.05, 0.55 + i * 0.05]).flat(),
];

/**
 * The first of `candidates` (points on the edge, most wanted first) where a label of `size`,
 * centred there, covers none of `boxes` (the nodes, in flow coordinates); the first candidate
 * when every one is covered. A queue's gauge must never hide under a node.
 *
 * @example labelSpot([{ x: 100, y: 0 }, { x: 200, y: 0 }], [{ x: 80, y: -20, width: 40, height: 40 }], { width: 50, height: 30 })
 *   // { x: 200, y: 0 }: the middle is under a node, the next stop is free
 */
export function labelSpot(
  candidates: readonly Point[],
  boxes: readonly Box[],
  size: { width: number; height: number },
): Point | undefined {
  const hw = size.width / 2;
  const hh = size.height / 2;
  const covered = (p: Point) =>
    boxes.some(
      (b) => p.x + hw > b.x && p.x - hw < b.x + b.width && p.y + hh > b.y && p.y - hh < b.y + b.height,
    );
  return candidates.find((p) => !covered(p)) ?? candidates[0];
}
