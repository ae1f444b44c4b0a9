/**
 * Where each drawn queue edge runs, for the overview layer (overview-layer.tsx): the edge
 * component already computes its path and gauge spot, so it hands them over here instead of
 * the layer working them out again. Only mounted edges are listed (React Flow leaves off-screen
 * ones unmounted on big graphs), which is all the layer draws.
 */
export interface EdgeGeometry {
  /** The SVG path the edge draws, in flow coordinates. */
  path: string;
  /** The gauge's centre, in flow coordinates. */
  x: number;
  y: number;
  /** Built on first draw, kept while the path stays the same. */
  shape?: Path2D;
}

const edges = new Map<string, EdgeGeometry>();
const listeners = new Set<() => void>();

function changed(): void {
  for (const l of listeners) l();
}

/** Records an edge's path and gauge spot (a no-op when neither moved). */
export function placeEdge(id: string, path: string, x: number, y: number): void {
  const old = edges.get(id);
  if (old && old.path === path && old.x === x && old.y === y) return;
  edges.set(id, { path, x, y });
  changed();
}

/** The edge left the canvas (deleted, or scrolled out of a big graph). */
export function forgetEdge(id: string): void {
  if (edges.delete(id)) changed();
}

export function edgeGeometry(): ReadonlyMap<string, EdgeGeometry> {
  return edges;
}

/** Calls `listener` whenever an edge moves, appears or goes; returns the unsubscribe. */
export function onGeometry(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
