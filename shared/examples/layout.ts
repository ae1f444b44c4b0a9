import type { GraphInput } from '../graph/graph-schema.js';

type NodeDoc = GraphInput['nodes'][number];
type EdgeDoc = NonNullable<GraphInput['edges']>[number];

/** Horizontal distance between pipeline stages on the canvas, px. */
export const COLUMN_PX = 220;
/** Vertical distance between chains drawn side by side, px. */
export const ROW_PX = 160;

/**
 * A node placed on the gallery grid: stages left to right, chains top to bottom.
 *
 * @example node('worker', 'worker', 1, 0, { serviceTimeMs: 2 }) // x 220, y 0
 */
export function node(
  id: string,
  kind: string,
  column: number,
  row: number,
  params: Record<string, unknown> = {},
): NodeDoc {
  return { id, kind, position: { x: column * COLUMN_PX, y: row * ROW_PX }, params };
}

/**
 * An edge with every field written out (the served JSON is what a user would export).
 *
 * @example edge('queue', 'source', 'worker', { capacity: 0 })
 */
export function edge(
  id: string,
  source: string,
  target: string,
  options: { capacity?: number; overflow?: EdgeDoc['overflow']; sourcePort?: string } = {},
): EdgeDoc {
  return {
    id,
    source,
    sourcePort: options.sourcePort ?? 'out',
    target,
    targetPort: 'in',
    capacity: options.capacity ?? 64,
    overflow: options.overflow ?? 'block',
  };
}
