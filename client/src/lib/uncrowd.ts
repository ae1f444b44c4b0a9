import type { Graph } from '../../../shared/graph/graph-schema.js';
import { spread } from './spread.js';

/** A node card's size before it is measured, px (the editor's own guess for gallery graphs). */
const CARD_W = 232;
const CARD_H = 140;

/**
 * The graph with room between its nodes when some of their cards would overlap, else the graph
 * itself. Read-only views (a recording, a watched run) cannot move nodes after they are drawn,
 * and a graph started through the API on the gallery's compact grid would draw its cards on top
 * of each other. A layout whose cards do not touch is the author's and is left alone.
 *
 * @example uncrowd(graphOn220pxColumns).nodes[1].position // { x: 368, y: 0 }
 */
export function uncrowd(doc: Graph): Graph {
  const boxes = doc.nodes.map((n) => ({ id: n.id, position: n.position, width: CARD_W, height: CARD_H }));
  if (!boxes.some((a, i) => boxes.slice(i + 1).some((b) => overlap(a.position, b.position)))) return doc;
  const at = spread(boxes);
  return { ...doc, nodes: doc.nodes.map((n) => ({ ...n, position: at.get(n.id) ?? n.position })) };
}

function overlap(a: { x: number; y: number }, b: { x: number; y: number }): boolean {
  return Math.abs(a.x - b.x) < CARD_W && Math.abs(a.y - b.y) < CARD_H;
}
